package io.testhealth.collector.bench;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collector as users run it: {@code java -jar collector.jar} in a process of its own, with a capped heap, on a
 * free port, its data in a folder of its own. Its heap is read from its GC log and its resident memory from
 * {@code /proc}, both from outside, so the benchmark's own JVM never counts.
 */
final class CollectorProcess implements AutoCloseable {

    private static final Pattern GC_SIZES = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /**
     * The heap as the GC log shows it.
     *
     * @param beforeGcPeak    the most heap in use when a collection started (the peak, short of the last moments)
     * @param afterGcPeak     the most heap still in use after a collection: what the collector held
     * @param committedPeak   the largest heap the JVM had reserved
     * @param collections     pauses logged
     */
    record Heap(long beforeGcPeak, long afterGcPeak, long committedPeak, int collections) {
    }

    private final Process process;
    private final URI base;
    private final Path gcLog;
    private final Path output;

    private CollectorProcess(Process process, URI base, Path gcLog, Path output) {
        this.process = process;
        this.base = base;
        this.gcLog = gcLog;
        this.output = output;
    }

    /**
     * Starts the collector jar in {@code folder} (its working directory, data and spool) and waits until it answers.
     *
     * @param settings collector settings passed as system properties (the store, for instance)
     */
    static CollectorProcess start(Path jar, Path folder, String maxHeap, Map<String, String> settings)
            throws IOException, InterruptedException {
        Files.createDirectories(folder);
        int port = freePort();
        Path gcLog = folder.resolve("gc.log");
        Path output = folder.resolve("collector.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-Xlog:gc:file=" + gcLog));
        // more JVM options for the collector, e.g. a flight recording to profile it apart from the load generator
        String options = System.getProperty("bench.collector.options", "").strip();
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        // defaults first, so that the caller's settings (the gRPC receiver, for the trace benchmark) replace them
        Map<String, String> properties = new java.util.LinkedHashMap<>(Map.of("micronaut.server.port", Integer.toString(port),
                "testhealth.traces.grpc.enabled", "false", "testhealth.ingest.spool-dir", folder.resolve("spool").toString(),
                "testhealth.store.duckdb.path", folder.resolve("testhealth.duckdb").toString()));
        properties.putAll(settings);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        CollectorProcess collector = new CollectorProcess(process, URI.create("http://127.0.0.1:" + port), gcLog, output);
        try {
            collector.awaitReady(Duration.ofMinutes(2));
        } catch (RuntimeException | IOException | InterruptedException e) {
            collector.close();
            throw e;
        }
        return collector;
    }

    URI base() {
        return base;
    }

    /** The collector's process id, for reading its CPU time ({@link ProcessCpu}). */
    long pid() {
        return process.pid();
    }

    /** A free TCP port on loopback at the moment of asking, for a receiver the collector is told to open. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The process's resident-set high-water mark ({@code VmHWM}): heap, metaspace, code and native buffers. */
    long residentPeakBytes() throws IOException {
        return residentPeak(process.pid());
    }

    /** {@code VmHWM} of process {@code pid}, or -1 when it has gone. */
    static long residentPeak(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return -1;
        }
        return -1;
    }

    /** The heap figures of the GC log so far. */
    Heap heap() throws IOException {
        return heapSince(0);
    }

    /**
     * The heap the collector holds now: {@code jcmd <pid> GC.class_histogram}, which collects all garbage first and
     * then counts what is left. Why: after G1's young collections the GC log's figure still holds old-generation
     * garbage not yet marked, so under a tight {@code -Xmx} it reads close to the cap whatever is live. Costs one full
     * collection in the collector; -1 when {@code jcmd} is not there (a JRE) or does not answer.
     */
    long liveHeapBytes() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                return -1;
            }
            Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(out);
            return total.find() ? Long.parseLong(total.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Lines the GC log has so far: where a phase's {@link #heapSince(int)} starts. */
    int gcLogLines() throws IOException {
        return Files.readAllLines(gcLog).size();
    }

    /** The heap figures of the GC log from line {@code firstLine} on: one phase of a benchmark. */
    Heap heapSince(int firstLine) throws IOException {
        long before = 0;
        long after = 0;
        long committed = 0;
        int pauses = 0;
        List<String> lines = Files.readAllLines(gcLog);
        for (String line : lines.subList(Math.min(firstLine, lines.size()), lines.size())) {
            Matcher m = GC_SIZES.matcher(line);
            if (m.find()) {
                pauses++;
                before = Math.max(before, bytes(m.group(1), m.group(2)));
                after = Math.max(after, bytes(m.group(3), m.group(4)));
                committed = Math.max(committed, bytes(m.group(5), m.group(6)));
            }
        }
        return new Heap(before, after, committed, pauses);
    }

    /** The last lines the collector wrote, for an error message. */
    String outputTail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/components")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the collector exited with " + process.exitValue() + ":\n" + outputTail());
            }
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the port opens once the context has started
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the collector did not answer within " + timeout + ":\n" + outputTail());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }
}
