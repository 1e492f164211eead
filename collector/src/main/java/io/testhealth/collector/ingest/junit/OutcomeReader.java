package io.testhealth.collector.ingest.junit;

import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.Status;

/**
 * One outcome element of a test case while it is read: {@code failure}, {@code error}, {@code skipped}, or a
 * Surefire rerun element ({@code flakyFailure}, {@code flakyError}, {@code rerunFailure}, {@code rerunError}).
 */
final class OutcomeReader extends OutputCounter {

    private final String element;
    private final String message;
    private final String type;
    private final String time;
    private String head = "";
    private String trace = "";

    OutcomeReader(String element, String message, String type, String time) {
        this.element = element;
        this.message = message;
        this.type = type;
        this.time = time;
    }

    String element() {
        return element;
    }

    /** Keeps this element's text and its head (see {@link TraceHead}), read when the element ends. */
    void trace(String head, String text) {
        this.head = head;
        this.trace = text;
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
        if (message == null && type == null && trace.isBlank()) {
            return null;
        }
        return Failure.of(type, message, head, trace);
    }
}
