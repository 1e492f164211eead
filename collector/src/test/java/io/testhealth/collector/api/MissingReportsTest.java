package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two reasons a component or team has no report, told apart by their codes: nothing was ever uploaded for it
 * ({@code unknown-component}, {@code unknown-team}), or uploads wait for their analysis ({@code no-report-yet}, with
 * {@code Retry-After}). Uploads do not update reports here and refreshes are held back for an hour, so an upload
 * stays without a report until the test refreshes it.
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.analysis.refresh-delay", value = "3600")
@Property(name = "testhealth.analysis.update-on-upload", value = "false")
@Property(name = "testhealth.analysis.refresh-on-start", value = "false")
final class MissingReportsTest {

    @Inject
    EmbeddedServer server;

    @Inject
    ScorecardService scorecards;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return new CollectorClient.Text(r.statusCode(), "", r.body()).json();
    }

    @Test
    void aComponentNoUploadNamedIsUnknownOnEveryRead() throws Exception {
        for (String path : List.of("/api/v1/components/ghost/scorecard", "/api/v1/components/ghost/tests",
                "/api/v1/components/ghost/trends", "/api/v1/components/ghost/scorecard?window=7d")) {
            HttpResponse<String> r = get(path);
            assertAll(path,
                    () -> assertEquals(404, r.statusCode(), r.body()),
                    () -> assertEquals("unknown-component", json(r).path("error").asText()),
                    () -> assertTrue(json(r).path("message").asText().contains("POST /api/v1/uploads?component=ghost"),
                            r.body()),
                    () -> assertTrue(r.headers().firstValue("Retry-After").isEmpty(), "waiting will not help"));
        }
    }

    @Test
    void aTeamNoComponentBelongsToIsUnknownOnEveryRead() throws Exception {
        for (String path : List.of("/api/v1/teams/nobody/scorecard", "/api/v1/teams/nobody/trends",
                "/api/v1/reports/weekly?team=nobody")) {
            HttpResponse<String> r = get(path);
            assertAll(path,
                    () -> assertEquals(404, r.statusCode(), r.body()),
                    () -> assertEquals("unknown-team", json(r).path("error").asText()),
                    () -> assertTrue(json(r).path("message").asText().contains("team=nobody"), r.body()));
        }
    }

    @Test
    void anUploadWaitingForItsAnalysisHasNoReportYetThenItsReport() throws Exception {
        String xml = "<testsuite><testcase classname=\"com.acme.FirstTest\" name=\"works\" time=\"1\"/></testsuite>";
        CollectorClient.Reply upload = new CollectorClient(server.getURL()).upload(
                "component=first-upload&team=first-team&pipeline=p1", xml.getBytes(StandardCharsets.UTF_8),
                "application/xml");
        assertEquals(201, upload.status(), upload.json().toString());

        for (String path : List.of("/api/v1/components/first-upload/scorecard", "/api/v1/components/first-upload/tests",
                "/api/v1/components/first-upload/trends", "/api/v1/teams/first-team/scorecard",
                "/api/v1/teams/first-team/trends")) {
            HttpResponse<String> r = get(path);
            assertAll(path,
                    () -> assertEquals(404, r.statusCode(), r.body()),
                    () -> assertEquals("no-report-yet", json(r).path("error").asText()),
                    () -> assertTrue(json(r).path("message").asText().contains("analysis has not finished"), r.body()),
                    () -> assertEquals("3600", r.headers().firstValue("Retry-After").orElse(""),
                            "the delay between an upload and its refresh"));
        }

        scorecards.refreshAll();

        assertEquals(200, get("/api/v1/components/first-upload/scorecard").statusCode());
        assertEquals(200, get("/api/v1/teams/first-team/scorecard").statusCode());
    }
}
