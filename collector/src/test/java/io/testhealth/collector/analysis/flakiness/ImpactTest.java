package io.testhealth.collector.analysis.flakiness;

import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.testhealth.collector.analysis.flakiness.Histories.NOW;
import static io.testhealth.collector.analysis.flakiness.Histories.job;
import static io.testhealth.collector.analysis.flakiness.Histories.test;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ImpactTest {

    /**
     * Three tests in job runs p0..p9, with re-runs p5/2 and p8/2 on the same commits. A fails in p5/1 and p8/1 and
     * passes in their re-runs (FLAKY); B passes on retry in p3; C fails in p8/1 and p8/2 and passes otherwise.
     */
    private static ComponentFlakiness component() {
        Map<String, JobRun> jobs = new java.util.LinkedHashMap<>();
        for (int r = 0; r < 10; r++) {
            jobs.put("p" + r + "/1", job("p" + r, 1, "c" + r, "linux", NOW.minus(Duration.ofDays(10 - r))));
        }
        jobs.put("p5/2", job("p5", 2, "c5", "linux", NOW.minus(Duration.ofDays(5)).plus(Duration.ofHours(1))));
        jobs.put("p8/2", job("p8", 2, "c8", "linux", NOW.minus(Duration.ofDays(2)).plus(Duration.ofHours(1))));
        Map<String, Outcome> a = Map.of("p5/1", Outcome.FAILED, "p8/1", Outcome.FAILED);
        Map<String, Outcome> b = Map.of("p3/1", Outcome.FLAKY);
        Map<String, Outcome> c = Map.of("p8/1", Outcome.FAILED, "p8/2", Outcome.FAILED);
        List<TestHistory> tests = new ArrayList<>();
        for (Map.Entry<String, Map<String, Outcome>> t : Map.of("A", a, "B", b, "C", c).entrySet()) {
            Histories.Builder builder = test(t.getKey());
            jobs.forEach((key, job) -> builder.in(job, t.getValue().getOrDefault(key, Outcome.PASSED)));
            tests.add(builder.build());
        }
        return FlakinessAnalyzer.withDefaults().analyse(tests, NOW);
    }

    private static JobRunVerdict jobRun(ComponentFlakiness c, String pipeline, int attempt) {
        return c.jobRuns().stream().filter(j -> j.pipeline().equals(pipeline) && j.attempt() == attempt)
                .findFirst().orElseThrow();
    }

    @Test
    void pipelinesBrokenAloneCountJobRunsWhereEveryOtherFailingTestIsFlaky() {
        ComponentFlakiness c = component();
        TestVerdict a = c.test("A").orElseThrow();
        TestVerdict cc = c.test("C").orElseThrow();

        assertAll(
                () -> assertEquals(TestState.FLAKY, a.state()),
                () -> assertEquals(2, a.sameCodeRuns()),
                () -> assertEquals(TestState.HEALTHY, cc.state(), "two failures on one commit, never passing on it"),
                () -> assertEquals(1, a.pipelinesBrokenAlone(), "p5/1 only: C, not flaky, also failed p8/1"),
                () -> assertEquals(2, cc.pipelinesBrokenAlone(), "p8/1 beside flaky A, and p8/2 alone"),
                () -> assertTrue(jobRun(c, "p5", 1).brokenOnlyByFlakyTests()),
                () -> assertFalse(jobRun(c, "p8", 1).brokenOnlyByFlakyTests()),
                () -> assertFalse(jobRun(c, "p4", 1).brokenOnlyByFlakyTests(), "nothing failed"));
    }

    @Test
    void timeLostCountsFailedAttemptsAndTheReRunsOfJobsATestFailed() {
        ComponentFlakiness c = component();

        // Every test run takes 2 s, so each re-run (p5/2, p8/2: three tests) took 6 s of test time. It is charged to
        // the tests that failed in the job run it repeated: A alone in p5/1, A and C in p8/1.
        assertAll(
                () -> assertEquals(9.0, c.test("A").orElseThrow().timeLostSeconds(), 1e-12,
                        "all 6 s of p5/2, half of the 6 s of p8/2"),
                () -> assertEquals(2.0, c.test("B").orElseThrow().timeLostSeconds(), 1e-12,
                        "one failed 2 s attempt before the pass in p3"),
                () -> assertEquals(3.0, c.test("C").orElseThrow().timeLostSeconds(), 1e-12,
                        "half of p8/2; p8/2 failed too but was not re-run"));
    }

    @Test
    void theComponentListsTestsInImpactOrder() {
        ComponentFlakiness c = component();

        assertEquals(List.of("C", "A", "B"), c.tests().stream().map(TestVerdict::testId).toList());
    }

    private static TestVerdict verdict(String id, int brokenAlone, double lost, double score) {
        return new TestVerdict(id, Histories.COMPONENT, "S", id, TestState.FLAKY, List.of("r"), score, 0, 1,
                10, 1, 1, 0, 0, 0, 0, 10, 0, lost, brokenAlone, NOW, NOW, NOW, false, "", false, "");
    }

    @Test
    void impactOrdersByPipelinesBrokenAloneThenTimeLostThenScore() {
        List<TestVerdict> verdicts = new ArrayList<>(List.of(
                verdict("lowScore", 1, 100, 0.2),
                verdict("mostTime", 0, 500, 0.9),
                verdict("mostBroken", 2, 0, 0.01),
                verdict("highScore", 1, 100, 0.3),
                verdict("moreTime", 1, 101, 0.05)));

        verdicts.sort(TestVerdict.impactOrder());

        assertEquals(List.of("mostBroken", "moreTime", "highScore", "lowScore", "mostTime"),
                verdicts.stream().map(TestVerdict::testId).toList());
    }
}
