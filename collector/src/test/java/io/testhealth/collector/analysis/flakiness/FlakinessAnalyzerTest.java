package io.testhealth.collector.analysis.flakiness;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.testhealth.collector.analysis.flakiness.Histories.NOW;
import static io.testhealth.collector.analysis.flakiness.Histories.job;
import static io.testhealth.collector.analysis.flakiness.Histories.justAfter;
import static io.testhealth.collector.analysis.flakiness.Histories.test;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class FlakinessAnalyzerTest {

    private final FlakinessAnalyzer analyzer = FlakinessAnalyzer.withDefaults();

    private TestVerdict verdict(TestHistory h, Instant now) {
        return analyzer.analyse(List.of(h), now).test(h.testId()).orElseThrow();
    }

    private static boolean anyReason(TestVerdict v, String text) {
        return v.reasons().stream().anyMatch(r -> r.contains(text));
    }

    @Test
    void aTestThatPassedOnRetryIsFlakyAndSaysWhereItLastDid() {
        TestHistory h = test("retry").passes(10).flakes(1).passes(5).flakes(2).passes(5).build();

        TestVerdict v = verdict(h, justAfter(h));

        assertAll(
                () -> assertEquals(TestState.FLAKY, v.state()),
                () -> assertEquals(3, v.retryRuns()),
                () -> assertEquals(3, v.flakyRuns()),
                () -> assertEquals(0, v.failedRuns()),
                () -> assertEquals("passed on retry in 3 runs, last in pipeline p18", v.reasons().get(0)),
                () -> assertEquals(h.runs().get(17).job().startedAt(), v.lastFlakyAt()));
    }

    @Test
    void aFailedRunWhoseReRunOnTheSameCommitPassedIsFlaky() {
        TestHistory h = test("rerun").passes(10).fails(1).rerun(Outcome.PASSED).passes(5).build();

        TestVerdict v = verdict(h, justAfter(h));

        assertAll(
                () -> assertEquals(TestState.FLAKY, v.state()),
                () -> assertEquals(1, v.sameCodeRuns()),
                () -> assertEquals(1, v.flakyRuns(), "the fail-then-pass counts once, as a retry would"),
                () -> assertEquals(17, v.runs()),
                () -> assertEquals("passed and failed on commit c000011 (linux)", v.reasons().get(0)));
    }

    @Test
    void theSameCommitFailingInAnotherEnvironmentIsNoFlakinessEvidence() {
        TestHistory h = test("envs").onCommit("abc1234").inEnvironment("linux").passes(3)
                .inEnvironment("mac").fails(1).inEnvironment("linux").passes(3).build();

        TestVerdict v = verdict(h, justAfter(h));

        assertAll(
                () -> assertEquals(0, v.flakyRuns()),
                () -> assertNotEquals(TestState.FLAKY, v.state()));
    }

    @Test
    void aRegressionIsBrokenWhileItLastsThenFixedAndNeverFlaky() {
        Histories.Builder b = test("regression").passes(10).fails(5);
        TestHistory during = b.build();
        TestHistory awaiting = b.passes(4).build();
        TestHistory after = b.passes(6).build();

        TestVerdict d = verdict(during, justAfter(during));
        TestVerdict w = verdict(awaiting, justAfter(awaiting));
        TestVerdict a = verdict(after, justAfter(after));
        TestVerdict later = verdict(after, justAfter(after).plus(Duration.ofDays(8)));

        assertAll(
                () -> assertEquals(TestState.BROKEN, d.state()),
                () -> assertTrue(d.regression()),
                () -> assertEquals("c000011", d.regressionCommit()),
                () -> assertEquals("failing since commit c000011: 5 consecutive failed runs on 5 commits",
                        d.reasons().get(0)),
                () -> assertEquals(TestState.BROKEN, w.state(), "4 passing runs do not prove the fix yet"),
                () -> assertTrue(anyReason(w, "passing since c000016 in 4 of the 10 runs needed")),
                () -> assertEquals(TestState.FIXED, a.state()),
                () -> assertEquals("failed from commit c000011 to c000015, passing since c000016", a.reasons().get(0)),
                () -> assertEquals(TestState.HEALTHY, later.state(), "FIXED lasts 7 days"),
                () -> assertEquals(0, d.flakyRuns() + w.flakyRuns() + a.flakyRuns()));
    }

    @Test
    void failingInNineOfTheLastTenRunsIsBrokenSinceTheFirstOfThem() {
        TestHistory h = test("broken").onCommit("ab12cd3ef").passes(10).fails(4).passes(1).fails(5).build();

        TestVerdict v = verdict(h, justAfter(h));

        assertAll(
                () -> assertEquals(TestState.BROKEN, v.state()),
                () -> assertEquals("failed in 9 of the last 10 runs since commit ab12cd3", v.reasons().get(0)));
    }

    @Test
    void aTestFailingOnlyInOneEnvironmentIsBrokenThereAndNotFlaky() {
        Histories.Builder b = test("windows-only");
        for (int i = 0; i < 10; i++) {
            b.inEnvironment("linux").passes(1).inEnvironment("windows").fails(1);
        }
        // a re-run on windows passes once: a same-commit pass and fail, but explained by the environment
        TestHistory h = b.rerun(Outcome.PASSED).inEnvironment("linux").passes(1).build();

        TestVerdict v = verdict(h, justAfter(h));

        assertAll(
                () -> assertEquals(TestState.BROKEN, v.state()),
                () -> assertTrue(v.environmentDependent()),
                () -> assertEquals("windows", v.failingEnvironment()),
                () -> assertEquals(0, v.flakyRuns()),
                () -> assertEquals("fails only on windows: failed 10 of 11 runs there, passed 11 of 11 elsewhere",
                        v.reasons().get(0)));
    }

    @Test
    void anEnvironmentThatFailsOnlyOnceIsNotCalledEnvironmentDependent() {
        TestHistory h = test("once").inEnvironment("linux").passes(10).inEnvironment("windows").fails(1)
                .inEnvironment("linux").passes(10).build();

        TestVerdict v = verdict(h, justAfter(h));

        assertAll(
                () -> assertFalse(v.environmentDependent()),
                () -> assertEquals(TestState.HEALTHY, v.state()));
    }

    /** Twelve tests in eleven shared job runs; in the job run {@code p-down}, {@code failing} of them fail. */
    private static List<TestHistory> componentWithOneBadJobRun(int failing) {
        List<TestHistory> tests = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            Histories.Builder b = test("t" + t);
            for (int r = 0; r < 10; r++) {
                b.in(job("p" + r, 1, "c" + r, "linux", NOW.minus(Duration.ofDays(10 - r))), Outcome.PASSED);
            }
            b.in(job("p-down", 1, "c-down", "linux", NOW.minus(Duration.ofHours(2))),
                    t < failing ? Outcome.ERROR : Outcome.PASSED);
            tests.add(b.build());
        }
        return tests;
    }

    @Test
    void aTestThatFailedOnlyInAnInfrastructureIncidentStaysHealthy() {
        ComponentFlakiness c = analyzer.analyse(componentWithOneBadJobRun(11), NOW);
        TestVerdict victim = c.test("t0").orElseThrow();

        assertAll(
                () -> assertEquals(1, c.incidents().size()),
                () -> assertEquals("p-down", c.incidents().get(0).pipeline()),
                () -> assertEquals(12, c.incidents().get(0).tests()),
                () -> assertEquals(11, c.incidents().get(0).failed()),
                () -> assertEquals(11, c.jobRuns().size()),
                () -> assertEquals(TestState.HEALTHY, victim.state()),
                () -> assertEquals(0, victim.failedRuns()),
                () -> assertEquals(10, victim.runs()),
                () -> assertEquals(1, victim.incidentRuns()),
                () -> assertTrue(anyReason(victim, "1 of its runs left out: their job runs were infrastructure incidents")));
    }

    @Test
    void nineFailuresInTwelveTestsAreNoIncidentSoTheyCount() {
        ComponentFlakiness c = analyzer.analyse(componentWithOneBadJobRun(9), NOW);
        TestVerdict t0 = c.test("t0").orElseThrow();

        assertAll(
                () -> assertEquals(List.of(), c.incidents(), "75% of tests is below the 80% share"),
                () -> assertEquals(1, t0.failedRuns()),
                () -> assertEquals(0, t0.incidentRuns()));
    }

    @Test
    void aTestWithFewerThanFiveRunsEverIsNewEvenWhenItFails() {
        TestHistory h = test("new").fails(3).build();

        TestVerdict v = verdict(h, justAfter(h));

        assertAll(
                () -> assertEquals(TestState.NEW, v.state()),
                () -> assertEquals("ran 3 times ever; 5 runs are needed before judging it", v.reasons().get(0)),
                () -> assertEquals(TestState.BROKEN,
                        verdict(test("not-new").fails(3).runsEver(5).build(), justAfter(h)).state()));
    }

    @Test
    void aTestThatHasNotRunFor30DaysIsStale() {
        TestHistory h = test("stale").startingAt(NOW.minus(Duration.ofDays(45))).flakes(10).build();

        TestVerdict v = verdict(h, NOW);
        TestVerdict notYet = verdict(h, h.lastRun().job().startedAt().plus(Duration.ofDays(29)));

        assertAll(
                () -> assertEquals(TestState.STALE, v.state()),
                () -> assertTrue(v.reasons().get(0).startsWith("no run since 2026-02-")),
                () -> assertEquals(0, v.runs(), "runs older than the window are not judged"),
                () -> assertNotEquals(TestState.STALE, notYet.state()));
    }

    /** 30 runs on main, each on its own commit; every {@code period}-th one fails. */
    private static TestHistory failingEvery(int period, int runs) {
        Histories.Builder b = test("statistical");
        for (int i = 1; i <= runs; i++) {
            b.run(i % period == 0 ? Outcome.FAILED : Outcome.PASSED);
        }
        return b.build();
    }

    @Test
    void intermittentFailuresOnDifferentCommitsAreStatisticallyFlaky() {
        TestHistory h = failingEvery(4, 30);

        TestVerdict v = verdict(h, justAfter(h));

        assertAll(
                () -> assertEquals(TestState.FLAKY, v.state()),
                () -> assertEquals(0, v.flakyRuns(), "no hard evidence: every commit ran once"),
                () -> assertEquals(7, v.failedRuns()),
                () -> assertEquals(14.0 / 29, v.flipRate(), 1e-12),
                () -> assertTrue(anyReason(v, "failed in 7 of 30 runs (23.3%)")));
    }

    @Test
    void theDefaultBranchSpelledAsAGitRefGivesTheSameFlipRate() {
        Histories.Builder b = test("github").onBranch("refs/heads/main");
        for (int i = 1; i <= 30; i++) {
            b.run(i % 4 == 0 ? Outcome.FAILED : Outcome.PASSED);
        }
        TestHistory h = b.build();

        TestVerdict v = verdict(h, justAfter(h));

        // the same 30 runs as on "main": 7 failures, each entered and left, 14 flips in 29 transitions
        assertAll(
                () -> assertEquals(14.0 / 29, v.flipRate(), 1e-12),
                () -> assertEquals(TestState.FLAKY, v.state()));
    }

    @Test
    void theStatisticalRuleNeedsTwentyRuns() {
        TestHistory h = failingEvery(4, 19);

        assertEquals(TestState.HEALTHY, verdict(h, justAfter(h)).state());
    }

    @Test
    void theStatisticalRuleOnlyLooksAtTheDefaultBranchFlipRate() {
        Histories.Builder b = test("feature").onBranch("feature/x");
        for (int i = 1; i <= 30; i++) {
            b.run(i % 4 == 0 ? Outcome.FAILED : Outcome.PASSED);
        }
        TestHistory h = b.onBranch("main").passes(1).build();

        TestVerdict v = verdict(h, justAfter(h));

        assertAll(
                () -> assertEquals(0.0, v.flipRate()),
                () -> assertEquals(TestState.HEALTHY, v.state()));
    }

    /**
     * Five retry passes in the first ten runs, then clean runs every 8 hours. At the last flake (run 9) x = 5,
     * n = 9: S = 5.5 / 59 = 0.0932, so max(10, ⌈3 / 0.0932⌉) = 33 clean runs prove the fix.
     */
    private static TestHistory flakyThenClean(int cleanRunsAfterLastFlake) {
        Histories.Builder b = test("was-flaky").startingAt(NOW.minus(Duration.ofDays(20))).every(Duration.ofHours(8));
        for (int i = 0; i < 5; i++) {
            b.flakes(1).passes(1);
        }
        return b.passes(cleanRunsAfterLastFlake - 1).build();
    }

    @Test
    void aFlakyTestIsFixedOnlyAfterTheRuleOfThreeNumberOfCleanRuns() {
        TestHistory notYet = flakyThenClean(32);
        TestHistory enough = flakyThenClean(33);

        TestVerdict n = verdict(notYet, justAfter(notYet));
        TestVerdict e = verdict(enough, justAfter(enough));
        TestVerdict afterHold = verdict(enough, justAfter(enough).plus(Duration.ofDays(8)));

        assertAll(
                () -> assertEquals(TestState.FLAKY, n.state()),
                () -> assertTrue(anyReason(n, "32 clean runs since, 33 needed: max(10, ⌈3 / S⌉) with S = 0.0932 when it last flaked")),
                () -> assertEquals(TestState.FIXED, e.state()),
                () -> assertTrue(anyReason(e, "33 clean runs since, 33 needed")),
                () -> assertEquals(TestState.HEALTHY, afterHold.state()));
    }

    @Test
    void aFlakyTestIsNotFixedWithinSevenDaysOfItsLastFlakeWhateverTheRunCount() {
        Histories.Builder b = test("busy").startingAt(NOW.minus(Duration.ofDays(5))).every(Duration.ofMinutes(30));
        for (int i = 0; i < 5; i++) {
            b.flakes(1).passes(1);
        }
        TestHistory h = b.passes(100).build();

        TestVerdict v = verdict(h, justAfter(h));

        assertAll(
                () -> assertEquals(TestState.FLAKY, v.state()),
                () -> assertTrue(anyReason(v, "also needed: no flaky run for 7 days")));
    }

    @Test
    void theScoreIsThePosteriorMeanWithItsBetaCredibleInterval() {
        // reference quantiles from scipy.stats.beta.ppf([0.025, 0.975], a, b)
        TestVerdict none = verdict(test("none").runsEver(100).build(), NOW);
        TestHistory nine = test("nine").flakes(5).passes(4).build();
        TestVerdict five = verdict(nine, justAfter(nine));

        assertAll(
                () -> assertEquals(0.01, none.score(), 1e-12),
                () -> assertEquals(9.970066657e-06, none.lower(), 1e-9),
                () -> assertEquals(0.04972338529, none.upper(), 1e-8),
                () -> assertEquals(5.5 / 59, five.score(), 1e-12),
                () -> assertEquals(0.03365980004, five.lower(), 1e-8),
                () -> assertEquals(0.1786449249, five.upper(), 1e-8),
                () -> assertTrue(five.lower() < five.score() && five.score() < five.upper()));
    }

    @Test
    void aFewRunsMoveTheScoreLessThanManyRunsWithTheSameRate() {
        TestHistory few = test("few").flakes(1).passes(9).build();
        Histories.Builder mb = test("many").startingAt(NOW.minus(Duration.ofDays(27))).every(Duration.ofHours(2));
        for (int i = 0; i < 10; i++) {
            mb.flakes(1).passes(9);
        }
        TestHistory m = mb.build();

        double sFew = verdict(few, justAfter(few)).score();
        double sMany = verdict(m, justAfter(m)).score();

        assertAll(
                () -> assertEquals(1.5 / 60, sFew, 1e-12),
                () -> assertEquals(10.5 / 150, sMany, 1e-12),
                () -> assertTrue(sMany > sFew));
    }
}
