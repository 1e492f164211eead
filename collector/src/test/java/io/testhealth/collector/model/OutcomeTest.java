package io.testhealth.collector.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.testhealth.collector.model.Outcome.ERROR;
import static io.testhealth.collector.model.Outcome.FAILED;
import static io.testhealth.collector.model.Outcome.FLAKY;
import static io.testhealth.collector.model.Outcome.PASSED;
import static io.testhealth.collector.model.Outcome.SKIPPED;
import static io.testhealth.collector.model.Outcome.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class OutcomeTest {

    @Test
    void invocationsOfOneRunFailWhenAnyFailedAndAreFlakyOnlyWhenOnePassedAfterFailing() {
        assertAll(
                () -> assertEquals(FAILED, Outcome.ofInvocations(List.of(PASSED, FAILED)), "one input fails"),
                () -> assertEquals(ERROR, Outcome.ofInvocations(List.of(FAILED, PASSED, ERROR)), "error before failure"),
                () -> assertEquals(FAILED, Outcome.ofInvocations(List.of(FLAKY, FAILED)), "a failure outweighs a retry"),
                () -> assertEquals(FLAKY, Outcome.ofInvocations(List.of(PASSED, FLAKY, SKIPPED))),
                () -> assertEquals(PASSED, Outcome.ofInvocations(List.of(SKIPPED, PASSED, UNKNOWN))),
                () -> assertEquals(SKIPPED, Outcome.ofInvocations(List.of(SKIPPED, UNKNOWN))),
                () -> assertEquals(UNKNOWN, Outcome.ofInvocations(List.of(UNKNOWN))),
                () -> assertEquals(PASSED, Outcome.ofInvocations(List.of(PASSED))));
    }

    @Test
    void aRunHasAtLeastOneInvocation() {
        assertThrows(IllegalArgumentException.class, () -> Outcome.ofInvocations(List.of()));
    }
}
