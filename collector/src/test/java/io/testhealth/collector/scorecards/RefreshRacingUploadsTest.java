package io.testhealth.collector.scorecards;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Property;
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
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A report claims to cover the commits noted when its recompute took the component's lock; it must then read the
 * history as of a moment after them. The refresh of every report (after start, daily) reads the clock once before
 * it goes through the components: an upload committed after that read, and before the refresh reached its component,
 * used to be claimed covered by a report that did not hold it, so the upload was answered 201 with a report
 * without it (read your writes broken; seen in CI as concurrent uploads missing from the tests read after them).
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.analysis.refresh-on-start", value = "false")
@Property(name = "testhealth.analysis.refresh-delay", value = "3600")
final class RefreshRacingUploadsTest {

    private static final String COMPONENT = "component:default/raced";

    @Inject
    BeanContext context;

    @TempDir
    Path spool;

    @Test
    void anUploadCommittedWhileEveryReportIsRefreshedIsInTheReportAnsweredToIt() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofDays(2));
        SettableClock clock = new SettableClock(start);
        HandBuiltScorecards.Updating updating = new HandBuiltScorecards(context).updating(clock);
        ScorecardService service = updating.service();
        IngestService ingest = updating.ingest();

        upload(ingest, "first", start.minus(Duration.ofMinutes(10)));
        service.update(COMPONENT, Optional.empty());
        assertEquals(1, service.component(COMPONENT).orElseThrow().metrics().jobRuns());

        // The refresh of every report reads the clock (a minute after start); right then a second upload starts
        // and is committed, two minutes after start, before the refresh takes this component's lock.
        clock.at(start.plus(Duration.ofMinutes(1)));
        clock.atNextRead(() -> {
            upload(ingest, "second", start.plus(Duration.ofMinutes(2)));
            clock.at(start.plus(Duration.ofMinutes(3)));
        });
        service.refreshAll();

        // The second upload is then answered: its report must hold it, whoever recomputed it.
        service.update(COMPONENT, service.component(COMPONENT));
        assertEquals(2, service.component(COMPONENT).orElseThrow().metrics().jobRuns(),
                "job runs in the report answered to the upload committed during the refresh");
    }

    private void upload(IngestService ingest, String pipeline, Instant startedAt) {
        UploadMetadata md = new UploadMetadata(ComponentRef.parse("raced"), "team-raced", "", "main",
                "commit-" + pipeline, pipeline, "test", 1, "", null, "", startedAt,
                startedAt.plus(Duration.ofSeconds(30)), "");
        byte[] xml = ("<testsuite name=\"com.acme.RaceTest\"><testcase classname=\"com.acme.RaceTest\" name=\"in-"
                + pipeline + "\" time=\"0.2\"/></testsuite>").getBytes(StandardCharsets.UTF_8);
        try {
            UploadPart part = UploadPart.spool(spool, "TEST-" + pipeline + ".xml", new ByteArrayInputStream(xml),
                    Long.MAX_VALUE, 0);
            try {
                ingest.ingest(md, List.of(part), Optional.empty());
            } finally {
                part.delete();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
