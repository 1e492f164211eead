package io.testhealth.collector.model;

import java.util.Objects;

/**
 * Why an attempt failed (or was skipped): exception type, message and a fingerprint that is equal for
 * failures with the same cause.
 *
 * @param type        the exception or failure type as reported, possibly empty
 * @param message     the message, cut to {@link #MAX_MESSAGE_CHARS} with a marker ({@link BoundedText}); possibly empty
 * @param fingerprint a short hash of the normalised type, message and top stack frames
 *                    (see {@link FailureFingerprint})
 */
public record Failure(String type, String message, String fingerprint) {

    /** Longest message kept: enough to read and to group by, bounded so a hostile report cannot bloat the store. */
    public static final int MAX_MESSAGE_CHARS = 4000;

    public Failure {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** Builds a failure from what a report says, computing its fingerprint from type, message and trace. */
    public static Failure of(String type, String message, String trace) {
        String t = type == null ? "" : type.strip();
        String m = message == null ? "" : message.strip();
        if (m.isEmpty() && trace != null) {
            m = FailureFingerprint.firstLine(trace);
        }
        String fingerprint = FailureFingerprint.of(t, m, trace);
        return new Failure(t, BoundedText.cut(m, MAX_MESSAGE_CHARS), fingerprint);
    }
}
