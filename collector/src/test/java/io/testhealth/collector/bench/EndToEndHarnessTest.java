package io.testhealth.collector.bench;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the end-to-end benchmark's harness from rotting: its generator, writers, uploader and coverage wait, run
 * against a collector in this JVM with a few small uploads (the benchmark itself is not part of the build; see
 * {@code collector/BENCHMARKS.md}).
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.analysis.refresh-delay", value = "1")
final class EndToEndHarnessTest {

    private static final int JOB_RUNS = 3;
    private static final int TESTS = 40;

    @Inject
    EmbeddedServer server;

    @TempDir
    Path dir;

    @Test
    void theSameSeedWritesTheSameFilesAndEveryTestIsInThem() throws Exception {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        FleetHistory.JobRun run = new FleetHistory(5, JOB_RUNS, TESTS, now).jobRun(1);
        Path xmlA = dir.resolve("a.xml");
        Path xmlB = dir.resolve("b.xml");
        JUnitFleetWriter.write(run, xmlA);
        JUnitFleetWriter.write(new FleetHistory(5, JOB_RUNS, TESTS, now).jobRun(1), xmlB);
        Path zipA = dir.resolve("a.zip");
        Path zipB = dir.resolve("b.zip");
        Path folder = Files.createDirectories(dir.resolve("results"));
        AllureFleetWriter.Written written = AllureFleetWriter.write(run, zipA, folder, 5);
        AllureFleetWriter.write(run, zipB, null, 5);

        long retried = run.executions().stream().filter(e -> e.outcome() == FleetHistory.Outcome.PASSED_ON_RETRY).count();
        int resultEntries;
        try (ZipFile zip = new ZipFile(zipA.toFile())) {
            resultEntries = (int) zip.stream().filter(e -> e.getName().endsWith("-result.json")).count();
        }
        String xml = Files.readString(xmlA);
        assertAll(
                () -> assertArrayEquals(Files.readAllBytes(xmlA), Files.readAllBytes(xmlB)),
                () -> assertArrayEquals(Files.readAllBytes(zipA), Files.readAllBytes(zipB)),
                () -> assertEquals(TESTS, run.executions().size()),
                () -> assertEquals(TESTS, occurrences(xml, "<testcase ")),
                () -> assertEquals(TESTS + retried, resultEntries),
                () -> assertEquals(resultEntries, written.resultFiles()),
                () -> assertEquals(written.resultFiles() + written.attachmentFiles(), folder.toFile().list().length),
                // 40 minutes apart, the last started 40 minutes before now: run 1 of 3 started 80 minutes before it.
                () -> assertEquals(Instant.parse("2026-12-01T08:40:00Z"), run.startedAt()));
    }

    @Test
    void theScorecardCoversEveryJobRunSentInEitherFormatAndTheWaitDoesNotEndEarly() throws Exception {
        FleetHistory fleet = new FleetHistory(9, JOB_RUNS, TESTS, Instant.now());
        List<FleetUploader.Upload> junit = new ArrayList<>();
        List<FleetUploader.Upload> allure = new ArrayList<>();
        for (int i = 0; i < JOB_RUNS; i++) {
            FleetHistory.JobRun run = fleet.jobRun(i);
            Path xml = dir.resolve("TEST-" + i + ".xml");
            JUnitFleetWriter.write(run, xml);
            junit.add(new FleetUploader.Upload(run, xml, "application/xml"));
            Path zip = dir.resolve("allure-" + i + ".zip");
            AllureFleetWriter.write(run, zip, null, 9);
            allure.add(new FleetUploader.Upload(run, zip, "application/zip"));
        }
        FleetUploader uploader = new FleetUploader(server.getURI());

        FleetUploader.Sent sentXml = uploader.sendAll("harness-junit", junit);
        FleetUploader.Coverage xmlCovered = uploader.awaitCoverage("harness-junit", JOB_RUNS, Duration.ofSeconds(60));
        FleetUploader.Sent sentZips = uploader.sendAll("harness-allure", allure);
        FleetUploader.Coverage zipsCovered = uploader.awaitCoverage("harness-allure", JOB_RUNS, Duration.ofSeconds(60));

        assertAll(
                // 3 job runs x 40 tests; a retried test is one result either way
                () -> assertEquals(120, sentXml.storedResults()),
                () -> assertEquals(120, sentZips.storedResults()),
                () -> assertEquals(JOB_RUNS, sentXml.latenciesNanos().length),
                () -> assertEquals(JOB_RUNS, xmlCovered.jobRuns()),
                () -> assertEquals(JOB_RUNS, zipsCovered.jobRuns()),
                () -> assertTrue(xmlCovered.atNanos() >= sentXml.lastAnsweredNanos()),
                () -> assertThrows(IllegalStateException.class,
                        () -> uploader.awaitCoverage("harness-junit", JOB_RUNS + 1, Duration.ofSeconds(3))));
    }

    @Test
    void percentilesAreNearestRank() {
        long[] nanos = new long[20];
        Arrays.setAll(nanos, i -> (20 - i) * 1_000_000L);
        // ranks ceil(0.50 * 20) = 10, ceil(0.95 * 20) = 19, ceil(0.99 * 20) = 20 of 1..20 ms
        assertAll(
                () -> assertEquals(10.0, FleetUploader.percentileMillis(nanos, 50)),
                () -> assertEquals(19.0, FleetUploader.percentileMillis(nanos, 95)),
                () -> assertEquals(20.0, FleetUploader.percentileMillis(nanos, 99)));
    }

    private static int occurrences(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
