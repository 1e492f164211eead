package io.testhealth.collector.api;

/** A request parameter that cannot be used; answered with 400 naming it. */
final class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message, null, false, false);
    }
}
