package io.testhealth.collector;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged collector ({@code target/collector.jar}, built by {@code mvn package}) started as a process of its own,
 * as a supervisor starts it: what the {@code *IT} tests that kill it, or take its database away, run against.
 *
 * <p>Its output goes to {@code collector.log} in the folder it runs in, appended across restarts, for the reader of a
 * failed test. The benchmarks' {@code bench.CollectorProcess} starts the same jar for measuring (a GC log, resident
 * memory, ready once reads answer); these tests assert on {@code /health} and restart the process on the same data.
 */
final class PackagedCollector {

    private PackagedCollector() {
    }

    /** The packaged jar, which {@code mvn package} builds before failsafe runs the {@code *IT} tests. */
    static Path jar() {
        Path jar = Path.of("target", "collector.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "run after `mvn package`: " + jar + " is missing");
        return jar;
    }

    /**
     * Starts the collector in {@code folder} on {@code port}, with the start script's JVM options (a JVM out of memory
     * exits), no gRPC receiver (its fixed port would collide between tests), its spool in {@code folder/spool}, and
     * {@code settings} as system properties (the store, above all).
     */
    static Process start(Path folder, int port, Map<String, String> settings) throws IOException {
        return start(folder, port, settings, List.of());
    }

    /**
     * Starts the collector as {@link #start(Path, int, Map)} does, with {@code jvmOptions} after the default ones, so
     * that one of them wins over its default (a smaller {@code -Xmx}).
     */
    static Process start(Path folder, int port, Map<String, String> settings, List<String> jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-Dmicronaut.server.port=" + port,
                "-Dtesthealth.traces.grpc.enabled=false", "-Dtesthealth.ingest.spool-dir=" + folder.resolve("spool")));
        command.addAll(jvmOptions);
        settings.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-jar", jar().toString()));
        return new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("collector.log").toFile())).start();
    }

    /**
     * Waits until {@code GET /health} answers 200, polling every 100 ms.
     *
     * @throws AssertionError when the process exits first, or {@code timeout} passes
     */
    static void awaitHealthy(HttpClient http, int port, Duration timeout, Process process) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "the collector exited with " + (process.isAlive() ? 0 : process.exitValue()));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the collector did not answer /health within " + timeout);
    }

    /** A loopback port that nothing listens on at the moment. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
