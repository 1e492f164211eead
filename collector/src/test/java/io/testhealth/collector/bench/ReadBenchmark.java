package io.testhealth.collector.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.testhealth.collector.model.Attempt;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.ResultCounts;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.scorecards.AnalysisConfiguration;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.ComponentSummary;
import io.testhealth.collector.store.HistoryQueries;
import io.testhealth.collector.store.UploadReceipt;
import io.testhealth.collector.store.UploadWriter;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Reads of the API with a large history in PostgreSQL: how long the precomputed reports take to compute, and the
 * latency of the two reads the Backstage plugin makes on every page (a component's scorecard, and its flaky tests by
 * impact), through the real HTTP server.
 *
 * <p>The history is written through the real store writer, one upload per job run (components × tests per run ×
 * runs = results), spread over the last 27 days with a few flaky and failing tests per component, into a
 * throw-away schema that is dropped afterwards.
 */
final class ReadBenchmark {

    static final double TARGET_P95_MS = 50;

    private final int components;
    private final int testsPerRun;
    private final int runsPerComponent;
    private final int requests;
    private final String postgresUrl;

    ReadBenchmark(int components, int testsPerRun, int runsPerComponent, int requests, String postgresUrl) {
        this.components = components;
        this.testsPerRun = testsPerRun;
        this.runsPerComponent = runsPerComponent;
        this.requests = requests;
        this.postgresUrl = postgresUrl;
    }

    void run(BenchReport report) throws Exception {
        String kept = System.getProperty("bench.read.schema", "").strip();
        String schema = kept.isEmpty()
                ? "th_bench_read_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) : kept;
        long results = (long) components * testsPerRun * runsPerComponent;
        try {
            if (kept.isEmpty() || !schemaExists(schema)) {
                double loadSeconds = load(schema);
                report.add("read", "history in PostgreSQL", String.format(Locale.ROOT, "%,d results", results),
                        components + " components x " + testsPerRun + " tests x " + runsPerComponent + " runs, written in "
                                + BenchReport.secs(loadSeconds) + " (" + BenchReport.num(results / loadSeconds) + " results/s)");
            } else {
                report.add("read", "history in PostgreSQL", String.format(Locale.ROOT, "%,d results", results),
                        "reused schema " + schema + " (bench.read.schema), not written again");
            }
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                    "testhealth.store.kind", "postgres", "testhealth.store.postgres.url", postgresUrl,
                    "testhealth.store.postgres.schema", schema, "testhealth.analysis.refresh-on-start", false,
                    "testhealth.traces.grpc.enabled", false, "micronaut.server.port", -1))) {
                ScorecardService scorecards = server.getApplicationContext().getBean(ScorecardService.class);
                Timed cold;
                long livePeak;
                try (HeapWatch heap = new HeapWatch()) {
                    cold = timed(scorecards::refreshAll);
                    livePeak = heap.livePeak();
                }
                BenchReport.progress("read: refreshed every report in %.1f s", cold.wall);
                report.add("read", "refresh of every report", BenchReport.secs(cold.wall), String.format(Locale.ROOT,
                        "%s per component, %s of the collector's CPU (the rest is the database and other processes); "
                                + "analysis of %,d results (at most 200 runs per test); the first refresh of a fresh "
                                + "collector; heap live peak %s",
                        BenchReport.secs(cold.wall / components), BenchReport.secs(cold.cpu), results,
                        livePeak == 0 ? "(no GC ran)" : BenchReport.mib(livePeak)));
                measureWarm(report, server.getApplicationContext());
                measure(report, server.getURI());
            }
        } finally {
            if (kept.isEmpty()) {
                try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    /**
     * Refreshes again a few times in the warmed-up collector and splits the time: the history read alone
     * ({@code HistoryQueries.testHistories} of every component, as {@code refreshAll} calls it) against the whole
     * refresh; the difference is the analysis and the storing of the reports. Medians of {@code bench.read.repeats}.
     */
    private void measureWarm(BenchReport report, io.micronaut.context.BeanContext context) {
        int repeats = Integer.getInteger("bench.read.repeats", 3);
        if (repeats < 1) {
            return;
        }
        ScorecardService scorecards = context.getBean(ScorecardService.class);
        HistoryQueries queries = context.getBean(HistoryQueries.class);
        AnalysisConfiguration config = context.getBean(AnalysisConfiguration.class);
        double[] refreshWall = new double[repeats];
        double[] refreshCpu = new double[repeats];
        double[] readWall = new double[repeats];
        double[] readCpu = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            Timed read = timed(() -> {
                Instant now = Instant.now();
                Instant from = now.minus(Duration.ofDays(Math.max(config.lookbackDays(), scorecards.thresholds().windowDays())));
                for (ComponentSummary c : queries.components()) {
                    queries.testHistories(c.component(), from, now, config.maxRunsPerTest());
                }
            });
            Timed refresh = timed(scorecards::refreshAll);
            readWall[i] = read.wall;
            readCpu[i] = read.cpu;
            refreshWall[i] = refresh.wall;
            refreshCpu[i] = refresh.cpu;
        }
        double wall = median(refreshWall);
        double cpu = median(refreshCpu);
        double rWall = median(readWall);
        double rCpu = median(readCpu);
        report.add("read", "refresh, warm", BenchReport.secs(wall), String.format(Locale.ROOT,
                "median of %d refreshes after the first; %s CPU", repeats, BenchReport.secs(cpu)));
        report.add("read", "  history read (testHistories)", BenchReport.secs(rWall), String.format(Locale.ROOT,
                "median of %d, alone; %s of it the collector's CPU (JDBC decoding, building facts), the rest waiting for "
                        + "the database", repeats, BenchReport.secs(rCpu)));
        report.add("read", "  analysis and storing", BenchReport.secs(wall - rWall), String.format(Locale.ROOT,
                "warm refresh minus history read; %s CPU", BenchReport.secs(cpu - rCpu)));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Wall and this thread's CPU seconds of one call. */
    private static Timed timed(Runnable work) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        work.run();
        return new Timed((System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9);
    }

    private record Timed(double wall, double cpu) {
    }

    private boolean schemaExists(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(postgresUrl);
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'runs'")) {
            ps.setString(1, schema);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    private void measure(BenchReport report, URI base) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String[] paths = {"/api/v1/components/%s/scorecard", "/api/v1/components/%s/tests?state=flaky&sort=impact&limit=50"};
        String[] names = {"scorecard", "flaky list (impact, 50)"};
        for (int p = 0; p < paths.length; p++) {
            for (int i = 0; i < Math.min(200, requests); i++) {
                get(http, base, String.format(paths[p], component(i)));
            }
            double[] millis = new double[requests];
            for (int i = 0; i < requests; i++) {
                long t = System.nanoTime();
                get(http, base, String.format(paths[p], component(i)));
                millis[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(millis);
            double p95 = millis[(int) Math.ceil(0.95 * requests) - 1];
            report.add("read", names[p] + " p95", String.format(Locale.ROOT, "%.1f ms", p95), String.format(Locale.ROOT,
                    "p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d sequential requests; target p95 <= %.0f ms: %s",
                    millis[requests / 2], millis[(int) Math.ceil(0.99 * requests) - 1], millis[requests - 1], requests,
                    TARGET_P95_MS, p95 <= TARGET_P95_MS ? "ok" : "ABOVE TARGET"));
        }
    }

    private static void get(HttpClient http, URI base, String path) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + new String(r.body()));
        }
    }

    private String component(int i) {
        return "svc-" + (i % components);
    }

    /** Writes the history through the store's writer, one upload per job run; returns the seconds it took. */
    private double load(String schema) {
        Random random = new Random(42);
        Instant start = Instant.now().minus(Duration.ofDays(27));
        long stepMillis = Duration.ofDays(27).toMillis() / runsPerComponent;
        long t0 = System.nanoTime();
        try (PostgresHistoryStore store = new PostgresHistoryStore(postgresUrl, null, null, schema, 2)) {
            for (int c = 0; c < components; c++) {
                ComponentRef component = ComponentRef.parse("svc-" + c);
                for (int r = 0; r < runsPerComponent; r++) {
                    Instant at = start.plusMillis(r * stepMillis);
                    UploadMetadata md = new UploadMetadata(component, "team-" + (c % 10), "", "main", "commit-" + r,
                            "p" + c + "-" + r, "test", 1, "linux", null, "", at, at.plusSeconds(600), "bench-" + c + "-" + r);
                    long failed = 0;
                    try (UploadWriter writer = store.open(md)) {
                        for (int t = 0; t < testsPerRun; t++) {
                            TestResult result = result(t, random);
                            failed += result.outcome().name().equals("FAILED") ? 1 : 0;
                            writer.add(result);
                        }
                        writer.commit(new UploadReceipt(md.uploadId(), md.runId(), component.toString(), ReportFormat.JUNIT,
                                new ResultCounts(testsPerRun, testsPerRun - failed, failed, 0, 0, 0), testsPerRun, 0,
                                List.of(), Instant.now(), "", false));
                    }
                }
                BenchReport.progress("read: wrote component %d of %d", c + 1, components);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Test {@code t} of a run: every 50th test is flaky (a failed attempt, then a pass), every 97th fails now and then. */
    private static TestResult result(int t, Random random) {
        TestIdentity id = new TestIdentity("com.acme.bench.Suite" + (t / 25) + "Test", "test" + t, "");
        double seconds = 0.01 + (t % 40) * 0.02 + random.nextDouble() * 0.01;
        DeclaredLayer layer = new DeclaredLayer(t % 10 == 0 ? Layer.INTEGRATION : Layer.UNIT, LayerSource.REPORT_PATH);
        List<Attempt> attempts;
        if (t % 50 == 7 && random.nextInt(10) == 0) {
            attempts = List.of(new Attempt(Status.FAILED, seconds, null, Failure.of("java.net.SocketTimeoutException",
                    "Read timed out", null), 0, 0), new Attempt(Status.PASSED, seconds, null, null, 0, 0));
        } else if (t % 97 == 3 && random.nextInt(20) == 0) {
            attempts = List.of(new Attempt(Status.FAILED, seconds, null, Failure.of("java.lang.AssertionError",
                    "expected 1 but was 2", null), 0, 0));
        } else {
            attempts = List.of(new Attempt(Status.PASSED, seconds, null, null, 0, 0));
        }
        return new TestResult(id, attempts, "", "target/surefire-reports/TEST-x.xml", layer, Map.of());
    }
}
