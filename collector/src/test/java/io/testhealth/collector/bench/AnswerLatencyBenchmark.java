package io.testhealth.collector.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.scorecards.AnalysisConfiguration;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.HistoryQueries;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upload latency on a component with a realistic history, over HTTP: how long a CI job waits for its 201, and how
 * long until the component's scorecard covers the upload.
 *
 * <p>Two modes on each store, each on a fresh database with the same history: {@code background} is the collector
 * with {@code testhealth.analysis.update-on-upload: false}, which answers right after the commit and leaves the
 * report to the background refresher (every {@code refresh-delay} seconds, 5 by default: what every upload did before
 * uploads brought reports up to date); {@code on upload} is the default, where the 201 is sent once the component's
 * and team's reports cover the upload.
 *
 * <p>The history (uploads x tests, one job run each, a few flaky and failing tests) is written through the
 * collector's own {@code IngestService} (the path of an upload without HTTP), and every report is computed once
 * before timing. Then uploads of the same tests (a new pipeline each) are sent one after another; each is timed
 * until its answer. In the on-upload mode a read after every 201 checks that the scorecard counts the upload's job
 * run; in the background mode the time until the scorecard counts the last upload is measured by polling.
 */
final class AnswerLatencyBenchmark {

    private static final Pattern JOB_RUNS = Pattern.compile("\"jobRuns\":(\\d+)");

    private final int historyUploads;
    private final int tests;
    private final int timedUploads;
    private final int shards;
    private final String postgresUrl;

    /**
     * @param shards the CI shards the timed uploads come from: upload {@code i} runs the tests {@code t} with
     *               {@code t % shards == i % shards} (1: every test in every upload, as the history's uploads)
     */
    AnswerLatencyBenchmark(int historyUploads, int tests, int timedUploads, int shards, String postgresUrl) {
        this.historyUploads = historyUploads;
        this.tests = tests;
        this.timedUploads = timedUploads;
        this.shards = shards;
        this.postgresUrl = postgresUrl;
    }

    void run(BenchReport report) throws Exception {
        report.add("answer latency", "history", String.format(Locale.ROOT, "%,d results", (long) historyUploads * tests),
                historyUploads + " uploads x " + tests + " tests in one component; then " + timedUploads
                        + " timed uploads of " + (tests + shards - 1) / shards + " tests"
                        + (shards > 1 ? " (one of " + shards + " CI shards each)" : "") + ", one after another over HTTP");
        for (String store : postgresUrl == null ? List.of("duckdb") : List.of("duckdb", "postgres")) {
            for (boolean onUpload : new boolean[]{false, true}) {
                measure(report, store, onUpload);
            }
        }
    }

    private void measure(BenchReport report, String store, boolean onUpload) throws Exception {
        Map<String, Object> settings = new HashMap<>(Map.of("testhealth.analysis.refresh-on-start", false,
                "testhealth.analysis.update-on-upload", onUpload, "testhealth.traces.grpc.enabled", false,
                "micronaut.server.port", -1));
        Path dir = Files.createTempDirectory("th-bench-upload");
        settings.put("testhealth.ingest.spool-dir", dir.resolve("spool").toString());
        String schema = "th_bench_upload_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (store.equals("duckdb")) {
            settings.putAll(Map.of("testhealth.store.kind", "duckdb", "testhealth.store.duckdb.path",
                    dir.resolve("collector.duckdb").toString()));
        } else {
            settings.putAll(Map.of("testhealth.store.kind", "postgres", "testhealth.store.postgres.url", postgresUrl,
                    "testhealth.store.postgres.schema", schema));
        }
        String mode = onUpload ? "on upload" : "background";
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, settings)) {
            IngestService ingest = server.getApplicationContext().getBean(IngestService.class);
            Instant start = Instant.now().minus(Duration.ofDays(20));
            for (int u = 0; u < historyUploads; u++) {
                Instant at = start.plus(Duration.ofDays(20).multipliedBy(u).dividedBy(historyUploads));
                byte[] xml = report(u, -1);
                UploadPart part = UploadPart.spool(dir.resolve("spool"), "TEST-bench.xml", new ByteArrayInputStream(xml),
                        Long.MAX_VALUE, 0);
                try {
                    ingest.ingest(new UploadMetadata(ComponentRef.parse("bench-upload"), "team-bench", "", "main",
                            "c" + u, "h" + u, "test", 1, "linux", null, "", at, at.plusSeconds(300), ""),
                            List.of(part), Optional.empty());
                } finally {
                    part.delete();
                }
            }
            server.getApplicationContext().getBean(ScorecardService.class).refreshAll();
            BenchReport.progress("answer latency: %s, %s: history written and analysed", store, mode);

            HttpClient http = HttpClient.newHttpClient();
            URI base = server.getURI();
            int warmups = 3;
            double[] millis = new double[timedUploads];
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = 0;
            long jobRuns = historyUploads;
            for (int i = 0; i < warmups + timedUploads; i++) {
                byte[] xml = report(historyUploads + i, i % shards);
                if (i == warmups) {
                    cpuStart = os.getProcessCpuTime();
                }
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/uploads?component=bench-upload"
                                + "&team=team-bench&branch=main&job=test&pipeline=t" + i + "&commit=t" + i))
                        .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofByteArray(xml)).build(),
                        HttpResponse.BodyHandlers.ofString());
                double ms = (System.nanoTime() - t0) / 1e6;
                if (r.statusCode() != 201) {
                    throw new IllegalStateException("upload answered " + r.statusCode() + ": " + r.body());
                }
                jobRuns++;
                if (i >= warmups) {
                    millis[i - warmups] = ms;
                }
                if (onUpload && jobRuns(http, base) != jobRuns) {
                    throw new IllegalStateException("the scorecard does not count the upload just answered");
                }
            }
            double cpuMillis = (os.getProcessCpuTime() - cpuStart) / 1e6 / timedUploads;
            double visible = onUpload ? 0 : secondsUntilCovered(http, base, jobRuns);
            Arrays.sort(millis);
            double p50 = millis[(int) Math.ceil(0.50 * millis.length) - 1];
            double p95 = millis[(int) Math.ceil(0.95 * millis.length) - 1];
            report.add("answer latency", store + ", " + mode + ": answer p50 / p95", String.format(Locale.ROOT, "%.0f / %.0f ms", p50, p95),
                    String.format(Locale.ROOT, "max %.0f ms over %d uploads after %d untimed; %.0f ms of CPU per upload"
                                    + " (the whole process: collector, database, client); %s", millis[millis.length - 1],
                            timedUploads, warmups, cpuMillis, onUpload
                                    ? "the scorecard counted each upload's job run in a read right after its 201"
                                    : String.format(Locale.ROOT, "the scorecard counted the last upload %.2f s after its "
                                            + "201 (background refresh every 5 s)", visible)));
            if (onUpload) {
                split(report, store, server);
            }
        } finally {
            if (store.equals("postgres")) {
                try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Where an upload's recompute goes: the component's history read alone ({@code HistoryQueries.testHistories}, as
     * the recompute calls it) against the whole recompute of the component and its team, stored; medians of three,
     * wall and this thread's CPU.
     */
    private void split(BenchReport report, String store, EmbeddedServer server) {
        var context = server.getApplicationContext();
        ScorecardService scorecards = context.getBean(ScorecardService.class);
        HistoryQueries queries = context.getBean(HistoryQueries.class);
        AnalysisConfiguration config = context.getBean(AnalysisConfiguration.class);
        String component = "component:default/bench-upload";
        double[] readWall = new double[3];
        double[] readCpu = new double[3];
        double[] allWall = new double[3];
        double[] allCpu = new double[3];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Instant now = Instant.now();
            queries.testHistories(component, now.minus(Duration.ofDays(Math.max(config.lookbackDays(),
                    scorecards.thresholds().windowDays()))), now, config.maxRunsPerTest());
            readWall[i] = (System.nanoTime() - t0) / 1e9;
            readCpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            c0 = threads.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            scorecards.refresh(java.util.Set.of(component));
            allWall[i] = (System.nanoTime() - t0) / 1e9;
            allCpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        double wall = BenchReport.median(allWall);
        double read = BenchReport.median(readWall);
        report.add("answer latency", store + ": recompute of the component", BenchReport.secs(wall), String.format(Locale.ROOT,
                "median of 3 after the timed uploads (%,d results), nothing new to read; %s of this thread's CPU; the"
                        + " kept histories extended (an empty span), analysis of the whole window, report stored, team"
                        + " pooled", (long) (historyUploads + 3 + timedUploads) * tests,
                BenchReport.secs(BenchReport.median(allCpu))));
        report.add("answer latency", store + ": full history read (testHistories)", BenchReport.secs(read), String.format(Locale.ROOT,
                "median of 3, alone; %s of it this thread's CPU, the rest waiting for the database: what each recompute"
                        + " read before histories were kept, and what a rebuild reads", BenchReport.secs(BenchReport.median(readCpu))));
    }

    /** Polls the scorecard until it counts {@code jobRuns} job runs; the seconds that took. */
    private static double secondsUntilCovered(HttpClient http, URI base, long jobRuns) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + Duration.ofSeconds(60).toNanos();
        while (jobRuns(http, base) != jobRuns) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the scorecard did not count the last upload within 60 s");
            }
            Thread.sleep(10);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long jobRuns(HttpClient http, URI base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/components/bench-upload/scorecard"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return -1;
        }
        Matcher m = JOB_RUNS.matcher(r.body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * The JUnit XML of job run {@code run}: the same tests every time, in suites of 25; every 50th test is flaky now
     * and then (fails, then passes on the rerun), every 97th fails now and then, the rest pass.
     *
     * @param shard the CI shard whose tests run ({@code t % shards == shard}), or -1 for every test
     */
    private byte[] report(int run, int shard) {
        Random random = new Random(run);
        StringBuilder xml = new StringBuilder(tests * 120).append("<testsuites>");
        int suite = -1;
        for (int t = 0; t < tests; t++) {
            if (shard >= 0 && t % shards != shard) {
                continue;
            }
            if (t / 25 != suite) {
                xml.append(suite < 0 ? "" : "</testsuite>").append("<testsuite name=\"com.acme.bench.Suite").append(t / 25)
                        .append("Test\">");
                suite = t / 25;
            }
            String time = String.format(Locale.ROOT, "%.3f", 0.01 + (t % 40) * 0.02 + random.nextDouble() * 0.01);
            xml.append("<testcase classname=\"com.acme.bench.Suite").append(t / 25).append("Test\" name=\"test").append(t)
                    .append("\" time=\"").append(time).append("\"");
            if (t % 50 == 7 && random.nextInt(10) == 0) {
                xml.append("><flakyFailure message=\"Read timed out\" type=\"java.net.SocketTimeoutException\"/></testcase>");
            } else if (t % 97 == 3 && random.nextInt(20) == 0) {
                xml.append("><failure message=\"expected 1 but was 2\" type=\"java.lang.AssertionError\"/></testcase>");
            } else {
                xml.append("/>");
            }
        }
        return xml.append("</testsuite></testsuites>").toString().getBytes(StandardCharsets.UTF_8);
    }
}
