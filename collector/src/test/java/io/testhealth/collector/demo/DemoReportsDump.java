package io.testhealth.collector.demo;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ownership.OwnershipResolver;
import io.testhealth.collector.scorecards.AnalysisConfiguration;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.AnalysisRepository;
import io.testhealth.collector.store.HistoryQueries;
import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.traces.TraceIngest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the JSON of every report of the demo history, loaded and analysed as of one fixed moment, one report per
 * line, so that two builds can be compared with {@code diff}: a change that only makes the analysis faster must
 * leave the file identical. Not a test (Surefire never runs it); run it on the test class path:
 * <pre>
 * mvn -q -pl collector test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   "-Dexec.args=-cp %classpath io.testhealth.collector.demo.DemoReportsDump /tmp/reports.jsonl"
 * </pre>
 * Arguments: the output file, then optionally the moment (default {@code 2026-11-20T12:34:56Z}).
 */
public final class DemoReportsDump {

    private DemoReportsDump() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Instant now = Instant.parse(args.length > 1 ? args[1] : "2026-11-20T12:34:56Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        try (ApplicationContext context = ApplicationContext.run(Map.of("testhealth.store.kind", "duckdb",
                "testhealth.store.duckdb.path", ":memory:", "testhealth.analysis.refresh-on-start", false))) {
            new DemoDataLoader(context.getBean(IngestService.class), context.getBean(TestHistoryStore.class), clock,
                    DemoDataLoader.through(context.getBean(TraceIngest.class))).loadIfEmpty();
            JsonMapper json = context.getBean(JsonMapper.class);
            ScorecardService service = new ScorecardService(context.getBean(HistoryQueries.class),
                    context.getBean(AnalysisRepository.class), context.getBean(OwnershipResolver.class),
                    context.getBean(AnalysisConfiguration.class), json, clock);
            long start = System.nanoTime();
            service.refreshAll();
            System.err.printf("refreshAll: %.2f s%n", (System.nanoTime() - start) / 1e9);
            List<String> lines = new ArrayList<>();
            for (HealthReport r : service.components()) {
                lines.add(new String(json.writeValueAsBytes(r), StandardCharsets.UTF_8));
            }
            for (HealthReport r : service.teams()) {
                lines.add(new String(json.writeValueAsBytes(r), StandardCharsets.UTF_8));
            }
            Files.write(out, lines);
            System.err.println(lines.size() + " reports written to " + out);
        }
    }
}
