package io.testhealth.collector.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution of a test: the first run, or one retry of it.
 *
 * @param status          outcome of this attempt
 * @param durationSeconds time it took, or {@code null} when the report did not say (unknown is not zero)
 * @param startedAt       when it started, or {@code null} when unknown
 * @param failure         why it failed or was skipped, or {@code null}
 * @param systemOutBytes  size of the captured standard output (the content itself is not kept)
 * @param systemErrBytes  size of the captured standard error
 */
public record Attempt(Status status, Double durationSeconds, Instant startedAt, Failure failure,
                      long systemOutBytes, long systemErrBytes) {

    public Attempt {
        Objects.requireNonNull(status, "status");
    }

    /** The failure of this attempt, if it recorded one. */
    public Optional<Failure> failureDetail() {
        return Optional.ofNullable(failure);
    }
}
