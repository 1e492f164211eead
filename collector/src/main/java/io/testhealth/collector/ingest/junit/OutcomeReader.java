package io.testhealth.collector.ingest.junit;

import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.Status;

/**
 * One outcome element of a test case while it is read: {@code failure}, {@code error}, {@code skipped}, or a
 * Surefire rerun element ({@code flakyFailure}, {@code flakyError}, {@code rerunFailure}, {@code rerunError}).
 */
final class OutcomeReader extends OutputCounter {

    /**
     * Enough of a stack trace to read the cause and its first frames, which is all the message and the fingerprint
     * use; the rest is streamed past without being copied.
     */
    static final int MAX_TRACE_CHARS = 2 * 1024;

    private final String element;
    private final String message;
    private final String type;
    private final String time;
    private final StringBuilder trace = new StringBuilder(256);

    OutcomeReader(String element, String message, String type, String time) {
        this.element = element;
        this.message = message;
        this.type = type;
        this.time = time;
    }

    String element() {
        return element;
    }

    /** Whether the trace holds all we keep, so further text need not even be decoded. */
    boolean traceFull() {
        return trace.length() >= MAX_TRACE_CHARS;
    }

    void appendTrace(char[] chars, int start, int length) {
        int room = MAX_TRACE_CHARS - trace.length();
        if (room > 0) {
            trace.append(chars, start, Math.min(room, length));
        }
    }



    /** The status of the attempt this element describes. */
    Status status() {
        return switch (element) {
            case "error", "flakyError", "rerunError" -> Status.ERROR;
            case "skipped" -> Status.SKIPPED;
            default -> Status.FAILED;
        };
    }

    /** Whether this element records a failed attempt before the passing one. */
    boolean isFlakyAttempt() {
        return element.startsWith("flaky");
    }

    /** Whether this element records a failed attempt after the first failed one. */
    boolean isRerunAttempt() {
        return element.startsWith("rerun");
    }

    /** Seconds this attempt took, when the element says (rerun elements often do not). */
    Double seconds() {
        return ReportedTime.seconds(time);
    }

    Failure failure() {
        String t = trace.toString();
        if (message == null && type == null && t.isBlank()) {
            return null;
        }
        return Failure.of(type, message, t);
    }
}
