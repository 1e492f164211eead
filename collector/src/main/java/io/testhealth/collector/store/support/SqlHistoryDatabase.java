package io.testhealth.collector.store.support;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.store.ComponentSummary;
import io.testhealth.collector.store.ExpiredRows;
import io.testhealth.collector.store.HistoryDatabase;
import io.testhealth.collector.store.StoreException;
import io.testhealth.collector.store.StoredSpanRun;
import io.testhealth.collector.store.StoredTest;
import io.testhealth.collector.store.StoredToken;
import io.testhealth.collector.store.TestRunDetail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reads and the analysis repository of both stores, written once over JDBC: the SQL lives in
 * {@link HistoryReader} and {@link AnalysisSql}, and a store only says how it lends a connection for reading and
 * for writing ({@link #read}, {@link #write}), which is where PostgreSQL's pool and DuckDB's single database differ.
 *
 * <p>A read sees one consistent state of the database for all its queries (the history and its all-time totals
 * agree); a write commits before it returns. Failures surface as {@link StoreException}.
 */
public abstract class SqlHistoryDatabase implements HistoryDatabase {

    /** How long {@link #ping()} waits for an answer on a connection it has: a live server answers in milliseconds. */
    private static final int PING_SECONDS = 2;

    /**
     * Work on a lent connection.
     *
     * @param <T> what it answers
     */
    @FunctionalInterface
    protected interface SqlWork<T> {
        /** Runs on the connection, which it must not close. */
        T apply(Connection c) throws SQLException;
    }

    /**
     * Runs read-only work in one transaction that sees a single snapshot of committed data.
     *
     * @throws SQLException as the work or the connection throws it
     */
    protected abstract <T> T read(SqlWork<T> work) throws SQLException;

    /**
     * Runs work that writes, and commits it; rolls it back when it throws.
     *
     * @throws SQLException as the work or the connection throws it
     */
    protected abstract <T> T write(SqlWork<T> work) throws SQLException;

    /**
     * Runs one read-only statement, which sees one snapshot by itself. By default as {@link #read}; a store whose
     * snapshot transaction costs round trips of its own runs it without one.
     *
     * @throws SQLException as the work or the connection throws it
     */
    protected <T> T readStatement(SqlWork<T> work) throws SQLException {
        return read(work);
    }

    @Override
    public final List<StoredTest> testsOfRun(String runId) {
        Objects.requireNonNull(runId, "runId");
        return reading("cannot read the tests of run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement(TESTS_OF_RUN)) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredTest> out = new java.util.ArrayList<>();
                    while (rs.next()) {
                        out.add(new StoredTest(rs.getString(1), rs.getString(2),
                                ReportFormat.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                                rs.getString(4)));
                    }
                    return out;
                }
            }
        });
    }

    /** A run's results with their uploads' formats, through {@code test_results_run_idx}. */
    private static final String TESTS_OF_RUN = "SELECT t.test_id, t.invocation, u.format, t.upload_id FROM test_results t"
            + " JOIN uploads u ON u.upload_id = t.upload_id AND u.component = t.component WHERE t.run_id = ?";

    @Override
    public final List<ComponentSummary> components() {
        return reading("cannot list components", HistoryReader::components);
    }

    @Override
    public final Optional<ComponentSummary> component(String component) {
        Objects.requireNonNull(component, "component");
        return reading("cannot read component " + component, c -> HistoryReader.component(c, component));
    }

    @Override
    public final List<TestHistory> testHistories(String component, Instant from, Instant to, int maxRunsPerTest) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return reading("cannot read the history of " + component,
                c -> HistoryReader.testHistories(c, component, from, to, maxRunsPerTest));
    }

    @Override
    public final WindowRead windowRead(String component, Instant from, Instant to, int maxRunsPerTest) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return reading("cannot read the history of " + component,
                c -> HistoryReader.windowRead(c, component, from, to, maxRunsPerTest));
    }

    @Override
    public final Optional<WindowRead> addedRuns(String component, UploadsCovered covered, Set<String> readTests,
                                                Instant from, Instant to, int maxRunsPerTest) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(covered, "covered");
        Objects.requireNonNull(readTests, "readTests");
        return reading("cannot read the recent history of " + component,
                c -> HistoryReader.addedRuns(c, component, covered, readTests, from, to, maxRunsPerTest));
    }

    @Override
    public final Map<String, List<TestRunFact>> runsBefore(String component, Map<String, Instant> before,
                                                           Instant notBefore) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(notBefore, "notBefore");
        if (before.isEmpty()) {
            return Map.of();
        }
        return reading("cannot read the earlier runs of " + component,
                c -> HistoryReader.runsBefore(c, component, before, notBefore));
    }

    @Override
    public final Map<String, Double> wallTimes(String component, Instant from) {
        Objects.requireNonNull(component, "component");
        return reading("cannot read the wall times of " + component, c -> HistoryReader.wallTimes(c, component, from));
    }

    @Override
    public final List<TestRunDetail> testRuns(String component, String testId, int limit) {
        Objects.requireNonNull(testId, "testId");
        return reading("cannot read the runs of test " + testId, c -> HistoryReader.testRuns(c, component, testId, limit));
    }

    @Override
    public final Map<String, String> runUrls(String component, java.util.Collection<String> pipelines) {
        Objects.requireNonNull(component, "component");
        if (pipelines.isEmpty()) {
            return Map.of();
        }
        return reading("cannot read the run links of " + component, c -> HistoryReader.runUrls(c, component, pipelines));
    }

    @Override
    public final Map<String, String> latestFailureTraces(String component, String testId) {
        Objects.requireNonNull(testId, "testId");
        return reading("cannot read the stack traces of test " + testId,
                c -> HistoryReader.latestFailureTraces(c, component, testId));
    }

    @Override
    public final long saveSnapshot(Snapshot snapshot) {
        return writing("cannot save the snapshot of " + snapshot.subject(), c -> AnalysisSql.saveSnapshot(c, snapshot));
    }

    @Override
    public final Map<String, Long> revisions(SubjectKind kind) {
        return reading("cannot read the revisions of the snapshots of kind " + kind, c -> AnalysisSql.revisions(c, kind));
    }

    @Override
    public final long revision(SubjectKind kind, String subject) {
        // Asked on every read of a report: one statement, no transaction of its own.
        try {
            return readStatement(c -> AnalysisSql.revision(c, kind, subject));
        } catch (SQLException e) {
            throw new StoreException("cannot read the revision of the snapshot of " + subject, e);
        }
    }

    @Override
    public final Optional<Snapshot> snapshot(SubjectKind kind, String subject) {
        return reading("cannot read the snapshot of " + subject, c -> AnalysisSql.snapshot(c, kind, subject));
    }

    @Override
    public final List<Snapshot> snapshots(SubjectKind kind) {
        return reading("cannot read the snapshots of kind " + kind, c -> AnalysisSql.snapshots(c, kind));
    }

    @Override
    public final List<String> removeSnapshotsExcept(SubjectKind kind, Set<String> subjects) {
        Objects.requireNonNull(subjects, "subjects");
        return writing("cannot remove the snapshots of former subjects of kind " + kind,
                c -> AnalysisSql.removeSnapshotsExcept(c, kind, subjects));
    }

    @Override
    public final void saveScorecardDay(ScorecardDay day) {
        writing("cannot save the scorecard of " + day.subject() + " on " + day.day(), c -> {
            AnalysisSql.saveScorecardDay(c, day);
            return null;
        });
    }

    @Override
    public final List<ScorecardDay> scorecardHistory(SubjectKind kind, String subject, LocalDate from, LocalDate to) {
        return reading("cannot read the scorecards of " + subject,
                c -> AnalysisSql.scorecardHistory(c, kind, subject, from, to));
    }

    @Override
    public final List<ScorecardDay> scorecardsOn(SubjectKind kind, LocalDate day) {
        return reading("cannot read the scorecards of " + day, c -> AnalysisSql.scorecardsOn(c, kind, day));
    }

    @Override
    public final void quarantine(QuarantineEntry entry) {
        writing("cannot quarantine test " + entry.testId(), c -> {
            AnalysisSql.quarantine(c, entry);
            return null;
        });
    }

    @Override
    public final boolean release(String component, String testId, String by, Instant at) {
        return writing("cannot release test " + testId, c -> AnalysisSql.release(c, component, testId, by, at));
    }

    @Override
    public final List<QuarantineEvent> quarantineHistory(String component, String testId) {
        return reading("cannot read the quarantine history of test " + testId,
                c -> AnalysisSql.quarantineHistory(c, component, testId));
    }

    @Override
    public final List<QuarantineEntry> quarantined(String component) {
        return reading("cannot read the quarantine of " + component, c -> AnalysisSql.quarantined(c, component));
    }

    @Override
    public final void saveToken(StoredToken token) {
        writing("cannot keep access token " + token.id(), c -> {
            TokenSql.save(c, token);
            return null;
        });
    }

    @Override
    public final boolean revokeToken(String id, Instant at) {
        return writing("cannot revoke access token " + id, c -> TokenSql.revoke(c, id, at));
    }

    @Override
    public final List<StoredToken> activeTokens() {
        return reading("cannot read the access tokens", TokenSql::active);
    }

    @Override
    public final void recordSightings(java.util.Collection<io.testhealth.collector.model.EdgeSighting> sightings) {
        Objects.requireNonNull(sightings, "sightings");
        if (sightings.isEmpty()) {
            return;
        }
        writing("cannot record the integration edges of " + sightings.size() + " sighting(s)", c -> {
            IntegrationSql.record(c, sightings);
            return null;
        });
    }

    @Override
    public final List<io.testhealth.collector.model.EdgeSighting> sightingsOf(String component, String componentName) {
        Objects.requireNonNull(component, "component");
        return reading("cannot read the integration edges of " + component,
                c -> IntegrationSql.of(c, component, componentName));
    }

    @Override
    public final ExpiredRows expireRuns(Instant cut, int maxResults) {
        Objects.requireNonNull(cut, "cut");
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be 1 or more, got " + maxResults);
        }
        List<String> runs = reading("cannot find the job runs older than " + cut,
                c -> RetentionSql.oldestRuns(c, cut, maxResults));
        if (runs.isEmpty()) {
            return ExpiredRows.NONE;
        }
        return writing("cannot delete " + runs.size() + " job run(s) older than " + cut,
                c -> RetentionSql.delete(c, cut, runs));
    }

    @Override
    public final long expireEdges(Instant cut) {
        Objects.requireNonNull(cut, "cut");
        return writing("cannot delete the integration edges last seen before " + cut,
                c -> RetentionSql.deleteEdges(c, cut));
    }

    @Override
    public final long expireSpans(Instant cut, int maxRows) {
        Objects.requireNonNull(cut, "cut");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be 1 or more, got " + maxRows);
        }
        Instant batchEnd = reading("cannot find the spans older than " + cut,
                c -> RetentionSql.spanBatchEnd(c, cut, maxRows));
        return writing("cannot delete the spans older than " + cut, c -> RetentionSql.deleteSpans(c, cut, batchEnd));
    }

    @Override
    public final List<StoredSpanRun> testSpans(String component, String testId, int limit) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(testId, "testId");
        return reading("cannot read the spans of test " + testId, c -> SpanSql.ofTest(c, component, testId, limit));
    }

    @Override
    public final boolean hasSpans(String component, String testId) {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(testId, "testId");
        return reading("cannot read the spans of test " + testId, c -> SpanSql.exist(c, component, testId));
    }

    @Override
    public final void ping() {
        boolean valid = reading("the database does not answer", c -> c.isValid(PING_SECONDS));
        if (!valid) {
            throw new StoreException("the database does not answer", new SQLTransientConnectionException(
                    "the connection is not valid", "08006"));
        }
    }

    private <T> T reading(String failure, SqlWork<T> work) {
        try {
            return read(work);
        } catch (SQLException e) {
            throw new StoreException(failure, e);
        }
    }

    private <T> T writing(String failure, SqlWork<T> work) {
        try {
            return write(work);
        } catch (SQLException e) {
            throw new StoreException(failure, e);
        }
    }
}
