package io.testhealth.collector;

import io.micronaut.context.ApplicationContext;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.micronaut.runtime.Micronaut;
import io.testhealth.collector.demo.DemoDataLoader;
import io.testhealth.collector.scorecards.ScorecardService;

import java.util.Arrays;

/**
 * Starts the collector. With {@code --demo}, also loads a generated history of several teams' test runs so that
 * a first look has something to show.
 */
@OpenAPIDefinition(info = @Info(title = "Test Health collector", version = "v1",
        description = "Uploads of CI test reports, and the flakiness, execution-time, pyramid and scorecard reports "
                + "computed from them.\n\n"
                + "Every error is an `ApiError` JSON body (`error`, a stable code, and `message`, what to do). Besides"
                + " the errors each operation lists, any request can meet those of the server itself:"
                + " 400 `invalid-request` (a JSON body missing, not well-formed, or with a value of the wrong type),"
                + " 404 `not-found` (no such path), 405 `method-not-allowed` (see the `Allow` header),"
                + " 406 `not-acceptable` (an `Accept` the operation does not produce),"
                + " 413 `payload-too-large` (a body over `micronaut.server.max-request-size`),"
                + " 414 `uri-too-long` (a request line over `micronaut.server.netty.max-initial-line-length`),"
                + " 415 `unsupported-media-type` (a `Content-Type` the operation does not read),"
                + " 431 `headers-too-large` (headers over `micronaut.server.netty.max-header-size`) and"
                + " 500 `internal-error` (unexpected; logged by the collector, never detailed in the answer)."))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        ApplicationContext context = Micronaut.build(args).mainClass(Application.class).start();
        if (Arrays.asList(args).contains("--demo")) {
            context.getBean(DemoDataLoader.class).loadIfEmpty();
            context.getBean(ScorecardService.class).refreshAll();
        }
    }
}
