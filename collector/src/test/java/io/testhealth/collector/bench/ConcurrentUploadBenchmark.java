package io.testhealth.collector.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many CI jobs finishing at once: {@code uploaders} concurrent clients on loopback, each the CI of a component of its
 * own with an upload token of its own, each sending its job runs (JUnit XML) one after another to a collector
 * process on PostgreSQL ({@code java -Xmx256m -jar collector.jar} with the 50 tokens as its upload tokens, a schema
 * of its own, dropped afterwards).
 *
 * <p>Reported: uploads per second (all uploads over the wall time from the first request to the last answer), the
 * latency of each upload, the errors (any answer but 201, or no answer), and whether what was stored is what was
 * sent: the {@code test_results} rows in the schema are counted and compared with the test cases the generator wrote.
 *
 * <p>Meanwhile {@code readers} clients read scorecards, as the Backstage plugin and Grafana would: each picks, again and
 * again, a component whose first upload was answered (so it has a report) and asks for its scorecard, pausing 20 ms
 * between reads (a reader never sends more than 50 a second). Reported: the
 * latency of those reads and their errors (any answer but 200, or none).
 */
final class ConcurrentUploadBenchmark {

    /** The pause of a reader between two reads. */
    private static final long READ_PAUSE_NANOS = 20_000_000L;

    private final long seed;
    private final int uploaders;
    private final int uploadsEach;
    private final int testsPerUpload;
    private final int readers;
    private final String maxHeap;
    private final String postgresUrl;
    private final Path jar;
    private final Path scratch;

    ConcurrentUploadBenchmark(long seed, int uploaders, int uploadsEach, int testsPerUpload, int readers,
                              String maxHeap, String postgresUrl, Path jar, Path scratch) {
        this.readers = readers;
        this.seed = seed;
        this.uploaders = uploaders;
        this.uploadsEach = uploadsEach;
        this.testsPerUpload = testsPerUpload;
        this.maxHeap = maxHeap;
        this.postgresUrl = postgresUrl;
        this.jar = jar;
        this.scratch = scratch;
    }

    void run(BenchReport report) throws Exception {
        Path work = Files.createTempDirectory(scratch, "testhealth-bench-concurrent-");
        Path data = Files.createTempDirectory("testhealth-bench-concurrent-data-");
        String schema = "th_bench_conc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            List<List<FleetUploader.Upload>> perUploader = new ArrayList<>();
            long sentResults = 0;
            long bytes = 0;
            for (int u = 0; u < uploaders; u++) {
                FleetHistory fleet = new FleetHistory(seed + u, uploadsEach, testsPerUpload, Instant.now());
                List<FleetUploader.Upload> uploads = new ArrayList<>();
                for (int i = 0; i < uploadsEach; i++) {
                    FleetHistory.JobRun run = fleet.jobRun(i);
                    Path xml = work.resolve(String.format(Locale.ROOT, "TEST-%02d-%03d.xml", u, i));
                    bytes += JUnitFleetWriter.write(run, xml);
                    uploads.add(new FleetUploader.Upload(run, xml, "application/xml"));
                    sentResults += run.executions().size();
                }
                perUploader.add(uploads);
            }
            report.add("fleet", "load", String.format(Locale.ROOT, "%d uploaders x %d uploads x %d tests", uploaders,
                    uploadsEach, testsPerUpload), String.format(Locale.ROOT, "%d components on PostgreSQL, one per uploader;"
                    + " %,d results, %s of JUnit XML; loopback", uploaders, sentResults, BenchReport.mb(bytes)));
            // Each uploader is the CI of its own team, with its own upload token, as a locked-down collector is run:
            // the collector counts uploads in progress per token (else per remote address, which on loopback would
            // make the 50 uploaders one client).
            List<String> tokens = new ArrayList<>();
            for (int u = 0; u < uploaders; u++) {
                tokens.add(String.format(Locale.ROOT, "bench-ci-%02d-%s", u, UUID.randomUUID().toString().replace("-", "")));
            }
            try (CollectorProcess collector = CollectorProcess.start(jar, data, maxHeap, Map.of(
                    "testhealth.store.kind", "postgres", "testhealth.store.postgres.url", postgresUrl,
                    "testhealth.store.postgres.schema", schema, "testhealth.api.upload-tokens", String.join(",", tokens)))) {
                ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
                AtomicLong answered = new AtomicLong();
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(uploaders + readers);
                // Components with an answered upload, which the readers choose from.
                List<String> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
                java.util.concurrent.atomic.AtomicBoolean uploading = new java.util.concurrent.atomic.AtomicBoolean(true);
                ConcurrentLinkedQueue<Long> readLatencies = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<String> readErrors = new ConcurrentLinkedQueue<>();
                List<Future<?>> running = new ArrayList<>();
                for (int u = 0; u < uploaders; u++) {
                    String component = String.format(Locale.ROOT, "fleet-%02d", u);
                    List<FleetUploader.Upload> mine = perUploader.get(u);
                    FleetUploader client = new FleetUploader(collector.base(), tokens.get(u));
                    running.add(pool.submit(() -> {
                        start.await();
                        for (FleetUploader.Upload upload : mine) {
                            long t0 = System.nanoTime();
                            try {
                                answered.addAndGet(client.send(component, upload));
                                latencies.add(System.nanoTime() - t0);
                                if (!reported.contains(component)) {
                                    reported.add(component);
                                }
                            } catch (Exception e) {
                                errors.add(component + ": " + e.getMessage());
                            }
                        }
                        return null;
                    }));
                }
                List<Future<?>> reading = new ArrayList<>();
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                for (int r = 0; r < readers; r++) {
                    java.util.Random pick = new java.util.Random(seed * 31 + r);
                    reading.add(pool.submit(() -> {
                        start.await();
                        while (uploading.get()) {
                            // Paced, as people and dashboards read: at most 50 reads a second per reader.
                            java.util.concurrent.locks.LockSupport.parkNanos(READ_PAUSE_NANOS);
                            if (reported.isEmpty()) {
                                continue;
                            }
                            String component = reported.get(pick.nextInt(reported.size()));
                            long r0 = System.nanoTime();
                            try {
                                var answer = http.send(java.net.http.HttpRequest.newBuilder(collector.base()
                                                .resolve("/api/v1/components/" + component + "/scorecard")).GET().build(),
                                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                                if (answer.statusCode() == 200) {
                                    readLatencies.add(System.nanoTime() - r0);
                                } else {
                                    readErrors.add(component + ": " + answer.statusCode());
                                }
                            } catch (Exception e) {
                                readErrors.add(component + ": " + e);
                            }
                        }
                        return null;
                    }));
                }
                long t0 = System.nanoTime();
                start.countDown();
                for (Future<?> f : running) {
                    f.get();
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                uploading.set(false);
                for (Future<?> f : reading) {
                    f.get();
                }
                pool.shutdown();
                long[] reads = readLatencies.stream().mapToLong(Long::longValue).toArray();
                long[] nanos = latencies.stream().mapToLong(Long::longValue).toArray();
                long stored = storedResults(schema);
                int total = uploaders * uploadsEach;
                report.add("fleet", "uploads per second", String.format(Locale.ROOT, "%.1f", nanos.length / wall),
                        String.format(Locale.ROOT, "%d answered 201 in %.2f s wall (%,.0f results/s)", nanos.length, wall,
                                answered.get() / wall));
                report.add("fleet", "upload latency p50", String.format(Locale.ROOT, "%.0f ms",
                        FleetUploader.percentileMillis(nanos, 50)), String.format(Locale.ROOT, "p99 %.0f ms, max %.0f ms",
                        FleetUploader.percentileMillis(nanos, 99), FleetUploader.percentileMillis(nanos, 100)));
                report.add("fleet", "errors", Integer.toString(total - nanos.length), errors.isEmpty() ? "of " + total
                        + " uploads" : "first: " + errors.peek());
                if (readers > 0) {
                    report.add("fleet", "scorecard reads meanwhile p95", reads.length == 0 ? "-" : String.format(Locale.ROOT,
                            "%.1f ms", FleetUploader.percentileMillis(reads, 95)), String.format(Locale.ROOT,
                            "%d readers, %,d reads answered 200 (%.0f/s), p50 %.1f ms, p99 %.1f ms; errors %d%s", readers,
                            reads.length, reads.length / wall, reads.length == 0 ? 0 : FleetUploader.percentileMillis(reads, 50),
                            reads.length == 0 ? 0 : FleetUploader.percentileMillis(reads, 99), readErrors.size(),
                            readErrors.isEmpty() ? "" : " (first: " + readErrors.peek() + ")"));
                }
                report.add("fleet", "stored = sent", stored == sentResults ? "yes" : "NO", String.format(Locale.ROOT,
                        "%,d test_results rows in the schema, %,d test cases sent, %,d in the answers", stored, sentResults,
                        answered.get()));
                CollectorProcess.Heap heap = collector.heap();
                long live = collector.liveHeapBytes();
                report.add("fleet", "collector memory", BenchReport.mib(heap.beforeGcPeak()), String.format(Locale.ROOT,
                        "heap peak before a GC (-Xmx%s); up to %s after young collections (old garbage included);"
                                + " live at the end %s; RSS peak %s", maxHeap, BenchReport.mib(heap.afterGcPeak()),
                        live < 0 ? "(jcmd not available)" : BenchReport.mib(live),
                        BenchReport.mib(collector.residentPeakBytes())));
            }
        } finally {
            EndToEndBenchmark.deleteTree(work);
            EndToEndBenchmark.deleteTree(data);
            EndToEndBenchmark.dropSchema(postgresUrl, schema);
        }
    }

    private long storedResults(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + schema + ".test_results")) {
            r.next();
            return r.getLong(1);
        }
    }
}
