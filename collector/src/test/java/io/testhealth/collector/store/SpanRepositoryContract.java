package io.testhealth.collector.store;

import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.RecordedSpan;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.TestSpanTree;
import io.testhealth.collector.model.UploadMetadata;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.testhealth.collector.store.StoreFixtures.freshComponent;
import static io.testhealth.collector.store.StoreFixtures.once;
import static io.testhealth.collector.store.StoreFixtures.receipt;
import static io.testhealth.collector.store.StoreFixtures.upload;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour of {@link SpanRepository} and of the raw spans an {@link UploadWriter} writes, every store must show;
 * each store's test implements it.
 *
 * <p>Its runs are dated in 1972, after everything the retention contract dates (1971) and before everything else
 * (2026), and each test deletes them at the end, so a cut in 1972 sees only the test's own rows.
 */
interface SpanRepositoryContract {

    /** Before every run of these tests' spans: 1972-07-01. */
    Instant SPAN_CUT = Instant.parse("1972-07-01T00:00:00Z");
    /** After every run of these tests: the clean-up cut. */
    Instant END_OF_1972 = Instant.parse("1973-01-01T00:00:00Z");
    TestIdentity SAVES = new TestIdentity("com.acme.OrdersIT", "saves", "");
    TestIdentity LISTS = new TestIdentity("com.acme.OrdersIT", "lists", "");

    /** The store under test. */
    HistoryDatabase database();

    /** A plain JDBC connection to the store's tables; the caller closes it. */
    Connection connect() throws SQLException;

    @Test
    default void aTestRunsSpansAreReadBackExactlyAsWrittenWithTheirJobRun() throws Exception {
        ComponentRef c = freshComponent();
        try {
            UploadMetadata m = upload(c, "team-a", Instant.parse("1972-03-01T08:00:00Z"));
            // The test span starts at 08:00:01.000000123 (nanoseconds no timestamp column keeps), a SQL client span
            // 2.5 ms into it lasting 1.25 ms, and an HTTP client span below the test with an error status.
            long t = Instant.parse("1972-03-01T08:00:01Z").getEpochSecond() * 1_000_000_000L + 123;
            Map<String, Object> dbAttributes = new LinkedHashMap<>();
            dbAttributes.put("db.system.name", "postgresql");
            dbAttributes.put("db.query.text", "SELECT * FROM orders WHERE id = $1");
            dbAttributes.put("db.response.returned_rows", 3L);
            dbAttributes.put("server.port", 5432L);
            dbAttributes.put("sampled.ratio", 0.25);
            dbAttributes.put("db.cached", false);
            dbAttributes.put("db.tables", List.of("orders", "order_lines"));
            TestSpanTree tree = new TestSpanTree(SAVES, "0af7651916cd43dd8448eb211c80319c", List.of(
                    span("b7ad6b7169203331", "00f067aa0ba902b7", "saves", "internal", "orders", t, t + 40_000_000L,
                            false, "", Map.of("test.case.name", "com.acme.OrdersIT.saves")),
                    span("c1", "b7ad6b7169203331", "SELECT orders", "client", "orders", t + 2_500_000L,
                            t + 3_750_000L, false, "", dbAttributes),
                    span("c2", "b7ad6b7169203331", "POST /payments", "client", "payments-stub", t + 5_000_000L,
                            t + 25_000_000L, true, "503 Service Unavailable",
                            Map.of("http.response.status_code", 503L))), 2);
            write(m, List.of(once(SAVES, Status.PASSED, 0.04), once(LISTS, Status.PASSED, 0.01)), List.of(tree));

            List<StoredSpanRun> runs = database().testSpans(c.toString(), SAVES.testId(c), 10);

            assertEquals(1, runs.size());
            StoredSpanRun run = runs.get(0);
            assertAll(
                    () -> assertEquals(tree.spans(), run.spans(), "spans, times to the nanosecond, attribute types"),
                    () -> assertEquals(List.of("postgresql", "SELECT * FROM orders WHERE id = $1", 3L, 5432L, 0.25,
                            false, List.of("orders", "order_lines")),
                            List.copyOf(run.spans().get(1).attributes().values()), "in the order received"),
                    () -> assertEquals(2, run.droppedSpans()),
                    () -> assertEquals("0af7651916cd43dd8448eb211c80319c", run.traceId()),
                    () -> assertEquals(m.runId(), run.runId()),
                    () -> assertEquals(m.uploadId(), run.uploadId()),
                    () -> assertEquals(m.pipeline(), run.pipeline()),
                    () -> assertEquals("test", run.job()),
                    () -> assertEquals(1, run.attempt()),
                    () -> assertEquals("https://ci/" + m.pipeline(), run.runUrl()),
                    () -> assertTrue(database().hasSpans(c.toString(), SAVES.testId(c))),
                    () -> assertFalse(database().hasSpans(c.toString(), LISTS.testId(c)), "a result without spans"),
                    () -> assertEquals(List.of(), database().testSpans(c.toString(), LISTS.testId(c), 10)));
        } finally {
            deleteAll();
        }
    }

    @Test
    default void spansOfAnUploadRolledBackOrCommittedTwiceAreStoredOnceOrNotAtAll() throws Exception {
        ComponentRef c = freshComponent();
        try {
            UploadMetadata m = upload(c, "team-a", Instant.parse("1972-03-02T08:00:00Z"));
            try (UploadWriter w = database().open(m)) {
                w.add(once(SAVES, Status.PASSED, 0.04));
                w.addSpans(tree(SAVES, Instant.parse("1972-03-02T08:00:01Z")));
                // closed without a commit: rolled back
            }
            assertEquals(0L, spanRows(c));
            write(m, List.of(once(SAVES, Status.PASSED, 0.04)), List.of(tree(SAVES, Instant.parse("1972-03-02T08:00:01Z"))));
            // the same upload again, as a retried export that raced the first one to the commit
            UploadReceipt again;
            try (UploadWriter w = database().open(m)) {
                w.add(once(SAVES, Status.PASSED, 0.04));
                w.addSpans(tree(SAVES, Instant.parse("1972-03-02T08:00:01Z")));
                again = w.commit(receipt(m, 1));
            }
            assertTrue(again.duplicate());
            assertEquals(1L, spanRows(c));
        } finally {
            deleteAll();
        }
    }

    @Test
    default void aTestsLatestRunsComeFirstAndNoMoreThanAsked() {
        ComponentRef c = freshComponent();
        try {
            List<Instant> starts = List.of(Instant.parse("1972-03-01T10:00:00Z"), Instant.parse("1972-03-03T10:00:00Z"),
                    Instant.parse("1972-03-02T10:00:00Z"));
            for (Instant s : starts) {
                write(upload(c, "team-a", s), List.of(once(SAVES, Status.PASSED, 0.04)), List.of(tree(SAVES, s.plusSeconds(1))));
            }
            List<Instant> read = database().testSpans(c.toString(), SAVES.testId(c), 2).stream()
                    .map(r -> Instant.ofEpochSecond(0, r.spans().get(0).startNanos())).toList();
            assertEquals(List.of(Instant.parse("1972-03-03T10:00:01Z"), Instant.parse("1972-03-02T10:00:01Z")), read);
        } finally {
            deleteAll();
        }
    }

    @Test
    default void spansOlderThanTheCutGoInBatchesAndTheResultsRunsAndNewerSpansStay() throws Exception {
        ComponentRef c = freshComponent();
        try {
            // Five runs before the cut, a day apart, one at the cut and one after: batches of 2 take 2, 2, 1.
            List<UploadMetadata> uploads = new ArrayList<>();
            Instant first = SPAN_CUT.minus(Duration.ofDays(5));
            for (int i = 0; i < 5; i++) {
                uploads.add(upload(c, "team-a", first.plus(Duration.ofDays(i))));
            }
            UploadMetadata atCut = upload(c, "team-a", SPAN_CUT.minusSeconds(1));
            UploadMetadata after = upload(c, "team-a", SPAN_CUT.plus(Duration.ofDays(1)));
            uploads.add(atCut);
            uploads.add(after);
            for (UploadMetadata m : uploads) {
                // the test span starts a second after its job run: the run at the cut has its span exactly at it
                write(m, List.of(once(SAVES, Status.PASSED, 0.04)), List.of(tree(SAVES, m.startedAt().plusSeconds(1))));
            }

            List<Long> batches = new ArrayList<>();
            for (long n = database().expireSpans(SPAN_CUT, 2); n > 0; n = database().expireSpans(SPAN_CUT, 2)) {
                batches.add(n);
            }

            assertAll(
                    () -> assertEquals(List.of(2L, 2L, 1L), batches),
                    () -> assertEquals(2L, spanRows(c), "the span at the cut and the one after it"),
                    () -> assertEquals(7L, count("SELECT count(*) FROM test_results WHERE component = ?", c.toString())),
                    () -> assertEquals(7L, count("SELECT count(*) FROM runs WHERE component = ?", c.toString())),
                    () -> assertEquals(List.of(after.startedAt().plusSeconds(1), SPAN_CUT),
                            database().testSpans(c.toString(), SAVES.testId(c), 10).stream()
                                    .map(r -> Instant.ofEpochSecond(0, r.spans().get(0).startNanos())).toList()));
        } finally {
            deleteAll();
        }
    }

    @Test
    default void spansOfAJobRunDeletedBeforeThemAreNoLongerReadAndGoWithTheNextSpanBatch() throws Exception {
        ComponentRef c = freshComponent();
        try {
            UploadMetadata m = upload(c, "team-a", Instant.parse("1972-02-01T08:00:00Z"));
            write(m, List.of(once(SAVES, Status.PASSED, 0.04), once(LISTS, Status.PASSED, 0.01)),
                    List.of(tree(SAVES, Instant.parse("1972-02-01T08:00:01Z")), tree(LISTS, Instant.parse("1972-02-01T08:00:02Z"))));
            Instant cut = Instant.parse("1972-02-02T00:00:00Z");

            // A pass deletes the runs first (the rows of the run's spans stay a moment), then the spans.
            assertEquals(new ExpiredRows(1, 1, 2, 0), database().expireRuns(cut, 10_000));
            assertAll(
                    () -> assertEquals(List.of(), database().testSpans(c.toString(), SAVES.testId(c), 10)),
                    () -> assertFalse(database().hasSpans(c.toString(), SAVES.testId(c))),
                    () -> assertEquals(2L, spanRows(c)));
            assertEquals(2L, database().expireSpans(cut, 10_000));
            assertEquals(0L, spanRows(c));
        } finally {
            deleteAll();
        }
    }

    /** A test run's spans: the test span from {@code start} for 40 ms, one client span inside it. */
    private static TestSpanTree tree(TestIdentity test, Instant start) {
        long t = start.getEpochSecond() * 1_000_000_000L + start.getNano();
        return new TestSpanTree(test, "4bf92f3577b34da6a3ce929d0e0e4736", List.of(
                span("a1", "", test.name(), "internal", "orders", t, t + 40_000_000L, false, "", Map.of()),
                span("a2", "a1", "SELECT", "client", "orders", t + 1_000_000L, t + 2_000_000L, false, "",
                        Map.of("db.system", "postgresql"))), 0);
    }

    private static RecordedSpan span(String id, String parent, String name, String kind, String service, long start,
                                     long end, boolean error, String message, Map<String, Object> attributes) {
        return new RecordedSpan(id, parent, name, kind, service, start, end, error, message, attributes, 0);
    }

    private void write(UploadMetadata m, List<TestResult> results, List<TestSpanTree> spans) {
        try (UploadWriter w = database().open(m)) {
            results.forEach(w::add);
            spans.forEach(w::addSpans);
            w.commit(receipt(m, results.size()));
        }
    }

    private long spanRows(ComponentRef c) throws SQLException {
        return count("SELECT count(*) FROM test_spans WHERE component = ?", c.toString());
    }

    private long count(String sql, String value) throws SQLException {
        return StoreFixtures.count(this::connect, sql, value);
    }

    /** Deletes everything these tests wrote. */
    private void deleteAll() {
        while (database().expireRuns(END_OF_1972, 100_000).runs() > 0) {
            // batch after batch
        }
        while (database().expireSpans(END_OF_1972, 100_000) > 0) {
            // batch after batch
        }
    }
}
