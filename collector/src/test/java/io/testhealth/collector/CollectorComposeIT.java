package io.testhealth.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.testhealth.collector.CollectorContainer.JdbcTarget;
import io.testhealth.collector.store.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Proves {@code docker/} without Docker (images cannot be pulled here): the compose file validates, the Dockerfile
 * passes a linter, and the built collector jar, started as the container starts it (the image's {@code ENV} and
 * {@code ENTRYPOINT}, then the compose file's collector environment exactly as written), comes up healthy on
 * PostgreSQL, migrates, takes uploads (the demo profile's and a CI's), lets the Grafana role read and not write,
 * and is scraped by a real Prometheus configured from {@code docker/prometheus.yml} with the compose file's flags.
 *
 * <p>What the test changes, and nothing else: where things are (the container's {@code /data} is a temporary
 * folder; {@code postgres:5432} and its credentials are the test server's, in a schema of the test's own; the
 * HTTP and gRPC ports are free ones). It runs in {@code mvn verify} after the jar is packaged (failsafe):
 * {@code mvn -B -pl collector verify -Dtest=none -Dit.test=CollectorComposeIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class CollectorComposeIT {

    private static final String TEST = "CollectorComposeIT";
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComposeFiles files = ComposeFiles.load();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<CollectorContainer> containers = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<String> roles = new ArrayList<>();
    private Path work;
    private String schema;

    @BeforeAll
    void workFolder() throws IOException {
        work = Files.createTempDirectory("testhealth-compose");
    }

    @AfterAll
    void cleanUp() throws IOException {
        containers.forEach(CollectorContainer::close);
        processes.forEach(CollectorContainer::stop);
        if (schema != null) {
            TestPostgres.dropSchema(schema);
        }
        for (String role : roles) {
            try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
                s.execute("DROP OWNED BY " + role);
                s.execute("DROP ROLE " + role);
            } catch (SQLException e) {
                System.out.println(TEST + ": could not drop the role " + role + ": " + e.getMessage());
            }
        }
        try (Stream<Path> all = Files.walk(work)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void composeFileValidates() throws Exception {
        Optional<Path> compose = onPath("docker-compose");
        Prerequisites.require(compose.isPresent(), TEST, "docker-compose is not on the PATH",
                "install it as root (`apt-get install docker-compose` on Debian, as .ci/run does) to validate docker/compose.yaml");
        for (List<String> profile : List.of(List.<String>of(), List.of("--profile", "demo"))) {
            List<String> command = new ArrayList<>(List.of(compose.get().toString(), "-f", "compose.yaml"));
            command.addAll(profile);
            command.addAll(List.of("config", "-q"));
            Run run = run(command, files.folder(), Map.of(), Duration.ofSeconds(60));
            assertEquals(0, run.exit(), String.join(" ", command) + " failed:\n" + run.output());
        }
    }

    @Test
    void dockerfilePassesTheLinter() throws Exception {
        Optional<Path> npm = onPath("npm");
        Optional<Path> shellcheck = onPath("shellcheck");
        Prerequisites.require(npm.isPresent() && shellcheck.isPresent(), TEST,
                "npm or shellcheck is not on the PATH (the Dockerfile linter is the npm package dockerlinter, which runs shellcheck)",
                "install Node.js 20+ and, as root, `apt-get install shellcheck` (as .ci/run does)");
        Path lint = files.folder().resolve("lint");
        Path linter = lint.resolve("node_modules/dockerlinter/bin/dockerfilelinter.js");
        if (!Files.exists(linter)) {
            Run install = run(List.of(npm.get().toString(), "ci", "--no-audit", "--no-fund"), lint, Map.of(), Duration.ofMinutes(5));
            assertEquals(0, install.exit(), "npm ci in docker/lint failed:\n" + install.output());
        }
        // -e: exit 1 on any finding, infos included.
        Run run = run(List.of("node", linter.toString(), "-f", files.folder().resolve("Dockerfile").toString(), "-e"),
                files.folder(), Map.of(), Duration.ofMinutes(2));
        assertEquals(0, run.exit(), "dockerlinter found problems in docker/Dockerfile:\n" + run.output());
    }

    @Test
    void prometheusKeepsAtLeastTheDashboardsDefaultRange() throws IOException {
        long kept = retentionDays(files.command("prometheus"));
        long longest = 0;
        Pattern from = Pattern.compile("\"from\"\\s*:\\s*\"now-(\\d+)d\"");
        try (Stream<Path> dashboards = Files.list(ComposeFiles.repository().resolve("dashboards/testhealth"))) {
            for (Path d : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                Matcher m = from.matcher(Files.readString(d));
                while (m.find()) {
                    longest = Math.max(longest, Long.parseLong(m.group(1)));
                }
            }
        }
        assertTrue(longest > 0, "no dashboard has a default range of days");
        assertTrue(kept >= longest, "Prometheus keeps " + kept + " days, the dashboards open on " + longest);
    }

    @Test
    void collectorStartsAsComposeRunsItMigratesIngestsAndIsScraped() throws Exception {
        Prerequisites.require(Files.isExecutable(PROMETHEUS), TEST, PROMETHEUS + " is missing",
                "install Prometheus as root (`apt-get install prometheus` on Debian, as .ci/run does) to run it");
        Path jar = CollectorContainer.jar();
        Optional<Path> psql = onPath("psql");
        Prerequisites.require(psql.isPresent(), TEST, "psql is not on the PATH (it runs docker/postgres/grafana-reader.sql)",
                "install the PostgreSQL client as root (`apt-get install postgresql-client`; .ci/run installs PostgreSQL)");

        assertEquals("postgres", files.environment("collector").get("TESTHEALTH_STORE"), "the compose file's collector runs on PostgreSQL");
        schema = TestPostgres.newSchema("compose");
        JdbcTarget db = JdbcTarget.parse(TestPostgres.url());

        // As the postgres image's init script does on a new volume, before the collector's first start.
        String reader = "th_grafana_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        roles.add(reader);
        Run init = run(List.of(psql.get().toString(), "-v", "ON_ERROR_STOP=1", "-h", db.host(), "-p", Integer.toString(db.port()),
                        "-U", db.user(), "-d", db.database(), "-v", "reader=" + reader, "-v", "reader_password=unused-with-trust",
                        "-v", "owner=" + db.user(), "-v", "database=" + db.database(), "-v", "schema=" + schema,
                        "-f", files.folder().resolve("postgres/grafana-reader.sql").toString()),
                work, Map.of(), Duration.ofMinutes(1));
        assertEquals(0, init.exit(), "grafana-reader.sql failed:\n" + init.output());

        CollectorContainer collector = CollectorContainer.start(files, "collector", work.resolve("data"), schema);
        containers.add(collector);
        collector.awaitHealthy(http);
        URI base = collector.uri("/");
        Run healthcheck = run(files.execForm("HEALTHCHECK"), work, Map.of("PORT", Integer.toString(collector.port())), Duration.ofSeconds(10));
        assertEquals(0, healthcheck.exit(), "the Dockerfile's HEALTHCHECK failed on a healthy collector:\n" + healthcheck.output());

        assertMigrated();

        // The demo profile: DemoUploads through the API, here over two days instead of 28.
        Path demoClasses = compileDemoUploads(jar);
        List<String> demo = List.of(CollectorContainer.javaBinary(), "-cp", jar + File.pathSeparator + demoClasses, "DemoUploads");
        Map<String, String> demoEnv = new LinkedHashMap<>(files.environment("demo-data"));
        assertEquals("http://collector:" + files.imageEnvironment().get("PORT"), demoEnv.get("TESTHEALTH_COLLECTOR_URL"),
                "the demo profile sends to the collector service");
        demoEnv.put("TESTHEALTH_COLLECTOR_URL", base.toString());
        demoEnv.put("TESTHEALTH_DEMO_DAYS", "2");
        Run first = run(demo, work, demoEnv, Duration.ofMinutes(5));
        assertEquals(0, first.exit(), "the demo upload failed:\n" + first.output());
        Matcher sent = Pattern.compile("Demo history sent: (\\d+) uploads").matcher(first.output());
        assertTrue(sent.find(), first.output());
        int demoReports = Integer.parseInt(sent.group(1));
        assertEquals(demoReports, count("SELECT count(*) FROM " + schema + ".uploads WHERE format <> 'otlp'"),
                "every demo report stored");
        // The trace export: one upload per job run it has spans of (payments' integration job, matched with its report).
        assertTrue(count("SELECT count(*) FROM " + schema + ".uploads WHERE format = 'otlp'") > 0, first.output());
        long demoUploads = count("SELECT count(*) FROM " + schema + ".uploads");
        // Six components of three teams (README, "Set-up").
        assertEquals(6, count("SELECT count(DISTINCT component) FROM " + schema + ".runs"));
        Run again = run(demo, work, demoEnv, Duration.ofMinutes(2));
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("no demo history sent"), again.output());
        assertEquals(demoUploads, count("SELECT count(*) FROM " + schema + ".uploads"), "a second run adds nothing");

        // A CI upload: three test cases, one of them failed.
        String junit = """
                <testsuite name="com.acme.billing.InvoiceTest" tests="3" failures="1">
                  <testcase classname="com.acme.billing.InvoiceTest" name="totals" time="0.012"/>
                  <testcase classname="com.acme.billing.InvoiceTest" name="rounds half up" time="0.004"/>
                  <testcase classname="com.acme.billing.InvoiceTest" name="applies tax" time="0.020">
                    <failure message="expected 119.00 but was 118.99" type="java.lang.AssertionError"/>
                  </testcase>
                </testsuite>
                """;
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(base.resolve("api/v1/uploads?component=billing&pipeline=7&job=test"))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(junit)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, upload.statusCode(), upload.body());
        JsonNode counts = JSON.readTree(upload.body()).path("counts");
        assertEquals(3, counts.path("tests").asInt(), upload.body());
        assertEquals(1, counts.path("failed").asInt(), upload.body());
        assertEquals(3, count("SELECT count(*) FROM " + schema + ".test_results WHERE component = 'component:default/billing'"));

        // OTLP/HTTP on its own port (4318 in the compose file): an exporter left at its default endpoint is answered
        // in OTLP's terms. An export without spans stores nothing.
        assertTrue(collector.otlpHttpPort() > 0, "the compose file turns on OTLP/HTTP on its own port");
        HttpResponse<String> export = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + collector.otlpHttpPort() + "/v1/traces")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceSpans\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, export.statusCode(), export.body());

        assertGrafanaRoleReadsAndCannotWrite(db, reader, demoUploads + 1);
        assertScrapedByPrometheus(collector.port(), demoUploads + 1);
    }

    private void assertMigrated() throws IOException, SQLException {
        long migrations;
        try (Stream<Path> sql = Files.list(ComposeFiles.repository().resolve("collector/src/main/resources/db/postgres"))) {
            migrations = sql.filter(p -> p.getFileName().toString().matches("V\\d+__.+\\.sql")).count();
        }
        assertTrue(migrations > 0);
        assertEquals(migrations, count("SELECT count(*) FROM " + schema + ".flyway_schema_history WHERE success AND version IS NOT NULL"),
                "every migration of db/postgres applied");
        Set<String> tables = new HashSet<>();
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + schema + "'")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        assertTrue(tables.containsAll(List.of("runs", "uploads", "test_results", "test_attempts")), "tables: " + tables);
    }

    private void assertGrafanaRoleReadsAndCannotWrite(JdbcTarget db, String reader, long uploads) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.urlFor(reader)); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + schema + ".uploads")) {
                r.next();
                assertEquals(uploads, r.getLong(1), "the Grafana role reads the tables the collector created after it");
            }
            // The dashboards' SQL panels read only the views for Grafana (migration V5): the role reads them too.
            for (String view : List.of("testhealth_report_tests", "testhealth_scorecard_history")) {
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM " + schema + "." + view)) {
                    assertTrue(r.next(), view);
                }
            }
            SQLException refused = assertThrows(SQLException.class,
                    () -> s.executeUpdate("DELETE FROM " + schema + ".uploads"), "the Grafana role must not write");
            // 25006: read-only transaction; 42501: insufficient privilege. Either stops it.
            assertTrue(Set.of("25006", "42501").contains(refused.getSQLState()), refused.getSQLState() + " " + refused.getMessage());
        }
    }

    private void assertScrapedByPrometheus(int collectorPort, long storedUploads) throws Exception {
        Map<String, Object> config = new Yaml().load(Files.readString(files.folder().resolve("prometheus.yml")));
        // Inside the compose network the collector is its service name and the port the image listens on.
        String inCompose = "collector:" + files.imageEnvironment().get("PORT");
        int targets = retarget(config, inCompose, "127.0.0.1:" + collectorPort);
        assertEquals(1, targets, "prometheus.yml names the compose service " + inCompose + " once");
        Path configFile = work.resolve("prometheus.yml");
        Files.writeString(configFile, new Yaml().dump(config));
        int port = CollectorContainer.freePort();
        List<String> command = new ArrayList<>(List.of(PROMETHEUS.toString()));
        for (String flag : files.command("prometheus")) {
            command.add(flag.equals("--config.file=/etc/prometheus/prometheus.yml") ? "--config.file=" + configFile
                    : flag.equals("--storage.tsdb.path=/prometheus") ? "--storage.tsdb.path=" + work.resolve("prometheus-data")
                    : flag);
        }
        command.add("--web.listen-address=127.0.0.1:" + port);
        Path log = work.resolve("prometheus.log");
        Process prometheus = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(prometheus);
        URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode("sum(testhealth_uploads_total{job=\"test-health\",outcome=\"stored\"})", StandardCharsets.UTF_8));
        // The compose file's scrape interval stands (15 s): the first scrapes come within one or two of them.
        JsonNode sample = CollectorContainer.poll("Prometheus to scrape the collector (log: " + log + ")", prometheus, () -> {
            HttpResponse<String> r = CollectorContainer.get(http, api);
            if (r == null || r.statusCode() != 200) {
                return Optional.empty();
            }
            try {
                JsonNode result = JSON.readTree(r.body()).path("data").path("result");
                return result.size() == 1 ? Optional.of(result.get(0)) : Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertEquals(storedUploads, (long) sample.path("value").get(1).asDouble(), "uploads stored, as scraped");
    }

    @SuppressWarnings("unchecked")
    private static int retarget(Object node, String from, String to) {
        int replaced = 0;
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                replaced += retarget(e.getValue(), from, to);
            }
        } else if (node instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            for (int i = 0; i < items.size(); i++) {
                if (from.equals(items.get(i))) {
                    items.set(i, to);
                    replaced++;
                } else {
                    replaced += retarget(items.get(i), from, to);
                }
            }
        }
        return replaced;
    }

    private static long retentionDays(List<String> flags) {
        for (String flag : flags) {
            Matcher m = Pattern.compile("--storage\\.tsdb\\.retention\\.time=(\\d+)([dwy])").matcher(flag);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "w" -> n * 7;
                    case "y" -> n * 365;
                    default -> n;
                };
            }
        }
        return 15; // Prometheus's default
    }

    private Path compileDemoUploads(Path jar) throws IOException {
        Path out = Files.createDirectories(work.resolve("demo-classes"));
        int exit = ToolProvider.getSystemJavaCompiler().run(null, System.out, System.err, "-cp", jar.toString(),
                "-d", out.toString(), files.folder().resolve("demo/DemoUploads.java").toString());
        assertEquals(0, exit, "docker/demo/DemoUploads.java does not compile against the collector jar");
        return out;
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private record Run(int exit, String output) {
    }

    private Run run(List<String> command, Path dir, Map<String, String> env, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            CollectorContainer.stop(p);
            fail(String.join(" ", command) + " did not end within " + timeout.toSeconds() + " s:\n" + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out));
    }

    private static Optional<Path> onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
