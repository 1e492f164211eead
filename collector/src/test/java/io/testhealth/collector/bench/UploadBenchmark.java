package io.testhealth.collector.bench;

import io.testhealth.collector.ingest.IngestLimits;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.store.UploadReceipt;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The uploads of a CI fleet through {@link IngestService#ingest}, both formats, each store: 50 uploads of 2,000
 * tests by default, one JUnit XML file each, or one zip of 2,000 Allure result files each.
 *
 * <p>Every upload is generated and spooled with {@link UploadPart#spool} first (untimed, as the controller spools a
 * request body before it calls the service). Timed, for each format, one upload after another on one thread:
 * <ul>
 *   <li><b>no store</b>: everything an upload costs before the store (unpacking, sniffing, parsing, grouping retries),
 *       into a store that discards what it is handed; the median of {@code bench.upload.repeats} passes;</li>
 *   <li><b>DuckDB</b>: into a fresh database file (after warm-up uploads into an in-memory one);</li>
 *   <li><b>PostgreSQL</b>: into a throw-away schema (after warm-up uploads, then {@code TRUNCATE}).</li>
 * </ul>
 * For Allure the <b>unzip floor</b> reads every entry of every zip with the JDK's {@link ZipFile} and drops the
 * bytes: no reader of zipped results can be faster with the JDK's inflater. MB/s is uncompressed JSON (result and
 * container files) per second, 10^6 bytes. The stores' row counts are checked after each run. Each measurement
 * reports wall time and the process's CPU time: the machine is shared, and CPU time moves far less with load.
 */
final class UploadBenchmark {

    /** Target for zipped Allure results through the whole upload path without the store, MB/s of JSON. */
    static final double ALLURE_TARGET_MB_S = 100;

    private final int uploads;
    private final int tests;
    private final int warmups;
    private final int repeats;
    private final String postgresUrl;
    private final IngestLimits limits = IngestLimits.defaults();

    UploadBenchmark(int uploads, int tests, int warmups, int repeats, String postgresUrl) {
        this.uploads = uploads;
        this.tests = tests;
        this.warmups = warmups;
        this.repeats = repeats;
        this.postgresUrl = postgresUrl;
    }

    /** One spooled upload. */
    private record Upload(UploadMetadata metadata, UploadPart part, long results, long payloadBytes) {
    }

    /** Wall and process CPU seconds of one timed series. */
    private record Timed(double wall, double cpu) {
    }

    void run(BenchReport report) throws Exception {
        for (String format : List.of("junit", "allure")) {
            long t0 = System.nanoTime();
            List<Upload> timed = uploads(format, "run", uploads, 1_000);
            List<Upload> warm = uploads(format, "warmup", warmups, 9_000);
            long results = timed.stream().mapToLong(Upload::results).sum();
            long payload = timed.stream().mapToLong(Upload::payloadBytes).sum();
            long spooled = timed.stream().mapToLong(u -> u.part().size()).sum();
            BenchReport.progress("upload %s: generated and spooled %d uploads in %.1f s", format, uploads,
                    (System.nanoTime() - t0) / 1e9);
            try {
                report.add("upload", format + ": uploads", uploads + " x " + tests + " tests", String.format(Locale.ROOT,
                        "%,d results; %s %s, %s as sent", results, BenchReport.mb(payload),
                        format.equals("allure") ? "of JSON unzipped" : "of XML", BenchReport.mb(spooled)));
                Timed floor = null;
                if (format.equals("allure")) {
                    unzipAll(warm);
                    floor = median(() -> unzipAll(timed));
                    row(report, format, "unzip floor (read every entry)", results, payload, floor, null);
                }
                IngestService discarding = new IngestService(new StoreBenchmark.DiscardingStore(), limits);
                ingestAll(discarding, warm);
                Timed none = median(() -> ingestAll(discarding, timed));
                row(report, format, "no store (unpack + parse + group)", results, payload, none, floor);
                if (format.equals("allure")) {
                    report.add("upload", "allure: no store MB/s of JSON", String.format(Locale.ROOT, "%.1f",
                            payload / 1e6 / none.wall()), String.format(Locale.ROOT, "target >= %.0f: %s; %.1f per CPU "
                                    + "second", ALLURE_TARGET_MB_S, payload / 1e6 / none.wall() >= ALLURE_TARGET_MB_S
                                    ? "ok" : "BELOW TARGET", payload / 1e6 / none.cpu()));
                }
                Path dir = Files.createTempDirectory("testhealth-bench-upload-");
                try {
                    try (DuckDbHistoryStore memory = new DuckDbHistoryStore(DuckDbHistoryStore.IN_MEMORY)) {
                        ingestAll(new IngestService(memory, limits), warm);
                    }
                    try (DuckDbHistoryStore duck = new DuckDbHistoryStore(dir.resolve("h.duckdb").toString())) {
                        Timed t = time(() -> ingestAll(new IngestService(duck, limits), timed));
                        check(duck::openConnection, results);
                        row(report, format, "DuckDB (whole upload path)", results, payload, t, null);
                    }
                } finally {
                    try (var files = Files.walk(dir)) {
                        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
                if (postgresUrl != null) {
                    String schema = "th_bench_up_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                    try {
                        try (PostgresHistoryStore pg = new PostgresHistoryStore(postgresUrl, null, null, schema, 2)) {
                            ingestAll(new IngestService(pg, limits), warm);
                        }
                        try (Connection c = connect(schema); Statement s = c.createStatement()) {
                            s.execute("TRUNCATE test_attempts, test_results, uploads, runs");
                            s.execute("VACUUM ANALYZE test_results");
                        }
                        try (PostgresHistoryStore pg = new PostgresHistoryStore(postgresUrl, null, null, schema, 2)) {
                            Timed t = time(() -> ingestAll(new IngestService(pg, limits), timed));
                            check(() -> connect(schema), results);
                            row(report, format, "PostgreSQL (whole upload path)", results, payload, t, null);
                        }
                    } finally {
                        try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
                            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                        }
                    }
                }
            } finally {
                timed.forEach(u -> u.part().delete());
                warm.forEach(u -> u.part().delete());
            }
        }
    }

    private static void row(BenchReport report, String format, String what, long results, long payload, Timed t,
                            Timed floor) {
        String ratio = floor == null ? "" : String.format(Locale.ROOT, "; %.2f of the unzip floor (%.2f by CPU time)",
                floor.wall() / t.wall(), floor.cpu() / t.cpu());
        report.add("upload", format + ": " + what, BenchReport.num(results / t.wall()) + " results/s",
                String.format(Locale.ROOT, "%.1f MB/s; %s wall, %s CPU (%,.0f results per CPU second)%s",
                        payload / 1e6 / t.wall(), BenchReport.secs(t.wall()), BenchReport.secs(t.cpu()),
                        results / t.cpu(), ratio));
    }

    /** The median of {@link #repeats} timed passes, by wall time; CPU time is that of the same pass. */
    private Timed median(Body body) throws Exception {
        List<Timed> all = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            all.add(time(body));
        }
        all.sort(java.util.Comparator.comparingDouble(Timed::wall));
        return all.get(all.size() / 2);
    }

    private static Timed time(Body body) throws Exception {
        System.gc();
        long wall = System.nanoTime();
        long cpu = ParseBenchmark.processCpuNanos();
        body.run();
        return new Timed((System.nanoTime() - wall) / 1e9, (ParseBenchmark.processCpuNanos() - cpu) / 1e9);
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private static void ingestAll(IngestService service, List<Upload> all) {
        for (Upload u : all) {
            UploadReceipt r = service.ingest(u.metadata(), List.of(u.part()), Optional.empty());
            if (r.duplicate() || r.testResults() != u.results()) {
                throw new IllegalStateException("upload " + u.metadata().pipeline() + " stored " + r.testResults()
                        + " results, expected " + u.results() + (r.duplicate() ? " (duplicate)" : ""));
            }
        }
    }

    /** Reads every entry of every zip and drops the bytes. */
    private static void unzipAll(List<Upload> all) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (Upload u : all) {
            try (ZipFile zip = new ZipFile(u.part().file().toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    try (InputStream in = zip.getInputStream(entries.nextElement())) {
                        while (in.read(buffer) > 0) {
                            // only the inflating counts
                        }
                    }
                }
            }
        }
    }

    private List<Upload> uploads(String format, String series, int count, long seedBase) throws IOException {
        Instant start = Instant.parse("2026-10-01T08:00:00Z");
        List<Upload> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream(tests * 1024);
            long results;
            long payload;
            String name;
            if (format.equals("junit")) {
                JUnitReportGenerator.Written w = new JUnitReportGenerator(seedBase + i, JUnitReportGenerator.Shape.history())
                        .writeTests(body, tests);
                results = w.testCases();
                payload = w.bytes();
                name = "TEST-bench.xml";
            } else {
                AllureResultsGenerator.Written w = new AllureResultsGenerator(seedBase + i).writeZip(body, tests);
                results = w.results();
                payload = w.jsonBytes();
                name = "allure-results.zip";
            }
            UploadPart part = UploadPart.spool(name, new ByteArrayInputStream(body.toByteArray()), limits.maxUploadBytes(), 0);
            UploadMetadata metadata = new UploadMetadata(ComponentRef.parse("bench-" + format), "team-bench",
                    "git@example.com:acme/bench.git", "main", String.format(Locale.ROOT, "%040x", seedBase + i),
                    series + "-" + i, "tests", 1, "jdk17", null, "https://ci.example.com/" + series + "/" + i,
                    start.plus(Duration.ofHours(i)), null, "");
            out.add(new Upload(metadata, part, results, payload));
        }
        return out;
    }

    private Connection connect(String schema) throws SQLException {
        Connection c = DriverManager.getConnection(postgresUrl);
        c.setSchema(schema);
        return c;
    }

    /** A connection source that may throw. */
    private interface Connector {
        Connection open() throws SQLException;
    }

    private static void check(Connector connector, long results) {
        try (Connection c = connector.open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM test_results")) {
            rs.next();
            if (rs.getLong(1) != results) {
                throw new IllegalStateException("test_results holds " + rs.getLong(1) + " rows, expected " + results);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the stored rows", e);
        }
    }
}
