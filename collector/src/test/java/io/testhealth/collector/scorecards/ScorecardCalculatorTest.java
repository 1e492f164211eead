package io.testhealth.collector.scorecards;

import io.testhealth.collector.scorecards.Scorecard.CheckResult;
import io.testhealth.collector.scorecards.Scorecard.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ScorecardCalculatorTest {

    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private final ScorecardCalculator calculator = new ScorecardCalculator(ScorecardThresholds.defaults());

    /**
     * PR pipeline wall times of {@link #gold()}, 25 of them, sorted: 1, 1.5, 2, ..., 8.5 (16 values), 8.8, 9, 9,
     * 9.2, 9.4, 9.6, 9.8, 10, 31.
     * The nearest-rank p95 is the value of rank ceil(0.95 * 25) = ceil(23.75) = 24, which is 10 (Gold, at most 10);
     * the minimum is 1 and the maximum 31 (below Bronze), so a check that took either would be caught.
     */
    private static final List<Double> PR_MINUTES = List.of(31.0, 9.8, 1.0, 8.5, 2.0, 10.0, 4.5, 9.2, 3.0, 7.0, 1.5, 6.5,
            9.4, 5.0, 2.5, 8.0, 3.5, 6.0, 9.6, 4.0, 7.5, 5.5, 9.0, 9.0, 8.8);
    /** E2E wall times of {@link #gold()}: sorted 4, 9, 12, 16, 40, 50; p50 has rank ceil(3) = 3, the value 12 (Gold). */
    private static final List<Double> E2E_MINUTES = List.of(40.0, 12.0, 4.0, 50.0, 9.0, 16.0);
    /** Flake ages of {@link #gold()}: sorted 2, 13, 40; the median has rank ceil(1.5) = 2, the value 13 (Gold). */
    private static final List<Double> FLAKE_AGES = List.of(40.0, 2.0, 13.0);

    /** Facts of a healthy component at Gold on every check with data; each test changes one number. */
    private static ScorecardFacts gold() {
        return new ScorecardFacts(1000, 5, 400, 1, 200, 1, 300, 298, 0, FLAKE_AGES, 1, 1, List.of(10.0),
                PR_MINUTES, E2E_MINUTES, 0.05, true, 1000, 990, Map.of());
    }

    private static ScorecardFacts withSamples(ScorecardFacts f, List<Double> flakeAges, List<Double> prMinutes,
                                              List<Double> e2eMinutes) {
        return new ScorecardFacts(f.testsRun(), f.flakyTests(), f.jobRuns(), f.jobRunsWithFlakyTestRuns(), f.pipelines(),
                f.pipelinesBrokenByFlakes(), f.defaultBranchJobRuns(), f.defaultBranchPassedJobRuns(), f.incidents(),
                flakeAges, f.quarantined(), f.quarantinedWithTicketAndExpiry(), f.quarantineAgesDays(), prMinutes,
                e2eMinutes, f.topHeaviness(), f.ordered(), f.testsKnown(), f.testsClassifiedAndOwned(), f.examples());
    }

    private static ScorecardFacts with(ScorecardFacts f, long flakyTests, Double topHeaviness, Boolean ordered) {
        return new ScorecardFacts(f.testsRun(), flakyTests, f.jobRuns(), f.jobRunsWithFlakyTestRuns(), f.pipelines(),
                f.pipelinesBrokenByFlakes(), f.defaultBranchJobRuns(), f.defaultBranchPassedJobRuns(), f.incidents(),
                f.flakeAgesDays(), f.quarantined(), f.quarantinedWithTicketAndExpiry(), f.quarantineAgesDays(),
                f.prPipelineWallMinutes(), f.e2eJobWallMinutes(), topHeaviness, ordered, f.testsKnown(),
                f.testsClassifiedAndOwned(), f.examples());
    }

    private static CheckResult check(Scorecard s, CheckId id) {
        return s.checks().stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    @Test
    void everyCheckAtGoldGivesGoldAndA() {
        Scorecard s = calculator.score("component:default/pay", gold(), NOW);
        assertAll(
                () -> assertEquals(Level.GOLD, s.level()),
                () -> assertEquals("A", s.grade()),
                () -> assertEquals(10, s.checks().size()),
                () -> assertEquals("2026.11-1", s.thresholdVersion()),
                () -> assertEquals(0.005, check(s, CheckId.FLAKY_TEST_RATIO).value(), 1e-12),
                () -> assertTrue(check(s, CheckId.FLAKY_TEST_RATIO).explanation().startsWith("5 of 1000 tests are flaky (0.5%)")),
                () -> assertEquals(10.0, check(s, CheckId.PR_FEEDBACK_TIME).value(), "p95 of PR_MINUTES, by hand"),
                () -> assertEquals(12.0, check(s, CheckId.E2E_DURATION).value(), "p50 of E2E_MINUTES, by hand"),
                () -> assertEquals(13.0, check(s, CheckId.FLAKE_AGE).value(), "median of FLAKE_AGES, by hand"));
    }

    @Test
    void percentileChecksTakeTheNearestRankNotTheMinimum() {
        // PR pipelines of 1, 2, ..., 21 minutes: p95 has rank ceil(0.95 * 21) = 20, the value 20 (Silver, at most 20);
        // E2E jobs of 10, 20, ..., 70 minutes: p50 has rank ceil(3.5) = 4, the value 40 (Bronze, at most 45);
        // open flakes of 5, 20, 70, 9, 33 days: sorted 5, 9, 20, 33, 70, the median (rank 3) is 20 (Silver, at most 30).
        // The minimum (1 min, 10 min, 5 days) would be Gold on all three.
        List<Double> pr = List.of(21.0, 20.0, 19.0, 18.0, 17.0, 16.0, 15.0, 14.0, 13.0, 12.0, 11.0, 10.0, 9.0, 8.0, 7.0,
                6.0, 5.0, 4.0, 3.0, 2.0, 1.0);
        List<Double> e2e = List.of(70.0, 10.0, 60.0, 20.0, 50.0, 30.0, 40.0);
        List<Double> ages = List.of(5.0, 20.0, 70.0, 9.0, 33.0);
        Scorecard s = calculator.score("c", withSamples(gold(), ages, pr, e2e), NOW);
        assertAll(
                () -> assertEquals(20.0, check(s, CheckId.PR_FEEDBACK_TIME).value()),
                () -> assertEquals(Level.SILVER, check(s, CheckId.PR_FEEDBACK_TIME).level()),
                () -> assertTrue(check(s, CheckId.PR_FEEDBACK_TIME).explanation().contains("is 20.0 min over 21 runs"),
                        check(s, CheckId.PR_FEEDBACK_TIME).explanation()),
                () -> assertEquals(40.0, check(s, CheckId.E2E_DURATION).value()),
                () -> assertEquals(Level.BRONZE, check(s, CheckId.E2E_DURATION).level()),
                () -> assertEquals(20.0, check(s, CheckId.FLAKE_AGE).value()),
                () -> assertEquals(Level.SILVER, check(s, CheckId.FLAKE_AGE).level()),
                () -> assertEquals(Level.BRONZE, s.level(), "E2E duration holds the component at Bronze"));
    }

    @Test
    void theLowestCheckDecidesTheLevel() {
        Scorecard silver = calculator.score("c", with(gold(), 20, 0.05, true), NOW);
        Scorecard bronze = calculator.score("c", with(gold(), 50, 0.05, true), NOW);
        Scorecard d = calculator.score("c", with(gold(), 51, 0.05, true), NOW);
        assertAll(
                () -> assertEquals(Level.SILVER, silver.level()),
                () -> assertEquals("B", silver.grade()),
                () -> assertEquals(Level.BRONZE, bronze.level(), "5% is still Bronze: thresholds are inclusive"),
                () -> assertEquals(Level.NONE, d.level()),
                () -> assertEquals("D", d.grade()),
                () -> assertTrue(d.summary().contains("Flaky test ratio")));
    }

    @Test
    void moreThanTwoChecksBelowBronzeGiveF() {
        ScorecardFacts f = new ScorecardFacts(100, 20, 100, 20, 100, 20, 100, 50, 0, List.of(), 0, 0, List.of(),
                List.of(), List.of(), null, null, 100, 100, Map.of());
        Scorecard s = calculator.score("c", f, NOW);
        assertEquals("F", s.grade());
    }

    @Test
    void aPyramidThatIsNotOrderedStaysAtBronze() {
        CheckResult c = check(calculator.score("c", with(gold(), 5, 0.05, false), NOW), CheckId.PYRAMID_TOP_HEAVINESS);
        assertEquals(Level.BRONZE, c.level());
        assertTrue(c.explanation().contains("not ordered"));
    }

    @Test
    void tooLittleDataIsInsufficientNotAFailure() {
        ScorecardFacts f = new ScorecardFacts(3, 1, 4, 1, 4, 1, 2, 1, 0, List.of(1.0), 0, 0, List.of(), List.of(),
                List.of(), null, null, 3, 3, Map.of());
        Scorecard s = calculator.score("c", f, NOW);
        CheckResult ratio = check(s, CheckId.FLAKY_TEST_RATIO);
        assertAll(
                () -> assertEquals(Status.INSUFFICIENT_DATA, ratio.status()),
                () -> assertNull(ratio.value()),
                () -> assertEquals(Status.INSUFFICIENT_DATA, check(s, CheckId.PR_FEEDBACK_TIME).status()),
                () -> assertEquals(Level.BRONZE, s.level(), "three checks with data are not enough for Silver or Gold"));
    }

    @Test
    void noDataAtAllHasNoGrade() {
        ScorecardFacts f = new ScorecardFacts(0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), 0, 0, List.of(), List.of(),
                List.of(), null, null, 0, 0, Map.of());
        Scorecard s = calculator.score("c", f, NOW);
        assertEquals("-", s.grade());
        assertTrue(s.summary().startsWith("Insufficient data"));
    }

    @Test
    void teamsPoolTheirComponentsCountsNotTheirRatios() {
        ScorecardFacts a = with(gold(), 5, 0.05, true);
        ScorecardFacts small = new ScorecardFacts(10, 5, 10, 5, 10, 5, 10, 5, 0, List.of(40.0), 0, 0, List.of(),
                List.of(), List.of(), null, null, 10, 5, Map.of());
        ScorecardFacts team = ScorecardFacts.pooled(List.of(a, small), null, null);
        assertEquals(1010, team.testsRun());
        assertEquals(10, team.flakyTests());
        assertEquals(List.of(40.0, 2.0, 13.0, 40.0), team.flakeAgesDays());
        assertEquals(10.0 / 1010, check(calculator.score("group:default/t", team, NOW), CheckId.FLAKY_TEST_RATIO).value(), 1e-12);
    }

    @Test
    void aThresholdsFileWithAMissingCheckIsRefusedNamingIt() {
        String yaml = "version: x\nwindow-days: 28\nmin-checks-for-silver-and-gold: 7\nchecks: {}\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScorecardThresholds.parse(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "ops.yml"));
        assertTrue(e.getMessage().contains("ops.yml: checks.flaky-test-ratio"), e.getMessage());
    }

    private static ScorecardFacts withDisagreements(ScorecardFacts f, long count, List<ScorecardFacts.LayerDisagreement> shown) {
        return new ScorecardFacts(f.testsRun(), f.flakyTests(), f.jobRuns(), f.jobRunsWithFlakyTestRuns(), f.pipelines(),
                f.pipelinesBrokenByFlakes(), f.defaultBranchJobRuns(), f.defaultBranchPassedJobRuns(), f.incidents(),
                f.flakeAgesDays(), f.quarantined(), f.quarantinedWithTicketAndExpiry(), f.quarantineAgesDays(),
                f.prPipelineWallMinutes(), f.e2eJobWallMinutes(), f.topHeaviness(), f.ordered(), f.testsKnown(),
                f.testsClassifiedAndOwned(), f.examples(), count, shown);
    }

    private static ScorecardFacts.LayerDisagreement disagreement(String test) {
        return new ScorecardFacts.LayerDisagreement("id-" + test, test, "unit", "naming", "integration");
    }

    @Test
    void layerDisagreementsAreNamedByTheCoverageCheckButNotGraded() {
        List<ScorecardFacts.LayerDisagreement> five = List.of(disagreement("A.a"), disagreement("B.b"),
                disagreement("C.c"), disagreement("D.d"),
                new ScorecardFacts.LayerDisagreement("id-E.e", "E.e", "integration", "report_path", "e2e"));
        CheckResult plain = check(calculator.score("component:default/pay", gold(), NOW),
                CheckId.CLASSIFICATION_OWNERSHIP_COVERAGE);
        Scorecard seven = calculator.score("component:default/pay", withDisagreements(gold(), 7, five), NOW);
        CheckResult shown = check(seven, CheckId.CLASSIFICATION_OWNERSHIP_COVERAGE);
        CheckResult one = check(calculator.score("component:default/pay",
                withDisagreements(gold(), 1, List.of(disagreement("A.a"))), NOW), CheckId.CLASSIFICATION_OWNERSHIP_COVERAGE);
        assertAll(
                // 990 of 1000 = 99%: Gold, with or without disagreements
                () -> assertEquals(0.99, shown.value(), 1e-12),
                () -> assertEquals(plain.level(), shown.level()),
                () -> assertEquals(Level.GOLD, seven.level()),
                () -> assertEquals(plain.explanation() + " 7 tests' declared layers are not the ones their spans show"
                        + " (not graded): A.a (unit by naming, spans show integration), B.b (unit by naming, spans show"
                        + " integration), C.c (unit by naming, spans show integration), D.d (unit by naming, spans show"
                        + " integration), E.e (integration by report path, spans show e2e), ….", shown.explanation()),
                () -> assertEquals(plain.explanation() + " 1 test's declared layer is not the one its spans show"
                        + " (not graded): A.a (unit by naming, spans show integration).", one.explanation()));
    }

    @Test
    void aTeamAddsItsComponentsDisagreementsAndKeepsTheFirstFive() {
        ScorecardFacts a = withDisagreements(gold(), 4, List.of(disagreement("A.a"), disagreement("A.b"),
                disagreement("A.c"), disagreement("A.d")));
        ScorecardFacts b = withDisagreements(gold(), 3, List.of(disagreement("B.a"), disagreement("B.b"),
                disagreement("B.c")));
        ScorecardFacts team = ScorecardFacts.pooled(List.of(a, b, gold()), null, null);
        assertAll(
                () -> assertEquals(7, team.layerDisagreements()),
                () -> assertEquals(List.of("A.a", "A.b", "A.c", "A.d", "B.a"),
                        team.layerDisagreementExamples().stream().map(ScorecardFacts.LayerDisagreement::test).toList()),
                () -> assertEquals(0, gold().layerDisagreements()),
                () -> assertEquals(List.of(), gold().layerDisagreementExamples()));
    }
}
