package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.AnalysisRepository;
import io.testhealth.collector.store.AnalysisRepository.Snapshot;
import io.testhealth.collector.store.AnalysisRepository.SubjectKind;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.StoreUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A team whose last component moved to another team no longer exists: its stored report is deleted by the refresh
 * that sees the move, so a collector started again on the same database does not list it under {@code /teams} or
 * expose its gauges, while its daily scorecards stay as history.
 *
 * <p>The second start computes nothing by itself ({@code refresh-on-start} off, refreshes after uploads held back),
 * so what it shows comes from the store alone until the test refreshes.
 */
@OnEachStore
final class FormerTeamsTest {

    private static final String OLD_TEAM = "group:default/old-team";
    private static final String NEW_TEAM = "group:default/new-team";
    private static final String KEPT_TEAM = "group:default/kept-team";

    @TempDir
    Path dir;

    /** The store of each test: one database that both starts of the collector open. */
    private Map<String, Object> database;

    @BeforeEach
    void newDatabase() {
        database = StoreUnderTest.newDatabase(FormerTeamsTest.class, dir.resolve("collector.duckdb"));
    }

    private EmbeddedServer start() {
        Map<String, Object> settings = new HashMap<>(database);
        settings.putAll(Map.of("testhealth.analysis.refresh-on-start", false, "testhealth.analysis.refresh-delay", 3600,
                "testhealth.analysis.update-on-upload", false, "micronaut.server.port", -1));
        return ApplicationContext.run(EmbeddedServer.class, settings, "test");
    }

    private static void upload(EmbeddedServer server, String component, String team, Instant at) {
        String xml = "<testsuite><testcase classname=\"com.acme.MoveTest\" name=\"works\" time=\"1\"/></testsuite>";
        String query = "component=" + component + "&team=" + team + "&branch=main&commit=c1&job=test&pipeline="
                + component + "-" + at.toEpochMilli() + "&startedAt=" + at;
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload(query,
                xml.getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(201, r.status(), r.json().toString());
    }

    private static List<String> teams(EmbeddedServer server) {
        CollectorClient.Text r = new CollectorClient(server.getURL()).get("/api/v1/teams", null);
        assertEquals(200, r.status(), r.body());
        List<String> names = new ArrayList<>();
        for (JsonNode t : r.json()) {
            names.add(t.path("ref").asText());
        }
        return names;
    }

    private static String scrape(EmbeddedServer server) {
        CollectorClient.Text r = new CollectorClient(server.getURL()).get("/prometheus", null);
        assertEquals(200, r.status(), r.body());
        return r.body();
    }

    /** {@code mover} uploads for old-team, then for new-team: old-team is left without components. */
    private void moveTheOnlyComponentOfOldTeam() {
        Instant hourAgo = Instant.now().minus(1, ChronoUnit.HOURS);
        try (EmbeddedServer first = start()) {
            upload(first, "mover", "old-team", hourAgo);
            upload(first, "stayer", "kept-team", hourAgo);
            ScorecardService scorecards = first.getApplicationContext().getBean(ScorecardService.class);
            scorecards.refreshAll();
            assertEquals(List.of(KEPT_TEAM, OLD_TEAM), teams(first));

            upload(first, "mover", "new-team", hourAgo.plusSeconds(60));
            scorecards.refreshAll();
            assertEquals(List.of(KEPT_TEAM, NEW_TEAM), teams(first));
        }
    }

    @Test
    void aTeamWhoseOnlyComponentMovedIsDeletedAndNotListedAfterARestart() {
        moveTheOnlyComponentOfOldTeam();
        try (EmbeddedServer second = start()) {
            AnalysisRepository store = second.getApplicationContext().getBean(AnalysisRepository.class);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            assertAll(
                    () -> assertEquals(List.of(KEPT_TEAM, NEW_TEAM), store.snapshots(SubjectKind.TEAM).stream()
                            .map(Snapshot::subject).toList(), "the former team's report is deleted"),
                    () -> assertEquals(List.of(KEPT_TEAM, NEW_TEAM), teams(second), "and not listed"),
                    () -> assertFalse(store.scorecardHistory(SubjectKind.TEAM, OLD_TEAM, today.minusDays(1), today)
                            .isEmpty(), "its daily scorecards stay as history"));
        }
    }

    @Test
    void aTeamWhoseOnlyComponentMovedHasNoGaugesWhenTheFirstRefreshAfterARestartComesFromAnUpload() {
        moveTheOnlyComponentOfOldTeam();
        try (EmbeddedServer second = start()) {
            // What the refresher does a few seconds after an upload of one component, before anything was read.
            second.getApplicationContext().getBean(ScorecardService.class).refresh(Set.of("component:default/stayer"));
            String scrape = scrape(second);
            assertAll(
                    () -> assertFalse(scrape.contains("team=\"old-team\""), "no gauge of the former team"),
                    () -> assertTrue(scrape.contains("testhealth_team_tests{team=\"new-team\"}"),
                            "the teams of components not refreshed keep theirs"),
                    () -> assertTrue(scrape.contains("testhealth_team_tests{team=\"kept-team\"}")),
                    () -> assertEquals(List.of(KEPT_TEAM, NEW_TEAM), teams(second)));
        }
    }

    @Test
    void aFormerTeamLeftInTheStoreByAnEarlierVersionIsNotListedBeforeTheFirstRefresh() {
        try (EmbeddedServer first = start()) {
            upload(first, "stayer", "kept-team", Instant.now().minus(1, ChronoUnit.HOURS));
            first.getApplicationContext().getBean(ScorecardService.class).refreshAll();
            AnalysisRepository store = first.getApplicationContext().getBean(AnalysisRepository.class);
            Snapshot kept = store.snapshot(SubjectKind.TEAM, KEPT_TEAM).orElseThrow();
            store.saveSnapshot(new Snapshot(SubjectKind.TEAM, OLD_TEAM, kept.computedAt(), kept.json()));
        }
        try (EmbeddedServer second = start()) {
            assertEquals(List.of(KEPT_TEAM), teams(second), "no stored component names old-team");
        }
    }
}
