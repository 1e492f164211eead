package io.testhealth.collector.bench;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The benchmark command: parse, store, memory and the optional benchmarks in one run, one table of numbers at the end.
 *
 * <p>Run it with {@code collector/bench.sh} (see {@code collector/BENCHMARKS.md}). Every size is a system property
 * whose default is the full benchmark, so {@code -Dbench.parse.mb=20 -Dbench.store.runs=5 -Dbench.memory.mb=50}
 * makes a smoke run of a few seconds:
 * <pre>
 * bench.only              parse,store,memory   which benchmarks to run
 * bench.parse.mb          200                  size of the parse report, MB (10^6 bytes)
 * bench.parse.warmups     2                    warm-up iterations (floor and ours each)
 * bench.parse.iterations  5                    measured iterations, the median is reported
 * bench.store.runs        100                  uploads in the history
 * bench.store.tests       2000                 test cases per upload
 * bench.store.warmups     10                   untimed uploads before each store's timed run
 * bench.postgres.url      jdbc:postgresql://127.0.0.1:5432/test?user=postgres   ("none" skips PostgreSQL)
 * bench.memory.mb         1000                 size of the large report, MB
 * bench.memory.xmx        256m                 heap cap of the child JVM
 * bench.read.components   50                   components of the read benchmark's history (not in the default run:
 * bench.read.tests        400                  tests per job run             add "read" to bench.only)
 * bench.read.runs         500                  job runs per component (50 x 400 x 500 = 10 million results)
 * bench.read.requests     1000                 timed requests per endpoint
 * bench.read.repeats      3                    warm refreshes after the first (history read and analysis split)
 * bench.read.schema       (none)               keep the read history in this schema and reuse it next time
 * bench.upload.uploads    50                   uploads per format (not in the default run: add "upload")
 * bench.upload.tests      2000                 tests per upload (one JUnit XML file, or a zip of Allure results)
 * bench.upload.warmups    5                    untimed uploads before each timed series
 * bench.upload.repeats    3                    passes without a store; the median is reported
 * bench.traces.exporters  10                   concurrent OTLP exporters (not in the default run: add "traces")
 * bench.traces.batches    20                   batches each exporter sends, per protocol
 * bench.traces.batch      512                  spans per batch
 * bench.traces.tests      64                   test spans per batch (the rest are database spans inside them)
 * bench.traces.both       true                 also the same job runs as JUnit XML first, then as spans (matched)
 * bench.traces.process    true                 the collector as its own process (java -Xmx$bench.collector.xmx -jar);
 *                                              false runs it in the benchmark's JVM, beside the exporters
 * bench.uploads           50                   end to end (add "e2e"): job runs the fleet uploads
 * bench.e2e.tests         2000                 tests per job run
 * bench.e2e.stores        duckdb,postgres      the collector's stores, one pass per store and input
 * bench.seed              11                   seed of the generated fleet (e2e and fleet)
 * bench.collector.xmx     256m                 heap cap of the collector process (e2e, fleet and traces)
 * bench.collector.options (none)               more JVM options of the collector process, space-separated, e.g.
 *                                              -XX:StartFlightRecording=filename=/tmp/collector.jfr
 * bench.fleet.uploaders   50                   concurrent uploaders, one component each (add "fleet"; PostgreSQL)
 * bench.fleet.uploads     20                   job runs each uploader sends, one after another
 * bench.fleet.tests       200                  tests per job run
 * bench.fleet.readers     10                   clients reading scorecards while the uploads run
 * bench.jar               target/collector.jar the collector jar (collector/bench.sh builds it for e2e and fleet)
 * bench.scratch           /dev/shm             where inputs and Allure's reports are written (tmpfs)
 * bench.latency.history   50                  uploads in the answer-latency benchmark's history (add "latency")
 * bench.latency.tests     2000                 tests per upload
 * bench.latency.timed     20                   timed uploads over HTTP, per store and mode
 * bench.latency.shards    1                    CI shards the timed uploads come from (10: uploads of 200 of 2000 tests)
 * bench.disk.results      1000000              disk cost of a day of results, per store (add "disk")
 * bench.disk.tests        2000                 tests per upload
 * bench.disk.components   5                    components the day's uploads are spread over
 * </pre>
 *
 * <p>Not a JMH benchmark on purpose: each measurement here is seconds long and end to end (files, a database
 * server, a child JVM), where JMH's machinery against dead-code elimination and timer granularity buys nothing,
 * while its forking and per-benchmark state would make one command with one table much harder.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> only = Arrays.stream(System.getProperty("bench.only", "parse,store,memory").split(","))
                .map(String::strip).collect(Collectors.toSet());
        BenchReport report = new BenchReport();
        report.add("machine", "cores / max heap", Runtime.getRuntime().availableProcessors() + " / "
                + BenchReport.mib(Runtime.getRuntime().maxMemory()), System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ", " + LocalDate.now());
        report.add("machine", "load average at start", loadAverage(), "1, 5 and 15 minutes (/proc/loadavg): other work on the machine");
        long start = System.nanoTime();
        if (only.contains("parse")) {
            new ParseBenchmark(megabytes("bench.parse.mb", 200), integer("bench.parse.warmups", 2),
                    integer("bench.parse.iterations", 5)).run(report);
        }
        if (only.contains("store")) {
            String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            new StoreBenchmark(integer("bench.store.runs", 100), integer("bench.store.tests", 2000),
                    integer("bench.store.warmups", 10), "none".equals(url) ? null : url).run(report);
        }
        if (only.contains("upload")) {
            String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            new UploadBenchmark(integer("bench.upload.uploads", 50), integer("bench.upload.tests", 2000),
                    integer("bench.upload.warmups", 5), integer("bench.upload.repeats", 3),
                    "none".equals(url) ? null : url).run(report);
        }
        if (only.contains("read")) {
            String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            new ReadBenchmark(integer("bench.read.components", 50), integer("bench.read.tests", 400),
                    integer("bench.read.runs", 500), integer("bench.read.requests", 1000), url).run(report);
        }
        if (only.contains("traces")) {
            String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            new TraceBenchmark(integer("bench.traces.exporters", 10), integer("bench.traces.batches", 20),
                    integer("bench.traces.batch", 512), integer("bench.traces.tests", 64), url,
                    Boolean.parseBoolean(System.getProperty("bench.traces.process", "true")) ? collectorJar() : null,
                    System.getProperty("bench.collector.xmx", "256m")).run(report);
        }
        if (only.contains("e2e")) {
            String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            new EndToEndBenchmark(integer("bench.seed", 11), integer("bench.uploads", 50), integer("bench.e2e.tests", 2000),
                    Arrays.stream(System.getProperty("bench.e2e.stores", "duckdb,postgres").split(",")).map(String::strip)
                            .filter(s -> !s.isEmpty()).toList(),
                    System.getProperty("bench.collector.xmx", "256m"), url, collectorJar(),
                    target().resolve("bench-allure"), scratch()).run(report);
        }
        if (only.contains("fleet")) {
            String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            new ConcurrentUploadBenchmark(integer("bench.seed", 11), integer("bench.fleet.uploaders", 50),
                    integer("bench.fleet.uploads", 20), integer("bench.fleet.tests", 200),
                    integer("bench.fleet.readers", 10), System.getProperty("bench.collector.xmx", "256m"), url, collectorJar(), scratch()).run(report);
        }
        if (only.contains("latency")) {
            String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            new AnswerLatencyBenchmark(integer("bench.latency.history", 50), integer("bench.latency.tests", 2000),
                    integer("bench.latency.timed", 20), integer("bench.latency.shards", 1),
                    "none".equals(url) ? null : url).run(report);
        }
        if (only.contains("disk")) {
            String url = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            new DiskBenchmark(Long.parseLong(System.getProperty("bench.disk.results", "1000000").strip()),
                    integer("bench.disk.tests", 2000), integer("bench.disk.components", 5),
                    "none".equals(url) ? null : url).run(report);
        }
        if (only.contains("memory")) {
            new MemoryBenchmark(megabytes("bench.memory.mb", 1000), System.getProperty("bench.memory.xmx", "256m"))
                    .run(report);
        }
        report.add("machine", "load average at end", loadAverage(), "");
        report.add("machine", "whole benchmark", BenchReport.secs((System.nanoTime() - start) / 1e9), "");
        report.print(System.out);
    }

    /** The module's build folder: the working directory is the module under exec:exec, the root in an IDE. */
    private static java.nio.file.Path target() {
        java.nio.file.Path module = java.nio.file.Path.of("target");
        return java.nio.file.Files.isDirectory(module.resolve("test-classes")) ? module : java.nio.file.Path.of("collector", "target");
    }

    private static java.nio.file.Path collectorJar() {
        String jar = System.getProperty("bench.jar");
        return jar == null ? target().resolve("collector.jar") : java.nio.file.Path.of(jar);
    }

    private static java.nio.file.Path scratch() {
        java.nio.file.Path shm = java.nio.file.Path.of(System.getProperty("bench.scratch", "/dev/shm"));
        return java.nio.file.Files.isDirectory(shm) ? shm : java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
    }

    static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static int integer(String property, int defaultValue) {
        return Integer.parseInt(System.getProperty(property, Integer.toString(defaultValue)).strip());
    }

    private static long megabytes(String property, long defaultValue) {
        return (long) (Double.parseDouble(System.getProperty(property, Long.toString(defaultValue)).strip()) * 1_000_000L);
    }
}
