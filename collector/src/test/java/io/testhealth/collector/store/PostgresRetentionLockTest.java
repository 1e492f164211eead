package io.testhealth.collector.store;

import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import io.testhealth.collector.store.support.HistoryRows;
import io.testhealth.collector.store.support.ReceiptSql;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.testhealth.collector.store.StoreFixtures.receipt;
import static io.testhealth.collector.store.StoreFixtures.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * An upload that reached its commit section on PostgreSQL (run insert done, receipt not yet) while retention deletes
 * its run: the deletion waits for the upload and then deletes it whole, instead of deleting the run under it and
 * leaving its receipt (and results) without a run. Before the run insert took the row lock ({@code DO NOTHING}), the
 * deletion did not wait and the receipt stayed behind, orphaned.
 */
final class PostgresRetentionLockTest {

    private static final Instant CUT = Instant.parse("1971-03-01T00:00:00Z");

    @Test
    void deletingARunWaitsForAnUploadCommittingToIt() throws Exception {
        String schema = TestPostgres.newSchema("retlock");
        try (PostgresHistoryStore store = new PostgresHistoryStore(TestPostgres.url(), null, null, schema, 4)) {
            UploadMetadata first = upload(ComponentRef.parse("payments"), "team-a", Instant.parse("1971-01-10T08:00:00Z"));
            try (UploadWriter w = store.open(first)) {
                w.commit(receipt(first, 0));
            }
            UploadMetadata late = first.withUploadId("up-" + UUID.randomUUID());
            ReceiptSql sql = new ReceiptSql("CAST(? AS jsonb)", true);
            try (Connection upload = store.openConnection()) {
                // The upload's commit section, as BatchingUploadWriter runs it: the run first, then the receipt.
                sql.insertRun(upload, HistoryRows.run(late, StoreFixtures.RECEIVED));
                CompletableFuture<ExpiredRows> deletion = CompletableFuture.supplyAsync(() -> store.expireRuns(CUT, 100));
                awaitWaitingOnALock(schema);
                assertFalse(deletion.isDone(), "the deletion went ahead of an upload holding its run");
                sql.insertUpload(upload, receipt(late, 0));
                upload.commit();
                assertEquals(new ExpiredRows(1, 2, 0, 0), deletion.get(30, TimeUnit.SECONDS));
            }
            try (Connection c = store.openConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM uploads WHERE run_id = ?")) {
                ps.setString(1, first.runId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), "receipts left without their run");
                }
                c.rollback();
            }
        } finally {
            TestPostgres.dropSchema(schema);
        }
    }

    /** Polls, with a deadline, until a session of the schema's store waits on a row lock (the deletion, here). */
    private static void awaitWaitingOnALock(String schema) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = TestPostgres.connect(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM"
                + " pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                + " AND query LIKE '%runs%'")) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("no session of " + schema + " waited on a lock within 30 s");
    }
}
