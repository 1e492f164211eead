package io.testhealth.collector.analysis.flakiness;

import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.PerTestMemo;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.Outcome;
import org.apache.commons.math3.distribution.BetaDistribution;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one owner of the flakiness definition of {@code metrics.md} section 3: from test histories and an instant to
 * a verdict per test and per job run.
 *
 * <p>A test is flaky when it both passes and fails on the same code in the same environment. The analysis is a pure
 * function of its arguments: no clock, no store, no state kept between calls (but for a cache of scores, each a function
 * of its flaky runs, runs and the settings). It runs in three steps.
 *
 * <h2>1. Job runs and infrastructure incidents</h2>
 * Facts are grouped by job run ({@link JobRun#runId()}); only job runs that started in the window and only runs that
 * count (not skipped, not unknown) are looked at. A job run where at least
 * {@link FlakinessSettings#incidentFailureShare()} of its tests failed, and at least
 * {@link FlakinessSettings#incidentMinFailures()} of them, is an <em>infrastructure incident</em>: a whole job failing
 * says something about the machine or a shared dependency, not about any one test, so its runs are left out of every
 * test verdict and every count below and the job run is listed separately.
 *
 * <h2>2. Per test</h2>
 * The <em>judged runs</em> of a test are its counted runs that started at or after {@code now - window}, incidents
 * left out, the last {@link FlakinessSettings#maxRuns()} of them, ordered by job start.
 * <ul>
 *   <li><b>Hard evidence</b> (one event is enough): (1) a run with outcome {@link Outcome#FLAKY}, i.e. it passed after a
 *   retry within its job run; (2) a failed run whose code version and environment ({@link JobRun#sameCode()}: the
 *   commit, or without one the pipeline and job whose attempts re-ran one checkout) also has a passing run, e.g. a CI
 *   re-run with {@code attempt = 2} that passed. For (2) the failed runs are the flaky runs, so a fail-then-pass
 *   counts once whether it was retried within the job or by re-running the job.</li>
 *   <li><b>Score</b>, the estimator: the posterior mean of the per-run flake rate under a Beta-binomial model with
 *   prior Beta(α0, β0), {@code S = (α0 + x) / (α0 + β0 + n)} with x the flaky runs and n the judged runs, and the
 *   equal-tailed credible interval from the quantiles of Beta(α0 + x, β0 + n − x) (Commons Math
 *   {@link BetaDistribution#inverseCumulativeProbability(double)}). With n = 0 the score is the prior mean, 1%.</li>
 *   <li><b>Regression</b>: the latest streak of at least {@link FlakinessSettings#regressionMinRuns()} consecutive
 *   failed runs spanning at least {@link FlakinessSettings#regressionMinCommits()} distinct known commits. A failure
 *   that persists across commits was caused by a change, not by chance, so it makes a test BROKEN and never FLAKY.
 *   While the streak reaches the last run, or only passing runs followed it and fewer than
 *   {@link FlakinessSettings#fixedCleanRuns()} of them, the test is BROKEN; after that many passing runs it is
 *   FIXED. If a failure follows the streak the regression is over, and the other rules judge what came after.</li>
 *   <li><b>Environment-dependent</b>: an environment where at least
 *   {@link FlakinessSettings#environmentFailureShare()} of the runs failed (and at least
 *   {@link FlakinessSettings#environmentMinFailures()}), while all other environments together passed at least
 *   {@link FlakinessSettings#environmentPassShare()} of their runs. That is a deterministic failure with a known
 *   condition, so the test is BROKEN with {@code environmentDependent}; hard events in that environment are not
 *   counted as flakiness.</li>
 *   <li><b>Flip rate</b> (soft evidence, diagnostic): the share of consecutive pairs of judged runs on a default
 *   branch whose pass/fail differs; 0 with fewer than two such runs. When no judged run names its branch, all judged
 *   runs are taken, as nothing tells the default branch apart.</li>
 * </ul>
 *
 * <h2>3. States</h2>
 * First match wins:
 * <ol>
 *   <li>STALE: no counted run in what was passed in, or the last one started before {@code now - staleAfter}.</li>
 *   <li>NEW: fewer than {@link FlakinessSettings#newBelowRuns()} runs ever (the larger of
 *   {@link TestHistory#runsEver()} and the counted runs passed in).</li>
 *   <li>BROKEN: at least {@link FlakinessSettings#brokenFailureShare()} of the last
 *   {@link FlakinessSettings#brokenLastRuns()} judged runs failed (of all judged runs when there are fewer), or an
 *   open regression, or environment-dependent.</li>
 *   <li>FLAKY: a hard event in the judged runs whose fix is not proven (below), or the statistical rule: at least
 *   {@link FlakinessSettings#statisticalMinRuns()} unexplained runs (judged runs outside the regression streak and
 *   the failing environment) with a failure rate in [5%, 80%) and a flip rate of at least 0.1.</li>
 *   <li>FIXED, with "was" derived from the judged runs only (the analysis keeps no state between calls):
 *   <ul>
 *     <li><em>was FLAKY</em> = there is a hard event in the judged runs. Its fix is proven when the last hard event
 *     started at least {@link FlakinessSettings#fixedQuietPeriod()} before {@code now} and the judged runs end with
 *     at least {@code max(fixedCleanRuns, ⌈3 / S_last⌉)} clean ({@link Outcome#PASSED}) runs, where S_last is the
 *     score over the judged runs up to and including the last hard event (the rule of three: after k clean runs the
 *     95% upper bound of the rate is about 3 / k). The test was fixed at the later of the run that completed that
 *     count and the end of the quiet period.</li>
 *     <li><em>was BROKEN</em> = a regression streak in the judged runs, or some {@code brokenLastRuns} consecutive
 *     judged runs with at least the broken share of failures. Its fix is proven when the last
 *     {@code fixedCleanRuns} judged runs are clean; it was fixed at the run that completed them.</li>
 *   </ul>
 *   A proven fix is FIXED for {@link FlakinessSettings#fixedHoldPeriod()} after it was fixed, then HEALTHY. Once its
 *   last hard event leaves the window, a formerly flaky test is HEALTHY without a proof: the window is the memory.</li>
 *   <li>HEALTHY otherwise.</li>
 * </ol>
 *
 * <h2>Flaky episodes</h2>
 * A FLAKY test's {@link TestVerdict#flakySince()} is when its open episode began: the first hard event after it was
 * last healthy or fixed, found by walking back through every run passed in (not only the judged ones) and, where the
 * walk reaches the first of them, through the runs {@link EarlierRuns} gives; see {@code episode}. The window bounds
 * the evidence for the verdict, never the age of the episode.
 *
 * <h2>Impact</h2>
 * <ul>
 *   <li>{@code pipelinesBrokenAlone}: non-incident job runs in which this test failed and every other failing test is
 *   FLAKY by its final verdict: without this test (or with flaky tests fixed) the job would have passed.</li>
 *   <li>{@code timeLostSeconds}: for runs that passed after a retry, cost minus the final attempt's duration (the
 *   failed attempts), when both are known; for failed runs in a job run that was re-run (a job run with the same
 *   component, pipeline, job and environment and the next attempt number exists), a share of the re-run: its test
 *   time (the sum of its test runs' costs) divided by the number of tests that failed in the job run it repeated,
 *   since the re-run was made because of them. A re-run whose test time is unknown (outside the window, or no
 *   duration reported) charges the failed run's own cost, else its duration.</li>
 * </ul>
 * Order tests by {@link TestVerdict#IMPACT_ORDER}.
 */
public final class FlakinessAnalyzer {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final double EPSILON = 1e-9;
    private static final int MAX_LISTED_CONFLICTS = 3;

    private final FlakinessSettings settings;
    /**
     * Scores by flaky runs and runs (x in the high half, n in the low): a score depends on nothing else, most tests
     * of a component share a few (x, n) pairs, and each costs two Beta quantiles found by root search.
     */
    private final Map<Long, Score> scores = new java.util.concurrent.ConcurrentHashMap<>();

    /** An analyzer with the given thresholds. */
    public FlakinessAnalyzer(FlakinessSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** An analyzer with {@link FlakinessSettings#defaults()}. */
    public static FlakinessAnalyzer withDefaults() {
        return new FlakinessAnalyzer(FlakinessSettings.defaults());
    }

    /** The thresholds this analyzer applies. */
    public FlakinessSettings settings() {
        return settings;
    }

    /**
     * Analyses the tests of one component (or any set of tests judged together) as of {@code now}.
     *
     * @param tests the histories, each with its runs; runs outside the window are ignored
     * @param now   the instant the verdicts are for
     * @return one verdict per test in impact order, and the job runs of the window
     */
    public ComponentFlakiness analyse(List<TestHistory> tests, Instant now) {
        return analyse(tests, now, EarlierRuns.NONE);
    }

    /**
     * Analyses the tests of one component as of {@code now}, tracing flaky episodes back into earlier runs where the
     * histories given do not reach their start.
     *
     * @param tests   the histories, each with its runs; runs outside the window count for no verdict, but an episode
     *                is traced back through them
     * @param now     the instant the verdicts are for
     * @param earlier asked once, for the FLAKY tests whose episode may have begun before their first run given
     * @return one verdict per test in impact order, and the job runs of the window
     */
    public ComponentFlakiness analyse(List<TestHistory> tests, Instant now, EarlierRuns earlier) {
        return analyse(tests, now, earlier, new Memory());
    }

    /**
     * As {@link #analyse(List, Instant, EarlierRuns)}, reusing the verdicts that {@code memory} kept from the previous
     * analysis of the same tests where they still hold ({@link PerTestMemo} says when), and keeping this analysis'
     * verdicts for the next. The verdicts are those a fresh analysis gives: only the work is saved.
     *
     * @param memory what the previous analyses of this component kept; used by one analysis at a time
     */
    public ComponentFlakiness analyse(List<TestHistory> tests, Instant now, EarlierRuns earlier, Memory memory) {
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(tests, "tests");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(earlier, "earlier");
        Instant from = now.minus(settings.window());

        // incidents are found in every job run given, not only the window's, so that an episode traced back
        // through older runs leaves them out as the verdict does
        Map<String, JobFacts> jobs = new LinkedHashMap<>();
        Set<String> jobKeys = new HashSet<>();
        Set<String> keyedRuns = new HashSet<>();
        for (TestHistory t : tests) {
            for (TestRunFact f : t.runs()) {
                if (keyedRuns.add(f.job().runId())) {
                    jobKeys.add(jobKey(f.job(), f.job().attempt()));
                }
                if (f.counts()) {
                    jobs.computeIfAbsent(f.job().runId(), k -> new JobFacts(f.job(), new ArrayList<>()))
                            .facts().add(new TestFact(t.testId(), f));
                }
            }
        }
        Set<String> incidents = new HashSet<>();
        jobs.forEach((id, j) -> {
            if (isIncident(j)) {
                incidents.add(id);
            }
        });
        // A kept verdict saw its job runs as incidents or not; when a job run both analyses know changed its mind
        // (runs of it dropped out of the histories read), the kept verdicts are not trusted.
        Map<String, Boolean> incidentOf = new HashMap<>();
        boolean incidentsMoved = false;
        for (String id : jobs.keySet()) {
            boolean incident = incidents.contains(id);
            incidentOf.put(id, incident);
            Boolean before = memory.incidentOf.get(id);
            incidentsMoved |= before != null && before != incident;
        }
        memory.incidentOf = incidentOf;
        if (incidentsMoved) {
            memory.tests.clear();
        }
        memory.tests.begin(settings);
        jobs.values().removeIf(j -> j.job().startedAt().isBefore(from));

        List<Judged> judged = new ArrayList<>();
        for (TestHistory t : tests) {
            Judged j = memory.tests.reuse(t, now);
            if (j == null) {
                j = judge(t, incidents, now, from);
                if (j.episodeHistory() == null) { // an episode traced into earlier runs is traced again each time
                    // Every duration a rule of this class adds to a run's start before comparing it with the clock:
                    // the window, STALE, the quiet period and the hold of a fix (counted from a run or from the end
                    // of a quiet period). A rule that reads the clock otherwise must be added here.
                    memory.tests.keep(t, j, PerTestMemo.firstChange(t.runs(), now, settings.window(),
                            settings.staleAfter(), settings.fixedQuietPeriod(), settings.fixedHoldPeriod(),
                            settings.fixedQuietPeriod().plus(settings.fixedHoldPeriod())));
                }
            }
            judged.add(j);
        }
        memory.tests.end();
        judged = traceEpisodesBack(judged, earlier);
        Map<String, TestState> stateById = new HashMap<>();
        for (Judged j : judged) {
            stateById.put(j.verdict().testId(), j.verdict().state());
        }

        Map<String, Integer> brokenAlone = new HashMap<>();
        List<JobRunVerdict> jobVerdicts = new ArrayList<>();
        ReRuns reRuns = new ReRuns(jobKeys, new HashMap<>(), new HashMap<>());
        for (JobFacts j : jobs.values()) {
            boolean incident = incidents.contains(j.job().runId());
            Set<String> failing = new LinkedHashSet<>();
            double testTime = 0;
            for (TestFact tf : j.facts()) {
                if (tf.fact().failed()) {
                    failing.add(tf.testId());
                }
                Double spent = tf.fact().costSeconds() != null ? tf.fact().costSeconds() : tf.fact().durationSeconds();
                testTime += spent == null ? 0 : spent;
            }
            reRuns.testTime().merge(jobKey(j.job(), j.job().attempt()), testTime, Double::sum);
            reRuns.failingTests().put(j.job().runId(), failing.size());
            boolean onlyFlaky = !incident && !failing.isEmpty()
                    && failing.stream().allMatch(id -> stateById.get(id) == TestState.FLAKY);
            if (!incident) {
                for (String id : failing) {
                    boolean othersFlaky = failing.stream()
                            .allMatch(other -> other.equals(id) || stateById.get(other) == TestState.FLAKY);
                    if (othersFlaky) {
                        brokenAlone.merge(id, 1, Integer::sum);
                    }
                }
            }
            JobRun r = j.job();
            jobVerdicts.add(new JobRunVerdict(r.runId(), r.pipeline(), r.job(), r.attempt(), r.environment(),
                    r.startedAt(), j.facts().size(), (int) j.facts().stream().filter(tf -> tf.fact().failed()).count(),
                    incident, onlyFlaky));
        }
        jobVerdicts.sort(Comparator.comparing(JobRunVerdict::startedAt).thenComparing(JobRunVerdict::runId));

        List<TestVerdict> verdicts = new ArrayList<>();
        for (Judged j : judged) {
            double lost = timeLost(j.runs(), reRuns);
            verdicts.add(j.verdict().withImpact(lost, brokenAlone.getOrDefault(j.verdict().testId(), 0)));
        }
        verdicts.sort(TestVerdict.IMPACT_ORDER);
        return new ComponentFlakiness(now, settings, verdicts, jobVerdicts);
    }

    /**
     * What the analyses of one component keep for the next one: each test's verdict before its impact (which depends
     * on the other tests and is worked out every time), and whether each job run was an incident. Made by the caller,
     * one per component, and used under the component's lock.
     */
    public static final class Memory {
        private final PerTestMemo<Judged> tests = new PerTestMemo<>();
        private Map<String, Boolean> incidentOf = Map.of();

        /** Verdicts reused rather than worked out again, since the memory was made. */
        public long reused() {
            return tests.reused();
        }
    }

    private boolean isIncident(JobFacts j) {
        int total = j.facts().size();
        int failed = 0;
        for (TestFact tf : j.facts()) {
            failed += tf.fact().failed() ? 1 : 0;
        }
        return failed >= settings.incidentMinFailures() && atLeast(failed, total, settings.incidentFailureShare());
    }

    // ---------------------------------------------------------------- per test

    private Judged judge(TestHistory t, Set<String> incidents, Instant now, Instant from) {
        // Loops rather than streams: this runs for every test of a component at every upload.
        List<TestRunFact> counted = new ArrayList<>(t.runs().size());
        Instant previousStart = null;
        boolean ordered = true;
        for (TestRunFact f : t.runs()) {
            if (f.counts()) {
                Instant start = f.job().startedAt();
                ordered &= previousStart == null || !start.isBefore(previousStart);
                previousStart = start;
                counted.add(f);
            }
        }
        if (!ordered) { // histories come oldest first; a caller's own list may not
            counted.sort(Comparator.comparing((TestRunFact f) -> f.job().startedAt()));
        }
        Instant lastRunAt = counted.isEmpty() ? null : counted.get(counted.size() - 1).job().startedAt();
        int incidentRuns = 0;
        List<TestRunFact> clean = new ArrayList<>(counted.size());
        for (TestRunFact f : counted) {
            if (!inWindow(f, from)) {
                continue;
            }
            if (incidents.contains(f.job().runId())) {
                incidentRuns++;
            } else {
                clean.add(f);
            }
        }
        List<TestRunFact> runs = clean.subList(Math.max(0, clean.size() - settings.maxRuns()), clean.size());
        int n = runs.size();
        long runsEver = Math.max(t.runsEver(), counted.size());

        EnvironmentFinding env = environmentDependence(runs);
        Evidence ev = hardEvidence(runs, env);
        int x = ev.flakyIndexes().size();
        Score score = score(x, n);
        Regression reg = regression(runs);
        int failed = failedCount(runs, 0, n);
        double failureRate = n == 0 ? 0 : (double) failed / n;
        double flipRate = flipRate(runs);

        Builder v = new Builder();
        if (lastRunAt == null || lastRunAt.isBefore(now.minus(settings.staleAfter()))) {
            v.state = TestState.STALE;
            boolean skipped = t.runs().stream().anyMatch(f -> f.outcome() == Outcome.SKIPPED);
            v.reasons.add(lastRunAt == null ? (skipped ? "only skipped runs in the history analysed: it is disabled or"
                    + " never meets its assumptions" : "no run in the history analysed")
                    : "no run since " + day(lastRunAt) + " (more than " + settings.staleAfter().toDays() + " days)");
        } else if (runsEver < settings.newBelowRuns()) {
            v.state = TestState.NEW;
            v.reasons.add("ran " + times(runsEver) + " ever; " + settings.newBelowRuns()
                    + " runs are needed before judging it");
        } else {
            decide(v, runs, now, ev, reg, env, score, flipRate);
        }
        if (v.state != TestState.STALE && v.state != TestState.NEW) {
            v.reasons.add(String.format(Locale.ROOT, "score %s (%.0f%% interval %s to %s) from %d flaky of %d runs",
                    pct(score.mean()), settings.credibleMass() * 100, pct(score.lower()), pct(score.upper()), x, n));
        }
        if (incidentRuns > 0) {
            v.reasons.add(incidentRuns + " of its runs left out: their job runs were infrastructure incidents");
        }

        Instant lastFlakyAt = ev.flakyIndexes().isEmpty() ? null
                : runs.get(ev.flakyIndexes().get(ev.flakyIndexes().size() - 1)).job().startedAt();
        List<TestRunFact> history = List.of();
        if (v.state == TestState.FLAKY) {
            history = new ArrayList<>(counted.size());
            for (TestRunFact f : counted) {
                if (!incidents.contains(f.job().runId())) {
                    history.add(f);
                }
            }
        }
        Episode episode = v.state != TestState.FLAKY ? null : episode(history, env)
                .orElseGet(() -> new Episode(runs.stream().filter(TestRunFact::failed).findFirst()
                        .map(f -> f.job().startedAt()).orElse(lastRunAt), false));
        TestVerdict verdict = new TestVerdict(t.testId(), t.component(), t.suite(), t.name(), v.state, v.reasons,
                score.mean(), score.lower(), score.upper(), n, x, ev.retryRuns(), ev.sameCodeRuns(), failed,
                failureRate, flipRate, runsEver, incidentRuns, 0, 0, lastRunAt, lastFlakyAt,
                episode == null ? null : episode.start(), env != null, env == null ? "" : env.environment(),
                reg != null, reg == null ? "" : runs.get(reg.start()).job().commit());
        boolean olderRunsExist = !history.isEmpty() && t.firstSeen() != null
                && t.firstSeen().isBefore(history.get(0).job().startedAt());
        return new Judged(verdict, runs, episode != null && episode.reachesBack() && olderRunsExist ? history : null,
                env);
    }

    // ---------------------------------------------------------------- flaky episodes

    /**
     * Asks {@code earlier} once for the runs before the histories of the tests whose episode reaches back to their
     * first run given, and traces those episodes on through them.
     */
    private List<Judged> traceEpisodesBack(List<Judged> judged, EarlierRuns earlier) {
        Map<String, Instant> before = new LinkedHashMap<>();
        for (Judged j : judged) {
            if (j.episodeHistory() != null) {
                before.put(j.verdict().testId(), j.episodeHistory().get(0).job().startedAt());
            }
        }
        if (before.isEmpty()) {
            return judged;
        }
        Map<String, List<TestRunFact>> older = earlier.before(before);
        List<Judged> traced = new ArrayList<>(judged.size());
        for (Judged j : judged) {
            List<TestRunFact> more = j.episodeHistory() == null ? null : older.get(j.verdict().testId());
            if (more == null || more.isEmpty()) {
                traced.add(j);
                continue;
            }
            Instant first = before.get(j.verdict().testId());
            List<TestRunFact> all = new ArrayList<>(more.size() + j.episodeHistory().size());
            more.stream().filter(TestRunFact::counts).filter(f -> f.job().startedAt().isBefore(first)).forEach(all::add);
            all.addAll(j.episodeHistory());
            Instant start = episode(all, j.environment()).map(Episode::start).orElse(j.verdict().flakySince());
            traced.add(new Judged(j.verdict().withFlakySince(start), j.runs(), null, j.environment()));
        }
        return traced;
    }

    /**
     * When the flaky episode that is open at the end of {@code runs} began: the first hard event after the test was
     * last healthy or fixed ({@code metrics.md}, "Flakiness", and the flake age check).
     *
     * <p>Walking back from the last hard event, the episode goes on through the previous hard event unless the test
     * was healthy in between, which this class's states allow in two ways: the earlier event left the window before
     * the later one happened (a test whose last hard event left the window is HEALTHY), or the fix was proven
     * between them (the FIXED rule: {@code max(fixedCleanRuns, ⌈3 / S⌉)} consecutive clean runs, S being the score
     * when it flaked, still unbroken when the quiet period after that flake ended).
     *
     * @param runs the test's counted runs outside incidents, oldest first, in and before the window
     * @return the episode's start, and whether it reaches back to within a window of the first run given (so that an
     *     earlier hard event could belong to it); empty without a hard event
     */
    private Optional<Episode> episode(List<TestRunFact> runs, EnvironmentFinding env) {
        List<Integer> events = hardEvidence(runs, env).flakyIndexes();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        int start = events.size() - 1;
        while (start > 0 && !healthyBetween(runs, events, start - 1)) {
            start--;
        }
        Instant began = runs.get(events.get(start)).job().startedAt();
        boolean reachesBack = start == 0
                && Duration.between(runs.get(0).job().startedAt(), began).compareTo(settings.window()) <= 0;
        return Optional.of(new Episode(began, reachesBack));
    }

    /** Whether the test was healthy or proven fixed between hard events {@code k} and {@code k + 1}. */
    private boolean healthyBetween(List<TestRunFact> runs, List<Integer> events, int k) {
        int prev = events.get(k);
        int next = events.get(k + 1);
        Instant flakedAt = runs.get(prev).job().startedAt();
        if (Duration.between(flakedAt, runs.get(next).job().startedAt()).compareTo(settings.window()) > 0) {
            return true;
        }
        Instant windowStart = flakedAt.minus(settings.window());
        int first = prev;
        while (first > 0 && runs.get(first - 1).job().startedAt().isAfter(windowStart) && prev - first + 1 < settings.maxRuns()) {
            first--;
        }
        int x = 0;
        for (int e : events) {
            if (e >= first && e <= prev) {
                x++;
            }
        }
        Score atFlake = score(x, prev - first + 1);
        int needed = Math.max(settings.fixedCleanRuns(),
                (int) Math.ceil(settings.fixedRuleOfThree() / atFlake.mean() - EPSILON));
        Instant quietUntil = flakedAt.plus(settings.fixedQuietPeriod());
        int streak = 0;
        for (int i = prev + 1; i < next; i++) {
            streak = runs.get(i).outcome() == Outcome.PASSED ? streak + 1 : 0;
            if (streak >= needed && !runs.get(i + 1).job().startedAt().isBefore(quietUntil)) {
                return true;
            }
        }
        return false;
    }

    /** Applies BROKEN, FLAKY, FIXED and HEALTHY in that order to a test that is neither STALE nor NEW. */
    private void decide(Builder v, List<TestRunFact> runs, Instant now, Evidence ev, Regression reg,
                        EnvironmentFinding env, Score score, double flipRate) {
        int n = runs.size();
        List<String> broken = new ArrayList<>();
        int lastK = Math.min(settings.brokenLastRuns(), n);
        List<TestRunFact> last = runs.subList(n - lastK, n);
        int lastFailed = failedCount(runs, n - lastK, n);
        if (lastK > 0 && atLeast(lastFailed, lastK, settings.brokenFailureShare())) {
            TestRunFact firstFail = last.stream().filter(TestRunFact::failed).findFirst().orElseThrow();
            broken.add("failed in " + lastFailed + " of the last " + lastK + " runs" + sinceCommit(firstFail));
        }
        if (reg != null) {
            Regression.Status s = reg.status(runs, settings.fixedCleanRuns());
            String from = commitName(runs.get(reg.start()));
            if (s == Regression.Status.ONGOING) {
                broken.add("failing since commit " + from + ": " + reg.length() + " consecutive failed runs on "
                        + reg.commits() + " commits");
            } else if (s == Regression.Status.AWAITING_FIX_PROOF) {
                broken.add("failed from commit " + from + " to " + commitName(runs.get(reg.end())) + ", passing since "
                        + commitName(runs.get(reg.end() + 1)) + " in " + (n - reg.end() - 1) + " of the "
                        + settings.fixedCleanRuns() + " runs needed to call it fixed");
            }
        }
        if (env != null) {
            broken.add("fails only on " + env.environment() + ": failed " + env.failedThere() + " of " + env.runsThere()
                    + " runs there, passed " + env.passedElsewhere() + " of " + env.runsElsewhere() + " elsewhere");
        }
        if (!broken.isEmpty()) {
            v.state = TestState.BROKEN;
            v.reasons.addAll(broken);
            return;
        }

        FlakyFix fix = ev.flakyIndexes().isEmpty() ? null : flakyFix(runs, ev, now);
        boolean statistical = statistical(runs, reg, env, flipRate);
        if (statistical || (fix != null && fix.fixedAt() == null)) {
            v.state = TestState.FLAKY;
            v.reasons.addAll(ev.reasons());
            if (statistical) {
                int[] u = unexplained(runs, reg, env);
                v.reasons.add(String.format(Locale.ROOT,
                        "failed in %d of %d runs (%s) and flipped between pass and fail in %s of consecutive "
                                + "default-branch runs", u[1], u[0], pct((double) u[1] / u[0]), pct(flipRate)));
            }
            if (fix != null && fix.fixedAt() == null) {
                v.reasons.add(fix.progress());
            }
            return;
        }
        if (fix != null) {
            boolean holding = now.isBefore(fix.fixedAt().plus(settings.fixedHoldPeriod()));
            v.state = holding ? TestState.FIXED : TestState.HEALTHY;
            v.reasons.add(fix.progress());
            if (!holding) {
                v.reasons.add("fixed on " + day(fix.fixedAt()) + ", more than "
                        + settings.fixedHoldPeriod().toDays() + " days ago");
            }
            return;
        }
        Instant brokenFixedAt = brokenFixedAt(runs, reg);
        if (brokenFixedAt != null) {
            boolean holding = now.isBefore(brokenFixedAt.plus(settings.fixedHoldPeriod()));
            v.state = holding ? TestState.FIXED : TestState.HEALTHY;
            if (reg != null) {
                v.reasons.add("failed from commit " + commitName(runs.get(reg.start())) + " to "
                        + commitName(runs.get(reg.end())) + ", passing since " + commitName(runs.get(reg.end() + 1)));
            } else {
                v.reasons.add("failed in most runs earlier in the window; its last " + settings.fixedCleanRuns()
                        + " runs passed");
            }
            if (!holding) {
                v.reasons.add("fixed on " + day(brokenFixedAt) + ", more than "
                        + settings.fixedHoldPeriod().toDays() + " days ago");
            }
            return;
        }
        v.state = TestState.HEALTHY;
        v.reasons.add("no flaky run in " + n + " runs over the last " + settings.window().toDays() + " days");
        if (reg != null) {
            v.reasons.add("an earlier regression from commit " + commitName(runs.get(reg.start())) + " ended at "
                    + commitName(runs.get(reg.end() + 1)));
        }
    }

    private Evidence hardEvidence(List<TestRunFact> runs, EnvironmentFinding env) {
        List<String> reasons = new ArrayList<>();
        boolean[] flaky = new boolean[runs.size()];
        int lastRetry = -1;
        int retries = 0;
        for (int i = 0; i < runs.size(); i++) {
            TestRunFact f = runs.get(i);
            if (f.outcome() == Outcome.FLAKY && !explainedByEnvironment(f, env)) {
                flaky[i] = true;
                retries++;
                lastRetry = i;
            }
        }
        if (retries > 0) {
            reasons.add("passed on retry in " + runCount(retries) + ", last in "
                    + where(runs.get(lastRetry).job()));
        }
        Map<JobRun.SameCode, List<Integer>> byCode = new LinkedHashMap<>();
        for (int i = 0; i < runs.size(); i++) {
            JobRun.SameCode code = runs.get(i).job().sameCode();
            if (code != null) {
                byCode.computeIfAbsent(code, k -> new ArrayList<>(4)).add(i);
            }
        }
        int sameCode = 0;
        List<String> conflicts = new ArrayList<>();
        for (Map.Entry<JobRun.SameCode, List<Integer>> e : byCode.entrySet()) {
            List<Integer> group = e.getValue();
            boolean passed = false;
            int failedInGroup = 0;
            for (int i : group) {
                passed |= passed(runs.get(i));
                failedInGroup += runs.get(i).failed() ? 1 : 0;
            }
            if (!passed || failedInGroup == 0 || explainedByEnvironment(runs.get(group.get(0)), env)) {
                continue;
            }
            for (int i : group) {
                if (runs.get(i).failed()) {
                    flaky[i] = true;
                }
            }
            sameCode += failedInGroup;
            conflicts.add("passed and failed on " + e.getKey().describe());
        }
        if (conflicts.size() > MAX_LISTED_CONFLICTS) {
            int more = conflicts.size() - MAX_LISTED_CONFLICTS;
            conflicts = new ArrayList<>(conflicts.subList(0, MAX_LISTED_CONFLICTS));
            conflicts.add("passed and failed on " + more + " more code versions");
        }
        reasons.addAll(conflicts);
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < flaky.length; i++) {
            if (flaky[i]) {
                indexes.add(i);
            }
        }
        return new Evidence(List.copyOf(indexes), retries, sameCode, reasons);
    }

    private static boolean explainedByEnvironment(TestRunFact f, EnvironmentFinding env) {
        return env != null && env.environment().equals(f.job().environment());
    }

    private Score score(int x, int n) {
        return scores.computeIfAbsent(((long) x << 32) | (n & 0xffffffffL), k -> scoreOf(x, n));
    }

    private Score scoreOf(int x, int n) {
        double a = settings.priorAlpha() + x;
        double b = settings.priorBeta() + n - x;
        BetaDistribution beta = new BetaDistribution(null, a, b);
        double tail = (1 - settings.credibleMass()) / 2;
        return new Score(a / (a + b), beta.inverseCumulativeProbability(tail),
                beta.inverseCumulativeProbability(1 - tail));
    }

    private Regression regression(List<TestRunFact> runs) {
        Regression found = null;
        int i = 0;
        while (i < runs.size()) {
            if (!runs.get(i).failed()) {
                i++;
                continue;
            }
            int start = i;
            Set<String> commits = new HashSet<>();
            while (i < runs.size() && runs.get(i).failed()) {
                String c = runs.get(i).job().commit();
                if (c != null && !c.isEmpty()) {
                    commits.add(c);
                }
                i++;
            }
            int length = i - start;
            if (length >= settings.regressionMinRuns() && commits.size() >= settings.regressionMinCommits()) {
                found = new Regression(start, i - 1, commits.size());
            }
        }
        return found;
    }

    private EnvironmentFinding environmentDependence(List<TestRunFact> runs) {
        Map<String, int[]> byEnv = new TreeMap<>();
        for (TestRunFact f : runs) {
            int[] c = byEnv.computeIfAbsent(Objects.requireNonNullElse(f.job().environment(), ""), k -> new int[2]);
            c[0]++;
            if (f.failed()) {
                c[1]++;
            }
        }
        if (byEnv.size() < 2) {
            return null;
        }
        EnvironmentFinding best = null;
        for (Map.Entry<String, int[]> e : byEnv.entrySet()) {
            String name = e.getKey();
            int there = e.getValue()[0];
            int failedThere = e.getValue()[1];
            int elsewhere = runs.size() - there;
            int passedElsewhere = 0;
            for (Map.Entry<String, int[]> o : byEnv.entrySet()) {
                if (!o.getKey().equals(name)) {
                    passedElsewhere += o.getValue()[0] - o.getValue()[1];
                }
            }
            boolean dependent = !name.isEmpty() && elsewhere > 0
                    && failedThere >= settings.environmentMinFailures()
                    && atLeast(failedThere, there, settings.environmentFailureShare())
                    && atLeast(passedElsewhere, elsewhere, settings.environmentPassShare());
            if (dependent && (best == null || failedThere > best.failedThere())) {
                best = new EnvironmentFinding(name, there, failedThere, elsewhere, passedElsewhere);
            }
        }
        return best;
    }

    private double flipRate(List<TestRunFact> runs) {
        boolean branchKnown = false;
        for (TestRunFact f : runs) {
            if (f.job().branch() != null && !f.job().branch().isEmpty()) {
                branchKnown = true;
                break;
            }
        }
        int counted = 0;
        int flips = 0;
        boolean previousFailed = false;
        for (TestRunFact f : runs) {
            if (branchKnown && !settings.isDefaultBranch(f.job().branch())) {
                continue;
            }
            if (counted > 0 && f.failed() != previousFailed) {
                flips++;
            }
            previousFailed = f.failed();
            counted++;
        }
        return counted < 2 ? 0 : (double) flips / (counted - 1);
    }

    /** Runs and failures outside the regression streak and the failing environment: {@code {runs, failed}}. */
    private static int[] unexplained(List<TestRunFact> runs, Regression reg, EnvironmentFinding env) {
        int total = 0;
        int failed = 0;
        for (int i = 0; i < runs.size(); i++) {
            boolean inStreak = reg != null && i >= reg.start() && i <= reg.end();
            if (inStreak || explainedByEnvironment(runs.get(i), env)) {
                continue;
            }
            total++;
            if (runs.get(i).failed()) {
                failed++;
            }
        }
        return new int[] {total, failed};
    }

    private boolean statistical(List<TestRunFact> runs, Regression reg, EnvironmentFinding env, double flipRate) {
        int[] u = unexplained(runs, reg, env);
        if (u[0] < settings.statisticalMinRuns()) {
            return false;
        }
        double rate = (double) u[1] / u[0];
        return rate >= settings.statisticalMinFailureRate() - EPSILON
                && rate < settings.statisticalMaxFailureRate() - EPSILON
                && flipRate >= settings.statisticalMinFlipRate() - EPSILON;
    }

    /** Whether and when the fix of a formerly flaky test is proven; {@code fixedAt} is null while it is not. */
    private FlakyFix flakyFix(List<TestRunFact> runs, Evidence ev, Instant now) {
        List<Integer> idx = ev.flakyIndexes();
        int lastHard = idx.get(idx.size() - 1);
        Score atLastFlake = score(idx.size(), lastHard + 1);
        int needed = Math.max(settings.fixedCleanRuns(),
                (int) Math.ceil(settings.fixedRuleOfThree() / atLastFlake.mean() - EPSILON));
        int trailingClean = 0;
        for (int i = runs.size() - 1; i > lastHard && runs.get(i).outcome() == Outcome.PASSED; i--) {
            trailingClean++;
        }
        Instant lastFlakyAt = runs.get(lastHard).job().startedAt();
        Instant quietUntil = lastFlakyAt.plus(settings.fixedQuietPeriod());
        String rule = String.format(Locale.ROOT, "max(%d, ⌈%s / S⌉) with S = %.4f when it last flaked",
                settings.fixedCleanRuns(), trimmed(settings.fixedRuleOfThree()), atLastFlake.mean());
        String progress = "last flaky run on " + day(lastFlakyAt) + " in " + where(runs.get(lastHard).job()) + "; "
                + trailingClean + " clean runs since, " + needed + " needed: " + rule;
        boolean quiet = !now.isBefore(quietUntil);
        if (trailingClean < needed || !quiet) {
            return new FlakyFix(null, quiet ? progress : progress + "; also needed: no flaky run for "
                    + settings.fixedQuietPeriod().toDays() + " days");
        }
        Instant countReached = runs.get(runs.size() - trailingClean + needed - 1).job().startedAt();
        Instant fixedAt = countReached.isAfter(quietUntil) ? countReached : quietUntil;
        return new FlakyFix(fixedAt, progress);
    }

    /** When a formerly BROKEN test was proven fixed (its last clean runs completed), or null. */
    private Instant brokenFixedAt(List<TestRunFact> runs, Regression reg) {
        int n = runs.size();
        int k = settings.fixedCleanRuns();
        if (n < k) {
            return null;
        }
        for (int i = n - k; i < n; i++) {
            if (runs.get(i).outcome() != Outcome.PASSED) {
                return null;
            }
        }
        boolean wasBroken = reg != null;
        int w = settings.brokenLastRuns();
        if (!wasBroken && w <= n) {
            // every w consecutive runs, counted with a sliding sum
            int failed = failedCount(runs, 0, w);
            wasBroken = atLeast(failed, w, settings.brokenFailureShare());
            for (int end = w + 1; !wasBroken && end <= n; end++) {
                failed += (runs.get(end - 1).failed() ? 1 : 0) - (runs.get(end - w - 1).failed() ? 1 : 0);
                wasBroken = atLeast(failed, w, settings.brokenFailureShare());
            }
        }
        if (!wasBroken) {
            return null;
        }
        int lastNotClean = -1;
        for (int i = 0; i < n; i++) {
            if (runs.get(i).outcome() != Outcome.PASSED) {
                lastNotClean = i;
            }
        }
        return runs.get(lastNotClean + k).job().startedAt();
    }

    /** How many of {@code runs[from, to)} failed. */
    private static int failedCount(List<TestRunFact> runs, int from, int to) {
        int failed = 0;
        for (int i = from; i < to; i++) {
            if (runs.get(i).failed()) {
                failed++;
            }
        }
        return failed;
    }

    // ---------------------------------------------------------------- impact

    /**
     * What the job re-runs of a component cost, for {@link #timeLost}.
     *
     * @param jobKeys      every job run's {@link #jobKey}, to tell whether a job run was re-run
     * @param testTime     the test time of each job run of the window, by {@link #jobKey}
     * @param failingTests how many tests failed in each job run of the window, by run id
     */
    private record ReRuns(Set<String> jobKeys, Map<String, Double> testTime, Map<String, Integer> failingTests) {
    }

    private static double timeLost(List<TestRunFact> runs, ReRuns reRuns) {
        double lost = 0;
        for (TestRunFact f : runs) {
            if (f.outcome() == Outcome.FLAKY && f.costSeconds() != null && f.durationSeconds() != null) {
                lost += Math.max(0, f.costSeconds() - f.durationSeconds());
            } else if (f.failed() && f.job().pipeline() != null && !f.job().pipeline().isEmpty()
                    && reRuns.jobKeys().contains(jobKey(f.job(), f.job().attempt() + 1))) {
                double reRun = reRuns.testTime().getOrDefault(jobKey(f.job(), f.job().attempt() + 1), 0.0);
                int failing = reRuns.failingTests().getOrDefault(f.job().runId(), 0);
                if (reRun > 0 && failing > 0) {
                    lost += reRun / failing;
                } else {
                    Double spent = f.costSeconds() != null ? f.costSeconds() : f.durationSeconds();
                    lost += spent == null ? 0 : spent;
                }
            }
        }
        return lost;
    }

    private static String jobKey(JobRun j, int attempt) {
        return String.join("\u001f", String.valueOf(j.component()), String.valueOf(j.pipeline()),
                String.valueOf(j.job()), String.valueOf(j.environment()), Integer.toString(attempt));
    }

    // ---------------------------------------------------------------- small helpers

    private static boolean inWindow(TestRunFact f, Instant from) {
        return !f.job().startedAt().isBefore(from);
    }

    private static boolean passed(TestRunFact f) {
        return f.outcome() == Outcome.PASSED || f.outcome() == Outcome.FLAKY;
    }

    /** Whether {@code count / total >= share}, tolerant of binary fractions (0.8 × 10 is 8). */
    private static boolean atLeast(int count, int total, double share) {
        return total > 0 && count >= share * total - EPSILON;
    }

    private static String sinceCommit(TestRunFact f) {
        String c = f.job().commit();
        return c == null || c.isEmpty() ? "" : " since commit " + shortCommit(c);
    }

    private static String commitName(TestRunFact f) {
        String c = f.job().commit();
        return c == null || c.isEmpty() ? "(unknown) in " + where(f.job()) : shortCommit(c);
    }

    private static String shortCommit(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }

    private static String where(JobRun j) {
        return j.pipeline() == null || j.pipeline().isEmpty() ? "job run " + j.runId() : "pipeline " + j.pipeline();
    }

    private static String times(long k) {
        return k == 1 ? "once" : k + " times";
    }

    private static String runCount(long k) {
        return k == 1 ? "1 run" : k + " runs";
    }

    private static String day(Instant t) {
        return DAY.format(t);
    }

    private static String pct(double share) {
        if (share > 0 && share < 0.0005) {
            return "< 0.1%";
        }
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    private static String trimmed(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    // ---------------------------------------------------------------- intermediate values

    private record TestFact(String testId, TestRunFact fact) {
    }

    private record JobFacts(JobRun job, List<TestFact> facts) {
    }

    /**
     * A test's verdict with its judged runs; {@code episodeHistory} is set while its flaky episode may reach back
     * before the runs given, and holds those runs (counted, incidents left out).
     */
    private record Judged(TestVerdict verdict, List<TestRunFact> runs, List<TestRunFact> episodeHistory,
                          EnvironmentFinding environment) {
    }

    /** When an open flaky episode began, and whether it may have begun before the runs it was traced through. */
    private record Episode(Instant start, boolean reachesBack) {
    }

    private record Score(double mean, double lower, double upper) {
    }

    /** Hard evidence: indexes of the flaky runs among the judged runs, and the sentences saying why. */
    private record Evidence(List<Integer> flakyIndexes, int retryRuns, int sameCodeRuns, List<String> reasons) {
    }

    private record EnvironmentFinding(String environment, int runsThere, int failedThere, int runsElsewhere,
                                      int passedElsewhere) {
    }

    private record FlakyFix(Instant fixedAt, String progress) {
    }

    /** A streak of consecutive failed judged runs, {@code start..end} inclusive, on {@code commits} commits. */
    private record Regression(int start, int end, int commits) {
        enum Status { ONGOING, AWAITING_FIX_PROOF, RECOVERED, ENDED }

        int length() {
            return end - start + 1;
        }

        Status status(List<TestRunFact> runs, int cleanRunsNeeded) {
            if (end == runs.size() - 1) {
                return Status.ONGOING;
            }
            List<TestRunFact> after = runs.subList(end + 1, runs.size());
            if (after.stream().anyMatch(TestRunFact::failed)) {
                return Status.ENDED;
            }
            return after.size() < cleanRunsNeeded ? Status.AWAITING_FIX_PROOF : Status.RECOVERED;
        }
    }

    /** The state and reasons of a verdict while they are worked out. */
    private static final class Builder {
        private TestState state;
        private final List<String> reasons = new ArrayList<>();
    }
}
