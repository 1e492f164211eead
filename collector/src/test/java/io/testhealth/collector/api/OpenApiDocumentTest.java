package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI document generated from the controllers is served and describes every public path and read error. */
@MicronautTest
final class OpenApiDocumentTest {

    @Inject
    EmbeddedServer server;

    @Test
    void theServedDocumentDescribesEveryEndpoint() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.getURL() + "/openapi/test-health-collector-v1.yml")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        for (String path : List.of("/api/v1/uploads:", "/api/v1/components:", "/api/v1/components/{name}/scorecard:",
                "/api/v1/components/{name}/tests:", "/api/v1/components/{name}/quarantine:", "/api/v1/tests/{testId}:",
                "/api/v1/tests/{testId}/quarantine:", "/api/v1/teams:", "/api/v1/teams/{name}/scorecard:",
                "/api/v1/components/{name}/trends:", "/api/v1/teams/{name}/trends:", "/api/v1/reports/weekly:")) {
            assertTrue(r.body().contains(path), path + " is missing from the OpenAPI document");
        }
        for (String code : List.of("unknown-component", "unknown-team", "no-report-yet", "invalid-request")) {
            assertTrue(r.body().contains("`" + code + "`"), "error code " + code + " is missing from the OpenAPI document");
        }
    }
}
