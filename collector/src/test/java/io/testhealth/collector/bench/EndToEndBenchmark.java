package io.testhealth.collector.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The scenario a user would time: a CI fleet uploads 50 job runs of 2,000 tests each over HTTP to a collector
 * running as its own process ({@code java -Xmx256m -jar collector.jar}), once as JUnit XML files and once as zips of
 * Allure results, and the clock stops when the component's scorecard covers all 50 job runs. Beside it, in the same
 * run, {@code allure generate} (Allure 2 from npm) makes its report of the same results on tmpfs, timed from process
 * start to exit, right before each collector pass, so that each ratio divides two figures taken a minute apart.
 *
 * <p>Each (store, input) pass gets a fresh collector (DuckDB in a new data folder, or PostgreSQL in a new schema,
 * dropped afterwards) that has started and answered before the clock starts, so that start-up is not counted and no
 * pass inherits another's history or JIT. The inputs and Allure's reports are on {@code /dev/shm}; the collector's
 * data folder is on disk, where users keep it.
 */
final class EndToEndBenchmark {

    /** The two inputs: the same results as JUnit XML and as Allure results. */
    enum Input {
        JUNIT("JUnit XML", "application/xml"), ALLURE("Allure results", "application/zip");

        final String title;
        final String contentType;

        Input(String title, String contentType) {
            this.title = title;
            this.contentType = contentType;
        }
    }

    /**
     * One collector pass.
     *
     * @param seconds       first byte of the first upload until the scorecard covered every job run
     * @param sent          the uploads' timing and stored results
     * @param coverage      the scorecard that covered them
     * @param heap          the collector's heap, from its GC log
     * @param residentPeak  the collector's resident-set high-water mark
     * @param liveHeap      what the collector held at the end of the pass ({@link CollectorProcess#liveHeapBytes()})
     */
    record Pass(double seconds, FleetUploader.Sent sent, FleetUploader.Coverage coverage, CollectorProcess.Heap heap,
                long residentPeak, long liveHeap) {

        double uploadSeconds() {
            return java.util.Arrays.stream(sent.latenciesNanos()).sum() / 1e9;
        }

        double lagSeconds() {
            return (coverage.atNanos() - sent.lastAnsweredNanos()) / 1e9;
        }
    }

    private final long seed;
    private final int uploads;
    private final int testsPerUpload;
    private final List<String> stores;
    private final String maxHeap;
    private final String postgresUrl;
    private final Path jar;
    private final Path allureCache;
    private final Path scratch;

    EndToEndBenchmark(long seed, int uploads, int testsPerUpload, List<String> stores, String maxHeap,
                      String postgresUrl, Path jar, Path allureCache, Path scratch) {
        this.seed = seed;
        this.uploads = uploads;
        this.testsPerUpload = testsPerUpload;
        this.stores = List.copyOf(stores);
        this.maxHeap = maxHeap;
        this.postgresUrl = postgresUrl;
        this.jar = jar;
        this.allureCache = allureCache;
        this.scratch = scratch;
    }

    void run(BenchReport report) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no collector jar at " + jar.toAbsolutePath()
                    + ": build it first (mvn -B -q -pl collector -am package -DskipTests; collector/bench.sh does)");
        }
        Path work = Files.createTempDirectory(scratch, "testhealth-bench-e2e-");
        try {
            FleetHistory fleet = new FleetHistory(seed, uploads, testsPerUpload, Instant.now());
            Map<Input, List<FleetUploader.Upload>> inputs = new LinkedHashMap<>();
            Map<Input, Path> folders = Map.of(Input.JUNIT, work.resolve("junit-results"),
                    Input.ALLURE, work.resolve("allure-results"));
            long expected = generate(fleet, work, folders, inputs, report);

            AllureCommandline allure = AllureCommandline.installed(allureCache);
            List<List<String>> rows = new ArrayList<>();
            for (String store : stores) {
                for (Input input : Input.values()) {
                    String what = input.title + ", " + store;
                    // Allure runs right before each collector pass, not once per input: on a shared machine the load
                    // drifts over minutes, and each ratio should divide two figures taken under the same load.
                    BenchReport.progress("e2e: allure generate on %s (beside %s)", input.title, store);
                    String allureLoad = BenchMain.loadAverage().split(" ")[0];
                    AllureCommandline.Generated g = allure.generate(folders.get(input), work.resolve("report"),
                            work.resolve("allure.log"));
                    deleteTree(work.resolve("report"));
                    // Allure keys results by historyId and shows a test's other job runs as its retries, so its
                    // summary counts distinct tests, not the results it read.
                    long distinct = fleet.tests().size();
                    report.add("e2e", what + ": allure generate " + AllureCommandline.VERSION, BenchReport.secs(g.seconds()),
                            String.format(Locale.ROOT, "process start to exit; report on tmpfs; its summary counts %,d"
                                            + " tests%s (each test once, its other job runs as retries); RSS peak %s (its"
                                            + " default heap); load %s at start", g.reportedTests(),
                                    g.reportedTests() == distinct ? "" : ", NOT the " + distinct + " distinct tests sent",
                                    BenchReport.mib(g.residentPeak()), allureLoad));
                    double allureSeconds = g.seconds();
                    BenchReport.progress("e2e: collector on %s, %s", store, input.title);
                    String load = BenchMain.loadAverage().split(" ")[0];
                    Pass p = pass(store, input, inputs.get(input), expected);
                    report.add("e2e", what + ": until the scorecard covers " + uploads + " job runs",
                            BenchReport.secs(p.seconds()), String.format(Locale.ROOT,
                                    "first byte of the first upload to the first scorecard with metrics.jobRuns = %d (%d requests);"
                                            + " %,d results stored", p.coverage().jobRuns(), p.coverage().requests(),
                                    p.sent().storedResults()));
                    report.add("e2e", what + ": uploads", BenchReport.secs(p.uploadSeconds()), String.format(Locale.ROOT,
                            "sum of %d upload latencies; p50 %.0f ms, p95 %.0f ms", uploads,
                            FleetUploader.percentileMillis(p.sent().latenciesNanos(), 50),
                            FleetUploader.percentileMillis(p.sent().latenciesNanos(), 95)));
                    report.add("e2e", what + ": last 201 to scorecard current", BenchReport.secs(p.lagSeconds()), "");
                    report.add("e2e", what + ": collector memory", BenchReport.mib(p.heap().beforeGcPeak()),
                            String.format(Locale.ROOT, "heap peak before a GC (-Xmx%s); up to %s after young"
                                            + " collections (old garbage included); live at the end %s; %s committed;"
                                            + " RSS peak %s", maxHeap, BenchReport.mib(p.heap().afterGcPeak()),
                                    p.liveHeap() < 0 ? "(jcmd not available)" : BenchReport.mib(p.liveHeap()),
                                    BenchReport.mib(p.heap().committedPeak()), BenchReport.mib(p.residentPeak())));
                    report.ratio("e2e", what + ": allure generate / collector", allureSeconds / p.seconds(), 20);
                    rows.add(List.of(input.title, store, BenchReport.secs(p.seconds()), BenchReport.secs(allureSeconds),
                            String.format(Locale.ROOT, "%.2fx", allureSeconds / p.seconds()),
                            String.format(Locale.ROOT, "%s (p50 %.0f ms, p95 %.0f ms)", BenchReport.secs(p.uploadSeconds()),
                                    FleetUploader.percentileMillis(p.sent().latenciesNanos(), 50),
                                    FleetUploader.percentileMillis(p.sent().latenciesNanos(), 95)),
                            BenchReport.secs(p.lagSeconds()),
                            BenchReport.mib(p.heap().beforeGcPeak()) + " / " + BenchReport.mib(p.residentPeak()),
                            allureLoad + " / " + load));
                }
            }
            report.table("End to end: " + uploads + " uploads x " + testsPerUpload + " tests until the scorecard covers"
                            + " them, against allure generate on the same results",
                    List.of("input", "store", "collector", "allure generate", "ratio", "uploads only (sum)",
                            "last 201 to scorecard current", "collector heap / RSS peak", "load (1 min) allure / collector"), rows);
        } finally {
            deleteTree(work);
        }
    }

    /** Writes both inputs; returns the number of test results in each. */
    private long generate(FleetHistory fleet, Path work, Map<Input, Path> folders,
                          Map<Input, List<FleetUploader.Upload>> inputs, BenchReport report) throws IOException {
        long t0 = System.nanoTime();
        Path zips = Files.createDirectories(work.resolve("allure-zips"));
        Files.createDirectories(folders.get(Input.JUNIT));
        Files.createDirectories(folders.get(Input.ALLURE));
        List<FleetUploader.Upload> junit = new ArrayList<>();
        List<FleetUploader.Upload> allure = new ArrayList<>();
        long xmlBytes = 0;
        long jsonBytes = 0;
        long zipBytes = 0;
        long results = 0;
        int resultFiles = 0;
        int attachments = 0;
        Map<FleetHistory.Outcome, Long> outcomes = new java.util.EnumMap<>(FleetHistory.Outcome.class);
        for (int i = 0; i < fleet.jobRuns(); i++) {
            FleetHistory.JobRun run = fleet.jobRun(i);
            Path xml = folders.get(Input.JUNIT).resolve(String.format(Locale.ROOT, "TEST-build-%03d.xml", i));
            xmlBytes += JUnitFleetWriter.write(run, xml);
            junit.add(new FleetUploader.Upload(run, xml, Input.JUNIT.contentType));
            Path zip = zips.resolve(String.format(Locale.ROOT, "allure-results-%03d.zip", i));
            AllureFleetWriter.Written w = AllureFleetWriter.write(run, zip, folders.get(Input.ALLURE), seed);
            jsonBytes += w.bytes();
            zipBytes += Files.size(zip);
            resultFiles += w.resultFiles();
            attachments += w.attachmentFiles();
            allure.add(new FleetUploader.Upload(run, zip, Input.ALLURE.contentType));
            results += run.executions().size();
            run.executions().forEach(e -> outcomes.merge(e.outcome(), 1L, Long::sum));
        }
        inputs.put(Input.JUNIT, junit);
        inputs.put(Input.ALLURE, allure);
        BenchReport.progress("e2e: generated both inputs in %.1f s", (System.nanoTime() - t0) / 1e9);
        report.add("e2e", "fleet", uploads + " job runs x " + testsPerUpload + " tests",
                String.format(Locale.ROOT, "%,d results, seed %d: %s; %d test classes", results, seed,
                        outcomes.toString().toLowerCase(Locale.ROOT),
                        fleet.tests().stream().map(FleetHistory.TestCase::qualifiedClass).distinct().count()));
        report.add("e2e", "input JUnit XML", BenchReport.mb(xmlBytes), uploads + " Surefire-style files, one per job run");
        report.add("e2e", "input Allure results", BenchReport.mb(jsonBytes), String.format(Locale.ROOT,
                "%d zips (%s), %,d result files (retries are files of their own) and %,d attachments", uploads,
                BenchReport.mb(zipBytes), resultFiles, attachments));
        return results;
    }

    private Pass pass(String store, Input input, List<FleetUploader.Upload> sent, long expected) throws Exception {
        Path data = Files.createTempDirectory("testhealth-bench-e2e-data-");
        String schema = null;
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("testhealth.store.kind", store);
        if (store.equals("postgres")) {
            schema = "th_bench_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            settings.put("testhealth.store.postgres.url", postgresUrl);
            settings.put("testhealth.store.postgres.schema", schema);
        }
        try (CollectorProcess collector = CollectorProcess.start(jar, data, maxHeap, settings)) {
            try {
                FleetUploader fleet = new FleetUploader(collector.base());
                String component = "checkout-" + input.name().toLowerCase(Locale.ROOT);
                FleetUploader.Sent s = fleet.sendAll(component, sent);
                FleetUploader.Coverage c = fleet.awaitCoverage(component, sent.size(), Duration.ofMinutes(3));
                if (s.storedResults() != expected) {
                    throw new IllegalStateException("the collector stored " + s.storedResults() + " results of the "
                            + expected + " sent");
                }
                return new Pass((c.atNanos() - s.firstByteNanos()) / 1e9, s, c, collector.heap(),
                        collector.residentPeakBytes(), collector.liveHeapBytes());
            } catch (RuntimeException | IOException e) {
                // a collector that ran out of heap or crashed says why in its own output
                throw new IllegalStateException(e.getMessage() + "\ncollector output:\n" + collector.outputTail(), e);
            }
        } finally {
            deleteTree(data);
            if (schema != null) {
                dropSchema(postgresUrl, schema);
            }
        }
    }

    static void dropSchema(String url, String schema) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (java.sql.SQLException e) {
            BenchReport.progress("could not drop schema %s: %s", schema, e.getMessage());
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
