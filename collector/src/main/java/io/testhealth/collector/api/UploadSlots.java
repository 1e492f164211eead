package io.testhealth.collector.api;

import io.micronaut.http.HttpRequest;
import io.testhealth.collector.ingest.ClientLimits;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The uploads each client has in progress, capped at {@link ClientLimits#maxConcurrentUploadsPerClient()}: one
 * client that opens upload after upload (a retry loop, slow links) cannot take every slot of the collector.
 *
 * <p>A client is its bearer token when the request carries one, else its remote address ({@link ClientKey}).
 */
@Singleton
final class UploadSlots {

    /** How long a refused client should wait: about the time a typical upload takes to be stored. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ClientLimits limits;
    private final ConcurrentHashMap<String, Integer> inProgress = new ConcurrentHashMap<>();

    UploadSlots(ClientLimits limits) {
        this.limits = limits;
    }

    /**
     * Takes one of the client's slots, to be closed when the upload is answered.
     *
     * @throws IngestException {@link Reason#TOO_MANY_UPLOADS} with {@code Retry-After} when the client has none left
     */
    Slot take(HttpRequest<?> request) {
        String client = ClientKey.of(request);
        int max = limits.maxConcurrentUploadsPerClient();
        boolean[] taken = {false};
        inProgress.compute(client, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= max) {
                return n;
            }
            taken[0] = true;
            return current + 1;
        });
        if (!taken[0]) {
            throw IngestException.retryLater(Reason.TOO_MANY_UPLOADS, "this client already has " + max
                    + " uploads in progress (testhealth.ingest.max-concurrent-uploads-per-client): send the next"
                    + " when one is answered", RETRY_AFTER_SECONDS);
        }
        return new Slot(client);
    }

    /** One upload's slot; closing it more than once frees it once. */
    final class Slot implements AutoCloseable {
        private final String client;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(String client) {
            this.client = client;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                inProgress.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
            }
        }
    }
}
