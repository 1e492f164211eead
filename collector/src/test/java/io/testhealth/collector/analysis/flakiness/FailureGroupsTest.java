package io.testhealth.collector.analysis.flakiness;

import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.testhealth.collector.analysis.flakiness.Histories.NOW;
import static io.testhealth.collector.analysis.flakiness.Histories.fact;
import static io.testhealth.collector.analysis.flakiness.Histories.job;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

final class FailureGroupsTest {

    private static final String REFUSED = "Connection refused: db:5432";

    private static TestHistory history(String id, String component, List<io.testhealth.collector.analysis.TestRunFact> runs) {
        return new TestHistory(id, component, "S", id, runs, runs.size(), NOW);
    }

    @Test
    void oneBrokenDependencyIsOneCauseAcrossTestsAndComponents() {
        Instant d1 = NOW.minus(Duration.ofDays(3));
        Instant d2 = NOW.minus(Duration.ofDays(1));
        JobRun j1 = job("p1", 1, "c1", "linux", d1);
        JobRun j2 = job("p2", 1, "c2", "linux", d2);
        List<TestHistory> tests = List.of(
                history("cart", "component:default/shop", List.of(
                        fact(j1, Outcome.ERROR, "java.net.ConnectException", REFUSED, "fp-db"),
                        fact(j2, Outcome.FLAKY, "java.net.ConnectException", REFUSED, "fp-db"))),
                history("order", "component:default/shop", List.of(
                        fact(j2, Outcome.ERROR, "java.net.ConnectException", REFUSED, "fp-db"))),
                history("invoice", "component:default/billing", List.of(
                        fact(j1, Outcome.ERROR, "java.net.ConnectException", REFUSED, "fp-db"),
                        fact(j2, Outcome.FAILED, "org.opentest4j.AssertionFailedError", "expected: <1> but was: <2>", "fp-x"))),
                history("quiet", "component:default/billing", List.of(fact(j1, Outcome.PASSED))));

        List<FailureGroup> groups = FailureGroups.of(tests);
        FailureGroup db = groups.get(0);

        assertAll(
                () -> assertEquals(2, groups.size(), "a passing run has no failure to group"),
                () -> assertEquals("fp-db", db.fingerprint()),
                () -> assertEquals(FailureCategory.NETWORK, db.category()),
                () -> assertEquals(List.of("cart", "invoice", "order"), db.tests()),
                () -> assertEquals(List.of("component:default/billing", "component:default/shop"), db.components()),
                () -> assertEquals(4, db.failures(), "the retry's failed attempt counts too"),
                () -> assertEquals(d1, db.firstSeen()),
                () -> assertEquals(d2, db.lastSeen()),
                () -> assertEquals(REFUSED, db.sampleMessage()),
                () -> assertEquals("fp-x", groups.get(1).fingerprint()),
                () -> assertEquals(FailureCategory.ASSERTION, groups.get(1).category()));
    }
}
