package io.testhealth.collector.bench;

import io.testhealth.collector.ingest.IngestLimits;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.ExpiredRows;
import io.testhealth.collector.store.RetentionRepository;
import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.store.UploadReceipt;
import io.testhealth.collector.store.duckdb.DuckDbHistoryStore;
import io.testhealth.collector.store.postgres.PostgresHistoryStore;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a day of a million results costs on disk, per store, and what retention's deletion of half of it costs
 * ({@code -Dbench.only=disk}).
 *
 * <p>The day is {@code bench.disk.results} results (default 1,000,000) in uploads of {@code bench.disk.tests} test
 * cases (2,000), spread over {@code bench.disk.components} components (5) and over one day, as Surefire writes them
 * ({@link JUnitReportGenerator.Shape#surefire()}: 3 % failures, half of them rerun and failing again, 0.5 % errors,
 * 1 % skipped, 2 % flaky with a failed attempt first, a third with logged output), through {@link IngestService} as
 * uploads arrive: each report is generated, spooled and ingested in turn, so nothing but the store grows.
 *
 * <p>Measured: rows per table and bytes on disk: PostgreSQL's {@code pg_total_relation_size} per table (heap, TOAST
 * and indexes) after {@code ANALYZE}; DuckDB's file after {@code CHECKPOINT}. Then retention deletes the older half
 * of the day through {@link RetentionRepository#expireRuns} in batches of 10,000 results, timed (rows per second and
 * the longest transaction: on DuckDB, the longest an upload's commit could wait), and the bytes are taken again:
 * neither store gives space back to the file system by itself (PostgreSQL reuses it after {@code VACUUM}, shown;
 * DuckDB reuses freed blocks).
 */
final class DiskBenchmark {

    private static final int BATCH_RESULTS = 10_000;
    private static final List<String> TABLES = List.of("runs", "uploads", "test_results", "test_attempts");
    private static final Instant DAY = Instant.parse("2026-10-01T00:00:00Z");

    private final long results;
    private final int testsPerUpload;
    private final int components;
    private final String postgresUrl;
    private final IngestLimits limits = IngestLimits.defaults();

    DiskBenchmark(long results, int testsPerUpload, int components, String postgresUrl) {
        this.results = results;
        this.testsPerUpload = testsPerUpload;
        this.components = components;
        this.postgresUrl = postgresUrl;
    }

    private int uploads() {
        return (int) ((results + testsPerUpload - 1) / testsPerUpload);
    }

    void run(BenchReport report) throws Exception {
        report.add("disk", "the day", String.format(Locale.ROOT, "%,d uploads x %,d tests", uploads(), testsPerUpload),
                String.format(Locale.ROOT, "%d components, Surefire-like (3 %% failed, half rerun; 0.5 %% errors; "
                        + "1 %% skipped; 2 %% flaky)", components));
        Path dir = Files.createTempDirectory("testhealth-bench-disk-");
        try {
            Path file = dir.resolve("h.duckdb");
            try (DuckDbHistoryStore duck = new DuckDbHistoryStore(file.toString())) {
                Sizes loaded = load(duck, "DuckDB");
                checkpoint(duck);
                long bytes = Files.size(file);
                Map<String, Long> rows = rows(duck.openConnection());
                rows(report, "DuckDB", rows);
                report.add("disk", "DuckDB: file after CHECKPOINT", BenchReport.mb(bytes), String.format(Locale.ROOT,
                        "%.0f bytes per result; loaded in %s", bytes / (double) rows.get("test_results"),
                        BenchReport.secs(loaded.seconds)));
                Deletion d = deleteOlderHalf(duck);
                checkpoint(duck);
                report.add("disk", "DuckDB: retention deletes the older half", deletionRate(d), deletionNote(d)
                        + String.format(Locale.ROOT, "; file after CHECKPOINT %s (freed blocks are reused, the file does"
                        + " not shrink)", BenchReport.mb(Files.size(file))));
            }
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        if (postgresUrl == null) {
            return;
        }
        String schema = "th_bench_disk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            try (PostgresHistoryStore pg = new PostgresHistoryStore(postgresUrl, null, null, schema, 2)) {
                Sizes loaded = load(pg, "PostgreSQL");
                try (Connection c = connect(schema); Statement s = c.createStatement()) {
                    s.execute("ANALYZE");
                }
                Map<String, Long> rows = rows(connect(schema));
                rows(report, "PostgreSQL", rows);
                Map<String, long[]> sizes = postgresSizes(schema);
                long total = 0;
                for (String table : TABLES) {
                    long[] s = sizes.get(table);
                    total += s[0];
                    report.add("disk", "PostgreSQL: " + table, BenchReport.mb(s[0]), String.format(Locale.ROOT,
                            "pg_total_relation_size: heap %s, TOAST %s, indexes %s", BenchReport.mb(s[1]),
                            BenchReport.mb(s[2]), BenchReport.mb(s[3])));
                }
                report.add("disk", "PostgreSQL: all four tables", BenchReport.mb(total), String.format(Locale.ROOT,
                        "%.0f bytes per result; loaded in %s", total / (double) rows.get("test_results"),
                        BenchReport.secs(loaded.seconds)));
                Deletion d = deleteOlderHalf(pg);
                long after = postgresTotal(schema);
                try (Connection c = connect(schema); Statement s = c.createStatement()) {
                    c.setAutoCommit(true);
                    s.execute("VACUUM");
                }
                report.add("disk", "PostgreSQL: retention deletes the older half", deletionRate(d), deletionNote(d)
                        + String.format(Locale.ROOT, "; tables %s right after, %s after VACUUM (space reused, not "
                        + "returned)", BenchReport.mb(after), BenchReport.mb(postgresTotal(schema))));
            }
        } finally {
            try (Connection c = DriverManager.getConnection(postgresUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private record Sizes(double seconds) {
    }

    /** The day's uploads, generated, spooled and ingested one after another. */
    private Sizes load(TestHistoryStore store, String name) throws IOException {
        IngestService ingest = new IngestService(store, limits);
        long start = System.nanoTime();
        long stored = 0;
        int n = uploads();
        Duration spacing = Duration.ofDays(1).dividedBy(n);
        for (int i = 0; i < n; i++) {
            int tests = (int) Math.min(testsPerUpload, results - stored);
            ByteArrayOutputStream body = new ByteArrayOutputStream(tests * 2048);
            // Test names depend only on their position, outcomes on the seed: successive runs of one test suite.
            long written = new JUnitReportGenerator(1_000L + i, JUnitReportGenerator.Shape.surefire())
                    .writeTests(body, tests).testCases();
            UploadPart part = UploadPart.spool("TEST-bench.xml", new ByteArrayInputStream(body.toByteArray()),
                    limits.maxUploadBytes(), 0);
            try {
                UploadMetadata m = new UploadMetadata(ComponentRef.parse("disk-" + (i % components)), "team-disk",
                        "git@example.com:acme/disk.git", "main", String.format(Locale.ROOT, "%040x", 7_000L + i),
                        "day-" + i, "tests", 1, "jdk17", null, "https://ci.example.com/day/" + i,
                        DAY.plus(spacing.multipliedBy(i)), null, "");
                UploadReceipt r = ingest.ingest(m, List.of(part), Optional.empty());
                if (r.testResults() != written) {
                    throw new IllegalStateException("upload " + i + " stored " + r.testResults() + " of " + written);
                }
                stored += r.testResults();
            } finally {
                part.delete();
            }
            if ((i + 1) % 50 == 0) {
                BenchReport.progress("disk %s: %,d results in %.0f s", name, stored, (System.nanoTime() - start) / 1e9);
            }
        }
        return new Sizes((System.nanoTime() - start) / 1e9);
    }

    private record Deletion(ExpiredRows rows, int transactions, double seconds, double longest) {
    }

    /** Deletes the runs of the first half of the day, batch after batch, timing each. */
    private static Deletion deleteOlderHalf(RetentionRepository store) {
        Instant cut = DAY.plus(Duration.ofHours(12));
        ExpiredRows total = ExpiredRows.NONE;
        int transactions = 0;
        double longest = 0;
        long start = System.nanoTime();
        while (true) {
            long t = System.nanoTime();
            ExpiredRows batch = store.expireRuns(cut, BATCH_RESULTS);
            if (batch.runs() == 0) {
                break;
            }
            longest = Math.max(longest, (System.nanoTime() - t) / 1e9);
            transactions++;
            total = total.plus(batch);
        }
        return new Deletion(total, transactions, (System.nanoTime() - start) / 1e9, longest);
    }

    private static String deletionRate(Deletion d) {
        return BenchReport.num(d.rows().total() / d.seconds()) + " rows/s";
    }

    private static String deletionNote(Deletion d) {
        return String.format(Locale.ROOT, "%,d runs, %,d uploads, %,d results, %,d attempts in %d transactions, %s;"
                        + " longest transaction %.0f ms", d.rows().runs(), d.rows().uploads(), d.rows().testResults(),
                d.rows().testAttempts(), d.transactions(), BenchReport.secs(d.seconds()), d.longest() * 1000);
    }

    private static void rows(BenchReport report, String store, Map<String, Long> rows) {
        report.add("disk", store + ": rows", String.format(Locale.ROOT, "%,d results", rows.get("test_results")),
                String.format(Locale.ROOT, "runs %,d; uploads %,d; test_attempts %,d", rows.get("runs"),
                        rows.get("uploads"), rows.get("test_attempts")));
    }

    private static void checkpoint(DuckDbHistoryStore duck) throws SQLException {
        try (Connection c = duck.openConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    /** Rows per table; closes the connection. */
    private static Map<String, Long> rows(Connection connection) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = connection; Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    rows.put(table, rs.getLong(1));
                }
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        }
        return rows;
    }

    /** Per table: total, heap, TOAST and index bytes. */
    private Map<String, long[]> postgresSizes(String schema) throws SQLException {
        Map<String, long[]> sizes = new LinkedHashMap<>();
        try (Connection c = connect(schema); PreparedStatement ps = c.prepareStatement("SELECT"
                + " pg_total_relation_size(cl.oid), pg_relation_size(cl.oid),"
                + " coalesce(pg_total_relation_size(nullif(cl.reltoastrelid, 0)), 0), pg_indexes_size(cl.oid)"
                + " FROM pg_class cl JOIN pg_namespace ns ON ns.oid = cl.relnamespace"
                + " WHERE ns.nspname = ? AND cl.relname = ?")) {
            for (String table : TABLES) {
                ps.setString(1, schema);
                ps.setString(2, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    sizes.put(table, new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return sizes;
    }

    private long postgresTotal(String schema) throws SQLException {
        return postgresSizes(schema).values().stream().mapToLong(s -> s[0]).sum();
    }

    private Connection connect(String schema) throws SQLException {
        Connection c = DriverManager.getConnection(postgresUrl);
        c.setSchema(schema);
        return c;
    }
}
