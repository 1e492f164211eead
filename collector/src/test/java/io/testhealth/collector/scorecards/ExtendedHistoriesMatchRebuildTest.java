package io.testhealth.collector.scorecards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.HistoryQueries;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Histories extended by uploads that add to job runs already read (a job run's tests in several uploads, as trace
 * exporters and sharded reports send them), by tests new to the window, and by late uploads, are the histories a full
 * read gives, and so are the reports made from them; and the extension is taken exactly where it can be proved right.
 *
 * <p>At most 3 runs per test are read, so that a late run older than a test's kept runs shows the case where it may be
 * one of the runs cut. The window is the default 60 days back from the clock, which follows the uploads.
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.analysis.refresh-on-start", value = "false")
@Property(name = "testhealth.analysis.refresh-delay", value = "3600")
@Property(name = "testhealth.analysis.max-runs-per-test", value = "3")
final class ExtendedHistoriesMatchRebuildTest {

    private static final ObjectMapper CANONICAL = new ObjectMapper();
    private static final int MAX_RUNS = 3;
    private static final Duration LOOKBACK = Duration.ofDays(60);
    private static final String COMPONENT = "component:default/batched";

    @Inject
    BeanContext context;

    @TempDir
    Path spool;

    /** How a recompute after an upload must read its history. */
    private enum Read { FULL, EXTENDED }

    /**
     * One upload, the moment the collector recomputes after it, and how it must read.
     *
     * @param tests the test names of the upload's report; a name ending in {@code !} fails
     */
    private record Step(String what, String pipeline, Instant startedAt, Instant clock, List<String> tests, Read read) {
    }

    @Test
    void historiesExtendedByBatchesNewTestsAndLateUploadsAreThoseOfAFullRead() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant old = now.minus(Duration.ofDays(90));
        Instant old2 = now.minus(Duration.ofDays(85));
        Instant a = now.minus(Duration.ofDays(20));
        Instant b = now.minus(Duration.ofDays(19));
        Instant c = now.minus(Duration.ofDays(18));
        Instant g = now.minus(Duration.ofDays(17));
        List<Step> steps = List.of(
                new Step("a first job run, nothing kept yet", "old", old, old.plus(Duration.ofHours(1)),
                        List.of("test0", "test1", "test2", "test3", "returning"), Read.FULL),
                new Step("a second job run, 5 days later", "old2", old2, old2.plus(Duration.ofHours(1)),
                        List.of("test0", "returning"), Read.EXTENDED),
                // The window now starts after the three of them: it moved past the end of the kept one, and what
                // ran since that end, before the window, changes totals that are not read when extending.
                new Step("a job run after the kept ones, read when the window has moved past it", "pQ",
                        old2.plus(Duration.ofDays(1)), a, List.of("test0", "test3"), Read.FULL),
                new Step("a new job run of known tests", "pA", a, a.plus(Duration.ofHours(1)),
                        List.of("test0", "test1!", "test2", "test3"), Read.EXTENDED),
                new Step("the job run's second batch: tests new to the component", "pA", a,
                        a.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(1)), List.of("test4", "test5"), Read.EXTENDED),
                // runsEver 3 and firstSeen 90 days ago, from the store: its first runs are before the window.
                new Step("the job run's third batch: a test that ran before the window only", "pA", a,
                        a.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(2)), List.of("returning"), Read.EXTENDED),
                new Step("another job run", "pB", b, b.plus(Duration.ofHours(1)),
                        List.of("test0", "test1!", "test2", "test3", "test4", "test5", "returning"), Read.EXTENDED),
                // test0 of job run B would become one run of two invocations: read again rather than merged.
                new Step("a second invocation of a test in a job run kept", "pB", b,
                        b.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(1)), List.of("test0[2]!"), Read.FULL),
                // Between job runs A and B: test0 has A, L, B; test6 is new.
                new Step("a late upload of a job run that started between two kept", "pL", a.plus(Duration.ofHours(12)),
                        b.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(2)), List.of("test0", "test1", "test6"),
                        Read.EXTENDED),
                // test0 has A, L, B, C: its kept runs are cut to L, B, C.
                new Step("a job run of every test", "pC", c, c.plus(Duration.ofHours(1)),
                        List.of("test0", "test1", "test2", "test3", "test4", "test5", "test6", "returning"),
                        Read.EXTENDED),
                // Older than L, the oldest of test0's 3 kept runs: it may be a run cut, so read again.
                new Step("a late job run older than a test's kept runs, which were cut", "pE",
                        a.plus(Duration.ofHours(4)), c.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(1)),
                        List.of("test0"), Read.FULL),
                // Between L and B: test0's runs become F, B, C and its runs ever one more.
                new Step("a late job run among a test's kept runs, which were cut", "pF",
                        b.minus(Duration.ofHours(4)), c.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(2)),
                        List.of("test0!"), Read.EXTENDED),
                // The same start as job run C, which test1 has: only the database's order of run ids places it.
                new Step("a late job run that started with a kept one", "pD", c,
                        c.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(3)), List.of("test1"), Read.FULL),
                new Step("a late job run that started before the window", "pP", now.minus(Duration.ofDays(86)),
                        c.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(4)), List.of("test2"), Read.FULL),
                new Step("a job run's first batch", "pG", g, g.plus(Duration.ofHours(1)),
                        List.of("test0", "test1", "test2", "test3"), Read.EXTENDED),
                new Step("its second batch, with a test new to the component", "pG", g,
                        g.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(1)), List.of("test4", "test5!", "test7"),
                        Read.EXTENDED),
                new Step("its third batch, a test that ran in a late job run only", "pG", g,
                        g.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(2)), List.of("test6"), Read.EXTENDED));

        SettableClock clock = new SettableClock(old);
        HandBuiltScorecards scorecards = new HandBuiltScorecards(context);
        HandBuiltScorecards.Updating updating = scorecards.updating(clock);
        ScorecardService updated = updating.service();
        IngestService ingest = updating.ingest();
        ScorecardService rebuilt = scorecards.rebuilding(clock);
        HistoryQueries queries = context.getBean(HistoryQueries.class);
        // Read alongside the service's own, to compare the lists themselves and not only the reports made of them.
        WindowHistories windows = new WindowHistories(queries);

        List<String> differences = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<String> expectedPaths = new ArrayList<>();
        List<TestHistory> previous = List.of();
        for (Step step : steps) {
            clock.at(step.clock());
            Optional<HealthReport> before = updated.component(COMPONENT);
            store(ingest, step);
            long extendedBefore = updated.historiesExtended();
            long fullBefore = updated.historiesReadInFull();
            ReportChange change = updated.update(COMPONENT, before);
            assertTrue(change.updated(), step.what() + ": " + change.failure());
            expectedPaths.add(step.what() + ": " + step.read());
            paths.add(step.what() + ": " + path(updated.historiesExtended() - extendedBefore,
                    updated.historiesReadInFull() - fullBefore));

            Instant from = step.clock().minus(LOOKBACK);
            long windowsExtended = windows.extended();
            List<TestHistory> read = windows.read(COMPONENT, from, step.clock(), MAX_RUNS, false);
            List<TestHistory> full = queries.testHistories(COMPONENT, from, step.clock(), MAX_RUNS);
            if (!read.equals(full)) {
                differences.add(step.what() + ": histories differ from a full read: " + read + " vs " + full);
            }
            if ((windows.extended() > windowsExtended) != (step.read() == Read.EXTENDED)) {
                differences.add(step.what() + ": histories read alone were not " + step.read());
            }
            if (step.read() == Read.EXTENDED) {
                // No run leaves the window in these steps: a test the upload did not run keeps its very history
                // object (what the analyses worked out from it is reused), one it ran gets a new one.
                java.util.Map<String, TestHistory> previousById = new java.util.HashMap<>();
                previous.forEach(h -> previousById.put(h.testId(), h));
                for (TestHistory h : read) {
                    boolean ran = step.tests().stream().anyMatch(t -> testName(t).equals(h.name()));
                    if (ran == (previousById.get(h.testId()) == h)) {
                        differences.add(step.what() + ": " + h.name() + (ran ? " kept its old history object"
                                : " has a new history object"));
                    }
                }
            }
            previous = read;

            rebuilt.refreshAll();
            if (!canonical(rebuilt.component(COMPONENT).orElseThrow())
                    .equals(canonical(updated.component(COMPONENT).orElseThrow()))) {
                differences.add(step.what() + ": the updated report differs from the rebuild's");
            }
        }

        List<TestHistory> last = queries.testHistories(COMPONENT, steps.get(steps.size() - 1).clock().minus(LOOKBACK),
                steps.get(steps.size() - 1).clock(), MAX_RUNS);
        TestHistory test0 = last.stream().filter(h -> h.name().equals("test0")).findFirst().orElseThrow();
        TestHistory returning = last.stream().filter(h -> h.name().equals("returning")).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(List.of(), differences),
                () -> assertEquals(expectedPaths, paths),
                // test0 ran in job runs old, old2, Q, A, L, B (two invocations, one run), C, E, F and G: 10; in start
                // order A, E, L, F, B, C, G in the window, of which the latest 3 are kept
                () -> assertEquals(10, test0.runsEver(), "test0's runs ever"),
                () -> assertEquals(List.of(b, c, g),
                        test0.runs().stream().map(f -> f.job().startedAt()).toList(), "test0's kept runs"),
                // returning ran in job runs old, old2, A, B and C; first 90 days ago, before the window
                () -> assertEquals(5, returning.runsEver(), "returning's runs ever"),
                () -> assertEquals(old, returning.firstSeen(), "returning was first seen in the first job run"));
    }

    /** The name a test of a step is stored under: without its failure mark and its invocation. */
    private static String testName(String test) {
        return test.replaceAll("(\\[.*])?!?$", "");
    }

    private static String path(long extended, long full) {
        if (extended == 1 && full == 0) {
            return Read.EXTENDED.toString();
        }
        if (extended == 0 && full == 1) {
            return Read.FULL.toString();
        }
        return extended + " extended and " + full + " full reads";
    }

    private void store(IngestService ingest, Step step) throws Exception {
        UploadMetadata metadata = new UploadMetadata(ComponentRef.parse("batched"), "team-batched", "", "main",
                "commit-" + step.pipeline(), step.pipeline(), "test", 1, "jdk17", null, "", step.startedAt(),
                step.startedAt().plus(Duration.ofMinutes(5)), "");
        UploadPart part = UploadPart.spool(spool, "TEST-batch.xml", new ByteArrayInputStream(xml(step.tests())),
                Long.MAX_VALUE, 0);
        try {
            ingest.ingest(metadata, List.of(part), Optional.empty());
        } finally {
            part.delete();
        }
    }

    private static byte[] xml(List<String> tests) {
        String suite = "com.acme.batched.ServiceTest";
        StringBuilder xml = new StringBuilder("<testsuite name=\"" + suite + "\">");
        for (String test : tests) {
            boolean fails = test.endsWith("!");
            String name = fails ? test.substring(0, test.length() - 1) : test;
            xml.append("<testcase classname=\"").append(suite).append("\" name=\"").append(name)
                    .append("\" time=\"0.25\">");
            if (fails) {
                xml.append("<failure type=\"java.lang.AssertionError\" message=\"expected\"/>");
            }
            xml.append("</testcase>");
        }
        return xml.append("</testsuite>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode canonical(HealthReport report) {
        try {
            return CANONICAL.readTree(context.getBean(io.micronaut.json.JsonMapper.class).writeValueAsBytes(report));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
