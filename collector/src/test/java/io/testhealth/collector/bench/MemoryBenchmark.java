package io.testhealth.collector.bench;

import io.testhealth.collector.ingest.IngestLimits;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.UploadReceipt;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a very large report is ingested in bounded memory: a generated JUnit report of about a gigabyte, ingested
 * through {@link IngestService} into a DuckDB file by a child JVM whose heap is capped with {@code -Xmx}.
 *
 * <p>A child JVM because the cap is the test: in the benchmark's own JVM, with a large heap, nothing would fail,
 * and the heap left over by other phases would blur the peak. The parent generates the report into a temporary
 * file (streaming, never in memory), starts the child with the same class path, reads the numbers it prints and
 * removes the report and the database. The child spools the file with {@link UploadPart#spool} as the upload
 * controller would (the spool is not timed), then times the ingest while a {@link HeapWatch} records the heap.
 *
 * <p>Completing at all is the main result: a heap of {@code -Xmx} cannot be exceeded, only run out of. The live
 * peak (heap held after a collection) shows how much of the cap the ingest actually needs.
 */
final class MemoryBenchmark {

    private static final String PREFIX = "bench-memory ";

    private final long reportBytes;
    private final String maxHeap;

    MemoryBenchmark(long reportBytes, String maxHeap) {
        this.reportBytes = reportBytes;
        this.maxHeap = maxHeap;
    }

    void run(BenchReport report) throws Exception {
        Path dir = Files.createTempDirectory("testhealth-bench-memory-");
        Path xml = dir.resolve("TEST-huge.xml");
        try {
            long t0 = System.nanoTime();
            JUnitReportGenerator.Written written = new JUnitReportGenerator(7, JUnitReportGenerator.Shape.chatty())
                    .toFile(xml, reportBytes);
            BenchReport.progress("memory: generated %s, %,d test cases in %.1f s", BenchReport.mb(written.bytes()),
                    written.testCases(), (System.nanoTime() - t0) / 1e9);
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + maxHeap, "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                    MemoryBenchmark.class.getName(), xml.toString(), dir.resolve("huge.duckdb").toString());
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            Map<String, String> values = new HashMap<>();
            List<String> log = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(PREFIX)) {
                        String[] kv = line.substring(PREFIX.length()).split("=", 2);
                        values.put(kv[0], kv[1]);
                    } else {
                        log.add(line);
                    }
                }
            }
            int exit = child.waitFor();
            if (exit != 0 || !values.containsKey("seconds")) {
                log.stream().skip(Math.max(0, log.size() - 40)).forEach(System.err::println);
                report.add("memory", "ingest of " + BenchReport.mb(written.bytes()) + " with -Xmx" + maxHeap, "FAILED",
                        "child exit " + exit + " (its last output is above)");
                return;
            }
            double seconds = Double.parseDouble(values.get("seconds"));
            long limit = Long.parseLong(values.get("maxHeap"));
            long live = Long.parseLong(values.get("livePeak"));
            report.add("memory", "report", BenchReport.mb(written.bytes()) + ", " + BenchReport.num(written.testCases())
                    + " test cases", "many testsuites under one <testsuites>, system-out blocks (Shape.chatty)");
            report.add("memory", "ingest into DuckDB, -Xmx" + maxHeap, "completed", String.format(Locale.ROOT,
                    "%s, %s results/s, %.1f MB/s; %s results stored", BenchReport.secs(seconds),
                    BenchReport.num(written.testCases() / seconds), written.bytes() / 1e6 / seconds, values.get("results")));
            report.add("memory", "heap live peak (after GC)", BenchReport.mib(live),
                    "what the ingest held; " + (live <= limit ? "within" : "ABOVE") + " the " + BenchReport.mib(limit) + " cap");
            report.add("memory", "heap peak, sampled every 5 ms", BenchReport.mib(Long.parseLong(values.get("sampledPeak"))),
                    "includes garbage not yet collected");
            report.add("memory", "heap peak, sum of pool peaks", BenchReport.mib(Long.parseLong(values.get("poolPeak"))),
                    "MemoryPoolMXBean upper bound; target <= " + BenchReport.mib(limit));
            report.add("memory", "process RSS peak (VmHWM)", BenchReport.mib(Long.parseLong(values.get("rssPeak"))),
                    "heap + metaspace + DuckDB's native buffers");
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The child: {@code <report.xml> <database.duckdb>}. Prints {@code bench-memory key=value} lines; exits non-zero
     * on any failure, {@link OutOfMemoryError} included.
     */
    public static void main(String[] args) throws Exception {
        Path xml = Path.of(args[0]);
        IngestLimits limits = IngestLimits.defaults();
        UploadPart part;
        try (InputStream in = Files.newInputStream(xml)) {
            part = UploadPart.spool(xml.getFileName().toString(), in, limits.maxUploadBytes(), 0);
        }
        Files.delete(xml); // the spooled copy is what the service reads; keep the disk use to one copy
        try (DuckDbHistoryStore store = new DuckDbHistoryStore(args[1]); HeapWatch heap = new HeapWatch()) {
            IngestService service = new IngestService(store, limits);
            UploadMetadata metadata = new UploadMetadata(ComponentRef.parse("monorepo"), "team-bench", "", "main", "",
                    "pipeline-huge", "all-tests", 1, "", null, "", null, null, "");
            long start = System.nanoTime();
            UploadReceipt receipt = service.ingest(metadata, List.of(part), Optional.empty());
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(PREFIX + "seconds=" + seconds);
            System.out.println(PREFIX + "results=" + receipt.testResults());
            System.out.println(PREFIX + "maxHeap=" + Runtime.getRuntime().maxMemory());
            System.out.println(PREFIX + "livePeak=" + heap.livePeak());
            System.out.println(PREFIX + "sampledPeak=" + heap.sampledPeak());
            System.out.println(PREFIX + "poolPeak=" + heap.poolPeakSum());
            System.out.println(PREFIX + "rssPeak=" + HeapWatch.residentPeak());
        } finally {
            part.delete();
        }
    }
}
