package io.testhealth.collector.store;

import io.testhealth.collector.model.Attempt;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadKey;
import io.testhealth.collector.model.UploadMetadata;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.testhealth.collector.store.StoreFixtures.RECEIVED;
import static io.testhealth.collector.store.StoreFixtures.flaky;
import static io.testhealth.collector.store.StoreFixtures.numbered;
import static io.testhealth.collector.store.StoreFixtures.passed;
import static io.testhealth.collector.store.StoreFixtures.receipt;
import static io.testhealth.collector.store.StoreFixtures.upload;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link TestHistoryStore} must show; each implementation's test extends it.
 *
 * <p>Tests share one store per class and keep apart by fresh upload ids and pipelines.
 */
abstract class HistoryStoreContract {

    /** The store under test. */
    protected abstract TestHistoryStore store();

    /** A plain JDBC connection to the store's tables, for checking rows; the caller closes it. */
    protected abstract Connection connect() throws SQLException;

    /** Arguments of {@link CrashingWriterMain} that select this store. */
    protected abstract List<String> childStoreArguments();

    /** Lets a child process use the database (DuckDB: release the file). */
    protected abstract void releaseForChild();

    /** Takes the database back after the child (DuckDB: open the file again). */
    protected abstract void reacquireAfterChild();

    @Test
    void committedUploadIsReadableWithItsReceiptAndRows() throws Exception {
        UploadMetadata m = upload();
        TestResult flaky = flaky(new TestIdentity("com.example.PayTest", "charges", "[1]"));
        TestResult plain = new TestResult(new TestIdentity("com.example.PayTest", "refunds", ""),
                List.of(new Attempt(Status.SKIPPED, null, null, Failure.of("", "disabled", null), 3, 4)), "", "",
                null, Map.of());
        UploadReceipt receipt = receipt(m, 2);
        try (UploadWriter w = store().open(m)) {
            w.add(flaky);
            w.add(plain);
            assertEquals(receipt, w.commit(receipt));
        }
        assertEquals(receipt, store().findUpload(m.key()).orElseThrow());

        Map<String, Object> f = row("SELECT * FROM test_results WHERE upload_id = ? AND name = 'charges'", m.uploadId());
        assertEquals(m.runId(), f.get("run_id"));
        assertEquals("component:default/payments", f.get("component"));
        assertEquals(flaky.identity().testId(m.component()), f.get("test_id"));
        assertEquals("[1]", f.get("invocation"));
        assertEquals("flaky", f.get("outcome"));
        assertEquals(2, ((Number) f.get("attempts")).intValue());
        assertEquals(1, ((Number) f.get("failed_attempts")).intValue());
        assertEquals(2.0, ((Number) f.get("duration_seconds")).doubleValue(), 1e-9);
        assertEquals(flaky.attempts().get(0).failure().fingerprint(), f.get("failure_fingerprint"));
        assertEquals("java.lang.AssertionError", f.get("failure_type"));
        assertEquals(10L, ((Number) f.get("system_out_bytes")).longValue());
        assertEquals("integration", f.get("layer"));
        assertEquals("test_property", f.get("layer_source"));
        assertEquals("{\"tag\":[\"slow\",\"db\"]}", compactJson(f.get("labels")));

        Map<String, Object> s = row("SELECT * FROM test_results WHERE upload_id = ? AND name = 'refunds'", m.uploadId());
        assertEquals("skipped", s.get("outcome"));
        assertNull(s.get("duration_seconds"));
        assertNull(s.get("layer"));
        assertEquals("disabled", s.get("failure_message"));

        List<Map<String, Object>> attempts = rows(
                "SELECT * FROM test_attempts WHERE upload_id = ? ORDER BY attempt_no", m.uploadId());
        assertEquals(2, attempts.size(), "only the retried result has attempt rows");
        assertEquals("failed", attempts.get(0).get("status"));
        assertEquals(1, ((Number) attempts.get(0).get("attempt_no")).intValue());
        assertEquals("passed", attempts.get(1).get("status"));
        assertNull(attempts.get(1).get("failure_fingerprint"));
        assertEquals(1L, count("SELECT count(*) FROM runs WHERE run_id = ?", m.runId()));
    }

    @Test
    void anObservationOfASpanUploadGoesOnTheReportResultOfItsRunAndOnlyOnCommit() throws Exception {
        // the report of pipeline p: charges (a tag), refunds (no labels); then the spans of the same job run
        UploadMetadata report = upload("p-" + java.util.UUID.randomUUID());
        TestResult charges = flaky(new TestIdentity("com.example.PayTest", "charges", ""));
        TestResult refunds = new TestResult(new TestIdentity("com.example.PayTest", "refunds", ""),
                List.of(passed(0.5)), "", "", null, Map.of());
        try (UploadWriter w = store().open(report)) {
            w.add(charges);
            w.add(refunds);
            w.commit(receipt(report, 2));
        }
        Map<String, StoredTest> stored = new java.util.HashMap<>();
        store().testsOfRun(report.runId()).forEach(t -> stored.put(t.testId(), t));
        StoredTest storedCharges = stored.get(charges.identity().testId(report.component()));
        assertEquals(report.uploadId(), storedCharges.uploadId());
        Map<String, List<String>> db = Map.of("observed.layer", List.of("integration"),
                "observed.evidence", List.of("database postgresql"));

        UploadMetadata spans = new UploadMetadata(report.component(), report.team(), report.repository(),
                report.branch(), report.commit(), report.pipeline(), report.job(), report.attempt(),
                report.environment(), null, report.runUrl(), report.startedAt(), null, "spans-" + report.uploadId());
        assertEquals(report.runId(), spans.runId(), "the same job run");
        try (UploadWriter w = store().open(spans)) {
            w.addObservation(storedCharges, db);
            // closed without a commit: rolled back with the rest of the upload
        }
        assertEquals(Map.of("tag", List.of("slow", "db")), labels(report, "charges"));

        try (UploadWriter w = store().open(spans)) {
            w.addObservation(storedCharges, db);
            w.addObservation(stored.get(refunds.identity().testId(report.component())),
                    Map.of("observed.layer", List.of("unit")));
            w.commit(receipt(spans, 0));
        }
        // the tag is kept beside the observation
        assertEquals(Map.of("tag", List.of("slow", "db"), "observed.layer", List.of("integration"),
                "observed.evidence", List.of("database postgresql")), labels(report, "charges"));
        assertEquals(Map.of("observed.layer", List.of("unit")), labels(report, "refunds"));
        assertEquals(2L, count("SELECT count(*) FROM test_results WHERE run_id = ?", report.runId()),
                "annotated, not stored again");
    }

    @Test
    void writerClosedWithoutCommitLeavesNothing() throws Exception {
        UploadMetadata m = upload();
        try (UploadWriter w = store().open(m)) {
            for (int i = 0; i < 6_000; i++) {
                w.add(numbered(i));
            }
            assertEquals(0L, count("SELECT count(*) FROM test_results WHERE upload_id = ?", m.uploadId()),
                    "rows of an uncommitted upload are invisible to other connections, even after a batch was written");
        }
        assertNothingOf(m);
    }

    @Test
    void sameUploadCommittedTwiceAnswersWithTheFirstReceipt() throws Exception {
        UploadMetadata m = upload();
        UploadReceipt first = write(m, 3, receipt(m, 3));
        UploadReceipt second = write(m, 3, receipt(m, 99));
        assertFalse(first.duplicate());
        assertEquals(first.asDuplicate(), second);
        assertEquals(3L, count("SELECT count(*) FROM test_results WHERE upload_id = ?", m.uploadId()));
        assertEquals(1L, count("SELECT count(*) FROM uploads WHERE upload_id = ?", m.uploadId()));
    }

    @Test
    void oneUploadIdInTwoComponentsIsTwoUploadsEachInARunOfItsOwn() throws Exception {
        String buildNumber = "1234-" + UUID.randomUUID();
        UploadMetadata a = withoutPipeline(StoreFixtures.freshComponent(), buildNumber);
        UploadMetadata b = withoutPipeline(StoreFixtures.freshComponent(), buildNumber);
        UploadReceipt first = write(a, 3, receipt(a, 3));
        UploadReceipt second = write(b, 5, receipt(b, 5));
        assertAll(
                () -> assertFalse(first.duplicate()),
                () -> assertFalse(second.duplicate(), "the same id in another component is another upload"),
                () -> assertEquals(3L, store().findUpload(a.key()).orElseThrow().testResults()),
                () -> assertEquals(5L, store().findUpload(b.key()).orElseThrow().testResults()),
                () -> assertTrue(store().findUpload(new UploadKey(StoreFixtures.freshComponent(), buildNumber)).isEmpty()),
                () -> assertEquals(2L, count("SELECT count(*) FROM uploads WHERE upload_id = ?", buildNumber)),
                () -> assertEquals(8L, count("SELECT count(*) FROM test_results WHERE upload_id = ?", buildNumber)),
                () -> assertEquals(4L, count("SELECT count(*) FROM test_attempts WHERE upload_id = ?", buildNumber),
                        "result 0 of each upload was retried once: two attempt rows each"),
                () -> assertFalse(a.runId().equals(b.runId()), "runs without a pipeline are named by the upload's key"),
                () -> assertEquals(a.component().toString(), row("SELECT component FROM runs WHERE run_id = ?", a.runId()).get("component")),
                () -> assertEquals(b.component().toString(), row("SELECT component FROM runs WHERE run_id = ?", b.runId()).get("component")));
    }

    @Test
    void concurrentCommitsOfOneUploadIdInTwoComponentsStoreBoth() throws Exception {
        String buildNumber = "77-" + UUID.randomUUID();
        UploadMetadata a = upload().withUploadId(buildNumber);
        UploadMetadata b = withoutPipeline(StoreFixtures.freshComponent(), buildNumber);
        List<UploadReceipt> answers = concurrently(List.of(a, b), 2_000);
        assertTrue(answers.stream().noneMatch(UploadReceipt::duplicate));
        assertEquals(2L, count("SELECT count(*) FROM uploads WHERE upload_id = ?", buildNumber));
        assertEquals(4_000L, count("SELECT count(*) FROM test_results WHERE upload_id = ?", buildNumber));
    }

    @Test
    void concurrentCommitsOfOneUploadIdStoreItOnce() throws Exception {
        UploadMetadata m = upload();
        List<UploadReceipt> answers = concurrently(List.of(m, m), 2_000);
        assertEquals(1, answers.stream().filter(UploadReceipt::duplicate).count());
        assertEquals(2_000L, count("SELECT count(*) FROM test_results WHERE upload_id = ?", m.uploadId()));
        assertEquals(1L, count("SELECT count(*) FROM uploads WHERE upload_id = ?", m.uploadId()));
    }

    @Test
    void concurrentUploadsOfOneRunAreBothStoredUnderOneRun() throws Exception {
        UploadMetadata a = upload();
        UploadMetadata b = upload(a.pipeline());
        assertEquals(a.runId(), b.runId());
        List<UploadReceipt> answers = concurrently(List.of(a, b), 2_000);
        assertTrue(answers.stream().noneMatch(UploadReceipt::duplicate));
        assertEquals(1L, count("SELECT count(*) FROM runs WHERE run_id = ?", a.runId()));
        assertEquals(2L, count("SELECT count(*) FROM uploads WHERE run_id = ?", a.runId()));
        assertEquals(4_000L, count("SELECT count(*) FROM test_results WHERE run_id = ?", a.runId()));
    }

    @Test
    void awkwardTextRoundTripsWithNulStripped() throws Exception {
        String awkward = "tab\there\nnew line\r\\back\\slash 'single' \"double\" nul\0byte é ü 漢字 🙂 \\N";
        String expected = awkward.replace("\0", "");
        UploadMetadata m = upload();
        TestResult r = new TestResult(new TestIdentity(awkward, awkward, awkward),
                List.of(new Attempt(Status.FAILED, 1.0, null, new Failure(awkward, awkward, "fp"), 0, 0),
                        new Attempt(Status.FAILED, 1.0, null, new Failure(awkward, awkward, "fp"), 0, 0)),
                awkward, awkward, null, Map.of(awkward, List.of(awkward)));
        UploadReceipt base = receipt(m, 1);
        UploadReceipt withWarning = new UploadReceipt(base.uploadId(), base.runId(), base.component(), base.format(),
                base.counts(), 1, 1.0, List.of(awkward), RECEIVED, base.requestDigest(), false);
        write(m, List.of(r), withWarning);

        Map<String, Object> row = row("SELECT * FROM test_results WHERE upload_id = ?", m.uploadId());
        for (String column : List.of("suite", "name", "invocation", "history_id", "report_file", "failure_type",
                "failure_message")) {
            assertEquals(expected, row.get(column), column);
        }
        assertTrue(String.valueOf(row.get("labels")).contains("漢字"));
        Map<String, Object> attempt = row("SELECT * FROM test_attempts WHERE upload_id = ? AND attempt_no = 2",
                m.uploadId());
        assertEquals(expected, attempt.get("failure_message"));
        assertEquals(expected, attempt.get("invocation"));
        assertEquals(List.of(expected), store().findUpload(m.key()).orElseThrow().warnings());
    }

    @Test
    void batchLargerThanTheBufferIsStoredCompletely() throws Exception {
        UploadMetadata m = upload();
        write(m, 12_000, receipt(m, 12_000));
        assertEquals(12_000L, count("SELECT count(*) FROM test_results WHERE upload_id = ?", m.uploadId()));
        assertEquals(12_000L, count("SELECT count(DISTINCT name) FROM test_results WHERE upload_id = ?", m.uploadId()));
        assertEquals(2_400L, count("SELECT count(*) FROM test_attempts WHERE upload_id = ?", m.uploadId()),
                "every tenth result was retried once: two attempt rows each");
    }

    @Test
    void processKilledMidWriteLeavesOnlyTheCommittedUpload() throws Exception {
        UploadMetadata committed = upload();
        String killedId = "killed-" + committed.uploadId();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashingWriterMain.class.getName()));
        command.addAll(childStoreArguments());
        command.addAll(List.of(committed.pipeline(), committed.uploadId(), killedId, "8000"));
        releaseForChild();
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child finished");
            assertEquals(1, child.exitValue(), "the child halted itself with status 1");
        } finally {
            reacquireAfterChild();
        }
        assertEquals(8_000L, store().findUpload(committed.key()).orElseThrow().testResults());
        assertEquals(8_000L, count("SELECT count(*) FROM test_results WHERE upload_id = ?", committed.uploadId()));
        assertEquals(1_600L, count("SELECT count(*) FROM test_attempts WHERE upload_id = ?", committed.uploadId()));
        assertTrue(store().findUpload(new UploadKey(committed.component(), killedId)).isEmpty());
        assertEquals(0L, count("SELECT count(*) FROM test_results WHERE upload_id = ?", killedId));
        assertEquals(0L, count("SELECT count(*) FROM test_attempts WHERE upload_id = ?", killedId));
    }

    private List<UploadReceipt> concurrently(List<UploadMetadata> uploads, int results) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(uploads.size());
        CountDownLatch written = new CountDownLatch(uploads.size());
        try {
            List<Future<UploadReceipt>> futures = new ArrayList<>();
            for (UploadMetadata m : uploads) {
                futures.add(pool.submit(() -> {
                    try (UploadWriter w = store().open(m)) {
                        for (int i = 0; i < results; i++) {
                            w.add(numbered(i));
                        }
                        written.countDown();
                        assertTrue(written.await(1, TimeUnit.MINUTES), "both writers wrote their rows");
                        return w.commit(receipt(m, results));
                    }
                }));
            }
            List<UploadReceipt> answers = new ArrayList<>();
            for (Future<UploadReceipt> f : futures) {
                answers.add(f.get(2, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** An upload of {@code component} with no pipeline (a run of its own) under the client's id {@code uploadId}. */
    private static UploadMetadata withoutPipeline(ComponentRef component, String uploadId) {
        UploadMetadata m = upload();
        return new UploadMetadata(component, m.team(), m.repository(), m.branch(), m.commit(), "", "", 1, "", null,
                "", m.startedAt(), null, uploadId);
    }

    private UploadReceipt write(UploadMetadata m, int results, UploadReceipt receipt) {
        List<TestResult> list = new ArrayList<>();
        for (int i = 0; i < results; i++) {
            list.add(numbered(i));
        }
        return write(m, list, receipt);
    }

    private UploadReceipt write(UploadMetadata m, List<TestResult> results, UploadReceipt receipt) {
        try (UploadWriter w = store().open(m)) {
            results.forEach(w::add);
            return w.commit(receipt);
        }
    }

    private void assertNothingOf(UploadMetadata m) throws SQLException {
        assertTrue(store().findUpload(m.key()).isEmpty());
        assertEquals(0L, count("SELECT count(*) FROM runs WHERE run_id = ?", m.runId()));
        assertEquals(0L, count("SELECT count(*) FROM test_results WHERE upload_id = ?", m.uploadId()));
        assertEquals(0L, count("SELECT count(*) FROM test_attempts WHERE upload_id = ?", m.uploadId()));
    }

    /** The stored labels of test {@code name} of an upload, as the history reader reads them. */
    private Map<String, List<String>> labels(UploadMetadata m, String name) throws SQLException {
        return io.testhealth.collector.store.support.HistoryRows.parseLabels(String.valueOf(row(
                "SELECT CAST(labels AS VARCHAR) AS labels FROM test_results WHERE upload_id = ? AND name = '" + name + "'",
                m.uploadId()).get("labels")));
    }

    private static String compactJson(Object json) {
        return String.valueOf(json).replace(" ", "");
    }

    private long count(String sql, String param) throws SQLException {
        return ((Number) rows(sql, param).get(0).values().iterator().next()).longValue();
    }

    private Map<String, Object> row(String sql, String param) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, param);
        assertEquals(1, rows.size(), sql);
        return rows.get(0);
    }

    private List<Map<String, Object>> rows(String sql, String param) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        row.put(rs.getMetaData().getColumnLabel(i), v == null ? null
                                : v instanceof Number || v instanceof String ? v : v.toString());
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
