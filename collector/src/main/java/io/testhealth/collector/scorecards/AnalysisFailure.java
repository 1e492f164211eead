package io.testhealth.collector.scorecards;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * Why a component's report could not be recomputed: its last good report is still served, and the recompute is
 * retried at {@code nextAttemptAt}.
 *
 * @param since         when the first of the failures in a row happened
 * @param attempts      failed recomputes in a row
 * @param error         the exception's class and message (no stack trace; the log has it)
 * @param nextAttemptAt when the background refresher tries again
 */
@Serdeable
public record AnalysisFailure(Instant since, int attempts, String error, Instant nextAttemptAt) {
}
