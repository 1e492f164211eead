package io.testhealth.collector.analysis.flakiness;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.testhealth.collector.analysis.flakiness.Histories.NOW;
import static io.testhealth.collector.analysis.flakiness.Histories.test;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * When a flaky episode began: the first hard event after the test was last healthy or fixed, traced back through
 * runs older than the window and, when asked, older than the history given.
 */
final class FlakeEpisodeTest {

    private final FlakinessAnalyzer analyzer = FlakinessAnalyzer.withDefaults();

    /** One run a day from day -71 to day 0 (as of {@code NOW}), passing on a retry every fifth day from -70 to -5. */
    private static TestHistory everyFifthDay() {
        Histories.Builder b = test("wobbles").startingAt(NOW.minus(Duration.ofDays(71))).every(Duration.ofDays(1));
        for (int d = 71; d >= 0; d--) {
            b.run(d >= 5 && d <= 70 && d % 5 == 0 ? Outcome.FLAKY : Outcome.PASSED);
        }
        return b.build();
    }

    private static Instant day(int d) {
        return NOW.minus(Duration.ofDays(d));
    }

    @Test
    void anEpisodeIsTracedBackThroughRunsOlderThanTheWindow() {
        TestVerdict v = analyzer.analyse(List.of(everyFifthDay()), NOW).test("wobbles").orElseThrow();

        // four clean runs between events five days apart never prove a fix: open since the first event, day -70
        assertAll(
                () -> assertEquals(TestState.FLAKY, v.state()),
                () -> assertEquals(day(70), v.flakySince()),
                () -> assertEquals(day(5), v.lastFlakyAt()));
    }

    @Test
    void anEpisodeReachingTheStartOfTheHistoryGivenAsksForEarlierRunsOnce() {
        TestHistory all = everyFifthDay();
        Instant cut = day(60);
        List<TestRunFact> recent = all.runs().stream().filter(f -> !f.job().startedAt().isBefore(cut)).toList();
        List<TestRunFact> older = all.runs().stream().filter(f -> f.job().startedAt().isBefore(cut)).toList();
        TestHistory given = new TestHistory(all.testId(), all.component(), all.suite(), all.name(), recent,
                all.runsEver(), all.firstSeen());
        List<Map<String, Instant>> asked = new ArrayList<>();

        TestVerdict traced = analyzer.analyse(List.of(given), NOW, before -> {
            asked.add(before);
            return Map.of("wobbles", older);
        }).test("wobbles").orElseThrow();
        TestVerdict untraced = analyzer.analyse(List.of(given), NOW).test("wobbles").orElseThrow();

        assertAll(
                () -> assertEquals(List.of(Map.of("wobbles", cut)), asked, "once, from the first run given"),
                () -> assertEquals(day(70), traced.flakySince()),
                () -> assertEquals(day(60), untraced.flakySince(), "without earlier runs: the first event given"));
    }

    /**
     * Five flakes in a row, every 4 hours: the score when it last flaked is S = (0.5 + 5) / (0.5 + 49.5 + 5) = 0.1,
     * so a fix needs max(10, ⌈3 / 0.1⌉) = 30 clean runs, still clean when the 7 quiet days (168 h) after the last
     * flake end. The 30th clean run comes at 120 h, the 42nd at 168 h.
     */
    private static Histories.Builder fiveFlakesThen(int cleanRuns) {
        return test("fixed-or-not").startingAt(day(20)).every(Duration.ofHours(4))
                .passes(3).flakes(5).passes(cleanRuns).flakes(1).passes(2);
    }

    @Test
    void aFixProvenBetweenTwoFlakesEndsTheEpisode() {
        Instant firstFlake = day(20).plus(Duration.ofHours(12));
        Instant lastFlakeOfNine = firstFlake.plus(Duration.ofHours(4 * (5 + 39)));
        Instant lastFlakeOfFortyFive = firstFlake.plus(Duration.ofHours(4 * (5 + 45)));

        TestVerdict tooFew = analyzer.analyse(List.of(fiveFlakesThen(39).build()), NOW).test("fixed-or-not").orElseThrow();
        TestVerdict enough = analyzer.analyse(List.of(fiveFlakesThen(45).build()), NOW).test("fixed-or-not").orElseThrow();

        assertAll(
                // 39 clean runs: the 39th at 156 h, the next flake at 160 h, before the quiet period ended at 168 h
                () -> assertEquals(TestState.FLAKY, tooFew.state()),
                () -> assertEquals(firstFlake, tooFew.flakySince()),
                () -> assertEquals(lastFlakeOfNine, tooFew.lastFlakyAt()),
                // 45 clean runs: 30 reached at 120 h and still clean at 168 h: fixed, so the flake after opened anew
                () -> assertEquals(TestState.FLAKY, enough.state()),
                () -> assertEquals(lastFlakeOfFortyFive, enough.flakySince()));
    }

    @Test
    void aQuietPeriodWithFewerCleanRunsThanTheScoreAsksForDoesNotEndTheEpisode() {
        // the same five flakes (30 clean runs needed), then 20 clean runs 12 hours apart: 240 h, past the 168 h of
        // quiet, but 20 < 30, so the flake after them belongs to the same episode
        Instant firstFlake = day(20).plus(Duration.ofHours(12));
        TestVerdict v = analyzer.analyse(List.of(test("slow-clean").startingAt(day(20)).every(Duration.ofHours(4))
                .passes(3).flakes(5).every(Duration.ofHours(12)).passes(20).flakes(1).passes(2).build()), NOW)
                .test("slow-clean").orElseThrow();

        assertAll(
                () -> assertEquals(TestState.FLAKY, v.state()),
                () -> assertEquals(firstFlake, v.flakySince()));
    }

    @Test
    void aFlakeThatLeftTheWindowBeforeTheNextOneEndsTheEpisode() {
        // a flake on day -50, fifteen clean runs two days apart (far fewer than the ⌈3 / S⌉ = ⌈3 · 51 / 1.5⌉ = 102 a
        // fix would need), a flake on day -18: 32 days apart, more than the 28-day window, so it was HEALTHY between
        TestVerdict v = analyzer.analyse(List.of(test("far-apart").startingAt(day(50)).every(Duration.ofDays(2))
                .flakes(1).passes(15).flakes(1).passes(3).build()), NOW).test("far-apart").orElseThrow();

        assertAll(
                () -> assertEquals(TestState.FLAKY, v.state()),
                () -> assertEquals(day(18), v.flakySince()));
    }

    @Test
    void onlyAFlakyTestHasAnEpisode() {
        TestVerdict healthy = analyzer.analyse(List.of(test("fine").passes(12).build()), NOW).test("fine").orElseThrow();

        assertNull(healthy.flakySince());
    }
}
