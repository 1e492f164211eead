package io.testhealth.collector.store.postgres;

import io.testhealth.collector.store.ReplicaLocks;
import io.testhealth.collector.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cross-collector locks of PostgreSQL, between three stores as three collector processes would open them: two on
 * one schema, one on another schema of the same database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AdvisoryLocksTest {

    private String schema;
    private String otherSchema;
    private PostgresHistoryStore a;
    private PostgresHistoryStore b;
    private PostgresHistoryStore elsewhere;

    @BeforeAll
    void open() {
        schema = TestPostgres.newSchema("locks");
        otherSchema = TestPostgres.newSchema("locks_other");
        a = new PostgresHistoryStore(TestPostgres.url(), null, null, schema, 2);
        b = new PostgresHistoryStore(TestPostgres.url(), null, null, schema, 2);
        elsewhere = new PostgresHistoryStore(TestPostgres.url(), null, null, otherSchema, 2);
    }

    @AfterAll
    void close() {
        a.close();
        b.close();
        elsewhere.close();
        TestPostgres.dropSchema(schema);
        TestPostgres.dropSchema(otherSchema);
    }

    @Test
    void aLockHeldByOneCollectorIsRefusedToAnotherOfTheSameSchemaOnly() {
        ReplicaLocks locks = a.replicaLocks();
        AtomicBoolean ranOnB = new AtomicBoolean(true);
        AtomicBoolean ranElsewhere = new AtomicBoolean(false);
        assertTrue(locks.shared());
        assertTrue(locks.tryExclusive("rebuild", () -> {
            ranOnB.set(b.replicaLocks().tryExclusive("rebuild", () -> { }));
            ranElsewhere.set(elsewhere.replicaLocks().tryExclusive("rebuild", () -> { }));
        }));
        assertFalse(ranOnB.get(), "the same schema's other collector found the lock held");
        assertTrue(ranElsewhere.get(), "a collector of another schema has locks of its own");
        assertTrue(b.replicaLocks().tryExclusive("rebuild", () -> { }), "released once the work ended");
    }

    @Test
    void aCollectorWaitsForTheLockUntilTheOtherOneReleasesIt() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicBoolean inside = new AtomicBoolean();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = pool.submit(() -> a.replicaLocks().exclusive("report x", () -> {
                inside.set(true);
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inside.set(false);
                return null;
            }));
            assertTrue(held.await(30, TimeUnit.SECONDS));
            // Let go from here, after B started waiting: B must not get in before.
            Thread releaser = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                release.countDown();
            });
            releaser.start();
            b.replicaLocks().exclusive("report x", () -> {
                overlapped.set(inside.get());
                return null;
            });
            holder.get(30, TimeUnit.SECONDS);
            releaser.join();
        } finally {
            pool.shutdownNow();
        }
        assertFalse(overlapped.get(), "B ran only after A released the lock");
    }
}
