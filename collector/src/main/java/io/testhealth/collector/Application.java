package io.testhealth.collector;

import io.micronaut.context.ApplicationContext;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.micronaut.runtime.Micronaut;
import io.testhealth.collector.demo.DemoDataLoader;
import io.testhealth.collector.scorecards.ScorecardService;

import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

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

    /** The JVM options that end the process on an {@link OutOfMemoryError}; one of them is expected. */
    private static final List<String> EXIT_ON_OOM = List.of("-XX:+ExitOnOutOfMemoryError", "-XX:+CrashOnOutOfMemoryError");

    public static void main(String[] args) {
        warnUnlessExitOnOutOfMemory();
        ApplicationContext context = Micronaut.build(args).mainClass(Application.class).start();
        if (Arrays.asList(args).contains("--demo")) {
            context.getBean(DemoDataLoader.class).loadIfEmpty();
            context.getBean(ScorecardService.class).refreshAll();
        }
    }

    /**
     * Says at start when the JVM would outlive an out-of-memory error: the thread that died of it may be the one that
     * accepts connections, and then the port stays open with nothing answering, which no supervisor notices.
     */
    private static void warnUnlessExitOnOutOfMemory() {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (options.stream().noneMatch(EXIT_ON_OOM::contains)) {
            LoggerFactory.getLogger(Application.class).warn("The JVM was started without -XX:+ExitOnOutOfMemoryError:"
                    + " after running out of memory the collector may stay up without answering. Start it with"
                    + " java -XX:+ExitOnOutOfMemoryError -jar collector.jar so that its supervisor restarts it.");
        }
    }
}
