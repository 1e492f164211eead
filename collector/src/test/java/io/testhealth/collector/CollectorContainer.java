package io.testhealth.collector;

import io.testhealth.collector.store.TestPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged collector jar started as a real process the way {@code docker/compose.yaml} starts its container:
 * the runtime image's {@code ENV} and {@code ENTRYPOINT}, then the compose service's environment as written. Only
 * places change: {@code /data} is {@code data}, the PostgreSQL URL and credentials are the test server's in
 * {@code schema}, and the HTTP and gRPC ports are free ones.
 */
final class CollectorContainer implements AutoCloseable {

    static final Duration STARTUP = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;
    private final Map<String, String> environment;

    private CollectorContainer(Process process, int port, Path log, Map<String, String> environment) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.environment = environment;
    }

    /** The packaged jar; {@code mvn verify} runs the failsafe tests after {@code package}. */
    static Path jar() {
        Path jar = ComposeFiles.repository().resolve("collector/target/collector.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: this test runs after `package` (mvn verify)");
        return jar;
    }

    /** Starts the compose file's {@code service} with its volume at {@code data}, not waiting for it. */
    static CollectorContainer start(ComposeFiles files, String service, Path data, String schema) throws IOException {
        Map<String, String> compose = files.environment(service);
        JdbcTarget db = JdbcTarget.parse(TestPostgres.url());
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        files.imageEnvironment().forEach((k, v) -> env.put(k, inVolume(v, data)));
        env.putAll(compose);
        env.put("PORT", Integer.toString(port));
        env.put("TESTHEALTH_OTLP_GRPC_PORT", Integer.toString(freePort()));
        if (env.containsKey("TESTHEALTH_TRACES_OTLP_HTTP_PORT")) {
            env.put("TESTHEALTH_TRACES_OTLP_HTTP_PORT", Integer.toString(freePort()));
        }
        env.put("TESTHEALTH_POSTGRES_URL", db.rewrite(compose.get("TESTHEALTH_POSTGRES_URL")));
        env.put("TESTHEALTH_POSTGRES_USER", db.user());
        env.put("TESTHEALTH_POSTGRES_PASSWORD", db.password());
        env.put("TESTHEALTH_STORE_POSTGRES_SCHEMA", schema);
        // The image creates these (RUN mkdir); the volume starts as a copy of them.
        Files.createDirectories(data.resolve("spool"));
        Files.createDirectories(data.resolve("tmp"));

        Path jar = jar();
        List<String> command = new ArrayList<>();
        for (String arg : files.execForm("ENTRYPOINT")) {
            command.add(arg.equals("java") ? javaBinary() : arg.equals("/app/collector.jar") ? jar.toString() : inVolume(arg, data));
        }
        assertTrue(command.contains(jar.toString()), "the ENTRYPOINT runs /app/collector.jar: " + command);
        Path log = data.resolveSibling(data.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return new CollectorContainer(builder.start(), port, log, Map.copyOf(env));
    }

    /** Waits until {@code GET /health} answers 200. */
    CollectorContainer awaitHealthy(HttpClient http) {
        poll("the collector to answer 200 on /health (log: " + log + ")", process, () -> {
            HttpResponse<String> r = get(http, uri("health"));
            return r != null && r.statusCode() == 200 ? Optional.of(r) : Optional.empty();
        });
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/").resolve(path);
    }

    /** The port of OTLP/HTTP on its own (4318 in the compose file), or 0 when the compose file does not turn it on. */
    int otlpHttpPort() {
        return Integer.parseInt(environment.getOrDefault("TESTHEALTH_TRACES_OTLP_HTTP_PORT", "0"));
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    Map<String, String> environment() {
        return environment;
    }

    @Override
    public void close() {
        stop(process);
    }

    /** A GET, or null while nothing listens. */
    static HttpResponse<String> get(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code probe} until it has a value, failing early if {@code process} ends. */
    static <T> T poll(String what, Process process, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (!process.isAlive()) {
                fail("the process ended (exit " + process.exitValue() + ") while waiting for " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        return fail("timed out after " + STARTUP.toSeconds() + " s waiting for " + what);
    }

    static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The container's paths under {@code /data} (the volume) moved to {@code data}. */
    private static String inVolume(String value, Path data) {
        return value.replace("/data", data.toString());
    }

    /** Host, port, database and credentials of a {@code jdbc:postgresql://host:port/db?user=...} URL. */
    record JdbcTarget(String host, int port, String database, String user, String password) {

        static JdbcTarget parse(String jdbcUrl) {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            Map<String, String> query = new LinkedHashMap<>();
            if (uri.getQuery() != null) {
                for (String pair : uri.getQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    query.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            return new JdbcTarget(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                    query.getOrDefault("user", "postgres"), query.getOrDefault("password", ""));
        }

        /** {@code url} (the compose file's) with this server's host, port and database. */
        String rewrite(String url) {
            String rewritten = url.replaceFirst("//[^/]+/[^?]*", "//" + host + ":" + port + "/" + database);
            assertTrue(!rewritten.equals(url), "no //host:port/database in " + url);
            return rewritten;
        }

        /** A JDBC URL of this server for another user. */
        String urlFor(String otherUser) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?user=" + otherUser;
        }
    }
}
