package io.testhealth.uploader.testing;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository's collector jar ({@code collector/target/collector.jar}, built by the collector module before this
 * one) started as a process on a free port with an empty DuckDB file, the way the Backstage plugin's tests start it.
 * Without the jar the tests are skipped with one line, except in CI ({@code CI=true}), where that fails.
 */
public final class CollectorProcess implements AutoCloseable {

    private final Process process;
    private final URI uri;
    private final Path log;
    private final HttpClient http = HttpClient.newHttpClient();

    private CollectorProcess(Process process, URI uri, Path log) {
        this.process = process;
        this.uri = uri;
        this.log = log;
    }

    /** Starts the collector in {@code dir} and waits until it answers. */
    public static CollectorProcess start(Path dir) throws IOException {
        Path jar = Path.of(System.getProperty("testhealth.collector.jar", "../../collector/target/collector.jar"));
        if (!Files.isRegularFile(jar)) {
            String why = jar.toAbsolutePath().normalize() + " is missing: build it with mvn -B -q -pl collector -am package -DskipTests";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            System.out.println("SKIPPED uploader tests against a collector: " + why);
            assumeTrue(false, why);
        }
        int port = freePort();
        Path log = dir.resolve("collector.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(java.toString(), "-XX:+ExitOnOutOfMemoryError", "-Xmx512m",
                "-Dmicronaut.server.port=" + port,
                "-Dtesthealth.store.duckdb.path=" + dir.resolve("th.duckdb"),
                "-Dtesthealth.traces.grpc.enabled=false",
                "-jar", jar.toAbsolutePath().toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        CollectorProcess c = new CollectorProcess(p, URI.create("http://127.0.0.1:" + port + "/"), log);
        c.awaitHealthy();
        return c;
    }

    public URI uri() {
        return uri;
    }

    public int port() {
        return uri.getPort();
    }

    /** A GET of a path under the collector; the body as text. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri.resolve(path)).GET().build());
    }

    /** A PUT of JSON. */
    public HttpResponse<String> putJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> send(HttpRequest r) {
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitHealthy() throws IOException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("the collector exited (" + process.exitValue() + "): " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri.resolve("health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        fail("the collector did not answer on /health within 120 s; log: " + log);
    }

    /** A TCP port nothing listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
