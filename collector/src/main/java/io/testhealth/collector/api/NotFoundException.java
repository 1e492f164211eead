package io.testhealth.collector.api;

/**
 * A component, team or test the collector has no answer for; answered with 404, a stable code and a sentence saying
 * what to do.
 */
final class NotFoundException extends RuntimeException {

    /** A test, or a quarantine, that does not exist. */
    static final String NOT_FOUND = "not-found";
    /** No upload ever named the component: nothing will appear until one does. */
    static final String UNKNOWN_COMPONENT = "unknown-component";
    /** No component with uploads belongs to the team, by its uploads or the catalog. */
    static final String UNKNOWN_TEAM = "unknown-team";

    private final String code;

    NotFoundException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The {@code error} of the body. */
    String code() {
        return code;
    }
}
