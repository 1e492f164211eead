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
            AtomicBoolean ranOnB = new AtomicBoolean();
            Thread waiter = new Thread(() -> b.replicaLocks().exclusive("report x", () -> {
                overlapped.set(inside.get());
                ranOnB.set(true);
                return null;
            }));
            waiter.start();
            // B is waiting once it pauses between two tries of the lock A holds.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (waiter.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertFalse(ranOnB.get(), "B did not get the lock while A held it");
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            waiter.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(ranOnB.get(), "B got the lock once A released it");
        } finally {
            pool.shutdownNow();
        }
        assertFalse(overlapped.get(), "B ran only after A released the lock");
    }
}
