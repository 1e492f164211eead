package io.testhealth.collector.analysis;

import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class TestRunFactTest {

    private static final JobRun JOB = new JobRun("r1", "component:default/shop", "", "p1", "test", 1, "", "main", "c1",
            Instant.parse("2026-11-02T10:00:00Z"));

    private static TestRunFact invocation(JobRun job, Outcome outcome, int attempts, Double last, Double cost,
                                          String message, DeclaredLayer layer) {
        return new TestRunFact(job, outcome, attempts, outcome == Outcome.PASSED ? 0 : 1, last, cost,
                message.isEmpty() ? "" : "java.lang.AssertionError", message, message.isEmpty() ? "" : "fp-" + message,
                layer, Map.of(), "TEST-x.xml");
    }

    @Test
    void theInvocationsOfAJobRunAddUpToOneRun() {
        DeclaredLayer unit = new DeclaredLayer(Layer.UNIT, LayerSource.REPORT_PATH);
        TestRunFact run = TestRunFact.ofInvocations(List.of(
                invocation(JOB, Outcome.PASSED, 1, 0.25, 0.25, "", null),
                invocation(JOB, Outcome.FLAKY, 2, 1.5, 4.0, "", unit),
                invocation(JOB, Outcome.FAILED, 1, 0.75, 0.75, "expected 3", null),
                invocation(JOB, Outcome.FAILED, 1, 0.5, 0.5, "expected 4", null)));

        assertAll(
                () -> assertEquals(Outcome.FAILED, run.outcome()),
                () -> assertEquals(5, run.attempts(), "1 + 2 + 1 + 1"),
                () -> assertEquals(3, run.failedAttempts(), "0 + 1 + 1 + 1"),
                () -> assertEquals(3.0, run.durationSeconds(), 1e-9, "0.25 + 1.5 + 0.75 + 0.5"),
                () -> assertEquals(5.5, run.costSeconds(), 1e-9, "0.25 + 4.0 + 0.75 + 0.5"),
                () -> assertEquals("expected 3", run.failureMessage(), "the first failing invocation's"),
                () -> assertEquals(unit, run.declaredLayer(), "the first layer declared"));
    }

    @Test
    void oneUnknownDurationMakesTheRunsDurationUnknown() {
        TestRunFact run = TestRunFact.ofInvocations(List.of(invocation(JOB, Outcome.PASSED, 1, 0.25, 0.25, "", null),
                invocation(JOB, Outcome.PASSED, 1, null, null, "", null)));

        assertAll(() -> assertNull(run.durationSeconds()), () -> assertNull(run.costSeconds()));
    }

    @Test
    void aSingleInvocationIsTheRunItself() {
        TestRunFact only = invocation(JOB, Outcome.PASSED, 1, 0.25, 0.25, "", null);

        assertSame(only, TestRunFact.ofInvocations(List.of(only)));
    }

    @Test
    void invocationsOfDifferentJobRunsAreNotOneRun() {
        JobRun other = new JobRun("r2", JOB.component(), "", "p2", "test", 1, "", "main", "c2", JOB.startedAt());

        assertThrows(IllegalArgumentException.class, () -> TestRunFact.ofInvocations(List.of(
                invocation(JOB, Outcome.PASSED, 1, 0.25, 0.25, "", null),
                invocation(other, Outcome.PASSED, 1, 0.25, 0.25, "", null))));
    }
}
