package io.testhealth.collector.api;

/** A component, team or test the collector does not know; answered with 404 and a sentence saying what to do. */
final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
        super(message, null, false, false);
    }
}
