package io.testhealth.collector.analysis.durations;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.durations.HistoryBuilder.RunSpec;
import io.testhealth.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.testhealth.collector.analysis.durations.HistoryBuilder.T0;
import static io.testhealth.collector.analysis.durations.HistoryBuilder.WINDOW;
import static io.testhealth.collector.analysis.durations.HistoryBuilder.test;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class DurationStatisticsTest {

    private static final DurationSettings SETTINGS = DurationSettings.DEFAULTS;

    private static TestDurations durations(TestHistory h) {
        return DurationStatistics.forTest(h, WINDOW, SETTINGS);
    }

    /** Durations around {@code centre}, ±10%, reproducible. */
    private static RunSpec[] noisy(Random random, int n, double centre, String branch) {
        RunSpec[] runs = new RunSpec[n];
        for (int i = 0; i < n; i++) {
            runs[i] = RunSpec.passed(centre * (0.9 + 0.2 * random.nextDouble())).branch(branch);
        }
        return runs;
    }

    @Test
    void unknownDurationsAreLeftOutNotCountedAsZero() {
        // 2, 4, 6, 8, 30: mean 50 / 5 = 10, median (rank ceil(2.5) = 3) 6, footprint 50; with the three unknown
        // durations counted as zero the mean would be 50 / 8 and the median (rank 4 of 8) 2.
        TestHistory h = test("C", "t").passed(8, 2, 30, 6, 4)
                .runs(RunSpec.untimed(), RunSpec.untimed(), RunSpec.untimed()).build();
        TestDurations d = durations(h);
        assertAll(
                () -> assertEquals(5, d.samples()),
                () -> assertEquals(10.0, d.meanSeconds()),
                () -> assertEquals(6.0, d.p50Seconds()),
                () -> assertNull(d.p95Seconds(), "5 samples are too few for a p95"),
                () -> assertEquals(50.0, d.footprintSeconds()));
    }

    @Test
    void skippedAndUnknownOutcomeRunsDoNotCount() {
        TestHistory h = test("C", "t").passed(1, 1, 1, 1)
                .runs(RunSpec.passed(50.0).outcome(Outcome.SKIPPED), RunSpec.passed(50.0).outcome(Outcome.UNKNOWN))
                .build();
        TestDurations d = durations(h);
        assertAll(
                () -> assertEquals(4, d.samples()),
                () -> assertNull(d.p50Seconds(), "4 counted runs are too few for a median"),
                () -> assertEquals(4.0, d.footprintSeconds()));
    }

    @Test
    void aTestWithoutRunsHasNoStatisticsButDoesNotFail() {
        TestDurations d = durations(test("C", "t").build());
        assertAll(
                () -> assertEquals(0, d.samples()),
                () -> assertNull(d.meanSeconds()),
                () -> assertNull(d.p50Seconds()),
                () -> assertEquals(0.0, d.footprintSeconds()),
                () -> assertEquals(List.of(), d.slowRuns()));
    }

    @Test
    void footprintIsTheCostOfEveryAttempt() {
        TestHistory h = test("C", "t").runs(
                RunSpec.passed(1.0).cost(3.5).outcome(Outcome.FLAKY),
                RunSpec.passed(1.0),
                RunSpec.passed(2.0).cost(null)).build();
        assertEquals(4.5, durations(h).footprintSeconds());
    }

    @Test
    void runsOutsideTheWindowAreIgnored() {
        TestHistory h = test("C", "t").passed(1, 1, 1, 1, 1, 100).build();
        TimeWindow firstFive = new TimeWindow(T0, T0.plus(Duration.ofHours(5)));
        TestDurations d = DurationStatistics.forTest(h, firstFive, SETTINGS);
        assertAll(
                () -> assertEquals(5, d.samples()),
                () -> assertEquals(5.0, d.footprintSeconds()));
    }

    @Test
    void aRunFiveTimesTheMeanOfTheOthersAndSlowerThanAllOfThemIsSlow() {
        TestDurations d = durations(test("C", "t").passed(1, 1, 1, 1, 1, 1, 1, 1, 1, 6).build());
        assertEquals(List.of(new SlowRun("run-9", 6.0, 1.0)), d.slowRuns());
    }

    @Test
    void slowRunRuleNeedsBothConditionsAndEnoughRuns() {
        assertAll(
                () -> assertEquals(List.of(), durations(test("C", "t").passed(1, 1, 1, 1, 1, 1, 1, 1, 1, 4.9).build()).slowRuns(),
                        "under 5x the mean of the others"),
                () -> assertEquals(List.of(), durations(test("C", "t").passed(1, 1, 1, 1, 1, 1, 1, 1, 9, 9).build()).slowRuns(),
                        "not slower than every other run"),
                () -> assertEquals(List.of(), durations(test("C", "t").passed(1, 1, 1, 10).build()).slowRuns(),
                        "four runs are no baseline"));
    }

    @Test
    void aSustainedSlowDownOnTheDefaultBranchIsARegression() {
        Random random = new Random(7);
        TestHistory h = test("C", "t").runs(noisy(random, 50, 1.0, "main")).runs(noisy(random, 20, 1.5, "main")).build();
        DurationRegression r = durations(h).regression();
        assertNotNull(r);
        assertAll(
                () -> assertEquals("run-50", r.startedInRunId(), "the first run of the recent sample"),
                () -> assertEquals("c50", r.startedAtCommit()),
                () -> assertTrue(r.pValue() < 0.01, "p=" + r.pValue()),
                () -> assertTrue(r.ratio() >= 1.2 && r.ratio() < 1.8, "ratio=" + r.ratio()),
                () -> assertEquals(r.afterMedianSeconds() - r.beforeMedianSeconds(), r.increaseSeconds(), 1e-12));
    }

    @Test
    void noiseIsNotARegression() {
        Random random = new Random(11);
        TestHistory h = test("C", "t").runs(noisy(random, 70, 1.0, "main")).build();
        assertNull(durations(h).regression());
    }

    @Test
    void aSignificantButTinySlowDownIsNotARegression() {
        Random random = new Random(13);
        TestHistory h = test("C", "t").runs(noisy(random, 50, 0.010, "main")).runs(noisy(random, 20, 0.040, "main")).build();
        assertNull(durations(h).regression(), "4x slower, but 30 ms is under the 50 ms floor");
    }

    @Test
    void featureBranchesAreNotSearchedForRegressions() {
        Random random = new Random(7);
        TestHistory onFeature = test("C", "t")
                .runs(noisy(random, 50, 1.0, "feature/x")).runs(noisy(random, 20, 1.5, "feature/x")).build();
        TestHistory slowOnlyOnFeature = test("C", "t")
                .runs(noisy(random, 50, 1.0, "main")).runs(noisy(random, 20, 1.5, "feature/x")).build();
        TestHistory refsHeadsMain = test("C", "t")
                .runs(noisy(random, 50, 1.0, "refs/heads/master")).runs(noisy(random, 20, 1.5, "refs/heads/master")).build();
        assertAll(
                () -> assertNull(durations(onFeature).regression()),
                () -> assertNull(durations(slowOnlyOnFeature).regression()),
                () -> assertNotNull(durations(refsHeadsMain).regression()));
    }

    @Test
    void fewerRunsThanBothSamplesGiveNoVerdict() {
        Random random = new Random(7);
        TestHistory h = test("C", "t").runs(noisy(random, 49, 1.0, "main")).runs(noisy(random, 20, 3.0, "main")).build();
        assertNull(durations(h).regression());
    }

    /**
     * Worked by hand: of the 36 pairs (slow, fast), slow is the larger in U = 4 + 5 + 6 + 6 + 6 + 6 = 33 (5 beats
     * 1–4; 6 beats 1–5.5; 7 and up beat all six), no ties. The normal approximation without continuity correction
     * (what the regression rule uses, metrics.md §3) has mean n₁n₂/2 = 18 and variance n₁n₂(n₁+n₂+1)/12 = 39, so
     * z = (33 − 18)/√39 = 2.40192 and P(slower by chance) = 1 − Φ(2.40192) = 0.0081546 (R:
     * {@code pnorm(15/sqrt(39), lower.tail = FALSE)}).
     */
    @Test
    void oneSidedPValueOfAWorkedExample() {
        double[] slow = {5, 6, 7, 8, 9, 10};
        double[] fast = {1, 2, 3, 4, 5.5, 6.5};
        assertAll(
                () -> assertEquals(0.0081546, DurationStatistics.slowerPValue(slow, fast), 1e-7),
                () -> assertEquals(1 - 0.0081546, DurationStatistics.slowerPValue(fast, slow), 1e-7),
                () -> assertEquals(0.5, DurationStatistics.slowerPValue(new double[] {1, 1}, new double[] {1, 1}), 1e-12));
    }

    @Test
    void jobRunsReportTestTimeAndParallelismOnlyWhenWallTimeIsKnown() {
        TestHistory a = test("A", "a").runs(RunSpec.passed(10.0).runId("j1"), RunSpec.passed(20.0).runId("j2")).build();
        TestHistory b = test("B", "b").runs(RunSpec.passed(30.0).runId("j1").cost(40.0)).build();
        DurationReport report = DurationStatistics.analyse(List.of(a, b), WINDOW, SETTINGS,
                new JobWallTimes(Map.of("j1", 25.0)));
        JobRunTime j1 = report.jobRuns().get(0);
        JobRunTime j2 = report.jobRuns().get(1);
        assertAll(
                () -> assertEquals("j1", j1.runId()),
                () -> assertEquals(2, j1.tests()),
                () -> assertEquals(50.0, j1.testSeconds()),
                () -> assertEquals(25.0, j1.wallSeconds()),
                () -> assertEquals(2.0, j1.parallelism()),
                () -> assertNull(j2.wallSeconds()),
                () -> assertNull(j2.parallelism()),
                () -> assertNull(DurationStatistics.analyse(List.of(a), WINDOW, SETTINGS, JobWallTimes.unknown())
                        .jobRuns().get(0).parallelism()));
    }

    @Test
    void suitesSumTheirTestsAndAreRankedByFootprintAndP95() {
        TestHistory fast1 = test("Fast", "one").passed(1, 1, 1, 1, 1).build();
        TestHistory fast2 = test("Fast", "two").passed(1, 1, 1, 1, 1).build();
        TestHistory slow = test("Slow", "one").passed(5, 5, 5, 5, 5).build();
        DurationReport report = DurationStatistics.analyse(List.of(fast1, fast2, slow), WINDOW, SETTINGS,
                JobWallTimes.unknown());
        SuiteDurations fast = report.suites().get(0);
        assertAll(
                () -> assertEquals("Fast", fast.suite()),
                () -> assertEquals(2, fast.tests()),
                () -> assertEquals(5, fast.jobRuns()),
                () -> assertEquals(10.0, fast.footprintSeconds()),
                () -> assertEquals(2.0, fast.p50Seconds(), "per job run both tests together"),
                () -> assertNull(fast.p95Seconds()),
                () -> assertEquals(List.of("Slow", "Fast"),
                        report.slowestSuitesByFootprint().stream().map(SuiteDurations::suite).toList()),
                () -> assertEquals(List.of(slow.testId(), fast1.testId(), fast2.testId()),
                        report.slowestTestsByFootprint().stream().map(TestDurations::testId).toList()));
    }

    @Test
    void testsAreRankedByP95WhenTheyHaveOne() {
        // a: 1, 2, ..., 19 and one 100 s outlier; b: eighteen runs of 0.5 s, then 30 and 40. With 20 values the p95
        // is the value of rank 19: 19 for a, 30 for b, so b ranks first. The minimum (1 vs 0.5), the median (10 vs
        // 0.5) and the maximum (100 vs 40) would all put a first.
        double[] ramp = new double[20];
        for (int i = 0; i < 19; i++) {
            ramp[i] = i + 1;
        }
        ramp[19] = 100;
        double[] mostlyFast = new double[20];
        java.util.Arrays.fill(mostlyFast, 0.5);
        mostlyFast[5] = 40;
        mostlyFast[12] = 30;
        TestHistory a = test("A", "a").passed(ramp).build();
        TestHistory b = test("B", "b").passed(mostlyFast).build();
        TestHistory few = test("C", "c").passed(100, 100).build();
        DurationReport report = DurationStatistics.analyse(List.of(a, b, few), WINDOW, SETTINGS, JobWallTimes.unknown());
        assertAll(
                () -> assertEquals(List.of(b.testId(), a.testId()),
                        report.slowestTestsByP95().stream().map(TestDurations::testId).toList()),
                () -> assertEquals(30.0, report.slowestTestsByP95().get(0).p95Seconds()),
                () -> assertEquals(19.0, report.slowestTestsByP95().get(1).p95Seconds()),
                () -> assertEquals(0.5, report.slowestTestsByP95().get(0).p50Seconds(), "rank 10 of b"),
                () -> assertEquals(10.0, report.slowestTestsByP95().get(1).p50Seconds(), "rank 10 of a"));
    }

    @Test
    void aSuitesPercentilesAreOverItsTotalPerJobRun() {
        // Two tests of one suite in 20 job runs: "one" takes k s in run k, "two" takes 1 s in every run, so the suite's
        // totals per job run are 2, 3, ..., 21. Median: rank ceil(10) = 10, the value 11; p95: rank 19, the value 20.
        double[] ramp = new double[20];
        double[] ones = new double[20];
        for (int k = 1; k <= 20; k++) {
            ramp[k - 1] = k;
            ones[k - 1] = 1;
        }
        TestHistory one = test("Mixed", "one").passed(ramp).build();
        TestHistory two = test("Mixed", "two").passed(ones).build();
        SuiteDurations suite = DurationStatistics.analyse(List.of(two, one), WINDOW, SETTINGS, JobWallTimes.unknown())
                .suites().get(0);
        assertAll(
                () -> assertEquals(20, suite.jobRuns()),
                () -> assertEquals(11.0, suite.p50Seconds()),
                () -> assertEquals(20.0, suite.p95Seconds()),
                () -> assertEquals(230.0, suite.footprintSeconds(), "210 + 20"));
    }

    @Test
    void timeLostToFlakesIsTheCostOfTheFailedAttempts() {
        TestHistory h = test("C", "t").runs(
                RunSpec.passed(1.0).cost(3.0).outcome(Outcome.FLAKY),
                RunSpec.passed(2.0).cost(2.5).outcome(Outcome.FLAKY),
                RunSpec.passed(1.0).cost(9.0).outcome(Outcome.FAILED),
                RunSpec.passed(null).cost(9.0).outcome(Outcome.FLAKY)).build();
        DurationReport report = DurationStatistics.analyse(List.of(h), WINDOW, SETTINGS, JobWallTimes.unknown());
        assertEquals(2.5, report.timeLostToFlakesSeconds(), 1e-12);
    }
}
