package io.testhealth.collector.store;

import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.EdgeSighting;
import io.testhealth.collector.model.IntegrationEdge;
import io.testhealth.collector.model.IntegrationEdge.Kind;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.testhealth.collector.store.StoreFixtures.flaky;
import static io.testhealth.collector.store.StoreFixtures.freshComponent;
import static io.testhealth.collector.store.StoreFixtures.once;
import static io.testhealth.collector.store.StoreFixtures.receipt;
import static io.testhealth.collector.store.StoreFixtures.upload;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour of {@link RetentionRepository} every store must show; each store's test implements it.
 *
 * <p>The store is shared with the other contracts, whose history is dated 2026. These tests date theirs in 1971, before
 * anything else, and delete all of it at the end, so a cut in 1971 sees only the test's own runs and every count the
 * store answers is the test's own.
 */
interface RetentionRepositoryContract {

    Instant CUT = Instant.parse("1971-03-01T00:00:00Z");
    /** After every run of these tests: the clean-up cut. */
    Instant END_OF_1971 = Instant.parse("1972-01-01T00:00:00Z");

    /** The store under test. */
    HistoryDatabase database();

    /** A plain JDBC connection to the store's tables; the caller closes it. */
    Connection connect() throws SQLException;

    @Test
    default void runsOlderThanTheCutGoWithAllTheirRowsAndNewerOnesStay() throws Exception {
        ComponentRef c = freshComponent();
        try {
            // Run A: two uploads (3 results with one flaky = 2 attempt rows; 2 results). Run B: one flaky result.
            UploadMetadata a1 = upload(c, "team-a", Instant.parse("1971-01-10T08:00:00Z"));
            write(a1, results(3, 1));
            UploadMetadata a2 = a1.withUploadId("up-" + UUID.randomUUID());
            write(a2, results(2, 0));
            UploadMetadata b = upload(c, "team-a", Instant.parse("1971-02-01T08:00:00Z"));
            write(b, results(1, 1));
            // Run C after the cut; run D exactly at it (kept: only runs that started before the cut go).
            UploadMetadata newer = upload(c, "team-a", Instant.parse("1971-03-15T08:00:00Z"));
            write(newer, results(2, 1));
            UploadMetadata atCut = upload(c, "team-a", CUT);
            write(atCut, results(1, 0));

            ExpiredRows deleted = database().expireRuns(CUT, 10_000);

            // 2 runs; 3 uploads; 3 + 2 + 1 results; 2 + 2 attempt rows of the two flaky results.
            assertEquals(new ExpiredRows(2, 3, 6, 4), deleted);
            assertEquals(ExpiredRows.NONE, database().expireRuns(CUT, 10_000), "nothing left before the cut");
            assertAll(
                    () -> assertEquals(List.of(0L, 0L, 0L, 0L), rowsOfRun(a1.runId())),
                    () -> assertEquals(List.of(0L, 0L, 0L, 0L), rowsOfRun(b.runId())),
                    () -> assertEquals(List.of(1L, 1L, 2L, 2L), rowsOfRun(newer.runId())),
                    () -> assertEquals(List.of(1L, 1L, 1L, 0L), rowsOfRun(atCut.runId())),
                    () -> assertTrue(database().findUpload(a1.key()).isEmpty(), "receipt of an expired upload"),
                    () -> assertTrue(database().findUpload(newer.key()).isPresent(), "receipt of a kept upload"));
        } finally {
            deleteAll();
        }
    }

    @Test
    default void batchesSmallerThanTheHistoryStillDeleteItAllOneWholeRunAtLeast() throws Exception {
        ComponentRef c = freshComponent();
        try {
            // Five runs of 3 results, then one of 7: batches of at most 4 results take one run of 3 each (3 + 3 > 4),
            // and the run of 7 alone.
            history(c, 3, 3, 3, 3, 3, 7);
            assertEquals(List.of(3L, 3L, 3L, 3L, 3L, 7L), resultsPerBatch(4));
            // Batches of at most 6: 3 + 3, 3 + 3, 3 (3 + 7 > 6), 7.
            history(c, 3, 3, 3, 3, 3, 7);
            assertEquals(List.of(6L, 6L, 3L, 7L), resultsPerBatch(6));
            // One result a batch: one run each, the run of 7 whole.
            history(c, 3, 7);
            assertEquals(List.of(3L, 7L), resultsPerBatch(1));
            assertEquals(0L, count("SELECT count(*) FROM test_results WHERE component = ?", c.toString()));
        } finally {
            deleteAll();
        }
    }

    @Test
    default void uploadsCommittedWhileRunsAreDeletedAreWhole() throws Exception {
        ComponentRef c = freshComponent();
        ExecutorService uploader = Executors.newSingleThreadExecutor();
        try {
            int[] sizes = new int[40];
            java.util.Arrays.fill(sizes, 50);
            history(c, sizes);
            // 20 uploads of runs after the cut, while 40 batches of one run each delete the older history.
            List<UploadMetadata> kept = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                kept.add(upload(c, "team-a", Instant.parse("1971-06-01T00:00:00Z").plus(Duration.ofHours(i))));
            }
            Future<?> uploads = uploader.submit(() -> {
                for (UploadMetadata m : kept) {
                    write(m, results(50, 5));
                }
                return null;
            });
            List<Long> batches = resultsPerBatch(50);
            uploads.get(2, TimeUnit.MINUTES);

            assertEquals(40, batches.size());
            for (UploadMetadata m : kept) {
                assertEquals(List.of(1L, 1L, 50L, 10L), rowsOfRun(m.runId()), "rows of kept run " + m.runId());
            }
            assertEquals(20L, count("SELECT count(*) FROM runs WHERE component = ?", c.toString()));
        } finally {
            uploader.shutdownNow();
            deleteAll();
        }
    }

    @Test
    default void anUploadToARunBeingDeletedIsStoredWholeWithTheRunAnew() throws Exception {
        ComponentRef c = freshComponent();
        try {
            UploadMetadata first = upload(c, "team-a", Instant.parse("1971-01-10T08:00:00Z"));
            write(first, results(3, 1));
            // A second upload of the same (expired) run is being written while the run is deleted: it commits after
            // the deletion, finds the run gone and stores it again with its own rows.
            UploadMetadata late = first.withUploadId("up-" + UUID.randomUUID());
            try (UploadWriter w = database().open(late)) {
                results(4, 1).forEach(w::add);
                assertEquals(new ExpiredRows(1, 1, 3, 2), database().expireRuns(CUT, 10_000));
                assertEquals(receipt(late, 4), w.commit(receipt(late, 4)));
            }
            assertAll(
                    () -> assertEquals(List.of(1L, 1L, 4L, 2L), rowsOfRun(first.runId())),
                    () -> assertTrue(database().findUpload(first.key()).isEmpty()),
                    () -> assertTrue(database().findUpload(late.key()).isPresent()));
            // Expired again by the next pass.
            assertEquals(new ExpiredRows(1, 1, 4, 2), database().expireRuns(CUT, 10_000));
        } finally {
            deleteAll();
        }
    }

    @Test
    default void integrationEdgesLastSeenBeforeTheCutGo() {
        String name = "edges-" + UUID.randomUUID();
        String component = "component:default/" + name;
        EdgeSighting old = new EdgeSighting(component, new IntegrationEdge(name, Kind.DATABASE, "postgresql", "postgresql"),
                "t1", "OrdersIT", "saves", "integration", "passed", "", "", Instant.parse("1971-02-28T23:59:59Z"));
        EdgeSighting recent = new EdgeSighting(component, new IntegrationEdge(name, Kind.SERVICE, "payments", "http"),
                "t2", "OrdersIT", "pays", "integration", "passed", "", "", CUT);
        try {
            database().recordSightings(List.of(old, recent));
            assertEquals(1L, database().expireEdges(CUT));
            assertEquals(List.of(recent), database().sightingsOf(component, name));
        } finally {
            database().expireEdges(END_OF_1971);
        }
    }

    /** Runs of {@code c} in January 1971, a day apart, with the given numbers of results (none retried). */
    private void history(ComponentRef c, int... sizes) {
        Instant start = Instant.parse("1971-01-01T00:00:00Z");
        for (int i = 0; i < sizes.length; i++) {
            write(upload(c, "team-a", start.plus(Duration.ofHours(12L * i))), results(sizes[i], 0));
        }
    }

    /** Deletes batch after batch before {@link #CUT}, answering the results each deleted. */
    private List<Long> resultsPerBatch(int maxResults) {
        List<Long> batches = new ArrayList<>();
        for (ExpiredRows b = database().expireRuns(CUT, maxResults); b.runs() > 0; b = database().expireRuns(CUT, maxResults)) {
            batches.add(b.testResults());
        }
        return batches;
    }

    /** {@code n} results, the first {@code flaky} of them flaky (two attempts each). */
    private static List<TestResult> results(int n, int flaky) {
        List<TestResult> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TestIdentity id = new TestIdentity("com.example.RetentionTest", "test" + i, "");
            out.add(i < flaky ? flaky(id) : once(id, Status.PASSED, 0.5));
        }
        return out;
    }

    private void write(UploadMetadata m, List<TestResult> results) {
        try (UploadWriter w = database().open(m)) {
            results.forEach(w::add);
            w.commit(receipt(m, results.size()));
        }
    }

    /** Rows of a run in runs, uploads, test_results and test_attempts. */
    private List<Long> rowsOfRun(String runId) throws SQLException {
        List<Long> counts = new ArrayList<>();
        for (String table : List.of("runs", "uploads", "test_results", "test_attempts")) {
            counts.add(count("SELECT count(*) FROM " + table + " WHERE run_id = ?", runId));
        }
        return counts;
    }

    private long count(String sql, String value) throws SQLException {
        return StoreFixtures.count(this::connect, sql, value);
    }

    /** Deletes everything these tests wrote. */
    private void deleteAll() {
        while (database().expireRuns(END_OF_1971, 100_000).runs() > 0) {
            // batch after batch
        }
    }
}
