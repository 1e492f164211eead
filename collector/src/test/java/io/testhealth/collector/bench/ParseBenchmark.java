package io.testhealth.collector.bench;

import io.testhealth.collector.ingest.ResultAssembler;
import io.testhealth.collector.ingest.junit.JUnitXmlParser;
import io.testhealth.collector.ingest.junit.XmlFactoryAccess;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * How close our JUnit reading comes to the XML parser's own speed, on one large generated report.
 *
 * <p>The <b>floor</b> is a bare loop over the parser's own Aalto factory that only counts {@code testcase} start
 * elements: no reader can be faster with this parser, since every byte must still be tokenised. <b>Ours</b> is
 * {@link JUnitXmlParser} feeding a {@link ResultAssembler} whose downstream only counts: everything an upload costs
 * before the store. A third loop, the <b>decoding floor</b>, is the floor plus asking for the characters of every text
 * event: Aalto decodes text lazily, only when it is asked for, so this shows how much of the gap between the floor
 * and ours is the XML parser's decoding of text we ask for (output, stack traces) rather than our own code. All read
 * the same file (in the page cache after the first pass), through the same kind of
 * stream. They alternate, floor then ours, in each iteration so that drifting machine noise hits both alike; warm-up
 * iterations let the JIT compile both paths first. The median of the measured iterations is reported, in wall time and
 * in the process's CPU time: on a machine shared with other builds the second moves far less from run to run.
 */
final class ParseBenchmark {

    /** Target of ours/floor set for the parser. */
    static final double TARGET = 0.8;

    private final long reportBytes;
    private final int warmups;
    private final int iterations;

    ParseBenchmark(long reportBytes, int warmups, int iterations) {
        this.reportBytes = reportBytes;
        this.warmups = warmups;
        this.iterations = iterations;
    }

    void run(BenchReport report) throws Exception {
        Path file = Files.createTempFile("testhealth-bench-parse-", ".xml");
        try {
            long t0 = System.nanoTime();
            JUnitReportGenerator.Written written = new JUnitReportGenerator(42, JUnitReportGenerator.Shape.surefire())
                    .toFile(file, reportBytes);
            BenchReport.progress("parse: generated %s, %,d test cases in %.1f s", BenchReport.mb(written.bytes()),
                    written.testCases(), (System.nanoTime() - t0) / 1e9);
            XMLInputFactory factory = XmlFactoryAccess.parserFactory();
            XMLInputFactory jdkFactory = XMLInputFactory.newDefaultFactory();
            jdkFactory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
            List<Loop> loops = List.of(
                    new Loop("floor", () -> floor(factory, file)),
                    new Loop("decoding floor", () -> decodingFloor(factory, file)),
                    new Loop("ours", () -> ours(file)),
                    new Loop("JDK floor", () -> floor(jdkFactory, file)));
            for (int i = -warmups; i < iterations; i++) {
                StringBuilder line = new StringBuilder();
                for (Loop loop : loops) {
                    System.gc();
                    long wall = System.nanoTime();
                    long cpu = processCpuNanos();
                    long count = loop.body.read();
                    double wallSeconds = (System.nanoTime() - wall) / 1e9;
                    double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
                    check(written.testCases(), count, loop.name);
                    if (i >= 0) {
                        loop.wall[i] = wallSeconds;
                        loop.cpu[i] = cpuSeconds;
                    }
                    line.append(String.format(java.util.Locale.ROOT, ", %s %.3f s (%.3f s CPU)", loop.name, wallSeconds,
                            cpuSeconds));
                }
                BenchReport.progress("parse %s %d%s", i < 0 ? "warm-up" : "iteration", i < 0 ? i + warmups + 1 : i + 1,
                        line);
            }
            Loop floor = loops.get(0);
            Loop decoding = loops.get(1);
            Loop ours = loops.get(2);
            Loop jdk = loops.get(3);
            String size = BenchReport.mb(written.bytes()) + ", " + BenchReport.num(written.testCases()) + " test cases";
            String median = "median of " + iterations + " after " + warmups + " warm-up";
            report.add("parse", "report", size, "Surefire-like, generated (JUnitReportGenerator.Shape.surefire)");
            rows(report, "floor (bare Aalto loop)", written, floor, median);
            rows(report, "ours (JUnitXmlParser + ResultAssembler)", written, ours, median);
            report.ratio("parse", "ours / floor (throughput)", floor.wall() / ours.wall(), TARGET);
            report.ratio("parse", "ours / floor (process CPU time)", floor.cpu() / ours.cpu(), TARGET);
            report.add("parse", "decoding floor (floor + all text decoded) MB/s",
                    String.format(java.util.Locale.ROOT, "%.1f", written.bytes() / 1e6 / decoding.wall()),
                    BenchReport.secs(decoding.wall()) + ", " + BenchReport.secs(decoding.cpu()) + " CPU; " + median);
            report.add("parse", "ours / decoding floor", String.format(java.util.Locale.ROOT, "%.2f",
                    decoding.wall() / ours.wall()), String.format(java.util.Locale.ROOT, "%.2f by CPU time; for context: "
                    + "the parser's text decoding taken out of the gap", decoding.cpu() / ours.cpu()));
            report.add("parse", "JDK StAX floor (same bare loop) MB/s",
                    String.format(java.util.Locale.ROOT, "%.1f", written.bytes() / 1e6 / jdk.wall()),
                    BenchReport.secs(jdk.wall()) + "; " + median + "; the JDK's own reader, which decodes eagerly");
            report.add("parse", "ours / JDK StAX floor", String.format(java.util.Locale.ROOT, "%.2f",
                    jdk.wall() / ours.wall()), "for context: our whole parse against a bare loop of the JDK's reader");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void rows(BenchReport report, String what, JUnitReportGenerator.Written written, Loop loop,
                             String note) {
        double seconds = loop.wall();
        report.add("parse", what + " MB/s", String.format(java.util.Locale.ROOT, "%.1f", written.bytes() / 1e6 / seconds),
                String.format(java.util.Locale.ROOT, "%.1f MiB/s; %s; %s CPU (%.1f MB per CPU second); %s",
                        written.bytes() / 1048576.0 / seconds, BenchReport.secs(seconds), BenchReport.secs(loop.cpu()),
                        written.bytes() / 1e6 / loop.cpu(), note));
        report.add("parse", what + " results/s", BenchReport.num(written.testCases() / seconds), note);
    }

    /** One way of reading the report, and its times per measured iteration. */
    private final class Loop {
        final String name;
        final Read body;
        final double[] wall = new double[iterations];
        final double[] cpu = new double[iterations];

        Loop(String name, Read body) {
            this.name = name;
            this.body = body;
        }

        double wall() {
            return BenchReport.median(wall);
        }

        double cpu() {
            return BenchReport.median(cpu);
        }
    }

    /** Reads the report once and returns the test cases it counted. */
    @FunctionalInterface
    private interface Read {
        long read() throws Exception;
    }

    /**
     * CPU time of the whole process (the reading thread, the garbage collector and the compiler), which other
     * processes on a shared machine inflate far less than wall time: the benchmark reports both.
     */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The floor: tokenise everything, count test cases, nothing else. */
    private static long floor(XMLInputFactory factory, Path file) throws IOException, XMLStreamException {
        long testCases = 0;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && "testcase".equals(xml.getLocalName())) {
                    testCases++;
                }
            }
            xml.close();
        }
        return testCases;
    }

    /** The floor, plus the characters of every text event, which makes Aalto decode them. */
    private static long decodingFloor(XMLInputFactory factory, Path file) throws IOException, XMLStreamException {
        long testCases = 0;
        long chars = 0;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                switch (xml.next()) {
                    case XMLStreamConstants.START_ELEMENT -> testCases += "testcase".equals(xml.getLocalName()) ? 1 : 0;
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        xml.getTextCharacters();
                        chars += xml.getTextLength();
                    }
                    default -> { }
                }
            }
            xml.close();
        }
        return chars >= 0 ? testCases : -1;
    }

    /** Our path up to the store: parse, build attempts and results, group retries; downstream only counts. */
    private static long ours(Path file) throws IOException {
        long[] released = new long[1];
        ResultAssembler assembler = new ResultAssembler(UploadMetadata.of(ComponentRef.parse("bench")),
                r -> released[0]++);
        try (InputStream in = Files.newInputStream(file)) {
            new JUnitXmlParser().parse(in, "target/surefire-reports/TEST-bench.xml", assembler);
        }
        assembler.finish();
        return released[0];
    }

    private static void check(long expected, long actual, String path) {
        if (expected != actual) {
            throw new IllegalStateException(path + " read " + actual + " test cases, the generator wrote " + expected);
        }
    }
}
