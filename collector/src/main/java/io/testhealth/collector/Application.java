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
                + "computed from them."))
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
