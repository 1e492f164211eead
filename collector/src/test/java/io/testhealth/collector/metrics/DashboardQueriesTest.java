package io.testhealth.collector.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.testhealth.collector.Prerequisites;
import io.testhealth.collector.demo.DemoDataLoader;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.AnalysisRepository;
import io.testhealth.collector.store.AnalysisRepository.SubjectKind;
import io.testhealth.collector.store.TestPostgres;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dashboards against the real thing: the collector with the demo history, scraped by a real Prometheus (the
 * Debian package), and every PromQL query of every panel evaluated through Prometheus' HTTP API with the template
 * variables set as Grafana would set them on first load (the first value, sorted). A query that errors or returns
 * no series fails the test. The PostgreSQL panels' SQL runs against the real PostgreSQL, on the same reports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class DashboardQueriesTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ApplicationContext collector;
    private Process prometheus;
    private Path work;
    private URI prometheusUrl;

    @BeforeAll
    void startCollectorAndPrometheus() throws IOException {
        if (!Files.isExecutable(PROMETHEUS)) {
            return; // each test says so in requirePrometheus: a skip in @BeforeAll would not count as skipped tests
        }
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "testhealth.store.kind", "duckdb", "testhealth.store.duckdb.path", ":memory:",
                "testhealth.analysis.refresh-on-start", false, "micronaut.server.port", -1), "test");
        collector = server.getApplicationContext();
        collector.getBean(DemoDataLoader.class).loadIfEmpty();
        collector.getBean(ScorecardService.class).refreshAll();

        work = Files.createTempDirectory("testhealth-prometheus");
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: test-health
                    metrics_path: /prometheus
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(server.getPort()));
        int port = freePort();
        prometheusUrl = URI.create("http://127.0.0.1:" + port);
        File log = work.resolve("prometheus.log").toFile();
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log).start();
        // Ready once the collector has been scraped often enough for rate() over 1m: at least 4 samples.
        poll("Prometheus to scrape the collector 4 times (log: " + log + ")", () -> {
            JsonNode r = query("count_over_time(testhealth_uploads_total{outcome=\"stored\"}[1m])").orElse(null);
            return r != null && r.size() > 0 && r.get(0).path("value").get(1).asDouble() >= 4 ? Optional.of(r) : Optional.empty();
        });
    }

    @BeforeEach
    void requirePrometheus() {
        // Both tests need it: the SQL panels' variables take their values from Prometheus, as in Grafana.
        Prerequisites.require(Files.isExecutable(PROMETHEUS), "DashboardQueriesTest", PROMETHEUS + " is missing",
                "install Prometheus as root (`apt-get install prometheus` on Debian, as .ci/run does) to run it");
    }

    @AfterAll
    void stop() throws IOException {
        if (prometheus != null) {
            prometheus.destroy();
            try {
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                }
            } catch (InterruptedException e) {
                prometheus.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (collector != null) {
            collector.close();
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void everyPanelQueryReturnsSeries() {
        List<String> failures = new ArrayList<>();
        int evaluated = 0;
        for (Dashboards.Dashboard d : Dashboards.load().all()) {
            Map<String, String> values = variableValues(d, failures);
            for (JsonNode p : d.panels()) {
                for (JsonNode t : p.path("targets")) {
                    if (!"prometheus".equals(t.path("datasource").path("type").asText(p.path("datasource").path("type").asText()))) {
                        continue;
                    }
                    String expr = Dashboards.substitute(t.path("expr").asText(), values);
                    evaluated++;
                    String problem = evaluate(expr);
                    if (problem != null) {
                        failures.add(d + " / " + p.path("title").asText() + " [" + expr + "]: " + problem);
                    }
                }
            }
        }
        assertTrue(evaluated > 20, "only " + evaluated + " PromQL queries found");
        assertTrue(failures.isEmpty(), failures.size() + " of " + evaluated + " queries failed:\n"
                + String.join("\n", failures));
    }

    /** The alert rules' PromQL, as Grafana sends it (no variables): each returns series, firing or not. */
    @Test
    void everyAlertRuleQueryReturnsSeries() {
        List<String> failures = new ArrayList<>();
        int evaluated = 0;
        for (Map<String, Object> rule : AlertRules.load(Dashboards.load()).rules()) {
            for (Map.Entry<String, String> q : AlertRules.promql(rule).entrySet()) {
                evaluated++;
                String problem = evaluate(q.getValue());
                if (problem != null) {
                    failures.add(rule.get("title") + " " + q.getKey() + " [" + q.getValue() + "]: " + problem);
                }
            }
        }
        assertTrue(evaluated >= 3, "only " + evaluated + " alert queries found");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void everySqlPanelRunsOnPostgresAndReturnsRows() throws SQLException {
        String schema = TestPostgres.newSchema("dash");
        List<String> failures = new ArrayList<>();
        int evaluated = 0;
        try (PostgresHistoryStore store = new PostgresHistoryStore(TestPostgres.url(), null, null, schema, 2)) {
            AnalysisRepository demo = collector.getBean(AnalysisRepository.class);
            for (SubjectKind kind : SubjectKind.values()) {
                demo.snapshots(kind).forEach(snapshot -> {
                    store.saveSnapshot(snapshot);
                    // The daily scorecards: the history panels read them.
                    demo.scorecardHistory(kind, snapshot.subject(), LocalDate.now(ZoneOffset.UTC).minusDays(400),
                            LocalDate.now(ZoneOffset.UTC)).forEach(store::saveScorecardDay);
                });
            }
            try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
                s.execute("SET search_path TO " + schema);
                for (Dashboards.Dashboard d : Dashboards.load().all()) {
                    Map<String, String> values = variableValues(d, failures);
                    for (JsonNode p : d.panels()) {
                        for (JsonNode t : p.path("targets")) {
                            String sql = t.path("rawSql").asText("");
                            if (sql.isBlank()) {
                                continue;
                            }
                            evaluated++;
                            try (ResultSet r = s.executeQuery(Dashboards.substitute(sql, values))) {
                                if (!r.next()) {
                                    failures.add(d + " / " + p.path("title").asText() + ": no rows");
                                }
                            } catch (SQLException e) {
                                failures.add(d + " / " + p.path("title").asText() + ": " + e.getMessage());
                            }
                        }
                    }
                }
            } finally {
                TestPostgres.dropSchema(schema);
            }
        }
        assertTrue(evaluated >= 6, "only " + evaluated + " SQL panels found");
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Each variable's first value, sorted, as Grafana picks it on first load; earlier variables substituted. */
    private Map<String, String> variableValues(Dashboards.Dashboard d, List<String> failures) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode v : d.variables()) {
            String name = v.path("name").asText();
            switch (v.path("type").asText()) {
                case "datasource" -> {
                    // The provisioned datasource it starts on; the queries here go to ours whatever it says.
                    values.put(name, v.path("current").path("value").asText());
                    continue;
                }
                case "textbox" -> {
                    values.put(name, v.path("query").asText());
                    continue;
                }
                default -> {
                }
            }
            String query = Dashboards.substitute(v.path("query").path("query").asText(), values);
            Matcher m = LABEL_VALUES.matcher(query.strip());
            if (!m.matches()) {
                failures.add(d + " variable $" + name + ": not label_values(selector, label): " + query);
                continue;
            }
            TreeSet<String> found = new TreeSet<>();
            api("/api/v1/series?match[]=" + encode(m.group(1)) + "&start=" + (Instant.now().getEpochSecond() - 3600))
                    .ifPresent(series -> series.forEach(s -> {
                        String value = s.path(m.group(2)).asText("");
                        if (!value.isEmpty()) {
                            found.add(value);
                        }
                    }));
            if (found.isEmpty()) {
                failures.add(d + " variable $" + name + ": " + query + " has no values");
                values.put(name, "none");
            } else {
                values.put(name, found.first());
            }
        }
        return values;
    }

    /** Null when the query returned at least one series, else what went wrong. */
    private String evaluate(String expr) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + "/api/v1/query?query="
                    + encode(expr))).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (!"success".equals(body.path("status").asText())) {
                return "error " + body.path("errorType").asText() + ": " + body.path("error").asText();
            }
            JsonNode result = body.path("data").path("result");
            String type = body.path("data").path("resultType").asText();
            boolean empty = "scalar".equals(type) ? result.isMissingNode() : result.isEmpty();
            return empty ? "no series" : null;
        } catch (IOException e) {
            return "request failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private Optional<JsonNode> query(String expr) {
        return api("/api/v1/query?query=" + encode(expr)).map(d -> d.path("result"));
    }

    /** The {@code data} of a successful API answer; empty when Prometheus is not up yet or answers an error. */
    private Optional<JsonNode> api(String pathAndQuery) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(prometheusUrl + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            return "success".equals(body.path("status").asText()) ? Optional.of(body.path("data")) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Asks until the answer is there or the deadline passed, pausing briefly between attempts. */
    private <T> T poll(String what, Supplier<Optional<T>> attempt) {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!prometheus.isAlive()) {
                fail("Prometheus exited with " + prometheus.exitValue() + " while waiting for " + what);
            }
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        return fail("timed out after " + STARTUP.toSeconds() + "s waiting for " + what);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
