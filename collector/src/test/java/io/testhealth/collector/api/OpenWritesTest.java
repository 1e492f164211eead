package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Without write tokens (the default, so that a first run and the demo need no configuration) every write goes
 * through, with or without credentials: a CI job that already sends a token keeps working before and after the
 * collector is locked down.
 */
@MicronautTest
@OnEachStore
final class OpenWritesTest {

    private static final byte[] XML = "<testsuite><testcase classname=\"com.acme.Open\" name=\"t\"/></testsuite>"
            .getBytes(StandardCharsets.UTF_8);

    @Inject
    EmbeddedServer server;

    @Test
    void uploadsNeedNoToken() {
        CollectorClient client = new CollectorClient(server.getURL());
        assertEquals(201, client.upload("component=open&pipeline=" + UUID.randomUUID(), XML, "application/xml").status());
        assertEquals(201, client.upload("component=open&pipeline=" + UUID.randomUUID(), XML, "application/xml",
                "Authorization", "Bearer a-token-the-collector-does-not-know").status());
    }

    @Test
    void quarantineChangesReachTheControllerWithoutAToken() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI quarantine = URI.create(server.getURL() + "/api/v1/tests/0000000000000000/quarantine");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(quarantine).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"by\":\"ann\",\"reason\":\"flaky\"}")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(quarantine).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, put.statusCode(), "no such test, rather than 401: " + put.body());
        assertEquals(404, delete.statusCode(), delete.body());
    }
}
