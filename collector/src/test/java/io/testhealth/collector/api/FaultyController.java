package io.testhealth.collector.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * An endpoint that fails the way a bug would, so that {@link ErrorBodiesTest} can see what a client gets from an
 * unexpected exception. It exists only in the test's application context ({@code spec.name}).
 */
@Requires(property = "spec.name", value = "ErrorBodiesTest")
@Controller("/api/v1/faulty")
final class FaultyController {

    /** The text of the exception, which must reach the log and never the client. */
    static final String SECRET = "connection to jdbc:postgresql://db.internal:5432/history refused for user admin";

    @Get
    String fail() {
        throw new IllegalStateException(SECRET);
    }
}
