package io.testhealth.uploader.http;

import java.time.Duration;

/**
 * How often and how patiently a request is sent again: after a network error (refused, reset, dropped, timed out),
 * a {@code 5xx}, a {@code 408} or a {@code 429}. The wait doubles from {@code firstDelay} up to {@code maxDelay}; a
 * {@code Retry-After} of the collector is honoured up to {@code maxDelay}.
 *
 * @param attempts   how many times a request is sent at most (1: never again)
 * @param firstDelay the wait before the second sending
 * @param maxDelay   the longest wait
 */
public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {

    /** Five sendings over about half a minute: enough for a collector's restart, short for a CI job. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofSeconds(15));

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("retries: at least one sending, got " + attempts);
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("retry delays must be 0 or more, the first no longer than the longest");
        }
    }

    /** The wait before sending number {@code next} (2 for the first retry). */
    public Duration delayBefore(int next) {
        Duration d = firstDelay;
        for (int i = 2; i < next && d.compareTo(maxDelay) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    /** Whether an answer with this status is worth sending again. */
    public static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }
}
