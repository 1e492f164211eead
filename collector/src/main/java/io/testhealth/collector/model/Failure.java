package io.testhealth.collector.model;

import java.util.Objects;

/**
 * Why an attempt failed (or was skipped): exception type, message, stack trace and a fingerprint that is equal for
 * failures with the same cause.
 *
 * @param type        the exception or failure type as reported, possibly empty
 * @param message     the message, cut to {@link #MAX_MESSAGE_CHARS} with a marker ({@link BoundedText}); possibly empty
 * @param fingerprint a short hash of the normalised type, message and top stack frames
 *                    (see {@link FailureFingerprint})
 * @param trace       the stack trace (or whatever text the report gives beside the message), cut to
 *                    {@link #MAX_TRACE_CHARS} with a marker; empty when the report gives none
 */
public record Failure(String type, String message, String fingerprint, String trace) {

    /** Longest message kept: enough to read and to group by, bounded so a hostile report cannot bloat the store. */
    public static final int MAX_MESSAGE_CHARS = 4000;

    /**
     * Longest stack trace kept: some eighty frames, which reach from the assertion through the test framework into
     * the runner in a typical JVM trace; deeper frames rarely say more, and every failed run stores one.
     */
    public static final int MAX_TRACE_CHARS = 8000;

    public Failure {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fingerprint, "fingerprint");
        trace = trace == null ? "" : trace;
    }

    /** A failure whose report gave no stack trace. */
    public Failure(String type, String message, String fingerprint) {
        this(type, message, fingerprint, "");
    }

    /** Builds a failure from what a report says, computing its fingerprint from type, message and trace. */
    public static Failure of(String type, String message, String trace) {
        return of(type, message, trace, trace);
    }

    /**
     * Builds a failure whose fingerprint comes from {@code fingerprinted}, the beginning of {@code trace} that a parser
     * read for it (see {@link FailureFingerprint}), while {@code trace} is what is kept to be read.
     */
    public static Failure of(String type, String message, String fingerprinted, String trace) {
        String t = type == null ? "" : type.strip();
        String m = message == null ? "" : message.strip();
        if (m.isEmpty() && fingerprinted != null) {
            m = FailureFingerprint.firstLine(fingerprinted);
        }
        String fingerprint = FailureFingerprint.of(t, m, fingerprinted);
        String kept = trace == null ? "" : BoundedText.cut(trace.strip(), MAX_TRACE_CHARS);
        return new Failure(t, BoundedText.cut(m, MAX_MESSAGE_CHARS), fingerprint, kept);
    }
}
