package io.testhealth.collector.review;

import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.HealthReport.CheckView;
import io.testhealth.collector.scorecards.HealthReport.IncidentRow;
import io.testhealth.collector.scorecards.HealthReport.LayerView;
import io.testhealth.collector.scorecards.HealthReport.Metrics;
import io.testhealth.collector.scorecards.HealthReport.ProfileView;
import io.testhealth.collector.scorecards.HealthReport.PyramidView;
import io.testhealth.collector.scorecards.HealthReport.ScorecardView;
import io.testhealth.collector.scorecards.HealthReport.SuiteRow;
import io.testhealth.collector.scorecards.HealthReport.TestRow;
import io.testhealth.collector.scorecards.HealthReport.ThresholdView;
import io.testhealth.collector.scorecards.LayerCounts;
import io.testhealth.collector.scorecards.ScorecardFacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made reports for tests of what reads reports: only what the review reads is set, the rest is neutral. */
public final class Reports {

    static final String TEAM_A = "group:default/team-a";
    static final String TEAM_B = "group:default/team-b";

    private Reports() {
    }

    /** A test row in a state; {@code lastFlakyAt} may be {@code null}. */
    public static TestRow test(String id, String state, String owner, Instant lastFlakyAt) {
        return test(id, state, owner, lastFlakyAt, 0, 0, "unit");
    }

    public static TestRow test(String id, String state, String owner, Instant lastFlakyAt, int brokenAlone, double timeLost,
                        String layer) {
        return new TestRow(id, "com.acme.Suite", id, layer, layer == null ? null : "naming", false, state, List.of(),
                state.equals("flaky") ? 0.2 : 0.01, 0, 0.5, state.equals("flaky") ? 2 : 0, 20, 2, 0.1, 0.1, timeLost,
                brokenAlone, 1.0, 2.0, 20.0, Instant.parse("2026-11-20T00:00:00Z"), lastFlakyAt,
                state.equals("flaky") ? lastFlakyAt : null, owner, false, null, List.of());
    }

    public static Builder component(String name, String team) {
        return new Builder("component", "component:default/" + name, name, team);
    }

    public static Builder team(String ref) {
        return new Builder("team", ref, ref.substring(ref.indexOf('/') + 1), ref);
    }

    /** Builds one report; every setter returns the builder. */
    public static final class Builder {
        private final String kind;
        private final String subject;
        private final String name;
        private final String team;
        private String grade = "C";
        private String level = "Bronze";
        private long flakyTests;
        private Double flakyRunRate = 0.01;
        private long defaultRuns = 10;
        private long defaultPassed = 9;
        private double timeLost;
        private double[] shares = {0.7, 0.2, 0.1, 0.0};
        private Double topHeaviness = 0.1;
        private final List<TestRow> tests = new ArrayList<>();
        private final List<CheckView> checks = new ArrayList<>();
        private final List<SuiteRow> suites = new ArrayList<>();
        private final List<IncidentRow> incidents = new ArrayList<>();
        private final List<ScorecardFacts.LayerDisagreement> disagreements = new ArrayList<>();

        private Builder(String kind, String subject, String name, String team) {
            this.kind = kind;
            this.subject = subject;
            this.name = name;
            this.team = team;
        }

        Builder grade(String grade, String level) {
            this.grade = grade;
            this.level = level;
            return this;
        }

        Builder flaky(long tests, Double runRate, double timeLostSeconds) {
            this.flakyTests = tests;
            this.flakyRunRate = runRate;
            this.timeLost = timeLostSeconds;
            return this;
        }

        Builder defaultBranch(long runs, long passed) {
            this.defaultRuns = runs;
            this.defaultPassed = passed;
            return this;
        }

        Builder pyramid(double unit, double integration, double e2e, double unknown, Double th) {
            this.shares = new double[]{unit, integration, e2e, unknown};
            this.topHeaviness = th;
            return this;
        }

        public Builder tests(TestRow... rows) {
            tests.addAll(List.of(rows));
            return this;
        }

        Builder check(String id, String status, Double value) {
            checks.add(new CheckView(id, id, value, "ratio", new ThresholdView("lower", 0.05, 0.02, 0.01), status,
                    "Bronze", ""));
            return this;
        }

        Builder suite(String suite, double p95) {
            suites.add(new SuiteRow(suite, 3, 10, p95 * 10, p95 / 2, p95));
            return this;
        }

        /** Tests whose declared layer (unit by naming) their spans contradict (integration). */
        Builder disagreeing(String... testIds) {
            for (String id : testIds) {
                disagreements.add(new ScorecardFacts.LayerDisagreement(id, "Suite." + id, "unit", "naming", "integration"));
            }
            return this;
        }

        Builder incident(String runId, Instant at) {
            incidents.add(new IncidentRow(runId, "pipe", "test", at, 100, 95));
            return this;
        }

        public HealthReport build() {
            ScorecardFacts facts = new ScorecardFacts(tests.size(), flakyTests, 100, 1, 50, 0, defaultRuns, defaultPassed,
                    incidents.size(), List.of(), 0, 0, List.of(), List.of(), List.of(), topHeaviness, true, tests.size(),
                    tests.size(), Map.of(), disagreements.size(), List.copyOf(disagreements));
            Metrics metrics = new Metrics(Math.max(tests.size(), 10), flakyTests, 0, 0, 100, 0.9, flakyRunRate, timeLost,
                    600, Map.of());
            PyramidView pyramid = new PyramidView(layer(shares[0]), layer(shares[1]), layer(shares[2]), layer(shares[3]), 0,
                    1 - shares[3], topHeaviness, true, new ProfileView("default", 0.7, 0.2, 0.1), List.of());
            return new HealthReport(kind, subject, name, "default", team, Instant.parse("2026-11-23T00:00:00Z"), 28, null,
                    new ScorecardView(level, grade, "2026.1", "", List.copyOf(checks)), metrics, pyramid,
                    List.copyOf(tests), List.copyOf(suites), List.of(), List.of(), List.of(), List.copyOf(incidents), List.of(), facts,
                    LayerCounts.empty(), Map.of());
        }

        private static LayerView layer(double share) {
            return new LayerView((int) Math.round(share * 100), share, share, share);
        }
    }
}
