package io.testhealth.collector.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes synthetic Allure 2 results, zipped as a CI job uploads its {@code allure-results} folder, deterministically
 * from a seed.
 *
 * <p>Each test is one {@code *-result.json} as Allure's Java integrations write it: uuid, historyId, testCaseId,
 * fullName, the labels of a JUnit 5 run (host, thread, framework, language, package, testClass, testMethod, suite),
 * start and stop, a few steps with their own times and sometimes parameters, and status details with a stack trace
 * when it failed. Every twentieth test has a {@code *-container.json} with a fixture (counted by no test), and the
 * zip holds an {@code executor.json} (skipped by the reader). Test names depend only on the position, outcomes on
 * the seed, so zips written with different seeds are runs of one suite. About 1.4 KB of JSON per result.
 */
final class AllureResultsGenerator {

    private static final String[] PACKAGES = {"payments", "checkout", "inventory", "shipping", "identity"};
    private static final String[] VERBS = {"charges", "refunds", "validates", "reserves", "releases", "notifies"};
    private static final String[] OBJECTS = {"Order", "Card", "Basket", "Parcel", "Token", "Invoice", "Address"};

    /**
     * What was written.
     *
     * @param zipBytes  the zip's size
     * @param jsonBytes the uncompressed size of its result and container files
     * @param results   result files (one test result each: no retries are written)
     */
    record Written(long zipBytes, long jsonBytes, long results) {
    }

    private final long seed;

    AllureResultsGenerator(long seed) {
        this.seed = seed;
    }

    /** Writes a zip of {@code tests} results; the stream is finished, not closed. */
    Written writeZip(OutputStream out, int tests) throws IOException {
        Random random = new Random(seed);
        CountingStream counted = new CountingStream(out);
        ZipOutputStream zip = new ZipOutputStream(counted);
        long json = 0;
        StringBuilder b = new StringBuilder(2048);
        for (int t = 0; t < tests; t++) {
            b.setLength(0);
            result(b, t, random);
            json += entry(zip, new UUID(seed, t) + "-result.json", b);
            if (t % 20 == 0) {
                b.setLength(0);
                b.append("{\"uuid\":\"").append(new UUID(seed, -t - 1)).append("\",\"children\":[\"")
                        .append(new UUID(seed, t)).append("\"],\"befores\":[{\"name\":\"setUp\",\"status\":\"passed\",")
                        .append("\"stage\":\"finished\",\"start\":1764000000000,\"stop\":1764000000012}],\"start\":")
                        .append("1764000000000,\"stop\":1764000001000}");
                json += entry(zip, new UUID(seed, -t - 1) + "-container.json", b);
            }
        }
        b.setLength(0);
        b.append("{\"name\":\"GitLab\",\"type\":\"gitlab\",\"buildName\":\"build ").append(seed).append("\"}");
        entry(zip, "executor.json", b);
        zip.finish();
        return new Written(counted.count, json, tests);
    }

    private static long entry(ZipOutputStream zip, String name, CharSequence text) throws IOException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
        return bytes.length;
    }

    private void result(StringBuilder b, int t, Random random) {
        String pkg = "com.acme." + PACKAGES[t / 40 % PACKAGES.length];
        String cls = OBJECTS[t / 40 % OBJECTS.length] + "Service" + (t / 40) + "Test";
        String method = VERBS[t % VERBS.length] + OBJECTS[t % OBJECTS.length] + "_" + (t % 40);
        double roll = random.nextDouble();
        String status = roll < 0.03 ? "failed" : roll < 0.035 ? "broken" : roll < 0.045 ? "skipped" : "passed";
        long start = 1_764_000_000_000L + t * 1_500L + random.nextInt(500);
        long stop = start + random.nextInt(3_000);
        boolean parameterized = t % 10 == 0;
        String history = Long.toHexString(pkg.hashCode() * 31L + cls.hashCode()) + Integer.toHexString(method.hashCode())
                + (parameterized ? "p" + t % 3 : "");
        b.append("{\"uuid\":\"").append(new UUID(seed, t)).append("\",\"historyId\":\"").append(history)
                .append("\",\"testCaseId\":\"").append(Integer.toHexString((pkg + cls + method).hashCode()))
                .append("\",\"fullName\":\"").append(pkg).append('.').append(cls).append('.').append(method)
                .append("\",\"labels\":[");
        label(b, "host", "runner-" + (seed % 7) + ".ci.acme.internal").append(',');
        label(b, "thread", "12345@runner.ForkJoinPool-1-worker-" + (t % 4 + 1)).append(',');
        label(b, "framework", "junit-platform").append(',');
        label(b, "language", "java").append(',');
        label(b, "package", pkg).append(',');
        label(b, "testClass", pkg + "." + cls).append(',');
        label(b, "testMethod", method).append(',');
        label(b, "suite", pkg + "." + cls).append(',');
        label(b, "junit.platform.uniqueid", "[engine:junit-jupiter]/[class:" + pkg + "." + cls + "]/[method:" + method + "()]");
        if (t % 7 == 0) {
            b.append(',');
            label(b, "tag", t % 14 == 0 ? "slow" : "smoke");
        }
        b.append("],\"links\":[],\"name\":\"").append(method).append("()\",\"status\":\"").append(status).append('"');
        if (!status.equals("passed")) {
            b.append(",\"statusDetails\":{\"known\":false,\"muted\":false,\"flaky\":false,\"message\":\"")
                    .append(status.equals("skipped") ? "disabled on CI" : "expected: <200> but was: <503>")
                    .append("\",\"trace\":\"org.opentest4j.AssertionFailedError: expected: <200> but was: <503>\\n");
            for (int f = 0; f < 8; f++) {
                b.append("\\tat ").append(pkg).append('.').append(cls).append('.').append(VERBS[f % VERBS.length])
                        .append('(').append(cls).append(".java:").append(40 + random.nextInt(300)).append(")\\n");
            }
            b.append("\"}");
        } else {
            b.append(",\"statusDetails\":{\"known\":false,\"muted\":false,\"flaky\":false}");
        }
        b.append(",\"stage\":\"finished\",\"description\":\"Checks that the service ").append(VERBS[t % VERBS.length])
                .append(" an ").append(OBJECTS[t % OBJECTS.length].toLowerCase(Locale.ROOT))
                .append("\",\"steps\":[");
        int steps = 2 + t % 3;
        long at = start;
        for (int s = 0; s < steps; s++) {
            long end = at + random.nextInt(200);
            b.append(s == 0 ? "" : ",").append("{\"name\":\"step ").append(s + 1).append(": ")
                    .append(s == 0 ? "given a fresh repository" : s == 1 ? "when the request is sent" : "then it is stored")
                    .append("\",\"status\":\"passed\",\"stage\":\"finished\",\"steps\":[],\"attachments\":[],")
                    .append("\"parameters\":[],\"start\":").append(at).append(",\"stop\":").append(end).append('}');
            at = end;
        }
        b.append("],\"attachments\":[");
        if (t % 5 == 0) {
            b.append("{\"name\":\"log\",\"source\":\"").append(new UUID(seed, t + 1_000_000))
                    .append("-attachment.txt\",\"type\":\"text/plain\"}");
        }
        b.append("],\"parameters\":[");
        if (parameterized) {
            b.append("{\"name\":\"amount\",\"value\":\"").append(t % 3 * 10 + 5).append("\"},{\"name\":\"currency\",")
                    .append("\"value\":\"EUR\",\"excluded\":false}");
        }
        b.append("],\"start\":").append(start).append(",\"stop\":").append(stop).append('}');
    }

    private static StringBuilder label(StringBuilder b, String name, String value) {
        return b.append("{\"name\":\"").append(name).append("\",\"value\":\"").append(value).append("\"}");
    }

    /** Counts the bytes that reach the underlying stream. */
    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
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
