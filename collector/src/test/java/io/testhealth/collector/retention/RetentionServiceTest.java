package io.testhealth.collector.retention;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.metrics.TestHealthMetrics;
import io.testhealth.collector.scorecards.AnalysisRefresher;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.AnalysisRepository;
import io.testhealth.collector.store.ExpiredRows;
import io.testhealth.collector.store.HistoryDatabase;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.StoreFixtures;
import io.testhealth.collector.store.UploadWriter;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A retention pass through the application's beans, on each store: what it deletes, keeps and counts. */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.retention.enabled", value = "true")
@Property(name = "testhealth.retention.initial-delay", value = "1h")
@Property(name = "testhealth.retention.batch-results", value = "2")
final class RetentionServiceTest {

    private static final List<String> TABLES = List.of("runs", "uploads", "test_results", "test_attempts",
            "integration_edges");

    @Inject
    RetentionService retention;
    @Inject
    HistoryDatabase store;
    @Inject
    MeterRegistry registry;
    /** Registers the counters (the bean is created on first use otherwise, which may come after the first read). */
    @Inject
    TestHealthMetrics metrics;
    @Inject
    ApplicationContext context;
    @Inject
    ScorecardService scorecards;
    @Inject
    AnalysisRefresher refresher;

    @Test
    void aPassDeletesTheRunsPastThePeriodKeptAndCountsTheirRowsByTable() {
        // The defaults keep 365 days (the episode lookback), not the 90 configured.
        assertEquals(365, retention.period().days());
        assertTrue(context.containsBean(RetentionJob.class), "the job is scheduled when enabled");
        Instant now = Instant.now();
        ComponentRef c = StoreFixtures.freshComponent();
        UploadMetadata expired = StoreFixtures.upload(c, "team-a", now.minus(Duration.ofDays(400)));
        write(expired, List.of(StoreFixtures.flaky(new TestIdentity("a.B", "flaky", "")),
                StoreFixtures.once(new TestIdentity("a.B", "plain", ""), Status.PASSED, 1.0)));
        UploadMetadata alsoExpired = StoreFixtures.upload(c, "team-a", now.minus(Duration.ofDays(366)));
        write(alsoExpired, List.of(StoreFixtures.once(new TestIdentity("a.B", "plain", ""), Status.FAILED, 1.0)));
        UploadMetadata kept = StoreFixtures.upload(c, "team-a", now.minus(Duration.ofDays(300)));
        write(kept, List.of(StoreFixtures.once(new TestIdentity("a.B", "plain", ""), Status.PASSED, 1.0)));
        Map<String, Double> before = counters();

        RetentionPass pass = retention.expire().orElseThrow();

        // 2 runs, 2 uploads, 2 + 1 results, 2 attempt rows of the flaky one; batches of 2 results: one run each.
        assertAll(
                () -> assertEquals(new ExpiredRows(2, 2, 3, 2), pass.history()),
                () -> assertEquals(2, pass.transactions()),
                () -> assertTrue(store.findUpload(expired.key()).isEmpty()),
                () -> assertTrue(store.findUpload(alsoExpired.key()).isEmpty()),
                () -> assertTrue(store.findUpload(kept.key()).isPresent()),
                () -> assertEquals(Map.of("runs", 2.0, "uploads", 2.0, "test_results", 3.0, "test_attempts", 2.0,
                        "integration_edges", 0.0), minus(counters(), before)));
    }

    /**
     * A pass that deletes one upload of the component, followed by a late upload (a second upload of a job run that
     * started before that recompute), leaves the component's count of uploads as it was; the report has the late
     * upload's test (the pass rebuilds the reports, and the kept histories tell the late upload by its id).
     */
    @Test
    void aLateUploadAfterAPassIsInTheReport() {
        Instant now = Instant.now();
        ComponentRef c = StoreFixtures.freshComponent();
        write(StoreFixtures.upload(c, "team-a", now.minus(Duration.ofDays(400))),
                List.of(StoreFixtures.once(new TestIdentity("a.B", "old", ""), Status.PASSED, 1.0)));
        UploadMetadata recent = StoreFixtures.upload(c, "team-a", now.minus(Duration.ofHours(1)));
        write(recent, List.of(StoreFixtures.once(new TestIdentity("a.B", "first", ""), Status.PASSED, 1.0)));
        scorecards.update(c.toString(), java.util.Optional.empty());

        assertEquals(1, retention.expire().orElseThrow().history().uploads());
        write(recent.withUploadId("up-late-" + java.util.UUID.randomUUID()),
                List.of(StoreFixtures.once(new TestIdentity("a.B", "late", ""), Status.PASSED, 1.0)));
        refresher.changed(c.toString());
        scorecards.update(c.toString(), scorecards.component(c.toString()));
        HealthReport report = scorecards.component(c.toString()).orElseThrow();

        assertEquals(List.of("first", "late"), report.tests().stream().map(HealthReport.TestRow::name).sorted().toList());
    }

    /**
     * The quarantine history is the record of people's decisions (who quarantined or released a test, why, which
     * ticket), not measured history: a pass leaves it whatever its age, also when the test's runs are gone.
     */
    @Test
    void aPassKeepsTheQuarantineHistoryWhateverItsAge() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.SECONDS);
        ComponentRef c = StoreFixtures.freshComponent();
        TestIdentity test = new TestIdentity("a.B", "quarantined", "");
        UploadMetadata expired = StoreFixtures.upload(c, "team-a", longAgo);
        write(expired, List.of(StoreFixtures.once(test, Status.FAILED, 1.0)));
        String testId = test.testId(c);
        store.quarantine(new AnalysisRepository.QuarantineEntry(c.toString(), testId, "a.B", "quarantined", "ana",
                "flaky on CI", "https://tracker.example/T-1", null, longAgo));

        retention.expire().orElseThrow();

        assertTrue(store.findUpload(expired.key()).isEmpty(), "the run past the period is deleted");
        List<AnalysisRepository.QuarantineEvent> history = store.quarantineHistory(c.toString(), testId);
        assertEquals(1, history.size(), history.toString());
        assertEquals("ana", history.get(0).by());
        assertEquals(longAgo, history.get(0).at());
    }

    private void write(UploadMetadata m, List<TestResult> results) {
        try (UploadWriter w = store.open(m)) {
            results.forEach(w::add);
            w.commit(StoreFixtures.receipt(m, results.size()));
        }
    }

    private Map<String, Double> counters() {
        return TABLES.stream().collect(Collectors.toMap(t -> t,
                t -> registry.get("testhealth_retention_rows_deleted").tag("table", t).counter().count()));
    }

    private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        return after.keySet().stream().collect(Collectors.toMap(k -> k, k -> after.get(k) - before.get(k)));
    }
}
