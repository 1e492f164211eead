package io.testhealth.collector.store;

import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadKey;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every connection the PostgreSQL pool adds under concurrent uploads reads the store's schema, not only the first:
 * the schema must survive the rollback that ends a read.
 */
final class PostgresPoolSchemaTest {

    @Test
    void concurrentReadsOnNewPoolConnectionsAllFindTheSchemasTables() throws Exception {
        String schema = TestPostgres.newSchema("pool");
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (PostgresHistoryStore store = new PostgresHistoryStore(TestPostgres.url(), null, null, schema, threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> reads = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                reads.add(pool.submit(() -> {
                    start.await();
                    int answered = 0;
                    for (int i = 0; i < 20; i++) {
                        answered += store.findUpload(new UploadKey(ComponentRef.parse("checkout"), "none-" + i)).isEmpty() ? 1 : 0;
                        answered += store.testsOfRun("run-" + i).isEmpty() ? 1 : 0;
                    }
                    return answered;
                }));
            }
            start.countDown();
            for (Future<Integer> r : reads) {
                assertEquals(40, r.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            TestPostgres.dropSchema(schema);
        }
    }
}
