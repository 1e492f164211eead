package io.testhealth.collector.store.support;

import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Outcome;
import io.testhealth.collector.store.ComponentSummary;
import io.testhealth.collector.store.HistoryQueries;
import io.testhealth.collector.store.HistoryQueries.UploadsCovered;
import io.testhealth.collector.store.HistoryQueries.WindowRead;
import io.testhealth.collector.store.TestRunDetail;
import io.testhealth.collector.store.TestRunDetail.AttemptDetail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reads of the history tables, the same SQL for both stores: each method is a fixed, small number of queries
 * however many tests or runs it returns, so a component with thousands of tests costs no more round trips than one
 * with a single test.
 *
 * <p>Rows become values here and nowhere else. A result row's {@code duration_seconds} is the cost of all its
 * attempts and {@code final_duration_seconds} the final attempt's; rows written before migration V2 have no final
 * duration, and for them it is known only when the result had one attempt (then both are the same).
 *
 * <p>The caller lends the connection and decides the transaction; the methods run inside it and close only what
 * they open.
 */
public final class HistoryReader {

    /** Rows fetched per round trip while streaming a history; PostgreSQL uses a cursor only when this is set. */
    static final int FETCH_SIZE = 2_000;

    /** Columns of a fact and its job run, shared by the history and the test-run reads. */
    private static final String FACT_COLUMNS = "t.test_id, t.suite, t.name, t.invocation, t.upload_id, t.outcome,"
            + " t.attempts, t.failed_attempts, t.duration_seconds, t.final_duration_seconds, t.failure_type,"
            + " t.failure_message, t.failure_fingerprint, t.layer, t.layer_source, CAST(t.labels AS VARCHAR) AS labels,"
            + " t.report_file, r.run_id, r.component, r.team, r.pipeline, r.job, r.attempt, r.environment,"
            + " r.branch, r.commit_sha, r.run_url, r.started_at";

    /** The order of a history's rows: by test, each test's job runs oldest first, a job run's rows together. */
    private static final String HISTORY_ORDER = " ORDER BY t.test_id, r.started_at, r.run_id, t.report_file,"
            + " t.invocation";

    /** The columns of a history's rows, in the order {@link HistoryAssembler} reads them. */
    private static final String HISTORY_COLUMNS = "SELECT t.test_id, t.suite, t.name, t.invocation, t.outcome, t.attempts,"
            + " t.failed_attempts, t.duration_seconds, t.final_duration_seconds, t.failure_type, t.failure_message,"
            + " t.failure_fingerprint, t.layer, t.layer_source, CAST(t.labels AS VARCHAR) AS labels, t.report_file,"
            + " t.run_id FROM test_results t JOIN runs r ON r.run_id = t.run_id";

    /**
     * A component's results in a span of time, in test and time order. Only each test's latest runs are kept, by
     * the reader as it streams: a window function doing it in SQL cost the database a second sort of every row.
     *
     * <p>The runs are selected by component (through {@code runs_component_started_idx}) and the results by run:
     * every result of a run has the run's component (the run id is derived from it), so this reads the same rows
     * as filtering the results by component, without a plan that scans the component's whole index once per run
     * when the table has no statistics yet. Only the run's id comes with each row, not its columns: the runs are
     * read once, by {@link #WINDOW_RUNS}, which keeps the rows the database sorts and sends narrow.
     */
    private static final String HISTORY = HISTORY_COLUMNS
            + " WHERE r.component = ? AND r.started_at >= ? AND r.started_at < ?" + HISTORY_ORDER;

    /** The uploads of a component's job runs that started before a moment. */
    private static final String UPLOADS_BEFORE = "SELECT count(*) FROM uploads u JOIN runs r ON r.run_id = u.run_id"
            + " WHERE u.component = ? AND r.started_at < ?";

    /** The uploads of a component's job runs that started in a span of time, with their runs. */
    private static final String WINDOW_UPLOADS = "SELECT u.upload_id, u.run_id, r.started_at, u.annotated_earlier FROM uploads u"
            + " JOIN runs r ON r.run_id = u.run_id WHERE u.component = ? AND r.started_at >= ? AND r.started_at < ?";

    /** The columns of a {@link JobRun}. */
    private static final String RUN_COLUMNS = "SELECT run_id, component, team, pipeline, job, attempt, environment,"
            + " branch, commit_sha, started_at FROM runs";

    /** The job runs of {@link #HISTORY}: a component's runs in a span of time. */
    private static final String WINDOW_RUNS = RUN_COLUMNS + " WHERE component = ? AND started_at >= ? AND started_at < ?";

    /**
     * Most uploads {@link #addedRuns} reads by id (two lists of bind parameters); more added since the covered read
     * is a burst better served by reading the window again.
     */
    private static final int MAX_ADDED_UPLOADS = 500;

    /** Most test ids whose totals one query asks for. */
    private static final int TOTALS_PER_QUERY = 500;

    /** Orders histories as {@link HistoryQueries#testHistories} lists them. */
    public static final Comparator<TestHistory> BY_TEST_ID = Comparator.comparing(TestHistory::testId);

    /**
     * Every test of a component before a moment: in how many job runs it ran (its invocations in one job run are
     * one run) and when it first ran. Asked for the
     * time before the span read, whose rows the reader counts itself, so the database aggregates only the older
     * history (often nothing).
     */
    private static final String TOTALS = "SELECT t.test_id, count(DISTINCT t.run_id), min(r.started_at)"
            + " FROM test_results t JOIN runs r ON r.run_id = t.run_id WHERE r.component = ? AND r.started_at < ?"
            + " GROUP BY t.test_id";

    /** As {@link #TOTALS} for some tests, through the index on {@code (component, test_id)}; the ids' marks follow. */
    private static final String TESTS_TOTALS = "SELECT t.test_id, count(DISTINCT t.run_id), min(r.started_at)"
            + " FROM test_results t JOIN runs r ON r.run_id = t.run_id WHERE t.component = ? AND r.started_at < ?"
            + " AND t.test_id IN (";

    /**
     * Each component with its latest run, its run count, and the team of its latest run that named one:
     * {@code row_number} orders the runs with a team apart from those without, newest first. {@code %s} is where
     * the runs are limited to one component, or not at all.
     */
    private static final String SUMMARIES = "SELECT component, max(started_at), count(*),"
            + " max(CASE WHEN named AND recency = 1 THEN team END)"
            + " FROM (SELECT component, team, started_at, team <> '' AS named, row_number() OVER"
            + " (PARTITION BY component, team <> '' ORDER BY started_at DESC, created_at DESC, run_id DESC) AS recency"
            + " FROM runs%s) r GROUP BY component";

    private static final String COMPONENTS = String.format(SUMMARIES, "");

    /** One component's summary: the filter sits inside, so only that component's runs are read, by index. */
    private static final String COMPONENT = String.format(SUMMARIES, " WHERE component = ?");

    private static final String TEST_RUNS = "SELECT " + FACT_COLUMNS
            + " FROM test_results t JOIN runs r ON r.run_id = t.run_id WHERE t.component = ? AND t.test_id = ?"
            + " ORDER BY r.started_at DESC, r.run_id DESC, t.report_file, t.invocation LIMIT ?";

    /** Numbered per fingerprint in the order of {@link #TEST_RUNS}, so that 1 is the newest trace of each. */
    private static final String LATEST_TRACES = "SELECT failure_fingerprint, failure_trace FROM (SELECT"
            + " t.failure_fingerprint, t.failure_trace, ROW_NUMBER() OVER (PARTITION BY t.failure_fingerprint"
            + " ORDER BY r.started_at DESC, r.run_id DESC, t.report_file, t.invocation) AS n"
            + " FROM test_results t JOIN runs r ON r.run_id = t.run_id WHERE t.component = ? AND t.test_id = ?"
            + " AND t.failure_trace IS NOT NULL AND t.failure_fingerprint IS NOT NULL) latest WHERE n = 1";

    private static final String WALL_TIMES = "SELECT run_id, started_at, finished_at FROM runs"
            + " WHERE component = ? AND started_at >= ? AND finished_at IS NOT NULL";

    private HistoryReader() {
    }

    /**
     * Wall time of each job run whose uploads said when it finished. Computed here rather than in SQL because the two
     * databases spell the difference of two timestamps in seconds differently.
     */
    public static Map<String, Double> wallTimes(Connection c, String component, Instant from) throws SQLException {
        Map<String, Double> seconds = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(WALL_TIMES)) {
            ps.setString(1, component);
            ps.setObject(2, HistoryRows.utc(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant started = instant(rs, 2);
                    Instant finished = instant(rs, 3);
                    double s = java.time.Duration.between(started, finished).toMillis() / 1000.0;
                    if (s > 0) {
                        seconds.put(rs.getString(1), s);
                    }
                }
            }
        }
        return seconds;
    }

    /** Every component with at least one run, ordered by reference (in Java, so both stores order alike). */
    public static List<ComponentSummary> components(Connection c) throws SQLException {
        List<ComponentSummary> components = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(COMPONENTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                components.add(summary(rs));
            }
        }
        components.sort(Comparator.comparing(ComponentSummary::component));
        return components;
    }

    /** One component's summary, or empty when it has no run; see {@link #components}. */
    public static Optional<ComponentSummary> component(Connection c, String component) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COMPONENT)) {
            ps.setString(1, component);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(summary(rs)) : Optional.empty();
            }
        }
    }

    private static ComponentSummary summary(ResultSet rs) throws SQLException {
        return new ComponentSummary(rs.getString(1), rs.getString(4), instant(rs, 2), rs.getLong(3));
    }

    /**
     * The tests of a component that ran in {@code [from, to)}, ordered by test id, each with its latest
     * {@code maxRunsPerTest} job runs oldest first; see {@link io.testhealth.collector.store.HistoryQueries}.
     *
     * <p>Two queries: one grouped over the component's history before {@code to} for {@code runsEver} (job runs,
     * as {@link TestHistory#runs()} counts them) and {@code firstSeen}, and one that streams the span's rows in test
     * order, so each history is complete when the test id changes. Each job run becomes one {@link JobRun} shared
     * by all its facts, and a test's rows of one job run become one fact.
     */
    public static List<TestHistory> testHistories(Connection c, String component, Instant from, Instant to,
                                                  int maxRunsPerTest) throws SQLException {
        return histories(c, component, from, to, maxRunsPerTest, totals(c, component, from));
    }

    /** As {@link #testHistories}, with the uploads it covered; see {@link HistoryQueries#windowRead}. */
    public static WindowRead windowRead(Connection c, String component, Instant from, Instant to, int maxRunsPerTest)
            throws SQLException {
        Map<String, UploadRun> uploads = windowUploads(c, component, from, to);
        return new WindowRead(testHistories(c, component, from, to, maxRunsPerTest),
                covered(from, to, uploadsBefore(c, component, from), uploads));
    }

    /**
     * The runs the covered read did not have; see {@link HistoryQueries#addedRuns}. The uploads are told apart by id:
     * those of the window not covered, for job runs that started before the covered read's end, are read by id
     * through {@code test_results_run_idx}; every run that started at or after that end is read as a span. Tests the
     * covered read did not return get their totals before {@code from} from one grouped query over their own rows.
     */
    public static Optional<WindowRead> addedRuns(Connection c, String component, UploadsCovered covered,
                                                 Set<String> readTests, Instant from, Instant to, int maxRunsPerTest)
            throws SQLException {
        if (from.isBefore(covered.from()) || to.isBefore(covered.to())) {
            throw new IllegalArgumentException("the window " + from + ".." + to + " does not extend the covered "
                    + covered.from() + ".." + covered.to());
        }
        long before = uploadsBefore(c, component, from);
        Map<String, UploadRun> uploads = windowUploads(c, component, from, to);
        long coveredBefore = covered.before();
        for (Map.Entry<String, Instant> u : covered.window().entrySet()) {
            if (u.getValue().isBefore(from)) {
                coveredBefore++;
            } else if (!uploads.containsKey(u.getKey())) {
                return Optional.empty(); // deleted: its runs would have to be taken out
            }
        }
        if (before != coveredBefore) {
            // an upload before the window (also one after the covered end when the window moved past it): it changes
            // totals that are not read here
            return Optional.empty();
        }
        Set<String> added = new LinkedHashSet<>();
        Set<String> addedRuns = new LinkedHashSet<>();
        uploads.forEach((id, u) -> {
            if (u.startedAt().isBefore(covered.to()) && !covered.window().containsKey(id)) {
                added.add(id);
                addedRuns.add(u.runId());
            }
        });
        if (added.size() > MAX_ADDED_UPLOADS || added.stream().anyMatch(id -> uploads.get(id).annotatedEarlier())) {
            return Optional.empty(); // many to read, or results read before have changed since
        }
        List<TestHistory> late = added.isEmpty() ? List.of() : uploadedHistories(c, component, addedRuns, added,
                maxRunsPerTest);
        List<TestHistory> since = histories(c, component, covered.to(), to, maxRunsPerTest, Map.of());
        List<TestHistory> histories = withTotals(c, component, concatenated(late, since, maxRunsPerTest), readTests,
                from);
        return Optional.of(new WindowRead(histories, covered(from, to, before, uploads)));
    }

    private static UploadsCovered covered(Instant from, Instant to, long before, Map<String, UploadRun> uploads) {
        Map<String, Instant> window = new HashMap<>();
        uploads.forEach((id, u) -> window.put(id, u.startedAt()));
        return new UploadsCovered(from, to, before, window);
    }

    /** Uploads of the component's job runs that started before a moment; one count over the component's uploads. */
    private static long uploadsBefore(Connection c, String component, Instant before) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPLOADS_BEFORE)) {
            ps.setString(1, component);
            ps.setObject(2, HistoryRows.utc(before));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** The uploads of the component's job runs that started in {@code [from, to)}, by upload id. */
    private static Map<String, UploadRun> windowUploads(Connection c, String component, Instant from, Instant to)
            throws SQLException {
        Map<String, UploadRun> uploads = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(WINDOW_UPLOADS)) {
            ps.setString(1, component);
            ps.setObject(2, HistoryRows.utc(from));
            ps.setObject(3, HistoryRows.utc(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    uploads.put(rs.getString(1), new UploadRun(rs.getString(2), instant(rs, 3), rs.getBoolean(4)));
                }
            }
        }
        return uploads;
    }

    /**
     * The results of some uploads as histories ({@code runsEver} and {@code firstSeen} count these results only),
     * ordered as a window's. Their job runs are read by id.
     */
    private static List<TestHistory> uploadedHistories(Connection c, String component, Set<String> runIds,
                                                       Set<String> uploadIds, int maxRunsPerTest) throws SQLException {
        Map<String, JobRun> jobs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(RUN_COLUMNS + " WHERE run_id IN (" + marks(runIds.size()) + ")")) {
            int i = 1;
            for (String runId : runIds) {
                ps.setString(i++, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JobRun job = jobRun(rs);
                    jobs.put(job.runId(), job);
                }
            }
        }
        String sql = HISTORY_COLUMNS + " WHERE t.component = ? AND t.run_id IN (" + marks(runIds.size())
                + ") AND t.upload_id IN (" + marks(uploadIds.size()) + ")" + HISTORY_ORDER;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            int i = 1;
            ps.setString(i++, component);
            for (String runId : runIds) {
                ps.setString(i++, runId);
            }
            for (String uploadId : uploadIds) {
                ps.setString(i++, uploadId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<TestHistory> histories = new HistoryAssembler(Map.of(), jobs, maxRunsPerTest).read(rs);
                histories.sort(BY_TEST_ID);
                return histories;
            }
        }
    }

    /**
     * Two lists of histories, each ordered by test id, as one: a test in both has the runs of the first, all older,
     * then those of the second, the latest {@code maxRuns} of them kept, and the counts of both.
     */
    private static List<TestHistory> concatenated(List<TestHistory> older, List<TestHistory> newer, int maxRuns) {
        if (older.isEmpty()) {
            return newer;
        }
        List<TestHistory> out = new ArrayList<>(older.size() + newer.size());
        int i = 0;
        int j = 0;
        while (i < older.size() || j < newer.size()) {
            int order = i == older.size() ? 1 : j == newer.size() ? -1
                    : BY_TEST_ID.compare(older.get(i), newer.get(j));
            if (order < 0) {
                out.add(older.get(i++));
            } else if (order > 0) {
                out.add(newer.get(j++));
            } else {
                TestHistory o = older.get(i++);
                TestHistory n = newer.get(j++);
                List<TestRunFact> runs = new ArrayList<>(o.runs());
                runs.addAll(n.runs());
                if (runs.size() > maxRuns) {
                    runs = runs.subList(runs.size() - maxRuns, runs.size());
                }
                out.add(new TestHistory(o.testId(), o.component(), o.suite(), o.name(), runs,
                        o.runsEver() + n.runsEver(), o.firstSeen()));
            }
        }
        return out;
    }

    /** The histories with the totals before {@code from} added to those of the tests not in {@code read}. */
    private static List<TestHistory> withTotals(Connection c, String component, List<TestHistory> histories,
                                                Set<String> read, Instant from) throws SQLException {
        List<String> unread = new ArrayList<>();
        for (TestHistory h : histories) {
            if (!read.contains(h.testId())) {
                unread.add(h.testId());
            }
        }
        if (unread.isEmpty()) {
            return histories;
        }
        Map<String, Totals> totals = new HashMap<>();
        for (int start = 0; start < unread.size(); start += TOTALS_PER_QUERY) {
            List<String> ids = unread.subList(start, Math.min(unread.size(), start + TOTALS_PER_QUERY));
            try (PreparedStatement ps = c.prepareStatement(TESTS_TOTALS + marks(ids.size()) + ") GROUP BY t.test_id")) {
                int i = 1;
                ps.setString(i++, component);
                ps.setObject(i++, HistoryRows.utc(from));
                for (String id : ids) {
                    ps.setString(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        totals.put(rs.getString(1), new Totals(rs.getLong(2), instant(rs, 3)));
                    }
                }
            }
        }
        List<TestHistory> out = new ArrayList<>(histories.size());
        for (TestHistory h : histories) {
            Totals older = read.contains(h.testId()) ? null : totals.get(h.testId());
            out.add(older == null ? h : new TestHistory(h.testId(), h.component(), h.suite(), h.name(), h.runs(),
                    older.runs() + h.runsEver(), older.firstSeen()));
        }
        return out;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static List<TestHistory> histories(Connection c, String component, Instant from, Instant to,
                                               int maxRunsPerTest, Map<String, Totals> before) throws SQLException {
        if (maxRunsPerTest < 1) {
            throw new IllegalArgumentException("maxRunsPerTest must be 1 or more, got " + maxRunsPerTest);
        }
        Map<String, JobRun> jobs = windowRuns(c, component, from, to);
        try (PreparedStatement ps = c.prepareStatement(HISTORY)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, component);
            ps.setObject(2, HistoryRows.utc(from));
            ps.setObject(3, HistoryRows.utc(to));
            try (ResultSet rs = ps.executeQuery()) {
                List<TestHistory> histories = new HistoryAssembler(before, jobs, maxRunsPerTest).read(rs);
                histories.sort(BY_TEST_ID); // the database's order of text depends on its collation
                return histories;
            }
        }
    }

    /**
     * Runs of some tests before a moment given per test, oldest first, one fact per job run; see
     * {@link io.testhealth.collector.store.HistoryQueries#runsBefore}. One query for all the tests, through the
     * index on {@code (component, test_id)}; rows at or after a test's own moment are dropped while reading.
     */
    public static Map<String, List<TestRunFact>> runsBefore(Connection c, String component, Map<String, Instant> before,
                                                            Instant notBefore) throws SQLException {
        Instant latest = Collections.max(before.values());
        String sql = "SELECT " + FACT_COLUMNS + " FROM test_results t JOIN runs r ON r.run_id = t.run_id"
                + " WHERE t.component = ? AND t.test_id IN (" + String.join(", ", Collections.nCopies(before.size(), "?"))
                + ") AND r.started_at >= ? AND r.started_at < ?"
                + " ORDER BY t.test_id, r.started_at, r.run_id, t.report_file, t.invocation";
        Map<String, List<TestRunFact>> rows = new HashMap<>();
        Map<String, JobRun> jobs = new HashMap<>();
        Map<String, Map<String, List<String>>> labels = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            int i = 1;
            ps.setString(i++, component);
            for (String testId : before.keySet()) {
                ps.setString(i++, testId);
            }
            ps.setObject(i++, HistoryRows.utc(notBefore));
            ps.setObject(i, HistoryRows.utc(latest));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String testId = rs.getString("test_id");
                    JobRun job = job(rs, jobs);
                    if (job.startedAt().isBefore(before.get(testId))) {
                        rows.computeIfAbsent(testId, k -> new ArrayList<>()).add(fact(rs, job, labels));
                    }
                }
            }
        }
        Map<String, List<TestRunFact>> runs = new HashMap<>();
        rows.forEach((testId, facts) -> runs.put(testId, runsOfTest(facts)));
        return runs;
    }

    /**
     * One fact per job run: the rows of one test in one job run (the invocations of a parameterized test, or the
     * test in two report files) are one run of it, {@link TestRunFact#ofInvocations}. The rows come ordered by job
     * run, so a run's rows are next to each other.
     */
    static List<TestRunFact> runsOfTest(List<TestRunFact> rows) {
        List<TestRunFact> runs = new ArrayList<>(rows.size());
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || !rows.get(i).job().runId().equals(rows.get(start).job().runId())) {
                runs.add(i - start == 1 ? rows.get(start) : TestRunFact.ofInvocations(rows.subList(start, i)));
                start = i;
            }
        }
        return runs;
    }

    /** The component's job runs that started in {@code [from, to)}, by run id. */
    private static Map<String, JobRun> windowRuns(Connection c, String component, Instant from, Instant to)
            throws SQLException {
        Map<String, JobRun> jobs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(WINDOW_RUNS)) {
            ps.setString(1, component);
            ps.setObject(2, HistoryRows.utc(from));
            ps.setObject(3, HistoryRows.utc(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JobRun job = jobRun(rs);
                    jobs.put(job.runId(), job);
                }
            }
        }
        return jobs;
    }

    /** The job run of a row of {@link #RUN_COLUMNS}. */
    private static JobRun jobRun(ResultSet rs) throws SQLException {
        return new JobRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), instant(rs, 10));
    }

    /**
     * A test's latest {@code limit} results, newest first, with their attempts: stored attempt rows for retried
     * results, fetched in one query for all of them, and one attempt made from the result row otherwise.
     *
     * <p>Attempt rows are keyed by upload, test and invocation; should one upload hold the same invocation twice
     * (in two report files), each of those results lists the attempts of both.
     */
    public static List<TestRunDetail> testRuns(Connection c, String component, String testId, int limit) throws SQLException {
        if (limit < 1) {
            return List.of();
        }
        List<RunRow> rows = new ArrayList<>();
        Map<String, JobRun> jobs = new HashMap<>();
        Map<String, Map<String, List<String>>> labels = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(TEST_RUNS)) {
            ps.setString(1, component);
            ps.setString(2, testId);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new RunRow(rs.getString("upload_id"), rs.getString("suite"), rs.getString("name"),
                            rs.getString("invocation"), rs.getString("run_url"), fact(rs, job(rs, jobs), labels),
                            rs.getString("outcome")));
                }
            }
        }
        Map<String, List<AttemptDetail>> attempts = attempts(c, testId, rows);
        List<TestRunDetail> details = new ArrayList<>(rows.size());
        for (RunRow row : rows) {
            details.add(row.detail(testId, attempts));
        }
        return details;
    }

    /** Pipelines asked for in one statement: far below either database's limit of bound parameters. */
    private static final int PIPELINES_PER_QUERY = 500;

    /** See {@link io.testhealth.collector.store.HistoryQueries#runUrls}. */
    public static Map<String, String> runUrls(Connection c, String component, java.util.Collection<String> pipelines)
            throws SQLException {
        Map<String, String> urls = new HashMap<>();
        List<String> all = List.copyOf(new LinkedHashSet<>(pipelines));
        for (int from = 0; from < all.size(); from += PIPELINES_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + PIPELINES_PER_QUERY));
            String sql = "SELECT pipeline, run_url FROM runs WHERE component = ? AND run_url IS NOT NULL"
                    + " AND run_url <> '' AND pipeline IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?"))
                    + ") ORDER BY started_at DESC, run_id DESC";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, component);
                int i = 2;
                for (String pipeline : chunk) {
                    ps.setString(i++, pipeline);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        urls.putIfAbsent(rs.getString(1), rs.getString(2));
                    }
                }
            }
        }
        return urls;
    }

    /** See {@link io.testhealth.collector.store.HistoryQueries#latestFailureTraces}. */
    public static Map<String, String> latestFailureTraces(Connection c, String component, String testId)
            throws SQLException {
        Map<String, String> traces = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LATEST_TRACES)) {
            ps.setString(1, component);
            ps.setString(2, testId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    traces.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return traces;
    }

    private static Map<String, Totals> totals(Connection c, String component, Instant to) throws SQLException {
        Map<String, Totals> totals = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(TOTALS)) {
            ps.setFetchSize(FETCH_SIZE);
            ps.setString(1, component);
            ps.setObject(2, HistoryRows.utc(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    totals.put(rs.getString(1), new Totals(rs.getLong(2), instant(rs, 3)));
                }
            }
        }
        return totals;
    }

    /** The attempt rows of the retried results among {@code rows}, by {@link #attemptKey}; one query. */
    private static Map<String, List<AttemptDetail>> attempts(Connection c, String testId, List<RunRow> rows)
            throws SQLException {
        Set<String> uploads = new LinkedHashSet<>();
        for (RunRow row : rows) {
            if (row.fact().attempts() > 1) {
                uploads.add(row.uploadId());
            }
        }
        Map<String, List<AttemptDetail>> attempts = new HashMap<>();
        if (uploads.isEmpty()) {
            return attempts;
        }
        String sql = "SELECT upload_id, invocation, attempt_no, status, duration_seconds, failure_type,"
                + " failure_message FROM test_attempts WHERE test_id = ? AND upload_id IN ("
                + String.join(", ", Collections.nCopies(uploads.size(), "?"))
                + ") ORDER BY upload_id, invocation, attempt_no";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, testId);
            int i = 2;
            for (String upload : uploads) {
                ps.setString(i++, upload);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    attempts.computeIfAbsent(attemptKey(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                            .add(new AttemptDetail(rs.getInt(3), rs.getString(4), nullableDouble(rs, 5),
                                    empty(rs.getString(6)), empty(rs.getString(7))));
                }
            }
        }
        return attempts;
    }

    private static String attemptKey(String uploadId, String invocation) {
        return uploadId + '\u001f' + invocation;
    }

    /** The job run of the current row, made once per run id. */
    private static JobRun job(ResultSet rs, Map<String, JobRun> jobs) throws SQLException {
        String runId = rs.getString("run_id");
        JobRun job = jobs.get(runId);
        if (job == null) {
            job = new JobRun(runId, rs.getString("component"), rs.getString("team"), rs.getString("pipeline"),
                    rs.getString("job"), rs.getInt("attempt"), rs.getString("environment"), rs.getString("branch"),
                    rs.getString("commit_sha"), instant(rs, "started_at"));
            jobs.put(runId, job);
        }
        return job;
    }

    /**
     * The fact of the current row.
     *
     * @param labelCache label maps by their stored text, so that the runs of one test share one map
     */
    private static TestRunFact fact(ResultSet rs, JobRun job, Map<String, Map<String, List<String>>> labelCache)
            throws SQLException {
        int attempts = rs.getInt("attempts");
        Double cost = nullableDouble(rs, "duration_seconds");
        Double last = nullableDouble(rs, "final_duration_seconds");
        Double duration = last != null ? last : attempts == 1 ? cost : null;
        Map<String, List<String>> labels = labelCache.computeIfAbsent(rs.getString("labels"),
                HistoryRows::parseLabels);
        return new TestRunFact(job, Outcome.valueOf(upper(rs.getString("outcome"))), attempts,
                rs.getInt("failed_attempts"), duration, cost, rs.getString("failure_type"),
                rs.getString("failure_message"), rs.getString("failure_fingerprint"), layer(rs), labels,
                rs.getString("report_file"));
    }

    private static DeclaredLayer layer(ResultSet rs) throws SQLException {
        return layer(rs.getString("layer"), rs.getString("layer_source"));
    }

    private static DeclaredLayer layer(String layer, String source) {
        if (layer == null || source == null) {
            return null;
        }
        return new DeclaredLayer(Layer.valueOf(upper(layer)), LayerSource.valueOf(upper(source)));
    }

    /** Outcomes by their stored (lower-case) text, so that reading a row builds no upper-case copy. */
    private static final Map<String, Outcome> OUTCOMES = outcomesByText();

    private static Map<String, Outcome> outcomesByText() {
        Map<String, Outcome> byText = new HashMap<>();
        for (Outcome o : Outcome.values()) {
            byText.put(o.name().toLowerCase(Locale.ROOT), o);
        }
        return Map.copyOf(byText);
    }

    private static Outcome outcome(String stored) {
        Outcome o = OUTCOMES.get(stored);
        return o != null ? o : Outcome.valueOf(upper(stored));
    }

    private static String upper(String stored) {
        return stored.toUpperCase(Locale.ROOT);
    }

    private static String empty(String s) {
        return s == null ? "" : s;
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The job run of an upload, and when it started. */
    /** @param annotatedEarlier whether the upload changed results of earlier uploads (their observed layer) */
    private record UploadRun(String runId, Instant startedAt, boolean annotatedEarlier) {
    }

    /** A test's result count and first run up to the moment read. */
    private record Totals(long runs, Instant firstSeen) {
    }

    /** A result row of {@link #testRuns} before its attempts are known. */
    private record RunRow(String uploadId, String suite, String name, String invocation, String runUrl,
                          TestRunFact fact, String status) {

        TestRunDetail detail(String testId, Map<String, List<AttemptDetail>> stored) {
            List<AttemptDetail> attempts = fact.attempts() > 1
                    ? stored.getOrDefault(attemptKey(uploadId, invocation), List.of())
                    : List.of(new AttemptDetail(1, status, fact.durationSeconds(), fact.failureType(),
                            fact.failureMessage()));
            return new TestRunDetail(testId, suite, name, invocation, fact, runUrl, attempts);
        }
    }

    /**
     * Turns the window's rows, ordered by test, into histories: a test's facts are collected until the test id
     * changes, then become one {@link TestHistory}. Columns are read by position (the order of {@link #HISTORY}),
     * and the texts most rows repeat (outcome, report file, labels) are decoded once per test.
     */
    private static final class HistoryAssembler {
        private final Map<String, Totals> before;
        private final Map<String, JobRun> jobs;
        private final int maxRuns;
        private final Map<String, Map<String, List<String>>> labels = new HashMap<>();
        private final Map<String, String> reportFiles = new HashMap<>();
        private final List<TestHistory> histories = new ArrayList<>();
        private List<TestRunFact> facts = new ArrayList<>();
        private String testId;
        private String suite;
        private String name;
        private String lastLayer;
        private String lastLayerSource;
        private DeclaredLayer lastDeclared;

        HistoryAssembler(Map<String, Totals> before, Map<String, JobRun> jobs, int maxRuns) {
            this.before = before;
            this.jobs = jobs;
            this.maxRuns = maxRuns;
        }

        List<TestHistory> read(ResultSet rs) throws SQLException {
            while (rs.next()) {
                String id = rs.getString(1);
                if (!id.equals(testId)) {
                    finishTest();
                    testId = id;
                    suite = rs.getString(2);
                    name = rs.getString(3);
                }
                facts.add(fact(rs));
            }
            finishTest();
            return histories;
        }

        /** The fact of the current row; the columns are those of {@link #HISTORY}. */
        private TestRunFact fact(ResultSet rs) throws SQLException {
            String runId = rs.getString(17);
            JobRun job = jobs.get(runId);
            if (job == null) {
                throw new IllegalStateException("result of run " + runId + " joined a run that was not read");
            }
            int attempts = rs.getInt(6);
            Double cost = nullableDouble(rs, 8);
            Double last = nullableDouble(rs, 9);
            Double duration = last != null ? last : attempts == 1 ? cost : null;
            String reportFile = rs.getString(16);
            String sharedReportFile = reportFile == null ? null : reportFiles.computeIfAbsent(reportFile, k -> k);
            return new TestRunFact(job, outcome(rs.getString(5)), attempts, rs.getInt(7), duration, cost,
                    rs.getString(10), rs.getString(11), rs.getString(12),
                    declaredLayer(rs.getString(13), rs.getString(14)),
                    labels.computeIfAbsent(rs.getString(15), HistoryRows::parseLabels), sharedReportFile);
        }

        /** The declared layer of a row: a test's rows mostly repeat the previous row's, which is then reused. */
        private DeclaredLayer declaredLayer(String layer, String source) {
            if (!Objects.equals(layer, lastLayer) || !Objects.equals(source, lastLayerSource)) {
                lastLayer = layer;
                lastLayerSource = source;
                lastDeclared = layer(layer, source);
            }
            return lastDeclared;
        }

        private void finishTest() {
            if (testId == null) {
                return;
            }
            facts = runsOfTest(facts);
            int inSpan = facts.size();
            Instant firstInSpan = facts.get(0).job().startedAt();
            facts = latestRuns(facts);
            // every run of the span was counted here; the totals add the runs before it
            Totals older = before.get(testId);
            long runsEver = older == null ? inSpan : older.runs() + inSpan;
            Instant firstSeen = older == null ? firstInSpan : older.firstSeen();
            histories.add(new TestHistory(testId, facts.get(0).job().component(), suite, name, facts, runsEver,
                    firstSeen));
            facts = new ArrayList<>();
            labels.clear();
        }

        /** The facts of the test's latest {@code maxRuns} job runs, one fact per job run. */
        private List<TestRunFact> latestRuns(List<TestRunFact> runs) {
            return runs.size() <= maxRuns ? runs : new ArrayList<>(runs.subList(runs.size() - maxRuns, runs.size()));
        }
    }
}
