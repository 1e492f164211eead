package io.testhealth.collector.api;

import io.micronaut.http.HttpRequest;
import io.testhealth.collector.ingest.ClientLimits;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The uploads each client may start per minute, {@link ClientLimits#maxUploadsPerMinute()}: a client whose retry loop
 * runs wild (a job that re-sends on every answer, a misconfigured fleet) cannot fill the database, however short
 * each upload is. {@link UploadSlots} caps what a client has in progress at once; this caps how fast it starts more.
 *
 * <p>A token bucket of {@code n} uploads that refills at {@code n} per minute, kept as the generic cell rate
 * algorithm does: per client one instant, the moment its bucket is full again. An upload is allowed while that
 * moment is at most {@code (n - 1)} intervals of {@code 60 s / n} away, and moves it one interval on; refused ones
 * move nothing. So a client that was quiet for a minute may send {@code n} at once, then one each interval; the
 * refusal's {@code Retry-After} is the wait until the next one is allowed, rounded up to whole seconds. A client is
 * its bearer token, else its remote address ({@link ClientKey}); clients whose bucket is full again are forgotten,
 * so memory follows the clients of the last minute.
 */
@Singleton
final class UploadRate {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Clock clock;
    private final int perMinute;
    /** One upload's share of the minute. */
    private final Duration interval;
    /** How far ahead a client's full-again moment may be for one more upload to be allowed. */
    private final Duration burst;
    private final ConcurrentHashMap<String, Instant> fullAgain = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastForget;

    UploadRate(ClientLimits limits, Clock clock) {
        this.clock = clock;
        this.perMinute = limits.maxUploadsPerMinute();
        this.interval = MINUTE.dividedBy(perMinute);
        this.burst = interval.multipliedBy(perMinute - 1L);
        this.lastForget = new AtomicReference<>(clock.instant());
    }

    /**
     * Counts one upload of the client that sent {@code request}.
     *
     * @throws IngestException {@link Reason#UPLOAD_RATE} with {@code Retry-After} when the client has started its
     *                         uploads of the minute already
     */
    void take(HttpRequest<?> request) {
        Instant now = clock.instant();
        forgetFullBuckets(now);
        Duration[] wait = {Duration.ZERO};
        fullAgain.compute(ClientKey.of(request), (client, full) -> {
            Instant from = full == null || full.isBefore(now) ? now : full;
            Duration ahead = Duration.between(now, from);
            if (ahead.compareTo(burst) > 0) {
                wait[0] = ahead.minus(burst);
                return full;
            }
            return from.plus(interval);
        });
        if (!wait[0].isZero()) {
            throw IngestException.retryLater(Reason.UPLOAD_RATE, "this client has sent " + perMinute
                    + " uploads in the last minute (testhealth.ingest.max-uploads-per-minute): send the next after the"
                    + " Retry-After seconds", seconds(wait[0]));
        }
    }

    /** Whole seconds, rounded up: a client that waits that long is allowed. */
    private static int seconds(Duration wait) {
        long s = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, s));
    }

    /** At most once a minute, drops the clients that may send a whole burst again: they are as good as new. */
    private void forgetFullBuckets(Instant now) {
        Instant last = lastForget.get();
        if (Duration.between(last, now).compareTo(MINUTE) >= 0 && lastForget.compareAndSet(last, now)) {
            fullAgain.values().removeIf(full -> !full.isAfter(now));
        }
    }
}
