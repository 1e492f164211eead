package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.ownership.OwnershipResolver;
import io.testhealth.collector.scorecards.AnalysisConfiguration;
import io.testhealth.collector.scorecards.AnalysisStatus;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.AnalysisRepository;
import io.testhealth.collector.store.ComponentSummary;
import io.testhealth.collector.store.HistoryQueries;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestRunDetail;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A component whose analysis fails loses nothing of the others: their reports are computed and served all the same,
 * its own last good report stays, the failure is shown (the upload's answer, the scorecard's {@code analysis}, the
 * 404 of a component without a good report, two metrics) and the analysis is retried.
 *
 * <p>The failure over HTTP is a real one: a pyramid profile that does not exist, configured for one component only,
 * which its analysis refuses.
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.analysis.profiles.iso-misconfigured", value = "no-such-profile")
final class AnalysisIsolationTest {

    @Inject
    EmbeddedServer server;

    @Inject
    HistoryQueries queries;

    @Inject
    AnalysisRepository repository;

    @Inject
    OwnershipResolver ownership;

    @Inject
    AnalysisConfiguration config;

    @Inject
    JsonMapper json;

    @Inject
    ScorecardService scorecards;

    private CollectorClient.Reply upload(String component, String pipeline) {
        String xml = "<testsuite><testcase classname=\"com.acme.IsoTest\" name=\"works\" time=\"1\"/></testsuite>";
        return new CollectorClient(server.getURL()).upload("component=" + component + "&team=iso-team&pipeline="
                + pipeline + "&job=test", xml.getBytes(StandardCharsets.UTF_8), "application/xml");
    }

    @Test
    void aComponentWhoseAnalysisFailsDoesNotHoldBackAnotherOnesReport() {
        CollectorClient.Reply bad = upload("iso-misconfigured", "b1");
        CollectorClient.Reply good = upload("iso-healthy", "g1");
        CollectorClient.Reply goodAgain = upload("iso-healthy", "g2");
        scorecards.refreshAll(); // the daily refresh goes on past the failing component

        CollectorClient client = new CollectorClient(server.getURL());
        CollectorClient.Text healthy = client.get("/api/v1/components/iso-healthy/scorecard", null);
        CollectorClient.Text misconfigured = client.get("/api/v1/components/iso-misconfigured/scorecard", null);
        CollectorClient.Text team = client.get("/api/v1/teams/iso-team/scorecard", null);
        String prometheus = client.get("/prometheus", null).body();
        assertAll(
                () -> assertEquals(201, bad.status(), "the upload itself is stored: " + bad.json()),
                () -> assertFalse(bad.json().path("componentReport").path("updated").asBoolean(true), bad.json().toString()),
                () -> assertTrue(bad.json().path("componentReport").path("error").asText().contains("no-such-profile"),
                        bad.json().toString()),
                () -> assertTrue(good.json().path("componentReport").path("updated").asBoolean(), good.json().toString()),
                () -> assertTrue(goodAgain.json().path("componentReport").path("updated").asBoolean()),
                () -> assertEquals(200, healthy.status(), healthy.body()),
                () -> assertEquals(2, healthy.json().path("metrics").path("jobRuns").asLong()),
                () -> assertEquals("current", healthy.json().path("analysis").path("state").asText(), healthy.body()),
                () -> assertEquals(404, misconfigured.status()),
                () -> assertEquals("no-report-yet", misconfigured.json().path("error").asText()),
                () -> assertTrue(misconfigured.json().path("message").asText().contains("analysis failed"), misconfigured.body()),
                () -> assertEquals(200, team.status(), team.body()),
                () -> assertEquals("failing", team.json().path("analysis").path("state").asText(), team.body()),
                () -> assertTrue(team.json().path("analysis").path("error").asText().startsWith("component:default/iso-misconfigured"),
                        team.body()),
                () -> assertTrue(prometheus.contains("testhealth_analysis_failures_total{component=\"component:default/iso-misconfigured\"}"),
                        "the failure is counted"),
                () -> assertTrue(prometheus.contains("testhealth_analysis_failing_components 1.0"),
                        prometheus.lines().filter(l -> l.startsWith("testhealth_analysis")).toList().toString()));
    }

    @Test
    void aFailingAnalysisKeepsTheLastGoodReportAndIsRetriedUntilItSucceeds() {
        assertEquals(201, upload("iso-flaky-store", "f1").status());
        assertEquals(201, upload("iso-steady", "s1").status());
        String failing = "component:default/iso-flaky-store";
        String steady = "component:default/iso-steady";
        FailingQueries failable = new FailingQueries(queries, failing);
        MovingClock clock = new MovingClock(Instant.now());
        ScorecardService service = new ScorecardService(failable, repository, ownership, config, json, clock);
        service.refreshAll();
        HealthReport lastGood = service.component(failing).orElseThrow();

        failable.failing = true;
        clock.advance(Duration.ofMinutes(1));
        service.refreshAll();
        HealthReport kept = service.component(failing).orElseThrow();
        AnalysisStatus first = service.status(failing);
        clock.advance(Duration.ofMinutes(1));
        service.refreshAll();
        AnalysisStatus second = service.status(failing);
        assertAll("while the analysis fails",
                () -> assertEquals(lastGood.computedAt(), kept.computedAt(), "the last good report is kept"),
                () -> assertEquals(clock.instant(), service.component(steady).orElseThrow().computedAt(),
                        "the other component was recomputed"),
                () -> assertEquals("failing", first.state()),
                () -> assertEquals(1, first.failedAttempts()),
                () -> assertTrue(first.error().contains("the store is down"), first.error()),
                () -> assertEquals(2, second.failedAttempts()),
                () -> assertEquals(first.failingSince(), second.failingSince(), "failing since the first failure"),
                () -> assertEquals(clock.instant().plusSeconds(2L * config.refreshDelay()), second.nextAttemptAt(),
                        "the delay doubles after each failure in a row"),
                () -> assertEquals("current", service.status(steady).state()));

        failable.failing = false;
        clock.advance(Duration.ofMinutes(1));
        service.refreshAll();
        assertAll("once it succeeds",
                () -> assertEquals(clock.instant(), service.component(failing).orElseThrow().computedAt()),
                () -> assertEquals("current", service.status(failing).state()),
                () -> assertTrue(service.failure(failing).isEmpty()));
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The store's queries, failing for one component while {@code failing} is set (as a store outage would). */
    private static final class FailingQueries implements HistoryQueries {
        private final HistoryQueries delegate;
        private final String component;
        private volatile boolean failing;

        FailingQueries(HistoryQueries delegate, String component) {
            this.delegate = delegate;
            this.component = component;
        }

        private void check(String c) {
            if (failing && c.equals(component)) {
                throw new IllegalStateException("the store is down for " + c);
            }
        }

        @Override
        public List<ComponentSummary> components() {
            return delegate.components();
        }

        @Override
        public Optional<ComponentSummary> component(String c) {
            return delegate.component(c);
        }

        @Override
        public List<TestHistory> testHistories(String c, Instant from, Instant to, int maxRunsPerTest) {
            check(c);
            return delegate.testHistories(c, from, to, maxRunsPerTest);
        }

        @Override
        public WindowRead windowRead(String c, Instant from, Instant to, int maxRunsPerTest) {
            check(c);
            return delegate.windowRead(c, from, to, maxRunsPerTest);
        }

        @Override
        public Optional<WindowRead> addedRuns(String c, UploadsCovered covered, Set<String> readTests, Instant from,
                                              Instant to, int maxRunsPerTest) {
            check(c);
            return delegate.addedRuns(c, covered, readTests, from, to, maxRunsPerTest);
        }

        @Override
        public Map<String, List<TestRunFact>> runsBefore(String c, Map<String, Instant> before, Instant notBefore) {
            return delegate.runsBefore(c, before, notBefore);
        }

        @Override
        public Map<String, Double> wallTimes(String c, Instant from) {
            return delegate.wallTimes(c, from);
        }

        @Override
        public List<TestRunDetail> testRuns(String c, String testId, int limit) {
            return delegate.testRuns(c, testId, limit);
        }

        @Override
        public Map<String, String> latestFailureTraces(String c, String testId) {
            return delegate.latestFailureTraces(c, testId);
        }

        @Override
        public Map<String, String> runUrls(String c, java.util.Collection<String> pipelines) {
            return delegate.runUrls(c, pipelines);
        }
    }
}
