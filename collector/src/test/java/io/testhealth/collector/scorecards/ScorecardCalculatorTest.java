package io.testhealth.collector.scorecards;

import io.testhealth.collector.scorecards.Scorecard.CheckResult;
import io.testhealth.collector.scorecards.Scorecard.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
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

    /** Facts of a healthy component at Gold on every check with data; each test changes one number. */
    private static ScorecardFacts gold() {
        return new ScorecardFacts(1000, 5, 400, 1, 200, 1, 300, 298, 0, List.of(3.0, 5.0), 1, 1, List.of(10.0),
                Collections.nCopies(25, 8.0), Collections.nCopies(6, 12.0), 0.05, true, 1000, 990, Map.of());
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
                () -> assertTrue(check(s, CheckId.FLAKY_TEST_RATIO).explanation().startsWith("5 of 1000 tests are flaky (0.5%)")));
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
        assertEquals(List.of(3.0, 5.0, 40.0), team.flakeAgesDays());
        assertEquals(10.0 / 1010, check(calculator.score("group:default/t", team, NOW), CheckId.FLAKY_TEST_RATIO).value(), 1e-12);
    }

    @Test
    void aThresholdsFileWithAMissingCheckIsRefusedNamingIt() {
        String yaml = "version: x\nwindow-days: 28\nmin-checks-for-silver-and-gold: 7\nchecks: {}\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScorecardThresholds.parse(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "ops.yml"));
        assertTrue(e.getMessage().contains("ops.yml: checks.flaky-test-ratio"), e.getMessage());
    }
}
