package io.testhealth.collector.scorecards;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.testhealth.collector.analysis.DefaultBranches;
import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.analysis.durations.JobWallTimes;
import io.testhealth.collector.analysis.durations.TimeWindow;
import io.testhealth.collector.analysis.flakiness.ComponentFlakiness;
import io.testhealth.collector.analysis.flakiness.JobRunVerdict;
import io.testhealth.collector.analysis.flakiness.TestState;
import io.testhealth.collector.analysis.flakiness.TestVerdict;
import io.testhealth.collector.analysis.pyramid.Classification;
import io.testhealth.collector.analysis.pyramid.E2eJobRuns;
import io.testhealth.collector.analysis.pyramid.PyramidShape;
import io.testhealth.collector.model.Outcome;
import io.testhealth.collector.store.AnalysisRepository.QuarantineEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a scorecard's checks are computed from, as counts and samples rather than ratios, so that a team's facts
 * are the sum of its components' facts ("pooled") and a team lead can check every number by hand.
 *
 * @param testsRun                     tests with at least one counted run in the window
 * @param flakyTests                   of those, tests in state FLAKY
 * @param jobRuns                      job runs in the window, infrastructure incidents excluded
 * @param jobRunsWithFlakyTestRuns     of those, job runs where a test passed on retry or a FLAKY test failed
 * @param pipelines                    pipelines (job runs sharing a CI run id) in the window with at least one job run
 *                                     that was not an infrastructure incident
 * @param pipelinesBrokenByFlakes      of those, pipelines broken only by flaky tests: at least one of their job runs
 *                                     failed, and every job run that failed (each re-run attempt on its own, and any
 *                                     infrastructure incident among them) failed only because of FLAKY tests
 * @param defaultBranchJobRuns         job runs on a default branch, incidents excluded
 * @param defaultBranchPassedJobRuns   of those, job runs without a failed test
 * @param incidents                    job runs excluded as infrastructure incidents
 * @param flakeAgesDays                for every FLAKY test, days since its open flaky episode began
 *                                     ({@link TestVerdict#flakySince()}, which may lie before the window)
 * @param quarantined                  quarantine entries in force
 * @param quarantinedWithTicketAndExpiry of those, entries with a ticket and an expiry
 * @param quarantineAgesDays           age of every entry in force, in days
 * @param prPipelineWallMinutes        wall time of pipelines on other branches, where known
 * @param e2eJobWallMinutes            wall time of job runs that only ran E2E tests, where known
 * @param topHeaviness                 the pyramid's top-heaviness, or {@code null} when too few tests are classified
 * @param ordered                      whether unit ≥ integration ≥ e2e, or {@code null} when unknown
 * @param testsKnown                   tests seen in the window
 * @param testsClassifiedAndOwned      of those, tests with a known layer and an owner
 * @param examples                     for each check, up to five names of tests or runs that explain its value
 * @param layerDisagreements           of the tests seen, those whose declared layer is not the one their spans show
 *                                     ({@link Classification#layerDisagrees()}); shown with the coverage check, not
 *                                     graded
 * @param layerDisagreementExamples    the first five of them
 */
@Serdeable
public record ScorecardFacts(long testsRun, long flakyTests, long jobRuns, long jobRunsWithFlakyTestRuns,
                             long pipelines, long pipelinesBrokenByFlakes, long defaultBranchJobRuns,
                             long defaultBranchPassedJobRuns, long incidents, List<Double> flakeAgesDays,
                             long quarantined, long quarantinedWithTicketAndExpiry, List<Double> quarantineAgesDays,
                             List<Double> prPipelineWallMinutes, List<Double> e2eJobWallMinutes, Double topHeaviness,
                             Boolean ordered, long testsKnown, long testsClassifiedAndOwned,
                             Map<CheckId, List<String>> examples, long layerDisagreements,
                             @Nullable List<LayerDisagreement> layerDisagreementExamples) {

    /** Examples kept per check: enough to point at, few enough to read. */
    static final int EXAMPLES = 5;

    /**
     * A test whose declared layer is not the one its spans show.
     *
     * @param testId   the test
     * @param test     its short name ({@code CartTest.adds})
     * @param declared the layer declared ({@code unit}, {@code integration}, {@code e2e})
     * @param source   what declared it, as the API names layer sources ({@code naming}, {@code tag}, ...)
     * @param observed the heaviest layer its spans in the window showed
     */
    @Serdeable
    public record LayerDisagreement(String testId, String test, String declared, String source, String observed) {

        /** In words: {@code CartTest.adds (unit by naming, spans show integration)}. */
        public String describe() {
            return test + " (" + declared + " by " + source.replace('_', ' ') + ", spans show " + observed + ")";
        }
    }

    /** The facts as stored before layer disagreements were counted: none. */
    public ScorecardFacts(long testsRun, long flakyTests, long jobRuns, long jobRunsWithFlakyTestRuns,
                          long pipelines, long pipelinesBrokenByFlakes, long defaultBranchJobRuns,
                          long defaultBranchPassedJobRuns, long incidents, List<Double> flakeAgesDays,
                          long quarantined, long quarantinedWithTicketAndExpiry, List<Double> quarantineAgesDays,
                          List<Double> prPipelineWallMinutes, List<Double> e2eJobWallMinutes, Double topHeaviness,
                          Boolean ordered, long testsKnown, long testsClassifiedAndOwned,
                          Map<CheckId, List<String>> examples) {
        this(testsRun, flakyTests, jobRuns, jobRunsWithFlakyTestRuns, pipelines, pipelinesBrokenByFlakes,
                defaultBranchJobRuns, defaultBranchPassedJobRuns, incidents, flakeAgesDays, quarantined,
                quarantinedWithTicketAndExpiry, quarantineAgesDays, prPipelineWallMinutes, e2eJobWallMinutes,
                topHeaviness, ordered, testsKnown, testsClassifiedAndOwned, examples, 0, List.of());
    }

    public ScorecardFacts {
        // a report stored before disagreements were counted has none
        layerDisagreementExamples = layerDisagreementExamples == null ? List.of() : List.copyOf(layerDisagreementExamples);
        flakeAgesDays = List.copyOf(flakeAgesDays);
        quarantineAgesDays = List.copyOf(quarantineAgesDays);
        prPipelineWallMinutes = List.copyOf(prPipelineWallMinutes);
        e2eJobWallMinutes = List.copyOf(e2eJobWallMinutes);
        // in the checks' order, so that a stored report reads the same whatever the JVM (Map.copyOf's order is not)
        Map<CheckId, List<String>> inCheckOrder = new java.util.EnumMap<>(CheckId.class);
        examples.forEach((check, list) -> inCheckOrder.put(check, List.copyOf(list)));
        examples = java.util.Collections.unmodifiableMap(inCheckOrder);
    }

    /** What the analyses of one component say, gathered for its scorecard. */
    public record Inputs(List<TestHistory> histories, ComponentFlakiness flakiness, PyramidShape pyramid,
                         Map<String, Classification> classifications, Map<String, String> ownerByTest,
                         List<QuarantineEntry> quarantine, JobWallTimes wallTimes, Set<String> defaultBranches,
                         TimeWindow window) {
    }

    /** Gathers the facts of one component. */
    public static ScorecardFacts of(Inputs in) {
        Instant now = in.window().to();
        Map<String, TestVerdict> verdicts = new HashMap<>();
        in.flakiness().tests().forEach(v -> verdicts.put(v.testId(), v));
        Map<CheckId, List<String>> examples = new LinkedHashMap<>();

        List<TestVerdict> ran = in.flakiness().tests().stream().filter(v -> v.runs() > 0).toList();
        List<TestVerdict> flaky = ran.stream().filter(v -> v.state() == TestState.FLAKY)
                .sorted(TestVerdict.IMPACT_ORDER).toList();
        examples.put(CheckId.FLAKY_TEST_RATIO, flaky.stream().map(v -> shortName(v.suite(), v.name())).limit(EXAMPLES).toList());

        Set<String> incidentRuns = new HashSet<>();
        Map<String, JobRunVerdict> jobVerdicts = new HashMap<>();
        for (JobRunVerdict j : in.flakiness().jobRuns()) {
            if (!in.window().contains(j.startedAt())) {
                continue;
            }
            jobVerdicts.put(j.runId(), j);
            if (j.incident()) {
                incidentRuns.add(j.runId());
            }
        }
        Map<String, JobRun> jobs = new LinkedHashMap<>();
        Set<String> flakyJobRuns = new HashSet<>();
        for (TestHistory h : in.histories()) {
            TestVerdict v = verdicts.get(h.testId());
            for (TestRunFact f : h.runs()) {
                if (!in.window().contains(f.job().startedAt()) || incidentRuns.contains(f.job().runId())) {
                    continue;
                }
                jobs.putIfAbsent(f.job().runId(), f.job());
                if (f.outcome() == Outcome.FLAKY || (f.failed() && v != null && v.state() == TestState.FLAKY)) {
                    flakyJobRuns.add(f.job().runId());
                }
            }
        }
        examples.put(CheckId.FLAKY_RUN_RATE, jobs.values().stream().filter(j -> flakyJobRuns.contains(j.runId()))
                .map(ScorecardFacts::describe).limit(EXAMPLES).toList());

        Map<String, PipelineFailures> pipelines = new LinkedHashMap<>();
        for (JobRun j : jobs.values()) {
            pipelines.computeIfAbsent(pipelineKey(j), k -> new PipelineFailures());
        }
        for (JobRunVerdict jv : jobVerdicts.values()) {
            PipelineFailures p = pipelines.get(pipelineKey(jv.pipeline(), jv.runId()));
            if (p != null) {
                p.add(jv);
            }
        }
        examples.put(CheckId.PIPELINES_BROKEN_BY_FLAKES, pipelines.entrySet().stream()
                .filter(e -> e.getValue().brokenOnlyByFlakes())
                .map(e -> "pipeline " + e.getKey()).limit(EXAMPLES).toList());

        DefaultBranches defaults = new DefaultBranches(in.defaultBranches());
        List<JobRun> defaultBranch = jobs.values().stream().filter(j -> defaults.contains(j.branch())).toList();
        Predicate<JobRun> passed = j -> {
            JobRunVerdict jv = jobVerdicts.get(j.runId());
            return jv == null || jv.failed() == 0;
        };
        examples.put(CheckId.DEFAULT_BRANCH_PASS_RATE, defaultBranch.stream().filter(passed.negate())
                .map(ScorecardFacts::describe).limit(EXAMPLES).toList());

        List<Double> flakeAges = flaky.stream().map(TestVerdict::flakySince).filter(Objects::nonNull)
                .map(since -> days(since, now)).toList();

        List<QuarantineEntry> inForce = in.quarantine().stream()
                .filter(q -> q.expiresAt() == null || q.expiresAt().isAfter(now)).toList();
        examples.put(CheckId.QUARANTINE_HYGIENE, inForce.stream()
                .filter(q -> q.ticket().isBlank() || q.expiresAt() == null)
                .map(q -> shortName(q.suite(), q.name()) + " (no " + (q.ticket().isBlank() ? "ticket" : "expiry") + ")")
                .limit(EXAMPLES).toList());

        Map<String, Double> pipelineWall = new HashMap<>();
        for (JobRun j : jobs.values()) {
            if (!defaults.contains(j.branch())) {
                in.wallTimes().of(j.runId()).ifPresent(s -> pipelineWall.merge(pipelineKey(j), s / 60.0, Math::max));
            }
        }
        // the pyramid's rule for E2E job runs; incidents are left out here as from every scorecard count
        List<Double> e2eWall = new ArrayList<>();
        for (String run : E2eJobRuns.of(in.histories(), in.classifications(), in.window())) {
            if (jobs.containsKey(run)) {
                in.wallTimes().of(run).ifPresent(s -> e2eWall.add(s / 60.0));
            }
        }

        long known = 0;
        long classifiedAndOwned = 0;
        List<String> uncovered = new ArrayList<>();
        long disagreements = 0;
        List<LayerDisagreement> disagreeing = new ArrayList<>();
        for (TestHistory h : in.histories()) {
            if (!in.window().ran(h)) {
                continue;
            }
            known++;
            Classification c = in.classifications().get(h.testId());
            boolean owned = !in.ownerByTest().getOrDefault(h.testId(), "").isBlank();
            if (c != null && c.known() && owned) {
                classifiedAndOwned++;
            } else if (uncovered.size() < EXAMPLES) {
                uncovered.add(shortName(h.suite(), h.name()) + (c == null || !c.known() ? " (no layer)" : " (no owner)"));
            }
            if (c != null && c.layerDisagrees()) {
                disagreements++;
                if (disagreeing.size() < EXAMPLES) {
                    disagreeing.add(new LayerDisagreement(h.testId(), shortName(h.suite(), h.name()), lower(c.layer()),
                            lower(c.source()), lower(c.observed())));
                }
            }
        }
        examples.put(CheckId.CLASSIFICATION_OWNERSHIP_COVERAGE, uncovered);

        PyramidShape shape = in.pyramid();
        return new ScorecardFacts(ran.size(), flaky.size(), jobs.size(), flakyJobRuns.size(), pipelines.size(),
                pipelines.values().stream().filter(PipelineFailures::brokenOnlyByFlakes).count(), defaultBranch.size(),
                defaultBranch.stream().filter(passed).count(), incidentRuns.size(), flakeAges, inForce.size(),
                inForce.stream().filter(q -> !q.ticket().isBlank() && q.expiresAt() != null).count(),
                inForce.stream().map(q -> days(q.createdAt(), now)).toList(), new ArrayList<>(pipelineWall.values()),
                e2eWall, shape == null ? null : shape.topHeaviness(), shape == null ? null : shape.ordered(), known,
                classifiedAndOwned, examples, disagreements, disagreeing);
    }

    /**
     * The facts of a team: counts and samples added up over its components. The pyramid's top-heaviness and order
     * are not additive; they come from the team's pooled pyramid.
     */
    public static ScorecardFacts pooled(List<ScorecardFacts> components, Double teamTopHeaviness, Boolean teamOrdered) {
        Map<CheckId, List<String>> examples = new LinkedHashMap<>();
        for (ScorecardFacts f : components) {
            f.examples().forEach((id, list) -> examples.merge(id, list, (a, b) ->
                    Stream.concat(a.stream(), b.stream()).limit(EXAMPLES).toList()));
        }
        return new ScorecardFacts(sum(components, ScorecardFacts::testsRun), sum(components, ScorecardFacts::flakyTests),
                sum(components, ScorecardFacts::jobRuns), sum(components, ScorecardFacts::jobRunsWithFlakyTestRuns),
                sum(components, ScorecardFacts::pipelines), sum(components, ScorecardFacts::pipelinesBrokenByFlakes),
                sum(components, ScorecardFacts::defaultBranchJobRuns), sum(components, ScorecardFacts::defaultBranchPassedJobRuns),
                sum(components, ScorecardFacts::incidents), concat(components, ScorecardFacts::flakeAgesDays),
                sum(components, ScorecardFacts::quarantined), sum(components, ScorecardFacts::quarantinedWithTicketAndExpiry),
                concat(components, ScorecardFacts::quarantineAgesDays), concat(components, ScorecardFacts::prPipelineWallMinutes),
                concat(components, ScorecardFacts::e2eJobWallMinutes),
                teamTopHeaviness, teamOrdered,
                sum(components, ScorecardFacts::testsKnown), sum(components, ScorecardFacts::testsClassifiedAndOwned), examples,
                sum(components, ScorecardFacts::layerDisagreements), components.stream()
                        .flatMap(f -> f.layerDisagreementExamples().stream()).limit(EXAMPLES).toList());
    }

    private static long sum(List<ScorecardFacts> all, java.util.function.ToLongFunction<ScorecardFacts> f) {
        return all.stream().mapToLong(f).sum();
    }

    private static List<Double> concat(List<ScorecardFacts> all, java.util.function.Function<ScorecardFacts, List<Double>> f) {
        return all.stream().flatMap(x -> f.apply(x).stream()).toList();
    }

    private static String pipelineKey(JobRun j) {
        return pipelineKey(j.pipeline(), j.runId());
    }

    /** A pipeline is its CI run id; a job run uploaded without one is a pipeline of its own. */
    private static String pipelineKey(String pipeline, String runId) {
        return pipeline == null || pipeline.isEmpty() ? runId : pipeline;
    }

    /**
     * The failed job runs of one pipeline, to judge whether flaky tests alone broke it. Every job run counts on its own,
     * each re-run attempt included, and so does an infrastructure incident: an incident is a failure that fixing the
     * flaky tests would not have avoided.
     */
    private static final class PipelineFailures {
        private int failedJobRuns;
        private int failedOnlyByFlakyTests;

        void add(JobRunVerdict j) {
            if (j.incident() || j.failedAny()) {
                failedJobRuns++;
                if (j.brokenOnlyByFlakyTests()) {
                    failedOnlyByFlakyTests++;
                }
            }
        }

        /** Whether a job run of it failed, and every one that failed, failed only because of flaky tests. */
        boolean brokenOnlyByFlakes() {
            return failedJobRuns > 0 && failedOnlyByFlakyTests == failedJobRuns;
        }
    }

    private static String describe(JobRun j) {
        String pipeline = j.pipeline().isEmpty() ? "run " + j.runId() : "pipeline " + j.pipeline();
        return pipeline + (j.job().isEmpty() ? "" : " job " + j.job()) + (j.attempt() > 1 ? " attempt " + j.attempt() : "");
    }

    static String shortName(String suite, String name) {
        int dot = suite.lastIndexOf('.');
        String s = dot >= 0 ? suite.substring(dot + 1) : suite;
        return s.isEmpty() ? name : s + "." + name;
    }

    /** An enum's name as the API writes it. */
    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static double days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMinutes() / 1440.0);
    }
}
