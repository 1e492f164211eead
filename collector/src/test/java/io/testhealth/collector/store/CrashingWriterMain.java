package io.testhealth.collector.store;

import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;

/**
 * A child JVM for the crash test: commits one upload, then writes thousands of results of a second one and halts
 * the JVM before committing it, as a killed collector would.
 *
 * <p>Arguments: {@code duckdb <path>} or {@code postgres <url> <schema>}, followed by the pipeline of the
 * committed upload, its upload id, the upload id of the killed one, and the number of results to write.
 */
public final class CrashingWriterMain {

    private CrashingWriterMain() {
    }

    public static void main(String[] args) {
        int i = 0;
        TestHistoryStore store = "duckdb".equals(args[i++]) ? new DuckDbHistoryStore(args[i++])
                : new PostgresHistoryStore(args[i++], null, null, args[i++], 2);
        UploadMetadata committed = StoreFixtures.upload(args[i++]).withUploadId(args[i++]);
        UploadMetadata killed = StoreFixtures.upload(committed.pipeline()).withUploadId(args[i++]);
        int results = Integer.parseInt(args[i]);
        try (UploadWriter w = store.open(committed)) {
            for (int n = 0; n < results; n++) {
                w.add(StoreFixtures.numbered(n));
            }
            w.commit(StoreFixtures.receipt(committed, results));
        }
        UploadWriter w = store.open(killed);
        for (int n = 0; n < results; n++) {
            w.add(StoreFixtures.numbered(n));
        }
        Runtime.getRuntime().halt(1);
    }
}
