package io.testhealth.collector.api;

/**
 * A component or team with uploads whose report is not computed yet, answered with 404 {@code no-report-yet} and a
 * {@code Retry-After} header.
 *
 * <p>Why 404 and not 202 or 409: the report asked for does not exist yet, which is what 404 says, and every client
 * that handles the collector's 404 (the Backstage plugin shows its message) keeps working; the code tells a client
 * that polls that waiting helps, and {@code Retry-After} how long. A 202 would be a success status with an error
 * body, which a client checking for success would read as a scorecard; a 409 says the request conflicts with the
 * resource's state and must change before it can succeed, while here the same request succeeds a few seconds later;
 * a 503 would say the collector is down, and proxies and the plugin treat it so.
 */
final class NoReportYetException extends RuntimeException {

    /** The {@code error} of the body. */
    static final String CODE = "no-report-yet";

    private final int retryAfterSeconds;

    NoReportYetException(String message, int retryAfterSeconds) {
        super(message, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When asking again may find the report: the delay between an upload and its refresh. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
