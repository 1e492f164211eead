package io.testhealth.collector.scorecards;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * Whether a report is current: {@code current} when it covers every upload committed for its subject,
 * {@code pending} while a recompute is due (uploads stored by another path than the API, a quarantine change),
 * {@code failing} when its subject's analysis failed, so the report shown is the last good one.
 *
 * @param state         {@code current}, {@code pending} or {@code failing}
 * @param failingSince  when the failures in a row began, or {@code null}
 * @param failedAttempts failed recomputes in a row (0 unless failing)
 * @param error         the failure's exception class and message, or {@code null}
 * @param nextAttemptAt when the recompute is tried again, or {@code null}
 */
@Serdeable
public record AnalysisStatus(String state, @Nullable Instant failingSince, int failedAttempts, @Nullable String error,
                             @Nullable Instant nextAttemptAt) {

    public static final AnalysisStatus CURRENT = new AnalysisStatus("current", null, 0, null, null);
    public static final AnalysisStatus PENDING = new AnalysisStatus("pending", null, 0, null, null);

    static AnalysisStatus failing(AnalysisFailure f) {
        return new AnalysisStatus("failing", f.since(), f.attempts(), f.error(), f.nextAttemptAt());
    }
}
