package io.testhealth.collector.scorecards;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.durations.DurationReport;
import io.testhealth.collector.analysis.durations.DurationSettings;
import io.testhealth.collector.analysis.durations.DurationStatistics;
import io.testhealth.collector.analysis.durations.JobWallTimes;
import io.testhealth.collector.analysis.durations.SlowRun;
import io.testhealth.collector.analysis.durations.TestDurations;
import io.testhealth.collector.analysis.durations.TimeWindow;
import io.testhealth.collector.analysis.flakiness.ComponentFlakiness;
import io.testhealth.collector.analysis.flakiness.FailureGroups;
import io.testhealth.collector.analysis.flakiness.FlakinessAnalyzer;
import io.testhealth.collector.analysis.flakiness.FlakinessSettings;
import io.testhealth.collector.analysis.flakiness.TestState;
import io.testhealth.collector.analysis.flakiness.TestVerdict;
import io.testhealth.collector.analysis.pyramid.Classification;
import io.testhealth.collector.analysis.pyramid.PyramidClassifier;
import io.testhealth.collector.analysis.pyramid.PyramidInput;
import io.testhealth.collector.analysis.pyramid.PyramidMapping;
import io.testhealth.collector.analysis.pyramid.PyramidProfile;
import io.testhealth.collector.analysis.pyramid.PyramidShape;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.ownership.GroupRef;
import io.testhealth.collector.ownership.OwnershipResolver;
import io.testhealth.collector.scorecards.HealthReport.CheckView;
import io.testhealth.collector.scorecards.HealthReport.DurationRegressionView;
import io.testhealth.collector.scorecards.HealthReport.FailureGroupRow;
import io.testhealth.collector.scorecards.HealthReport.IncidentRow;
import io.testhealth.collector.scorecards.HealthReport.LayerView;
import io.testhealth.collector.scorecards.HealthReport.MemberRow;
import io.testhealth.collector.scorecards.HealthReport.Metrics;
import io.testhealth.collector.scorecards.HealthReport.ProfileView;
import io.testhealth.collector.scorecards.HealthReport.PyramidView;
import io.testhealth.collector.scorecards.HealthReport.ScorecardView;
import io.testhealth.collector.scorecards.HealthReport.SuiteRow;
import io.testhealth.collector.scorecards.HealthReport.TestRow;
import io.testhealth.collector.scorecards.HealthReport.ThresholdView;
import io.testhealth.collector.store.AnalysisRepository;
import io.testhealth.collector.store.AnalysisRepository.QuarantineEntry;
import io.testhealth.collector.store.AnalysisRepository.SubjectKind;
import io.testhealth.collector.store.ComponentSummary;
import io.testhealth.collector.store.HistoryQueries;
import io.testhealth.collector.store.ReplicaLocks;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Computes and keeps the health reports of components and teams: reads a component's history once, runs the
 * flakiness, duration and pyramid analyses on it, judges the scorecard, and stores the report (and the day's
 * scorecard) so that every read afterwards is a lookup. A team's report pools the stored facts of its components.
 *
 * <p>Reports are kept in memory as well as in the store ({@link StoredReports}); the store is read when the collector
 * starts, and again when another collector sharing it saved a newer report. A team exists while a component belongs
 * to it: the refresh that finds none deletes the team's stored report.
 *
 * <p>Locks, always taken in this order: a component's (its {@link ReportFreshness} lock, then the cross-collector
 * {@link ReplicaLocks} one), then the team reports' (the local one, then the cross-collector one).
 */
@Singleton
public final class ScorecardService {

    private static final Logger LOG = LoggerFactory.getLogger(ScorecardService.class);

    /** The cross-collector lock under which team reports are pooled and saved. */
    private static final String TEAM_REPORTS_LOCK = "team reports";
    /** The cross-collector lock of the rebuild of every report. */
    private static final String REBUILD_LOCK = "rebuild of every report";

    private final HistoryQueries queries;
    private final AnalysisRepository repository;
    private final OwnershipResolver ownership;
    private final AnalysisConfiguration config;
    private final ScorecardCalculator calculator;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher<ReportsRefreshed> events;
    private final ApplicationEventPublisher<AnalysisFailed> failures;
    private final ReportFreshness freshness;
    /** The histories of the last recomputes, extended by what ran since; used under the component's lock. */
    private final WindowHistories windows;
    /** Held while team reports are pooled and stored, after (never before) a component's lock. */
    private final Object teamsLock = new Object();
    /** Locks shared with the other collectors of the store, taken inside the local ones (never before). */
    private final ReplicaLocks replicas;
    private final StoredReports components;
    private final StoredReports teams;
    private volatile boolean loaded;

    @jakarta.inject.Inject
    public ScorecardService(HistoryQueries queries, AnalysisRepository repository, OwnershipResolver ownership,
                            AnalysisConfiguration config, JsonMapper json, ApplicationEventPublisher<ReportsRefreshed> events,
                            ApplicationEventPublisher<AnalysisFailed> failures, ReportFreshness freshness) {
        this(queries, repository, ownership, config, json, Clock.systemUTC(), events, failures, freshness);
    }

    /** With a clock of the caller's: tests and the weekly review compute reports as of a past moment. */
    public ScorecardService(HistoryQueries queries, AnalysisRepository repository, OwnershipResolver ownership,
                            AnalysisConfiguration config, JsonMapper json, Clock clock) {
        this(queries, repository, ownership, config, json, clock, ApplicationEventPublisher.noOp(),
                ApplicationEventPublisher.noOp(), new ReportFreshness(config));
    }

    /** With every collaborator given: tests that drive uploads and their updates as of a fixed moment. */
    ScorecardService(HistoryQueries queries, AnalysisRepository repository, OwnershipResolver ownership,
                     AnalysisConfiguration config, JsonMapper json, Clock clock,
                     ApplicationEventPublisher<ReportsRefreshed> events,
                     ApplicationEventPublisher<AnalysisFailed> failures, ReportFreshness freshness) {
        this.queries = queries;
        this.repository = repository;
        this.ownership = ownership;
        this.config = config;
        this.calculator = new ScorecardCalculator(config.thresholdsFile() == null || config.thresholdsFile().isBlank()
                ? ScorecardThresholds.defaults() : ScorecardThresholds.load(Path.of(config.thresholdsFile())));
        this.json = json;
        this.clock = clock;
        this.events = events;
        this.failures = failures;
        this.freshness = freshness;
        this.windows = new WindowHistories(queries);
        this.replicas = repository.replicaLocks();
        this.components = new StoredReports(SubjectKind.COMPONENT, repository, json, subject -> true);
        // Only teams a held component names: a store written before former teams were deleted may hold others.
        this.teams = new StoredReports(SubjectKind.TEAM, repository, json,
                team -> components.all().stream().anyMatch(c -> c.team().equals(team)));
    }

    /** The thresholds in force. */
    public ScorecardThresholds thresholds() {
        return calculator.thresholds();
    }

    /**
     * Recomputes and stores the reports of every component and team, as of now: after start, daily (verdicts age
     * without uploads), after a change of the rules. A component whose analysis fails keeps its last good report and
     * is retried later; the others are recomputed all the same.
     */
    public void refreshAll() {
        ownership.reload();
        ensureLoaded();
        // Once among the collectors sharing the store: one that finds another at it takes that one's reports.
        boolean rebuilt = replicas.tryExclusive(REBUILD_LOCK, () -> {
            for (ComponentSummary c : queries.components()) {
                // Histories read in full: a rebuild from the stored history, which also renews what is kept of them.
                // Each report is as of when its recompute holds the lock, never of a moment read before: the report
                // covers the commits noted by then, and an upload committed meanwhile, starting after an earlier
                // moment, would be claimed covered and left out.
                recompute(c.component(), () -> store(compute(c, clock.instant(), thresholds().windowDays(), History.FULL)));
            }
            refreshTeams(clock.instant());
        });
        if (!rebuilt) {
            LOG.info("Another collector is rebuilding every report; this one takes the reports it saves");
            catchUp();
            return;
        }
        published();
    }

    /**
     * Takes the reports that other collectors sharing the store saved since this one last looked, and tells the
     * listeners (the gauges) when any changed; nothing to do on a store no other collector shares. Reads of one
     * report catch up by themselves; this keeps the gauges of every collector alike.
     */
    public void catchUp() {
        ensureLoaded();
        boolean changed = components.catchUp();
        changed |= teams.catchUp();
        if (changed) {
            published();
        }
    }

    /** The cross-collector lock of one component's report. */
    private static String reportLock(String component) {
        return "report " + component;
    }

    /**
     * Recomputes the reports of some components and of every team, as of now; a component whose analysis fails keeps
     * its last good report.
     *
     * <p>The stored reports are loaded first when nothing read them yet (the first refresh after a start without a
     * refresh of everything): teams pool every component's report, not only the changed ones, and a team that no
     * loaded component names is deleted.
     */
    public void refresh(Set<String> changedComponents) {
        ensureLoaded();
        for (String component : new java.util.TreeSet<>(changedComponents)) {
            Optional<ComponentSummary> summary = queries.component(component);
            if (summary.isPresent()) {
                recompute(component, () -> store(compute(summary.get(), clock.instant(), thresholds().windowDays(), History.EXTENDED)));
            }
        }
        refreshTeams(clock.instant());
        published();
    }

    /**
     * Brings a component's report, then its team's, up to date with every commit noted for the component before
     * this call (what an upload calls after its commit, before it is answered). When another call's recompute,
     * started after those commits, covered them meanwhile, returns without recomputing. Reads meanwhile get the
     * previous reports, never wait.
     *
     * @param before the component's report when the upload arrived, to say what changed
     * @return what changed; when the analysis fails, says so, and the last good report stays
     */
    public ReportChange update(String component, Optional<HealthReport> before) {
        ensureLoaded();
        if (!components.has(component)) {
            freshness.committed(component); // no report at all: there is something to compute whatever was noted
        }
        ReportFreshness.Outcome outcome = freshness.bringUpToDate(component, () -> replicas.exclusive(reportLock(component), () -> {
            ComponentSummary summary = queries.component(component).orElseThrow(() ->
                    new IllegalStateException(component + " has no stored runs"));
            HealthReport previous = components.get(component);
            HealthReport report = store(compute(summary, clock.instant(), thresholds().windowDays(), History.EXTENDED));
            // Under the component's lock: a concurrent upload whose commit this recompute covered returns as soon as
            // it gets the lock, and by then the team report covers its upload too.
            Set<String> teams = new HashSet<>();
            if (!report.team().isEmpty()) {
                teams.add(report.team());
            }
            if (previous != null && !previous.team().isEmpty()) {
                teams.add(previous.team());
            }
            refreshTeams(teams, clock.instant());
            return report;
        }), clock::instant);
        if (outcome.failed()) {
            failed(component, outcome);
            return ReportChange.failed(component, before, component(component), outcome.failure());
        }
        if (outcome.recomputed()) {
            published();
        }
        return ReportChange.between(component, before, components.get(component));
    }

    /**
     * What an upload calls once committed: {@link #update} unless {@code testhealth.analysis.update-on-upload} is off,
     * when the background refresher brings the report up to date within {@code refresh-delay} seconds instead.
     *
     * @return what changed, or empty when the update is left to the background
     */
    public Optional<ReportChange> afterUpload(String component, Optional<HealthReport> before) {
        return config.updateOnUpload() ? Optional.of(update(component, before)) : Optional.empty();
    }

    /** How many recomputes read only what ran since the previous one (for tests that check that path is taken). */
    long historiesExtended() {
        return windows.extended();
    }

    /** How many recomputes read their component's whole window (for tests that check the extension is not taken). */
    long historiesReadInFull() {
        return windows.fullReads();
    }

    /** How many tests' verdicts the component's recomputes reused (for tests that check that path is taken). */
    long verdictsReused(String component) {
        return windows.memory(component).flakiness().reused();
    }

    /** Whether the component's stored report covers its commits, or why not. */
    public AnalysisStatus status(String component) {
        Optional<AnalysisFailure> failure = freshness.failure(component);
        if (failure.isPresent()) {
            return AnalysisStatus.failing(failure.get());
        }
        return freshness.current(component) ? AnalysisStatus.CURRENT : AnalysisStatus.PENDING;
    }

    /** The failure of the component's latest recompute, while none succeeded since. */
    public Optional<AnalysisFailure> failure(String component) {
        return freshness.failure(component);
    }

    /** How many components' latest recompute failed (their last good reports are served). */
    public int failingComponents() {
        return freshness.failures().size();
    }

    /**
     * A team's status: failing when the analysis of one of its components fails (named in the error), whether that
     * component has a last good report or none yet; else current. Only failing components are looked up.
     */
    public AnalysisStatus teamStatus(HealthReport team) {
        for (Map.Entry<String, AnalysisFailure> e : freshness.failures().entrySet()) {
            String component = e.getKey();
            HealthReport report = components.get(component);
            String teamOfComponent = report != null ? report.team()
                    : queries.component(component).map(s -> ownership.teamOf(component, s.team())).orElse("");
            if (teamOfComponent.equals(team.subject())) {
                AnalysisFailure f = e.getValue();
                return AnalysisStatus.failing(new AnalysisFailure(f.since(), f.attempts(), component + ": " + f.error(),
                        f.nextAttemptAt()));
            }
        }
        return AnalysisStatus.CURRENT;
    }

    /** Recomputes one component under its lock, isolated: a failure is recorded and logged, never thrown. */
    private void recompute(String component, java.util.function.Supplier<HealthReport> work) {
        ReportFreshness.Outcome outcome = freshness.recompute(component,
                () -> replicas.exclusive(reportLock(component), work), clock::instant);
        if (outcome.failed()) {
            failed(component, outcome);
        }
    }

    private void failed(String component, ReportFreshness.Outcome outcome) {
        if (outcome.attempted()) {
            LOG.error("The analysis of {} failed (attempt {}); its last good report stays, next attempt at {}",
                    component, outcome.failure().attempts(), outcome.failure().nextAttemptAt(), outcome.cause());
            failures.publishEvent(new AnalysisFailed(component, outcome.failure()));
        }
    }

    /** Tells listeners (the metrics) that the stored reports changed, with all of them as they now stand. */
    private void published() {
        // The reports held, without asking the store for newer ones: this follows every upload's update, and the
        // background catch-up publishes what other collectors saved.
        events.publishEvent(new ReportsRefreshed(bySubject(components.all()), bySubject(teams.all())));
    }

    /** The stored report of a component, by full reference. */
    public Optional<HealthReport> component(String reference) {
        ensureLoaded();
        return Optional.ofNullable(components.latest(reference));
    }

    /** The stored report of a team, by full group reference. */
    public Optional<HealthReport> team(String reference) {
        ensureLoaded();
        return Optional.ofNullable(teams.latest(reference));
    }

    /** Every component's stored report, by reference. */
    public List<HealthReport> components() {
        ensureLoaded();
        components.catchUp();
        return components.all().stream().sorted(Comparator.comparing(HealthReport::subject)).toList();
    }

    /** Every team's stored report, by reference. */
    public List<HealthReport> teams() {
        ensureLoaded();
        teams.catchUp();
        return teams.all().stream().sorted(Comparator.comparing(HealthReport::subject)).toList();
    }

    /**
     * A component's report over another window or as of another moment, computed on demand and not stored. A
     * report as of a past moment sees the history as it stood then: runs that started later do not exist for it.
     *
     * @return empty when the component has no runs
     */
    public Optional<HealthReport> computeComponent(String reference, Instant asOf, int windowDays) {
        return queries.component(reference).map(c -> compute(c, asOf, windowDays, History.UNKEPT));
    }

    /** Team reports as of another moment, from component reports computed for that moment (not stored). */
    public List<HealthReport> computeTeams(List<HealthReport> componentReports, Instant asOf) {
        return pool(componentReports, asOf);
    }

    private void refreshTeams(Instant now) {
        synchronized (teamsLock) {
            replicas.exclusive(TEAM_REPORTS_LOCK, () -> {
                components.catchUp(); // members saved by another collector sharing the store
                List<HealthReport> pooled = pool(new ArrayList<>(components.all()), now);
                Set<String> current = new HashSet<>();
                for (HealthReport t : pooled) {
                    teams.save(t);
                    current.add(t.subject());
                }
                // Replaced one by one rather than cleared first: a read meanwhile finds the old report, never none.
                teams.retain(current);
                forgetFormerTeams(current);
                return null;
            });
        }
    }

    /**
     * Pools again the reports of some teams from their components' stored reports; a team left without components
     * is deleted. Pooling the same members gives the same report as {@link #refreshTeams(Instant)} gives it.
     */
    private void refreshTeams(Set<String> affected, Instant now) {
        if (affected.isEmpty()) {
            return;
        }
        synchronized (teamsLock) {
            replicas.exclusive(TEAM_REPORTS_LOCK, () -> {
                components.catchUp(); // members saved by another collector sharing the store
                boolean removed = false;
                for (String team : affected) {
                    List<HealthReport> members = bySubject(components.all().stream().filter(c -> c.team().equals(team)).toList());
                    if (members.isEmpty()) {
                        removed |= teams.forget(team);
                        continue;
                    }
                    teams.save(teamReport(team, members, now));
                }
                if (removed) {
                    forgetFormerTeams(teams.subjects());
                }
                return null;
            });
        }
    }

    /**
     * Deletes the stored reports of teams no component belongs to any more (its last component moved to another
     * team): kept, they would be read back at the next start and listed, scored and exposed as gauges as if the team
     * still existed. Their daily scorecards stay, as the history of the days they existed.
     */
    private void forgetFormerTeams(Set<String> current) {
        List<String> removed = repository.removeSnapshotsExcept(SubjectKind.TEAM, current);
        if (!removed.isEmpty()) {
            LOG.info("Teams without components any more, their reports deleted: {}", removed);
        }
    }

    private List<HealthReport> pool(List<HealthReport> componentReports, Instant now) {
        Map<String, List<HealthReport>> byTeam = new TreeMap<>();
        for (HealthReport c : bySubject(componentReports)) {
            if (!c.team().isEmpty()) {
                byTeam.computeIfAbsent(c.team(), k -> new ArrayList<>()).add(c);
            }
        }
        List<HealthReport> out = new ArrayList<>();
        byTeam.forEach((team, members) -> out.add(teamReport(team, members, now)));
        return out;
    }

    /** Members in one order whatever the order they were found in, so that pooling them always gives one report. */
    private static List<HealthReport> bySubject(java.util.Collection<HealthReport> reports) {
        return reports.stream().sorted(Comparator.comparing(HealthReport::subject)).toList();
    }

    private HealthReport teamReport(String team, List<HealthReport> members, Instant now) {
        LayerCounts counts = members.stream().map(HealthReport::layerCounts).reduce(LayerCounts.empty(), LayerCounts::plus);
        PyramidProfile profile = PyramidProfile.DEFAULT;
        ScorecardFacts facts = ScorecardFacts.pooled(members.stream().map(HealthReport::facts).toList(),
                counts.topHeaviness(profile), counts.ordered());
        Scorecard scorecard = calculator.score(team, facts, now);
        Map<String, Long> states = new TreeMap<>();
        members.forEach(m -> m.metrics().states().forEach((s, n) -> states.merge(s, n, Long::sum)));
        Metrics metrics = new Metrics(facts.testsRun(), facts.flakyTests(),
                members.stream().mapToLong(m -> m.metrics().brokenTests()).sum(), facts.quarantined(), facts.jobRuns(),
                ratio(facts.jobRuns() - members.stream().mapToLong(m -> failedJobRuns(m)).sum(), facts.jobRuns()),
                ratio(facts.jobRunsWithFlakyTestRuns(), facts.jobRuns()),
                members.stream().mapToDouble(m -> m.metrics().timeLostToFlakesSeconds()).sum(),
                members.stream().mapToDouble(m -> m.metrics().footprintSeconds()).sum(), states);
        List<MemberRow> rows = members.stream()
                .sorted(Comparator.comparing((HealthReport m) -> gradeOrder(m.scorecard().grade())).thenComparing(HealthReport::subject))
                .map(m -> new MemberRow(m.subject(), m.scorecard().level(), m.scorecard().grade(), m.metrics().tests(),
                        m.metrics().flakyTests()))
                .toList();
        List<FailureGroupRow> groups = mergeGroups(members);
        Instant lastRun = members.stream().map(HealthReport::lastRunAt).filter(java.util.Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        return new HealthReport("team", team, GroupRef.name(team), namespaceOf(team), team, now, thresholds().windowDays(),
                lastRun, view(scorecard), metrics, pyramidView(counts, profile, null, List.of()), List.of(), List.of(),
                List.of(), List.of(), groups, members.stream().flatMap(m -> m.incidents().stream()).toList(), rows, facts, counts,
                pipelineRunsOf(members));
    }

    /** The run links of a team's components; a pipeline id two components share keeps the first's. */
    private static Map<String, String> pipelineRunsOf(List<HealthReport> members) {
        Map<String, String> runs = new java.util.HashMap<>();
        members.forEach(m -> m.pipelineRuns().forEach(runs::putIfAbsent));
        return runs;
    }

    private static long failedJobRuns(HealthReport m) {
        return m.metrics().passRate() == null ? 0 : Math.round(m.metrics().jobRuns() * (1 - m.metrics().passRate()));
    }

    /** Failures with the same fingerprint in several components are one cause: merged across the team. */
    private static List<FailureGroupRow> mergeGroups(List<HealthReport> members) {
        Map<String, FailureGroupRow> merged = new LinkedHashMap<>();
        for (HealthReport m : members) {
            for (FailureGroupRow g : m.failureGroups()) {
                merged.merge(g.fingerprint(), g, (a, b) -> new FailureGroupRow(a.fingerprint(), a.category(), a.sampleType(),
                        a.sampleMessage(), a.tests() + b.tests(),
                        java.util.stream.Stream.concat(a.testIds().stream(), b.testIds().stream()).limit(20).toList(),
                        java.util.stream.Stream.concat(a.components().stream(), b.components().stream()).distinct().toList(),
                        a.failures() + b.failures(), min(a.firstSeen(), b.firstSeen()), max(a.lastSeen(), b.lastSeen())));
            }
        }
        return merged.values().stream().sorted(Comparator.comparingInt(FailureGroupRow::tests).reversed()).limit(20).toList();
    }

    /** How a recompute reads a component's history. */
    private enum History {
        /** Extends the histories kept from the last recompute by what ran since (under the component's lock). */
        EXTENDED,
        /** Reads it all and keeps it (a rebuild, under the component's lock). */
        FULL,
        /** Reads it all and keeps nothing: reports over another window or as of the past. */
        UNKEPT
    }

    /** A component's report as of {@code now}. */
    private HealthReport compute(ComponentSummary summary, Instant now, int windowDays, History read) {
        String component = summary.component();
        TimeWindow window = TimeWindow.endingAt(now, Duration.ofDays(windowDays));
        Instant from = now.minus(Duration.ofDays(Math.max(config.lookbackDays(), windowDays)));
        List<TestHistory> histories = read == History.UNKEPT
                ? queries.testHistories(component, from, now, config.maxRunsPerTest())
                : windows.read(component, from, now, config.maxRunsPerTest(), read == History.FULL);
        FlakinessSettings defaults = FlakinessSettings.defaults();
        FlakinessSettings settings = new FlakinessSettings(Duration.ofDays(windowDays), config.maxRunsPerTest(),
                defaults.priorAlpha(), defaults.priorBeta(), defaults.credibleMass(), defaults.incidentFailureShare(),
                defaults.incidentMinFailures(), defaults.regressionMinRuns(), defaults.regressionMinCommits(),
                defaults.environmentFailureShare(), defaults.environmentPassShare(), defaults.environmentMinFailures(),
                defaults.newBelowRuns(), defaults.brokenFailureShare(), defaults.brokenLastRuns(),
                defaults.statisticalMinRuns(), defaults.statisticalMinFailureRate(), defaults.statisticalMaxFailureRate(),
                defaults.statisticalMinFlipRate(), defaults.fixedCleanRuns(), defaults.fixedRuleOfThree(),
                defaults.fixedQuietPeriod(), defaults.fixedHoldPeriod(), defaults.staleAfter(),
                Set.copyOf(config.defaultBranches()));
        Instant episodesFrom = now.minus(Duration.ofDays(Math.max(config.episodeLookbackDays(), windowDays)));
        // Per-test results of the previous analysis are reused for the tests whose kept history did not change (a
        // rebuild reads every history again, so it reuses nothing).
        WindowHistories.Memory memory = read == History.UNKEPT ? new WindowHistories.Memory() : windows.memory(component);
        ComponentFlakiness flakiness = new FlakinessAnalyzer(settings).analyse(histories, now,
                before -> queries.runsBefore(component, before, episodesFrom), memory.flakiness());
        JobWallTimes wallTimes = new JobWallTimes(queries.wallTimes(component, from));
        DurationSettings durationDefaults = DurationSettings.DEFAULTS;
        DurationReport durations = DurationStatistics.analyse(histories, window, durationDefaults, wallTimes,
                memory.durations());
        Map<String, Classification> classes = PyramidClassifier.classifyAll(histories, mapping(), window,
                memory.layers());
        PyramidProfile profile = profileOf(component);
        PyramidShape shape = PyramidShape.of(new PyramidInput(component, histories, classes), profile, window, wallTimes);
        String team = ownership.teamOf(component, summary.team());
        Map<String, String> owners = ownership.ownersOf(histories, team);
        List<QuarantineEntry> quarantine = repository.quarantined(component);
        ScorecardFacts facts = ScorecardFacts.of(new ScorecardFacts.Inputs(histories, flakiness, shape, classes, owners,
                quarantine, wallTimes, Set.copyOf(config.defaultBranches()), window));
        Scorecard scorecard = calculator.score(component, facts, now);

        Map<String, TestDurations> durationByTest = durations.tests().stream()
                .collect(Collectors.toMap(TestDurations::testId, d -> d, (a, b) -> a));
        Set<String> quarantined = quarantine.stream().filter(q -> q.expiresAt() == null || q.expiresAt().isAfter(now))
                .map(QuarantineEntry::testId).collect(Collectors.toSet());
        List<TestRow> rows = flakiness.tests().stream().sorted(TestVerdict.IMPACT_ORDER)
                .map(v -> row(v, classes.get(v.testId()), durationByTest.get(v.testId()), owners.getOrDefault(v.testId(), ""),
                        quarantined.contains(v.testId())))
                .toList();
        Map<String, Long> states = new TreeMap<>();
        for (TestState s : TestState.values()) {
            states.put(s.name().toLowerCase(Locale.ROOT), 0L);
        }
        flakiness.tests().forEach(v -> states.merge(v.state().name().toLowerCase(Locale.ROOT), 1L, Long::sum));
        Metrics metrics = new Metrics(facts.testsRun(), facts.flakyTests(), states.get("broken"), quarantined.size(),
                facts.jobRuns(), passRate(flakiness, window), ratio(facts.jobRunsWithFlakyTestRuns(), facts.jobRuns()),
                durations.timeLostToFlakesSeconds(), durations.tests().stream().mapToDouble(TestDurations::footprintSeconds).sum(),
                states);
        LayerCounts counts = LayerCounts.of(histories, classes, window);
        List<SuiteRow> suites = durations.slowestSuitesByP95().stream().limit(20)
                .map(s -> new SuiteRow(s.suite(), s.tests(), s.jobRuns(), s.footprintSeconds(), s.p50Seconds(), s.p95Seconds()))
                .toList();
        Map<String, TestRow> rowById = rows.stream().collect(Collectors.toMap(TestRow::testId, r -> r, (a, b) -> a));
        List<TestRow> regressions = durations.regressions().stream().map(d -> rowById.get(d.testId()))
                .filter(java.util.Objects::nonNull).toList();
        List<FailureGroupRow> groups = FailureGroups.of(histories.stream().map(h -> inWindow(h, window)).toList()).stream()
                .limit(20).map(g -> new FailureGroupRow(g.fingerprint(), g.category().name().toLowerCase(Locale.ROOT),
                        g.sampleType(), g.sampleMessage(), g.tests().size(), g.tests().stream().limit(20).toList(),
                        g.components(), g.failures(), g.firstSeen(), g.lastSeen()))
                .toList();
        List<IncidentRow> incidents = flakiness.incidents().stream().filter(j -> window.contains(j.startedAt()))
                .map(j -> new IncidentRow(j.runId(), j.pipeline(), j.job(), j.startedAt(), j.tests(), j.failed())).toList();
        String name = component.substring(component.indexOf('/') + 1);
        List<String> sentences = new java.util.ArrayList<>();
        rows.forEach(r -> sentences.addAll(r.reasons()));
        scorecard.checks().forEach(c -> sentences.add(c.explanation()));
        Map<String, String> pipelineRuns = queries.runUrls(component, PipelineMentions.in(sentences));
        return new HealthReport("component", component, name, namespaceOf(component), team, now, windowDays,
                lastRunAsOf(summary, histories, now), view(scorecard), metrics, pyramidView(counts, profile, shape, e2eSentences(shape)),
                rows, suites, regressions, jobRuns(durations), groups, incidents, List.of(), facts, counts, pipelineRuns);
    }

    /**
     * The start of the latest run before {@code now}: the summary's, unless the report is as of a moment before that
     * run, when it is the latest of the runs read (or unknown when none was read).
     */
    private static Instant lastRunAsOf(ComponentSummary summary, List<TestHistory> histories, Instant now) {
        if (summary.lastRunAt().isBefore(now)) {
            return summary.lastRunAt();
        }
        return histories.stream().map(TestHistory::lastRun).filter(java.util.Objects::nonNull)
                .map(f -> f.job().startedAt()).max(Comparator.naturalOrder()).orElse(null);
    }

    private static TestHistory inWindow(TestHistory h, TimeWindow window) {
        return new TestHistory(h.testId(), h.component(), h.suite(), h.name(),
                h.runs().stream().filter(f -> window.contains(f.job().startedAt())).toList(), h.runsEver(), h.firstSeen());
    }

    private static Double passRate(ComponentFlakiness flakiness, TimeWindow window) {
        long runs = 0;
        long passed = 0;
        for (var j : flakiness.jobRuns()) {
            if (!j.incident() && window.contains(j.startedAt())) {
                runs++;
                if (j.failed() == 0) {
                    passed++;
                }
            }
        }
        return ratio(passed, runs);
    }

    private static TestRow row(TestVerdict v, Classification c, TestDurations d, String owner, boolean quarantined) {
        Layer layer = c == null ? null : c.layer();
        DurationRegressionView regression = d == null || d.regression() == null ? null : new DurationRegressionView(
                d.regression().beforeMedianSeconds(), d.regression().afterMedianSeconds(), d.regression().ratio(),
                d.regression().pValue(), d.regression().startedAtCommit(), d.regression().startedAt());
        return new TestRow(v.testId(), v.suite(), v.name(), layer == null ? null : lower(layer),
                c == null || c.source() == null ? null : lower(c.source()), c != null && c.contract(), lower(v.state()),
                v.reasons(), v.score(), v.lower(), v.upper(), v.flakyRuns(), v.runs(), v.failedRuns(), v.failureRate(),
                v.flipRate(), v.timeLostSeconds(), v.pipelinesBrokenAlone(), d == null ? null : d.p50Seconds(),
                d == null ? null : d.p95Seconds(), d == null ? 0 : d.footprintSeconds(), v.lastRunAt(), v.lastFlakyAt(),
                v.flakySince(), owner, quarantined, regression, d == null ? List.of() : d.slowRuns().stream().map(SlowRun::runId).toList());
    }

    /** The job runs with a known wall time, at most 50, as reported by the duration analysis. */
    private static List<HealthReport.JobRunRow> jobRuns(DurationReport durations) {
        return durations.jobRuns().stream().filter(j -> j.wallSeconds() != null).limit(50)
                .map(j -> new HealthReport.JobRunRow(j.runId(), j.job(), j.tests(), j.testSeconds(), j.wallSeconds(), j.parallelism()))
                .toList();
    }

    private static ScorecardView view(Scorecard s) {
        List<CheckView> checks = s.checks().stream().map(c -> new CheckView(c.id().id(), c.name(), c.value(), c.unit(),
                new ThresholdView(c.threshold().higherIsBetter() ? "higher" : "lower", c.threshold().bronze(),
                        c.threshold().silver(), c.threshold().gold()),
                lower(c.status()), c.level().label(), c.explanation())).toList();
        return new ScorecardView(s.level().label(), s.grade(), s.thresholdVersion(), s.summary(), checks);
    }

    private static PyramidView pyramidView(LayerCounts counts, PyramidProfile profile, PyramidShape shape, List<String> e2e) {
        LayerCounts.Count all = counts.all();
        return new PyramidView(layer(counts.unit(), all), layer(counts.integration(), all), layer(counts.e2e(), all),
                layer(counts.unknown(), all), counts.contract(), all.tests() == 0 ? 0 : (double) counts.classified() / all.tests(),
                counts.topHeaviness(profile), counts.ordered(),
                new ProfileView(profile.name(), profile.unit(), profile.integration(), profile.e2e()), e2e);
    }

    private static LayerView layer(LayerCounts.Count c, LayerCounts.Count all) {
        return new LayerView(c.tests(), all.tests() == 0 ? 0 : (double) c.tests() / all.tests(),
                all.runs() == 0 ? 0 : (double) c.runs() / all.runs(), all.seconds() == 0 ? 0 : c.seconds() / all.seconds());
    }

    private static List<String> e2eSentences(PyramidShape shape) {
        if (shape == null || shape.e2eSuite() == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (var check : List.of(shape.e2eSuite().testCount(), shape.e2eSuite().share(), shape.e2eSuite().wallTime())) {
            if (check != null && check.sentence() != null) {
                out.add(check.sentence());
            }
        }
        return out;
    }

    private PyramidMapping mapping() {
        Map<String, List<PyramidMapping.Rule>> rules = new HashMap<>();
        if (config.layerMapping() != null) {
            config.layerMapping().forEach((component, list) -> rules.put(component, list.stream().map(r -> {
                int eq = r.lastIndexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("testhealth.analysis.layer-mapping." + component
                            + ": '" + r + "' must be pattern=layer");
                }
                return new PyramidMapping.Rule(r.substring(0, eq), Layer.parse(r.substring(eq + 1)).orElseThrow(() ->
                        new IllegalArgumentException("testhealth.analysis.layer-mapping." + component + ": '"
                                + r.substring(eq + 1) + "' is not unit, integration or e2e")));
            }).toList()));
        }
        return rules.isEmpty() ? PyramidMapping.none() : new PyramidMapping(rules);
    }

    private PyramidProfile profileOf(String component) {
        String name = component.substring(component.indexOf('/') + 1);
        String profile = config.profiles() == null ? null : config.profiles().get(name);
        return profile == null ? PyramidProfile.DEFAULT : PyramidProfile.builtIn(profile).orElseThrow(() ->
                new IllegalArgumentException("testhealth.analysis.profiles." + name + ": unknown profile '" + profile
                        + "' (default, library, ui-application)"));
    }

    private HealthReport store(HealthReport report) {
        components.save(report);
        return report;
    }

    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (loaded) {
                return;
            }
            components.load();
            teams.load();
            loaded = true;
        }
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static int gradeOrder(String grade) {
        return "ABCDF-".indexOf(grade);
    }

    private static String namespaceOf(String ref) {
        int colon = ref.indexOf(':');
        int slash = ref.indexOf('/');
        return slash > colon ? ref.substring(colon + 1, slash) : "default";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
