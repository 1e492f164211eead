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
 * iterations let the JIT compile both paths first. The median of the measured iterations is reported.
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
            double[] floor = new double[iterations];
            double[] decoding = new double[iterations];
            double[] ours = new double[iterations];
            double[] jdk = new double[iterations];
            XMLInputFactory jdkFactory = XMLInputFactory.newDefaultFactory();
            jdkFactory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
            for (int i = -warmups; i < iterations; i++) {
                System.gc();
                long start = System.nanoTime();
                long floorCount = floor(factory, file);
                double floorSeconds = (System.nanoTime() - start) / 1e9;
                System.gc();
                start = System.nanoTime();
                long decodingCount = decodingFloor(factory, file);
                double decodingSeconds = (System.nanoTime() - start) / 1e9;
                System.gc();
                start = System.nanoTime();
                long ourCount = ours(file);
                double ourSeconds = (System.nanoTime() - start) / 1e9;
                System.gc();
                start = System.nanoTime();
                long jdkCount = floor(jdkFactory, file);
                double jdkSeconds = (System.nanoTime() - start) / 1e9;
                check(written.testCases(), jdkCount, "JDK floor");
                check(written.testCases(), floorCount, "floor");
                check(written.testCases(), decodingCount, "decoding floor");
                check(written.testCases(), ourCount, "ours");
                BenchReport.progress("parse %s %d: floor %.3f s, decoding floor %.3f s, ours %.3f s",
                        i < 0 ? "warm-up" : "iteration", i < 0 ? i + warmups + 1 : i + 1, floorSeconds,
                        decodingSeconds, ourSeconds);
                if (i >= 0) {
                    floor[i] = floorSeconds;
                    decoding[i] = decodingSeconds;
                    ours[i] = ourSeconds;
                    jdk[i] = jdkSeconds;
                }
            }
            double floorSeconds = BenchReport.median(floor);
            double ourSeconds = BenchReport.median(ours);
            String size = BenchReport.mb(written.bytes()) + ", " + BenchReport.num(written.testCases()) + " test cases";
            String median = "median of " + iterations + " after " + warmups + " warm-up";
            report.add("parse", "report", size, "Surefire-like, generated (JUnitReportGenerator.Shape.surefire)");
            rows(report, "floor (bare Aalto loop)", written, floorSeconds, median);
            rows(report, "ours (JUnitXmlParser + ResultAssembler)", written, ourSeconds, median);
            report.ratio("parse", "ours / floor (throughput)", floorSeconds / ourSeconds, TARGET);
            double decodingSeconds = BenchReport.median(decoding);
            report.add("parse", "decoding floor (floor + all text decoded) MB/s",
                    String.format(java.util.Locale.ROOT, "%.1f", written.bytes() / 1e6 / decodingSeconds),
                    BenchReport.secs(decodingSeconds) + "; " + median);
            report.add("parse", "ours / decoding floor", String.format(java.util.Locale.ROOT, "%.2f",
                    decodingSeconds / ourSeconds), "for context: the parser's text decoding taken out of the gap");
            double jdkSeconds = BenchReport.median(jdk);
            report.add("parse", "JDK StAX floor (same bare loop) MB/s",
                    String.format(java.util.Locale.ROOT, "%.1f", written.bytes() / 1e6 / jdkSeconds),
                    BenchReport.secs(jdkSeconds) + "; " + median + "; the JDK's own reader, which decodes eagerly");
            report.add("parse", "ours / JDK StAX floor", String.format(java.util.Locale.ROOT, "%.2f",
                    jdkSeconds / ourSeconds), "for context: our whole parse against a bare loop of the JDK's reader");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void rows(BenchReport report, String what, JUnitReportGenerator.Written written, double seconds,
                             String note) {
        report.add("parse", what + " MB/s", String.format(java.util.Locale.ROOT, "%.1f", written.bytes() / 1e6 / seconds),
                String.format(java.util.Locale.ROOT, "%.1f MiB/s; %s; %s", written.bytes() / 1048576.0 / seconds,
                        BenchReport.secs(seconds), note));
        report.add("parse", what + " results/s", BenchReport.num(written.testCases() / seconds), note);
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
