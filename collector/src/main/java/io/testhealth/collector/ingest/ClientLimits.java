package io.testhealth.collector.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Limits on what one client may hold of the collector while it sends, under {@code testhealth.ingest} beside the
 * size limits of {@link IngestLimits}: a client that stops sending, or opens upload after upload, must not keep
 * others from being served.
 *
 * @param bodyIdleTimeout               longest pause in an upload's body (no byte of a raw body, no new part of a
 *                                      form) before the upload is answered 408 and its spooled bytes deleted
 *                                      (default 30 s; a live client on any network sends something every second)
 * @param maxConcurrentUploadsPerClient most uploads of one client in progress at once, counted per bearer token
 *                                      when the request carries one, else per remote address; one more is answered
 *                                      429 with {@code Retry-After} (default 64: one upload token is often shared by a whole CI fleet, or a fleet behind one NAT address
 *                                      sends without one, so the cap stops one runaway client, not a busy fleet)
 * @param maxUploadsPerMinute           most uploads one client (counted as above) may start in a minute, as a token
 *                                      bucket: a burst of this many at once, then one every {@code 60 / n} seconds;
 *                                      one more is answered 429 with {@code Retry-After}, the seconds until the next
 *                                      is allowed (default 600: generous on purpose, as the same client is often a
 *                                      whole fleet; it stops a retry loop gone wild, not a busy CI)
 */
@ConfigurationProperties("testhealth.ingest")
public record ClientLimits(
        @Bindable(defaultValue = "30s") Duration bodyIdleTimeout,
        @Bindable(defaultValue = "64") int maxConcurrentUploadsPerClient,
        @Bindable(defaultValue = "600") int maxUploadsPerMinute) {

    public ClientLimits {
        if (bodyIdleTimeout.isNegative() || bodyIdleTimeout.isZero()) {
            throw new IllegalArgumentException("testhealth.ingest.body-idle-timeout must be positive, got " + bodyIdleTimeout);
        }
        if (maxConcurrentUploadsPerClient < 1) {
            throw new IllegalArgumentException("testhealth.ingest.max-concurrent-uploads-per-client must be 1 or more, got "
                    + maxConcurrentUploadsPerClient);
        }
        if (maxUploadsPerMinute < 1) {
            throw new IllegalArgumentException("testhealth.ingest.max-uploads-per-minute must be 1 or more, got "
                    + maxUploadsPerMinute);
        }
    }
}
