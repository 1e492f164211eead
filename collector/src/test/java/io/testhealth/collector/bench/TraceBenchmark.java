package io.testhealth.collector.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.testhealth.collector.traces.otlp.OtlpGrpcReceiver;
import io.testhealth.collector.traces.otlp.OtlpHttpReceiver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Spans per second the trace receivers take in over OTLP/HTTP (on the HTTP port, and on its own port served by
 * Vert.x) and OTLP/gRPC: concurrent exporters of the
 * OpenTelemetry SDK, each sending its batches one after another to a collector on loopback that stores into
 * PostgreSQL (a throw-away schema). Each batch is one job's tests as an instrumented JVM exports them: test spans,
 * each with database client spans inside, so everything a request costs is in the number (decoding, mapping, the
 * observed layer, matching, the store).
 */
final class TraceBenchmark {

    /** Longer than the exporters' 10 s default: on a loaded machine the first batches meet a cold JIT. */
    private static final java.time.Duration EXPORT_TIMEOUT = java.time.Duration.ofSeconds(120);

    private final int exporters;
    private final int batchesPerExporter;
    private final int batchSize;
    private final int testsPerBatch;
    private final String postgresUrl;
    /** The collector jar to run as its own process, or null to run the collector inside this JVM. */
    private final Path jar;
    private final String maxHeap;

    /**
     * @param jar     the collector jar, started as {@code java -Xmx<maxHeap> -jar} so that its heap and CPU are its own
     *                (the default); null runs the collector in this JVM beside the exporters, as
     *                {@code bench-compare.sh} needs (it swaps class folders, not jars)
     * @param maxHeap the collector process's {@code -Xmx}
     */
    TraceBenchmark(int exporters, int batchesPerExporter, int batchSize, int testsPerBatch, String postgresUrl,
                   Path jar, String maxHeap) {
        if (batchSize % testsPerBatch != 0) {
            throw new IllegalArgumentException("bench.traces.batch must be a multiple of bench.traces.tests");
        }
        this.exporters = exporters;
        this.batchesPerExporter = batchesPerExporter;
        this.batchSize = batchSize;
        this.testsPerBatch = testsPerBatch;
        this.postgresUrl = postgresUrl;
        this.jar = jar;
        this.maxHeap = maxHeap;
    }

    /** Where the three receivers listen. */
    private record Receivers(URI http, int grpcPort, int ownPort) {

        String otlpHttp() {
            return http.resolve("/v1/traces").toString();
        }

        String otlpOwnPort() {
            return "http://127.0.0.1:" + ownPort + "/v1/traces";
        }

        String grpc() {
            return "http://127.0.0.1:" + grpcPort;
        }
    }

    void run(BenchReport report) throws Exception {
        String schema = "th_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, String> settings = Map.of(
                "testhealth.store.kind", "postgres", "testhealth.store.postgres.url", postgresUrl,
                "testhealth.store.postgres.schema", schema, "testhealth.analysis.refresh-on-start", "false",
                "testhealth.traces.grpc.enabled", "true", "testhealth.traces.grpc.host", "127.0.0.1",
                "testhealth.traces.otlp-http-host", "127.0.0.1");
        try {
            if (jar == null) {
                Map<String, Object> inProcess = new java.util.HashMap<>(settings);
                inProcess.putAll(Map.of("testhealth.traces.grpc.port", 0, "testhealth.traces.otlp-http-port", 0,
                        "micronaut.server.port", -1));
                try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, inProcess)) {
                    Receivers receivers = new Receivers(server.getURI(),
                            server.getApplicationContext().getBean(OtlpGrpcReceiver.class).port(),
                            server.getApplicationContext().getBean(OtlpHttpReceiver.class).port());
                    report.add("traces", "collector", "in this JVM", "beside the exporters, sharing their heap");
                    measureAll(report, schema, receivers, null);
                }
            } else {
                int grpcPort = CollectorProcess.freePort();
                int ownPort = CollectorProcess.freePort();
                Map<String, String> ports = new java.util.HashMap<>(settings);
                ports.putAll(Map.of("testhealth.traces.grpc.port", Integer.toString(grpcPort),
                        "testhealth.traces.otlp-http-port", Integer.toString(ownPort)));
                Path folder = Files.createTempDirectory("th-traces-bench");
                try (CollectorProcess collector = CollectorProcess.start(jar, folder, maxHeap, ports)) {
                    report.add("traces", "collector", "java -Xmx" + maxHeap + " -jar collector.jar",
                            "its own process; heap from its GC log, CPU from /proc");
                    measureAll(report, schema, new Receivers(collector.base(), grpcPort, ownPort), collector);
                    CollectorProcess.Heap heap = collector.heap();
                    report.add("traces", "collector memory, whole run", BenchReport.mib(heap.beforeGcPeak()),
                            String.format(Locale.ROOT, "heap peak before a GC (-Xmx%s); up to %s after young"
                                            + " collections (old garbage included); %s committed; RSS peak %s; %d GC"
                                            + " pauses", maxHeap, BenchReport.mib(heap.afterGcPeak()),
                                    BenchReport.mib(heap.committedPeak()), BenchReport.mib(collector.residentPeakBytes()),
                                    heap.collections()));
                } finally {
                    deleteTree(folder);
                }
            }
        } finally {
            try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** The warm-up, then each receiver in turn, then (unless switched off) the same runs as JUnit first. */
    private void measureAll(BenchReport report, String schema, Receivers at, CollectorProcess collector)
            throws Exception {
        report.add("traces", "load", String.format(Locale.ROOT, "%d exporters x %d batches x %d spans",
                exporters, batchesPerExporter, batchSize), testsPerBatch + " test spans per batch, each with "
                + (batchSize / testsPerBatch - 1) + " database client spans inside; PostgreSQL store on loopback");
        Function<Integer, SpanExporter> http = i -> OtlpHttpSpanExporter.builder().setEndpoint(at.otlpHttp())
                .setTimeout(EXPORT_TIMEOUT).build();
        Function<Integer, SpanExporter> grpc = i -> OtlpGrpcSpanExporter.builder().setEndpoint(at.grpc())
                .setTimeout(EXPORT_TIMEOUT).build();
        Function<Integer, SpanExporter> own = i -> OtlpHttpSpanExporter.builder().setEndpoint(at.otlpOwnPort())
                .setTimeout(EXPORT_TIMEOUT).build();
        // warm-up: a few batches over each protocol, stored like the rest, under components of their own
        send(generate("warm-http", 2), http);
        send(generate("warm-grpc", 2), grpc);
        send(generate("warm-4318", 2), own);
        measure(report, "OTLP/HTTP (protobuf)", "http", schema, http, collector);
        measure(report, "OTLP/gRPC", "grpc", schema, grpc, collector);
        measure(report, "OTLP/HTTP (protobuf) on its own port (Vert.x)", "own", schema, own, collector);
        if (Boolean.parseBoolean(System.getProperty("bench.traces.both", "true"))) {
            measureBoth(report, at.http(), schema, http, collector);
        }
    }

    /**
     * What one phase cost besides its wall time. With the collector in this JVM: the heap, which the exporters'
     * batches share. With the collector in its own process: its heap from the GC log, and the CPU seconds of the
     * collector, PostgreSQL and the exporters per 1,000 spans.
     */
    private final class PhaseCost {

        private final CollectorProcess collector;
        private final ProcessCpu cpu;
        private final ProcessCpu.Reading cpuAtStart;
        private final int gcLineAtStart;
        private final HeapWatch heap;
        private final long baseline;

        PhaseCost(CollectorProcess collector) throws java.io.IOException {
            this.collector = collector;
            if (collector == null) {
                this.cpu = null;
                this.cpuAtStart = null;
                this.gcLineAtStart = 0;
                System.gc();
                this.baseline = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                this.heap = new HeapWatch();
            } else {
                this.cpu = new ProcessCpu(collector.pid());
                this.gcLineAtStart = collector.gcLogLines();
                this.baseline = 0;
                this.heap = null;
                this.cpuAtStart = cpu.read();
            }
        }

        /** Ends the phase; a sentence for the report's note. */
        String end(long spans) throws java.io.IOException {
            if (collector == null) {
                long livePeak = heap.livePeak();
                heap.close();
                return String.format(Locale.ROOT, "heap live peak %s, of which %s is the benchmark's own pre-built"
                        + " batches", livePeak == 0 ? "(no GC ran)" : BenchReport.mib(livePeak), BenchReport.mib(baseline));
            }
            ProcessCpu.Reading spent = cpu.read().minus(cpuAtStart);
            CollectorProcess.Heap h = collector.heapSince(gcLineAtStart);
            long live = collector.liveHeapBytes(); // after the CPU reading: its full collection is not the phase's
            double perThousand = 1000.0 / spans;
            return String.format(Locale.ROOT, "CPU per 1,000 spans: collector %.0f ms, PostgreSQL %.0f ms, exporters"
                            + " %.0f ms; collector heap (-Xmx%s): peak %s, after young collections up to %s (%d GC"
                            + " pauses), live at the end %s", spent.collector() * 1000 * perThousand,
                    spent.postgres() * 1000 * perThousand, spent.benchmark() * 1000 * perThousand, maxHeap,
                    BenchReport.mib(h.beforeGcPeak()), BenchReport.mib(h.afterGcPeak()), h.collections(),
                    live < 0 ? "(jcmd not available)" : BenchReport.mib(live));
        }
    }

    private void measure(BenchReport report, String protocol, String prefix, String schema,
                         Function<Integer, SpanExporter> exporter, CollectorProcess collector) throws Exception {
        List<List<List<SpanData>>> load = generate(prefix, batchesPerExporter);
        long spans = (long) exporters * batchesPerExporter * batchSize;
        PhaseCost cost = new PhaseCost(collector);
        double seconds = send(load, exporter);
        String costs = cost.end(spans);
        long tests = (long) exporters * batchesPerExporter * testsPerBatch;
        long stored = storedResults(schema, prefix, "test_results");
        if (stored != tests) {
            throw new IllegalStateException(protocol + ": " + stored + " test results stored, " + tests + " sent");
        }
        // each test span's subtree is kept raw too (testhealth.retention.spans-days), one row per test run; a
        // collector revision from before raw spans (bench-compare.sh) has no such table
        boolean spansKept = hasTable(schema, "test_spans");
        long spanRows = spansKept ? storedResults(schema, prefix, "test_spans") : 0;
        if (spansKept && spanRows != tests) {
            throw new IllegalStateException(protocol + ": " + spanRows + " test runs' spans stored, " + tests + " sent");
        }
        BenchReport.progress("traces: %s %,.0f spans/s", protocol, spans / seconds);
        report.add("traces", protocol + " spans/s", BenchReport.num(spans / seconds), String.format(Locale.ROOT,
                "%s wall for %,d spans (%,d test results %s, checked); %s", BenchReport.secs(seconds), spans, stored,
                spansKept ? "and their spans stored" : "stored; this revision keeps no raw spans", costs));
    }

    /**
     * The same job runs arriving twice: first as JUnit XML (one upload per job run, the exporters' uploads
     * concurrently), then as the spans of the same tests, which are matched to the stored results and not counted
     * again. The number to set beside the plain OTLP/HTTP line is what a pipeline that sends both pays for the spans.
     */
    private void measureBoth(BenchReport report, URI base, String schema, Function<Integer, SpanExporter> exporter,
                             CollectorProcess collector) throws Exception {
        String prefix = "both";
        List<List<List<SpanData>>> load = generate(prefix, batchesPerExporter);
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(load.size());
        long start = System.nanoTime();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int e = 0; e < load.size(); e++) {
                String query = "component=" + prefix + "-" + e + "&pipeline=run-" + e + "&job=bench";
                byte[] xml = junitOf(load.get(e));
                answers.add(pool.submit(() -> client.send(HttpRequest.newBuilder(base.resolve("/api/v1/uploads?" + query))
                        .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(xml))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode()));
            }
            for (Future<Integer> a : answers) {
                if (a.get() != 201) {
                    throw new IllegalStateException("a JUnit upload was answered " + a.get());
                }
            }
        } finally {
            pool.shutdown();
        }
        double junitSeconds = (System.nanoTime() - start) / 1e9;
        long tests = (long) exporters * batchesPerExporter * testsPerBatch;
        report.add("traces", "the same job runs as JUnit XML first", BenchReport.secs(junitSeconds), String.format(
                Locale.ROOT, "%d uploads of %,d test cases each, concurrently, before the spans below",
                exporters, batchesPerExporter * testsPerBatch));
        long spans = (long) exporters * batchesPerExporter * batchSize;
        PhaseCost cost = new PhaseCost(collector);
        double seconds = send(load, exporter);
        String costs = cost.end(spans);
        long stored = storedResults(schema, prefix, "test_results");
        if (stored != tests) {
            throw new IllegalStateException("JUnit then spans: " + stored + " test results stored, " + tests
                    + " tests sent twice (once each way)");
        }
        long spanRows = hasTable(schema, "test_spans") ? storedResults(schema, prefix, "test_spans") : 0;
        BenchReport.progress("traces: spans of job runs already stored from JUnit %,.0f spans/s", spans / seconds);
        report.add("traces", "OTLP/HTTP (protobuf) spans/s, job runs already stored from JUnit XML",
                BenchReport.num(spans / seconds), String.format(Locale.ROOT, "%s wall for %,d spans, every test"
                        + " matched to its JUnit result: %,d test results stored for %,d tests sent both ways (checked);"
                        + " %,d test span rows kept; %s", BenchReport.secs(seconds), spans, stored, tests, spanRows, costs));
    }

    /** The JUnit XML a test JVM would have written for one exporter's job run: the tests of its test spans. */
    private static byte[] junitOf(List<List<SpanData>> batches) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
        for (List<SpanData> batch : batches) {
            String suite = null;
            StringBuilder cases = new StringBuilder();
            int failures = 0;
            int count = 0;
            for (SpanData span : batch) {
                String name = span.getAttributes().get(AttributeKey.stringKey("test.case.name"));
                if (name == null) {
                    continue;
                }
                suite = span.getAttributes().get(AttributeKey.stringKey("test.suite.name"));
                boolean failed = "fail".equals(span.getAttributes().get(AttributeKey.stringKey("test.case.result.status")));
                double seconds = (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9;
                cases.append("    <testcase classname=\"").append(suite).append("\" name=\"")
                        .append(name.substring(suite.length() + 1)).append("\" time=\"")
                        .append(String.format(Locale.ROOT, "%.6f", seconds)).append('"')
                        .append(failed ? "><failure message=\"expected\"/></testcase>\n" : "/>\n");
                failures += failed ? 1 : 0;
                count++;
            }
            xml.append("  <testsuite name=\"").append(suite).append("\" tests=\"").append(count)
                    .append("\" failures=\"").append(failures).append("\">\n").append(cases).append("  </testsuite>\n");
        }
        return xml.append("</testsuites>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Sends every exporter's batches, the exporters concurrently, and answers the wall time in seconds. */
    private double send(List<List<List<SpanData>>> load, Function<Integer, SpanExporter> exporters) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(load.size());
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < load.size(); i++) {
                List<List<SpanData>> batches = load.get(i);
                SpanExporter exporter = exporters.apply(i);
                done.add(pool.submit(() -> {
                    try {
                        for (List<SpanData> batch : batches) {
                            CompletableResultCode r = exporter.export(batch).join(120, TimeUnit.SECONDS);
                            if (!r.isSuccess()) {
                                throw new IllegalStateException("a batch was not accepted");
                            }
                        }
                    } finally {
                        exporter.shutdown().join(30, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdown();
        }
    }

    /** Per exporter, its batches: one job run per exporter, whose tests arrive over several batches. */
    private List<List<List<SpanData>>> generate(String prefix, int batches) {
        List<List<List<SpanData>>> load = new ArrayList<>(exporters);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
        int children = batchSize / testsPerBatch - 1;
        for (int e = 0; e < exporters; e++) {
            InMemorySpanExporter finished = InMemorySpanExporter.create();
            SdkTracerProvider provider = SdkTracerProvider.builder()
                    .setResource(Resource.create(Attributes.builder().put("service.name", prefix + "-" + e)
                            .put("cicd.pipeline.run.id", "run-" + e).put("cicd.pipeline.task.name", "bench").build()))
                    .addSpanProcessor(SimpleSpanProcessor.create(finished)).build();
            Tracer tracer = provider.get("io.testhealth.bench");
            for (int b = 0; b < batches; b++) {
                for (int t = 0; t < testsPerBatch; t++) {
                    Instant at = t0.plusMillis((long) b * testsPerBatch + t);
                    Span test = tracer.spanBuilder("t" + t).setNoParent().setStartTimestamp(at)
                            .setAttribute("test.case.name", "com.acme.Bench" + b + "Test.t" + t)
                            .setAttribute("test.suite.name", "com.acme.Bench" + b + "Test")
                            .setAttribute("test.case.result.status", t % 50 == 7 ? "fail" : "pass").startSpan();
                    Context inside = Context.root().with(test);
                    for (int c = 0; c < children; c++) {
                        tracer.spanBuilder("SELECT cart").setParent(inside).setSpanKind(SpanKind.CLIENT)
                                .setStartTimestamp(at).setAttribute("db.system.name", "postgresql")
                                .setAttribute("server.address", "localhost").startSpan().end(at.plusNanos(1000));
                    }
                    test.end(at.plusNanos(900_000));
                }
            }
            // in the order they ended (children first); read before the shutdown, which empties the exporter
            List<SpanData> spans = finished.getFinishedSpanItems();
            provider.shutdown().join(30, TimeUnit.SECONDS);
            List<List<SpanData>> perBatch = new ArrayList<>(batches);
            for (int b = 0; b < batches; b++) {
                perBatch.add(List.copyOf(spans.subList(b * batchSize, (b + 1) * batchSize)));
            }
            load.add(perBatch);
        }
        return load;
    }

    private static void deleteTree(Path folder) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private boolean hasTable(String schema, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                     + schema + "' AND table_name = '" + table + "'")) {
            r.next();
            return r.getLong(1) > 0;
        }
    }

    private long storedResults(String schema, String prefix, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM " + schema + "." + table + " WHERE component LIKE 'component:default/"
                     + prefix + "-%'")) {
            r.next();
            return r.getLong(1);
        }
    }
}
