package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.testhealth.collector.scorecards.AnalysisStatus;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardFacts;
import io.testhealth.collector.store.AnalysisRepository.QuarantineEntry;
import io.testhealth.collector.store.TestRunDetail;
import io.testhealth.collector.traces.TestLayerObservation;
import io.testhealth.collector.traces.TestSpanMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The bodies of the read API. */
final class ReadViews {

    private ReadViews() {
    }

    /** A component or team in a list. */
    @Serdeable
    record SubjectSummary(String name, String namespace, String ref, String team, String grade, String level,
                          long tests, long flakyTests, long brokenTests, @Nullable Instant lastRunAt,
                          @Nullable List<String> components) {
        static SubjectSummary of(HealthReport r) {
            return new SubjectSummary(r.name(), r.namespace(), r.subject(), r.team(), r.scorecard().grade(),
                    r.scorecard().level(), r.metrics().tests(), r.metrics().flakyTests(), r.metrics().brokenTests(),
                    r.lastRunAt(), r.kind().equals("team") ? r.members().stream().map(HealthReport.MemberRow::component).toList() : null);
        }
    }

    /**
     * A scorecard with what it was judged from, and whether it is current ({@code analysis}: {@code failing} when
     * the subject's analysis failed and this is its last good report). {@code layerDisagreements}: the tests whose
     * declared layer is not the one their spans show (shown, not graded); {@code pipelineRuns} links each pipeline
     * that its checks' explanations and its tests' reasons name to its newest CI run.
     */
    @Serdeable
    record ScorecardResponse(String kind, String name, String namespace, String ref, String team, String window,
                             Instant computedAt, @Nullable Instant lastRunAt, String level, String grade,
                             String thresholdVersion, String summary, List<HealthReport.CheckView> checks,
                             HealthReport.Metrics metrics, HealthReport.PyramidView pyramid,
                             List<HealthReport.MemberRow> components, List<HealthReport.SuiteRow> slowestSuites,
                             List<HealthReport.TestRow> durationRegressions, List<HealthReport.JobRunRow> jobRuns,
                             List<HealthReport.FailureGroupRow> failureGroups, List<HealthReport.IncidentRow> incidents,
                             AnalysisStatus analysis, LayerDisagreements layerDisagreements,
                             Map<String, String> pipelineRuns) {
        static ScorecardResponse of(HealthReport r, AnalysisStatus status) {
            return new ScorecardResponse(r.kind(), r.name(), r.namespace(), r.subject(), r.team(), r.windowDays() + "d",
                    r.computedAt(), r.lastRunAt(), r.scorecard().level(), r.scorecard().grade(),
                    r.scorecard().thresholdVersion(), r.scorecard().summary(), r.scorecard().checks(), r.metrics(),
                    r.pyramid(), r.members(), r.slowestSuites(), r.durationRegressions(), r.jobRuns(), r.failureGroups(),
                    r.incidents(), status, LayerDisagreements.of(r.facts()), r.pipelineRuns());
        }
    }

    /**
     * The tests of a component or team whose declared layer (mapping, upload, label, tag, report path or naming) is
     * not the one their spans show: how many, and the first five with both layers.
     */
    @Serdeable
    record LayerDisagreements(long tests, List<ScorecardFacts.LayerDisagreement> examples) {
        static LayerDisagreements of(@Nullable ScorecardFacts facts) {
            return facts == null ? new LayerDisagreements(0, List.of())
                    : new LayerDisagreements(facts.layerDisagreements(), facts.layerDisagreementExamples());
        }
    }

    /**
     * A page of a component's tests; {@code pipelineRuns} links each pipeline their reasons name to its newest CI run
     * (as the scorecard's).
     */
    @Serdeable
    record TestsResponse(String component, String state, String sort, int total, List<HealthReport.TestRow> tests,
                         Map<String, String> pipelineRuns) {
    }

    /**
     * One test with its latest runs (newest first), its failures grouped by fingerprint, the team of its component
     * ({@code null} when none is known), the analysis window its verdict is over ({@code 28d}), its quarantine
     * ({@code null} when it is not quarantined), the layer its spans show ({@code null} when not observed) and
     * whether raw spans of its runs are kept ({@code spansKept}: {@code GET /api/v1/tests/{testId}/spans} has runs).
     */
    @Serdeable
    record TestDetail(String component, @Nullable String team, String window, HealthReport.TestRow test, List<RunView> runs,
                      List<TestFailureGroup> failureGroups, @Nullable QuarantineView quarantine,
                      @Nullable ObservedView observed, List<QuarantineEventView> quarantineHistory,
                      boolean spansKept) {
    }

    /**
     * One change of a test's quarantine, oldest first in {@link TestDetail#quarantineHistory()}.
     *
     * @param action    {@code quarantined}, {@code changed} (reason, ticket or expiry replaced) or {@code released}
     * @param by        who did it; empty for a release whose caller did not say
     * @param reason    the quarantine's reason; empty for a release
     * @param ticket    the quarantine's ticket, or empty
     * @param expiresAt the quarantine's expiry, or {@code null}
     * @param at        when
     */
    @Serdeable
    record QuarantineEventView(String action, String by, String reason, String ticket, @Nullable Instant expiresAt,
                               Instant at) {
        static QuarantineEventView of(io.testhealth.collector.store.AnalysisRepository.QuarantineEvent e) {
            return new QuarantineEventView(e.action(), e.by(), e.reason(), e.ticket(), e.expiresAt(), e.at());
        }
    }

    /**
     * The layer a test's spans show it runs at, beside the {@code layer} its report declares or its name implies
     * ({@code traces.TestLayerObservation}): the heaviest seen in its runs from test spans and on the integration
     * edges its spans exercised. {@code null} when none of its runs or edges came from spans: not observed, which says
     * nothing of its layer.
     *
     * @param layer          {@code unit}, {@code integration}, {@code e2e} or {@code unknown} (spans arrived, but
     *                       nothing showed whether its I/O would have been recorded)
     * @param runs           of the runs read, how many came from its test spans
     * @param edges          how many integration edges its spans exercised
     * @param evidence       why, in short sentences ({@code database postgresql}, {@code calls service payments})
     * @param lastObservedAt its latest run from spans or sighting of an edge
     */
    @Serdeable
    record ObservedView(String layer, int runs, int edges, List<String> evidence, Instant lastObservedAt) {
        static ObservedView of(TestLayerObservation o) {
            return new ObservedView(o.layer(), o.runs(), o.edges(), o.evidence(), o.lastObservedAt());
        }
    }

    /**
     * The failures of one test that share a fingerprint (same type, normalised message and top stack frames): how
     * many runs ended in it, when first and last, the latest run's type, message and CI link, and the latest stack
     * trace kept of the fingerprint ({@code latestTrace}: cut to {@code Failure.MAX_TRACE_CHARS} and redacted at
     * ingest; empty when no report of it gave one).
     */
    @Serdeable
    record TestFailureGroup(String fingerprint, String type, String message, int failures, Instant firstSeen,
                            Instant lastSeen, String latestRunId, String latestRunUrl, String latestTrace) {

        /**
         * Groups the failed runs of {@code runs} (newest first), the most frequent fingerprint first, each with its
         * trace from {@code traces} (by fingerprint).
         */
        static List<TestFailureGroup> of(List<TestRunDetail> runs, java.util.Map<String, String> traces) {
            java.util.Map<String, TestFailureGroup> groups = new java.util.LinkedHashMap<>();
            for (TestRunDetail run : runs) {
                var f = run.fact();
                if (f.failureFingerprint().isEmpty()) {
                    continue;
                }
                Instant at = f.job().startedAt();
                groups.merge(f.failureFingerprint(),
                        new TestFailureGroup(f.failureFingerprint(), f.failureType(), f.failureMessage(), 1, at, at,
                                f.job().runId(), run.runUrl(), traces.getOrDefault(f.failureFingerprint(), "")),
                        (latest, older) -> new TestFailureGroup(latest.fingerprint(), latest.type(), latest.message(),
                                latest.failures() + 1, older.firstSeen(), latest.lastSeen(), latest.latestRunId(),
                                latest.latestRunUrl(), latest.latestTrace()));
            }
            return groups.values().stream()
                    .sorted(java.util.Comparator.comparingInt(TestFailureGroup::failures).reversed()
                            .thenComparing(TestFailureGroup::lastSeen,
                                    java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder())))
                    .toList();
        }
    }

    /**
     * One run of a test, with its attempts. {@code declaredLayer} is what the report or upload declared for this run
     * ({@code null} when nothing did); {@code observedLayer} is what the run's test spans showed it touched
     * ({@code unit|integration|e2e|unknown}, {@code null} for a run that came from a report), with
     * {@code observedEvidence} saying why (see docs/metrics.md, "What is counted from a report").
     */
    @Serdeable
    record RunView(String runId, String pipeline, String job, int attempt, String environment, String branch,
                   String commit, Instant startedAt, String runUrl, String invocation, String outcome,
                   @Nullable Double durationSeconds, @Nullable Double costSeconds, String failureType,
                   String failureMessage, @Nullable String declaredLayer, @Nullable String observedLayer,
                   List<String> observedEvidence, List<AttemptView> attempts) {
        static RunView of(TestRunDetail d) {
            var f = d.fact();
            var j = f.job();
            List<String> observed = f.labels().getOrDefault(TestSpanMapper.OBSERVED_LAYER_LABEL, List.of());
            return new RunView(j.runId(), j.pipeline(), j.job(), j.attempt(), j.environment(), j.branch(), j.commit(),
                    j.startedAt(), d.runUrl(), d.invocation(), f.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    f.durationSeconds(), f.costSeconds(), f.failureType(), f.failureMessage(),
                    f.declaredLayer() == null ? null : f.declaredLayer().layer().name().toLowerCase(java.util.Locale.ROOT),
                    observed.isEmpty() ? null : observed.get(0),
                    f.labels().getOrDefault(TestSpanMapper.OBSERVED_EVIDENCE_LABEL, List.of()),
                    d.attempts().stream().map(a -> new AttemptView(a.number(), a.status(), a.durationSeconds(),
                            a.failureType(), a.failureMessage())).toList());
        }
    }

    /** One attempt of a run: 1 for the first, then each retry. */
    @Serdeable
    record AttemptView(int number, String status, @Nullable Double durationSeconds, String failureType,
                       String failureMessage) {
    }

    /** A quarantine as shown and as CI reads it. */
    @Serdeable
    record QuarantineView(String component, String testId, String suite, String name, String by, String reason,
                          String ticket, @Nullable Instant expiresAt, Instant createdAt, boolean expired) {
        static QuarantineView of(QuarantineEntry e, Instant now) {
            return new QuarantineView(e.component(), e.testId(), e.suite(), e.name(), e.by(), e.reason(), e.ticket(),
                    e.expiresAt(), e.createdAt(), e.expiresAt() != null && !e.expiresAt().isAfter(now));
        }
    }

    /** What a person says when quarantining a test. */
    @Serdeable
    record QuarantineRequest(@Nullable String by, @Nullable String reason, @Nullable String ticket,
                             @Nullable Instant expiresAt) {
    }
}
