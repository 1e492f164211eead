package io.testhealth.collector.bench;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes synthetic Surefire-style JUnit XML for the benchmarks, streaming, deterministically from a seed.
 *
 * <p>The documents look like what Maven Surefire 3 writes, so the parser does the work it does in production: one
 * {@code <testsuites>} root holding many {@code <testsuite>} elements, each with the JVM's {@code <properties>};
 * test cases with {@code classname}, {@code name} and {@code time}; failures and errors with an escaped
 * {@code message} attribute and a stack trace in CDATA; Surefire's {@code flakyFailure} (a failed attempt before a
 * pass, with its own {@code stackTrace} and {@code system-out}) and {@code rerunFailure}; JUnit 5 style per-test
 * {@code <properties>}; {@code system-out}/{@code system-err} blocks of log lines, some with non-ASCII characters.
 *
 * <p>Test names depend only on the suite and test position, outcomes on the seed: documents written with different
 * seeds are successive runs of the same test suite, which is what a history is. Nothing is held in memory but the
 * current line, so a gigabyte report costs no heap (it is written straight to a file by {@link #toFile}).
 */
public final class JUnitReportGenerator {

    /**
     * The shape of a generated report.
     *
     * @param testsPerSuite  test cases per {@code testsuite}
     * @param failureRate    share of test cases with a {@code failure} (half of them with a {@code rerunFailure})
     * @param errorRate      share with an {@code error}
     * @param skipRate       share with {@code skipped}
     * @param flakyRate      share that passed after a {@code flakyFailure}
     * @param outputRate     share with a {@code system-out} block
     * @param outputLines    log lines in a typical block (actual: a quarter to twice as many; one line is ~110 bytes)
     * @param propertyRate   share with JUnit 5 style per-test {@code properties}
     */
    public record Shape(int testsPerSuite, double failureRate, double errorRate, double skipRate, double flakyRate,
                        double outputRate, int outputLines, double propertyRate) {

        /**
         * A report as a mid-sized service's unit tests write it: a few per cent failing or flaky, a third of the tests
         * logging a few kilobytes. About 1.6 KB per test case on average.
         */
        public static Shape surefire() {
            return new Shape(40, 0.03, 0.005, 0.01, 0.02, 0.35, 24, 0.1);
        }

        /** The history runs: same mix of outcomes, little output, so that storing (not reading) dominates. */
        public static Shape history() {
            return new Shape(20, 0.03, 0.005, 0.01, 0.02, 0.05, 4, 0.1);
        }

        /** A monorepo's report with chatty tests: most test cases log, in blocks of several kilobytes. */
        public static Shape chatty() {
            return new Shape(50, 0.03, 0.005, 0.01, 0.02, 0.6, 40, 0.1);
        }
    }

    /**
     * What was written, for checking that a benchmark read everything.
     *
     * @param bytes     the document's size in bytes
     * @param testCases {@code testcase} elements (also the number of test results: no test case is repeated)
     * @param failed    test cases whose final outcome is a failure or an error
     * @param flaky     test cases with a {@code flakyFailure}
     * @param attempts  attempts in all (a test case with a flaky or rerun element has two)
     */
    public record Written(long bytes, long testCases, long failed, long flaky, long attempts) {
    }

    private static final String[] PACKAGES = {"payments", "checkout", "inventory", "shipping", "identity",
            "notifications", "pricing", "search"};
    private static final String[] CLASSES = {"Service", "Repository", "Controller", "Mapper", "Validator", "Client",
            "Scheduler", "Cache"};
    private static final String[] VERBS = {"charges", "refunds", "validates", "reserves", "releases", "notifies",
            "retries", "rejects", "maps", "caches", "expires", "locks"};
    private static final String[] OBJECTS = {"Order", "Card", "Basket", "Parcel", "Token", "Invoice", "Address",
            "Discount", "Session", "Webhook"};
    private static final String[][] FAILURES = {
            {"org.opentest4j.AssertionFailedError", "expected: <200> but was: <503>"},
            {"java.net.SocketTimeoutException", "Read timed out after 5000 ms"},
            {"org.awaitility.core.ConditionTimeoutException",
                    "Condition with lambda expression in \"OrderIT\" was not fulfilled within 10 seconds."},
            {"java.lang.AssertionError", "Expected size: 3 but was: 2 in: [Order{id=1, total=19.99 €}, Order{id=2}]"}};
    private static final String JVM_PROPERTIES = "    <properties>\n"
            + "      <property name=\"java.version\" value=\"17.0.15\"/>\n"
            + "      <property name=\"java.vendor\" value=\"Debian\"/>\n"
            + "      <property name=\"os.name\" value=\"Linux\"/>\n"
            + "      <property name=\"user.dir\" value=\"/builds/acme/payments\"/>\n"
            + "      <property name=\"surefire.test.class.path\" value=\"/builds/acme/payments/target/test-classes:"
            + "/builds/acme/payments/target/classes:/root/.m2/repository/org/junit/jupiter/junit-jupiter-api/5.14.0/"
            + "junit-jupiter-api-5.14.0.jar\"/>\n"
            + "    </properties>\n";

    private final long seed;
    private final Shape shape;

    /**
     * @param seed  fixes every outcome and every size, so a benchmark reads the same document each time
     * @param shape the mix of outcomes and output
     */
    public JUnitReportGenerator(long seed, Shape shape) {
        this.seed = seed;
        this.shape = shape;
    }

    /** Writes a document of exactly {@code tests} test cases. The stream is flushed, not closed. */
    public Written writeTests(OutputStream out, long tests) throws IOException {
        return write(out, tests, Long.MAX_VALUE);
    }

    /** Writes whole test suites until the document holds at least {@code bytes} bytes. Flushed, not closed. */
    public Written writeBytes(OutputStream out, long bytes) throws IOException {
        return write(out, Long.MAX_VALUE, bytes);
    }

    /** Writes a document of at least {@code bytes} bytes to {@code file}, replacing it. */
    public Written toFile(Path file, long bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return writeBytes(out, bytes);
        }
    }

    private Written write(OutputStream raw, long maxTests, long minBytes) throws IOException {
        Counting counted = new Counting(raw);
        Writer w = new BufferedWriter(new OutputStreamWriter(counted, StandardCharsets.UTF_8), 1 << 16);
        Document doc = new Document(w, new Random(seed));
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"Surefire test run\">\n");
        for (int suite = 0; doc.testCases < maxTests; suite++) {
            w.flush(); // so that the byte count is exact at suite boundaries
            if (counted.count >= minBytes) {
                break;
            }
            doc.suite(suite, (int) Math.min(shape.testsPerSuite(), maxTests - doc.testCases));
        }
        w.write("</testsuites>\n");
        w.flush();
        return new Written(counted.count, doc.testCases, doc.failed, doc.flaky, doc.attempts);
    }

    /** The writing of one document: its random source, its writer and its tallies. */
    private final class Document {
        private final Writer w;
        private final Random random;
        private final StringBuilder line = new StringBuilder(256);
        long testCases;
        long failed;
        long flaky;
        long attempts;

        Document(Writer w, Random random) {
            this.w = w;
            this.random = random;
        }

        void suite(int suite, int tests) throws IOException {
            String className = className(suite);
            w.write("  <testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" version=\"3.0.2\" name=\"");
            w.write(className);
            w.write("\" time=\"");
            w.write(seconds(random.nextInt(20_000)));
            w.write("\" tests=\"" + tests + "\" errors=\"0\" skipped=\"0\" failures=\"0\">\n");
            w.write(JVM_PROPERTIES);
            for (int t = 0; t < tests; t++) {
                testCase(suite, className, t);
            }
            w.write("  </testsuite>\n");
        }

        private void testCase(int suite, String className, int t) throws IOException {
            testCases++;
            attempts++;
            double roll = random.nextDouble();
            boolean failure = roll < shape.failureRate();
            boolean error = !failure && roll < shape.failureRate() + shape.errorRate();
            boolean skipped = !failure && !error && roll < shape.failureRate() + shape.errorRate() + shape.skipRate();
            boolean flakyCase = !failure && !error && !skipped
                    && roll < shape.failureRate() + shape.errorRate() + shape.skipRate() + shape.flakyRate();
            w.write("    <testcase name=\"");
            w.write(VERBS[(suite + t) % VERBS.length]);
            w.write(OBJECTS[t % OBJECTS.length]);
            w.write("_");
            w.write(Integer.toString(t));
            w.write("\" classname=\"");
            w.write(className);
            w.write("\" time=\"");
            w.write(seconds(random.nextInt(3_000)));
            boolean output = random.nextDouble() < shape.outputRate();
            boolean properties = random.nextDouble() < shape.propertyRate();
            if (!failure && !error && !skipped && !flakyCase && !output && !properties) {
                w.write("\"/>\n");
                return;
            }
            w.write("\">\n");
            if (properties) {
                w.write("      <properties>\n        <property name=\"layer\" value=\"unit\"/>\n"
                        + "        <property name=\"tag\" value=\"" + (t % 3 == 0 ? "slow" : "fast") + "\"/>\n"
                        + "      </properties>\n");
            }
            if (failure || error) {
                failed++;
                outcome(failure ? "failure" : "error", failure ? 0 : 1, suite, t, "      ");
                if (failure && random.nextBoolean()) {
                    attempts++;
                    w.write("      <rerunFailure message=\"");
                    w.write(escape(FAILURES[0][1]));
                    w.write("\" type=\"" + FAILURES[0][0] + "\">\n        <stackTrace><![CDATA[");
                    stackTrace(className);
                    w.write("]]></stackTrace>\n      </rerunFailure>\n");
                }
            } else if (skipped) {
                w.write("      <skipped message=\"disabled: flaky on CI, see JIRA-1234\"/>\n");
            } else if (flakyCase) {
                flaky++;
                attempts++;
                w.write("      <flakyFailure message=\"");
                String[] f = FAILURES[1 + t % (FAILURES.length - 1)];
                w.write(escape(f[1]));
                w.write("\" type=\"" + f[0] + "\">\n        <stackTrace><![CDATA[");
                stackTrace(className);
                w.write("]]></stackTrace>\n        <system-out><![CDATA[");
                logLines(suite, 1 + shape.outputLines() / 4);
                w.write("]]></system-out>\n      </flakyFailure>\n");
            }
            if (output) {
                w.write("      <system-out><![CDATA[");
                logLines(suite, shape.outputLines() / 4 + random.nextInt(Math.max(1, shape.outputLines() * 7 / 4)));
                w.write("]]></system-out>\n");
                if (random.nextInt(8) == 0) {
                    w.write("      <system-err><![CDATA[WARNING: An illegal reflective access operation has occurred\n"
                            + "WARNING: Please consider reporting this to the maintainers of org.mockito\n]]></system-err>\n");
                }
            }
            w.write("    </testcase>\n");
        }

        private void outcome(String element, int kind, int suite, int t, String indent) throws IOException {
            String[] f = FAILURES[(kind + suite + t) % FAILURES.length];
            w.write(indent);
            w.write("<" + element + " message=\"");
            w.write(escape(f[1]));
            w.write("\" type=\"" + f[0] + "\"><![CDATA[" + f[0] + ": " + f[1] + "\n");
            stackTrace(className(suite));
            w.write("]]></" + element + ">\n");
        }

        /** About 30 frames, as an assertion failure deep in a Spring/JUnit stack has. */
        private void stackTrace(String className) throws IOException {
            int frames = 20 + random.nextInt(20);
            for (int i = 0; i < frames; i++) {
                line.setLength(0);
                line.append("\tat ");
                if (i < 4) {
                    line.append(className).append('.').append(VERBS[i]).append("(")
                            .append(className, className.lastIndexOf('.') + 1, className.length())
                            .append(".java:").append(40 + random.nextInt(400)).append(")\n");
                } else {
                    line.append("org.junit.platform.engine.support.hierarchical.NodeTestTask.executeRecursively")
                            .append("(NodeTestTask.java:").append(100 + i).append(")\n");
                }
                w.append(line);
            }
        }

        /** Log lines of about 110 bytes in four kinds; one kind holds non-ASCII text, another an arrow. */
        private void logLines(int suite, int lines) throws IOException {
            String logger = PACKAGES[suite % PACKAGES.length] + "." + OBJECTS[suite % OBJECTS.length]
                    + CLASSES[suite % CLASSES.length];
            for (int i = 0; i < lines; i++) {
                line.setLength(0);
                line.append("2026-11-02 10:").append(10 + i % 50).append(':').append(10 + random.nextInt(50))
                        .append('.').append(100 + random.nextInt(900));
                int id = random.nextInt(100_000);
                int ms = random.nextInt(900);
                switch (random.nextInt(4)) {
                    case 0 -> line.append(" INFO  [main] c.a.").append(logger).append(" - started request id=")
                            .append(id).append(" in ").append(ms).append(" ms, status=OK");
                    case 1 -> line.append(" DEBUG [pool-1-thread-2] org.hibernate.SQL - select o1_0.id,o1_0.total")
                            .append(" from orders o1_0 where o1_0.id=").append(id);
                    case 2 -> line.append(" WARN  [main] c.a.").append(logger)
                            .append(" - connection reset, attempt ").append(1 + ms % 3).append(" of 3 → backing off");
                    default -> line.append(" INFO  [main] c.a.").append(logger).append(" - Bestätigung für Kunde ")
                            .append(id).append(" gesendet, Dauer ").append(ms).append(" ms");
                }
                line.append('\n');
                w.append(line);
            }
        }
    }

    private static String className(int suite) {
        return "com.acme." + PACKAGES[suite % PACKAGES.length] + ".module" + (suite / 64) + "."
                + OBJECTS[suite % OBJECTS.length] + CLASSES[(suite / PACKAGES.length) % CLASSES.length] + suite + "Test";
    }

    private static String seconds(int millis) {
        return millis / 1000 + "." + (char) ('0' + millis / 100 % 10) + (char) ('0' + millis / 10 % 10)
                + (char) ('0' + millis % 10);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Counts the bytes that reach the underlying stream. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
