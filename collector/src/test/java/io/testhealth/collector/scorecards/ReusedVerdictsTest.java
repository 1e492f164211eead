package io.testhealth.collector.scorecards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upload analyses again only the tests it ran: the verdicts, durations and layers of the component's other tests
 * are reused from the previous analysis while they still hold. Here a component's tests run in two CI shards; shard B
 * stops after ten days, shard A goes on. Shard B's tests are never uploaded again, so every verdict of theirs after
 * that is a reused one until a rule that reads the clock would change it: their runs leaving the 28-day window one by
 * one, and 30 days after their last run, STALE ({@code metrics.md} §3: "no run in 30 days").
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.analysis.refresh-on-start", value = "false")
@Property(name = "testhealth.analysis.refresh-delay", value = "3600")
final class ReusedVerdictsTest {

    private static final ObjectMapper CANONICAL = new ObjectMapper();
    private static final String COMPONENT = "component:default/sharded";

    @Inject
    BeanContext context;

    @TempDir
    Path spool;

    @Test
    void aTestThatStoppedRunningBecomesStaleThirtyDaysAfterItsLastRunThoughOnlyOtherTestsAreUploaded() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(60));
        SettableClock clock = new SettableClock(start);
        HandBuiltScorecards scorecards = new HandBuiltScorecards(context);
        HandBuiltScorecards.Updating updating = scorecards.updating(clock);
        ScorecardService updated = updating.service();
        ScorecardService rebuilt = scorecards.rebuilding(clock);
        IngestService ingest = updating.ingest();

        // Shard B: days 0 to 9, once a day; its last run starts at day 9. Shard A: two hours after it every day up to
        // day 38, then just before and just after 30 days since shard B's last run (the report is as of an hour after
        // an upload's start).
        Instant lastOfShardB = start.plus(Duration.ofDays(9));
        Instant justBefore = lastOfShardB.plus(Duration.ofDays(30)).minus(Duration.ofHours(1));
        Instant justAfter = lastOfShardB.plus(Duration.ofDays(30)).plus(Duration.ofHours(1));
        List<Instant> shardA = new ArrayList<>();
        for (int day = 0; day <= 38; day++) {
            shardA.add(start.plus(Duration.ofDays(day)).plus(Duration.ofHours(2)));
        }
        shardA.add(justBefore.minus(Duration.ofHours(1)));
        shardA.add(justAfter.minus(Duration.ofHours(1)));

        List<String> differences = new ArrayList<>();
        String beforeStale = null;
        String afterStale = null;
        for (int run = 0; run < shardA.size(); run++) {
            if (run <= 9) {
                upload(ingest, updated, clock, "b", run, start.plus(Duration.ofDays(run)));
            }
            Instant at = shardA.get(run);
            upload(ingest, updated, clock, "a", run, at);
            rebuilt.refreshAll();
            if (!canonical(rebuilt.component(COMPONENT).orElseThrow()).equals(canonical(updated.component(COMPONENT).orElseThrow()))) {
                differences.add("after shard A's upload at " + at + ": the updated report differs from the rebuild");
            }
            if (clock.instant().equals(justBefore)) {
                beforeStale = stateOf(updated, "shardB.test1");
            }
            if (clock.instant().equals(justAfter)) {
                afterStale = stateOf(updated, "shardB.test1");
            }
        }
        String before = beforeStale;
        String after = afterStale;
        assertAll(
                () -> assertEquals(List.of(), differences),
                () -> assertNotEquals("stale", before, "29 days 23 hours after its last run"),
                () -> assertEquals("stale", after, "30 days 1 hour after its last run"),
                () -> assertTrue(updated.verdictsReused(COMPONENT) > 0,
                        "shard B's verdicts were reused by shard A's uploads: " + updated.verdictsReused(COMPONENT)));
    }

    /** Uploads one shard's job run, then brings the report up to date as of an hour after it started. */
    private void upload(IngestService ingest, ScorecardService updated, SettableClock clock, String shard, int run,
                        Instant at) throws Exception {
        UploadMetadata md = new UploadMetadata(ComponentRef.parse("sharded"), "team-shards", "", "main",
                "commit-" + shard + run, "pipeline-" + shard + run, "test-" + shard, 1, "", null, "", at,
                at.plus(Duration.ofMinutes(5)), "");
        Optional<HealthReport> before = updated.component(COMPONENT);
        UploadPart part = UploadPart.spool(spool, "TEST-" + shard + ".xml", new ByteArrayInputStream(xml(shard, run)),
                Long.MAX_VALUE, 0);
        try {
            ingest.ingest(md, List.of(part), Optional.empty());
        } finally {
            part.delete();
        }
        clock.at(at.plus(Duration.ofHours(1)));
        ReportChange change = updated.update(COMPONENT, before);
        assertTrue(change.updated(), "the report was brought up to date: " + change.failure());
    }

    /** Four tests per shard; test2 of each fails in one run of four, test3's time varies, the others pass. */
    private static byte[] xml(String shard, int run) {
        String suite = "com.acme.shard" + shard.toUpperCase(java.util.Locale.ROOT);
        StringBuilder xml = new StringBuilder("<testsuite name=\"" + suite + "\">");
        for (int t = 0; t < 4; t++) {
            String time = String.format(java.util.Locale.ROOT, "%.3f", 0.1 + (t == 3 ? (run * 7 % 11) * 0.05 : 0.01 * t));
            xml.append("<testcase classname=\"").append(suite).append("\" name=\"test").append(t).append("\" time=\"")
                    .append(time).append("\">");
            if (t == 2 && run % 4 == 1) {
                xml.append("<failure type=\"java.lang.AssertionError\" message=\"expected 2\"/>");
            }
            xml.append("</testcase>");
        }
        return xml.append("</testsuite>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String stateOf(ScorecardService service, String test) {
        return service.component(COMPONENT).orElseThrow().tests().stream()
                .filter(t -> (t.suite() + "." + t.name()).endsWith(test)).map(HealthReport.TestRow::state)
                .findFirst().orElseThrow(() -> new AssertionError(test + " is not in the report"));
    }

    private JsonNode canonical(HealthReport report) {
        try {
            return CANONICAL.readTree(context.getBean(JsonMapper.class).writeValueAsBytes(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
