package io.testhealth.collector.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.testhealth.collector.bench.FleetHistory.Execution;
import io.testhealth.collector.bench.FleetHistory.JobRun;
import io.testhealth.collector.bench.FleetHistory.Outcome;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a job run of a {@link FleetHistory} as Allure 2's JUnit 5 integration writes it: one
 * {@code <uuid>-result.json} per test attempt, with labels (suites, package, class, method, host, thread, feature,
 * severity), parameters, steps with their own timing, and an attachment file referenced by failed attempts.
 *
 * <p>A test that passed on retry is two result files with one {@code historyId} (the failed attempt, then the pass),
 * as Allure records retries. Each job run goes into a zip (what a CI job uploads) and, file for file, into one
 * results folder holding every job run (what {@code allure generate} reads).
 */
final class AllureFleetWriter {

    private static final JsonFactory JSON = new JsonFactory();

    /** Files and bytes of one job run's results. */
    record Written(int resultFiles, int attachmentFiles, long bytes) {
    }

    private AllureFleetWriter() {
    }

    /**
     * Writes {@code run} into {@code zip} and, with the same names and bytes, into {@code resultsFolder} (when not
     * {@code null}).
     */
    static Written write(JobRun run, Path zip, Path resultsFolder, long seed) throws IOException {
        SplittableRandom ids = new SplittableRandom(seed * 7_919L + run.number());
        int results = 0;
        int attachments = 0;
        long bytes = 0;
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Execution e : run.executions()) {
                if (e.outcome() == Outcome.PASSED_ON_RETRY) {
                    UUID failedAttempt = uuid(ids);
                    String attachment = failedAttempt + "-attachment.txt";
                    bytes += entry(out, run.finishedAt(), resultsFolder, attachment, JUnitFleetWriter.log(e).getBytes(StandardCharsets.UTF_8));
                    bytes += entry(out, run.finishedAt(), resultsFolder, failedAttempt + "-result.json",
                            result(run, e, failedAttempt, "failed", e.startMillis() - e.durationMillis() - 1, attachment));
                    attachments++;
                    results++;
                }
                UUID uuid = uuid(ids);
                String attachment = null;
                if (e.outcome() == Outcome.FAILED || e.outcome() == Outcome.ERROR) {
                    attachment = uuid + "-attachment.txt";
                    bytes += entry(out, run.finishedAt(), resultsFolder, attachment, JUnitFleetWriter.log(e).getBytes(StandardCharsets.UTF_8));
                    attachments++;
                }
                bytes += entry(out, run.finishedAt(), resultsFolder, uuid + "-result.json",
                        result(run, e, uuid, status(e.outcome()), e.startMillis(), attachment));
                results++;
            }
        }
        return new Written(results, attachments, bytes);
    }

    private static long entry(ZipOutputStream zip, java.time.Instant written, Path folder, String name, byte[] content)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        // the job run's end, not the clock: the same seed must write the same bytes (a zip keeps each entry's time)
        entry.setTime(written.toEpochMilli());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
        if (folder != null) {
            Files.write(folder.resolve(name), content);
        }
        return content.length;
    }

    private static byte[] result(JobRun run, Execution e, UUID uuid, String status, long start, String attachment)
            throws IOException {
        FleetHistory.TestCase t = e.test();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = JSON.createGenerator((OutputStream) buffer)) {
            String fullName = t.qualifiedClass() + "." + t.method();
            g.writeStartObject();
            g.writeStringField("uuid", uuid.toString());
            g.writeStringField("historyId", md5(fullName + (t.parameter() == null ? "" : "[" + t.parameter() + "]")));
            g.writeStringField("testCaseId", md5(fullName));
            g.writeStringField("fullName", fullName);
            g.writeStringField("name", t.parameter() == null ? t.method() : t.method() + " [" + t.invocation() + "] " + t.parameter());
            g.writeStringField("status", status);
            g.writeObjectFieldStart("statusDetails");
            g.writeBooleanField("known", false);
            g.writeBooleanField("muted", false);
            g.writeBooleanField("flaky", false);
            if (!status.equals("passed") && !status.equals("skipped")) {
                g.writeStringField("message", e.message());
                g.writeStringField("trace", JUnitFleetWriter.stackTrace(e, status.equals("broken")
                        ? "java.lang.NullPointerException" : "org.opentest4j.AssertionFailedError"));
            } else if (status.equals("skipped")) {
                g.writeStringField("message", "disabled until the new pricing rules ship");
            }
            g.writeEndObject();
            g.writeStringField("stage", "finished");
            g.writeStringField("description", "Checks that " + t.feature() + " " + t.method().replaceAll("\\d+$", "")
                    + " as the product owners specified.");
            long stop = start + e.durationMillis();
            g.writeArrayFieldStart("steps");
            if (!status.equals("skipped")) {
                long middle = start + e.durationMillis() / 2;
                step(g, "Given a " + t.feature() + " fixture", "passed", start, middle, null);
                step(g, "When " + t.method().replaceAll("\\d+$", "") + " runs", status, middle, stop, attachment);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("attachments");
            if (attachment != null) {
                attachmentRef(g, attachment);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("parameters");
            if (t.parameter() != null) {
                g.writeStartObject();
                g.writeStringField("name", "case");
                g.writeStringField("value", t.parameter());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("labels");
            label(g, "junit.platform.uniqueid", "[engine:junit-jupiter]/[class:" + t.qualifiedClass() + "]/[method:"
                    + t.junitName() + "]");
            label(g, "host", run.host());
            label(g, "thread", "ForkJoinPool-1-worker-" + (Math.floorMod(t.className().hashCode(), 4) + 1));
            label(g, "framework", "junit-platform");
            label(g, "language", "java");
            label(g, "package", t.packageName());
            label(g, "testClass", t.qualifiedClass());
            label(g, "testMethod", t.method());
            label(g, "suite", t.className());
            label(g, "parentSuite", t.packageName());
            label(g, "feature", t.feature());
            label(g, "severity", t.className().endsWith("IT") ? "critical" : "normal");
            g.writeEndArray();
            g.writeArrayFieldStart("links");
            g.writeEndArray();
            g.writeNumberField("start", start);
            g.writeNumberField("stop", stop);
            g.writeEndObject();
        }
        return buffer.toByteArray();
    }

    private static void step(JsonGenerator g, String name, String status, long start, long stop, String attachment)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("status", status);
        g.writeStringField("stage", "finished");
        g.writeArrayFieldStart("steps");
        g.writeEndArray();
        g.writeArrayFieldStart("attachments");
        if (attachment != null) {
            attachmentRef(g, attachment);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("parameters");
        g.writeEndArray();
        g.writeNumberField("start", start);
        g.writeNumberField("stop", stop);
        g.writeEndObject();
    }

    private static void attachmentRef(JsonGenerator g, String source) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", "log");
        g.writeStringField("source", source);
        g.writeStringField("type", "text/plain");
        g.writeEndObject();
    }

    private static void label(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private static String status(Outcome outcome) {
        return switch (outcome) {
            case PASSED, PASSED_ON_RETRY -> "passed";
            case FAILED -> "failed";
            case ERROR -> "broken";
            case SKIPPED -> "skipped";
        };
    }

    private static UUID uuid(SplittableRandom random) {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
