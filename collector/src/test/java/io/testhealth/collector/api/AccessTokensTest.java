package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.access.AccessConfiguration;
import io.testhealth.collector.access.WriteAccess;
import io.testhealth.collector.access.WriteScope;
import io.testhealth.collector.ownership.OwnershipConfiguration;
import io.testhealth.collector.ownership.OwnershipResolver;
import io.testhealth.collector.store.AccessTokenStore;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens created through the admin API, through the HTTP server on each store: only an admin token creates, lists and
 * revokes them; a token scoped to components uploads to those only (403 elsewhere, nothing stored); a read token
 * closes the reads; the store keeps the SHA-256 only, and a collector started again on the same store knows them.
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.api.upload-tokens", value = AccessTokensTest.UPLOAD)
@Property(name = "testhealth.api.admin-tokens", value = AccessTokensTest.ADMIN)
final class AccessTokensTest {

    static final String UPLOAD = "fleet-wide-upload-token-0042";
    static final String ADMIN = "operators-admin-token-7f3e9a";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XML = "<testsuite><testcase classname=\"com.acme.ScopeTest\" name=\"scoped\" time=\"0.5\"/></testsuite>";

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    @Inject
    AccessTokenStore tokens;

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean typed = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            typed |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (!typed) {
            b.header("Content-Type", "application/json");
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode create(String request) throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/admin/tokens", request, "Authorization", "Bearer " + ADMIN);
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> upload(String component, String id, String token) throws Exception {
        return send("POST", "/api/v1/uploads?component=" + component + "&uploadId=" + id, XML,
                "Content-Type", "application/xml", "Authorization", "Bearer " + token);
    }

    @Test
    void theAdminApiNeedsAnAdminToken() throws Exception {
        String request = "{\"role\":\"upload\"}";
        HttpResponse<String> without = send("POST", "/api/v1/admin/tokens", request);
        HttpResponse<String> unknown = send("POST", "/api/v1/admin/tokens", request, "Authorization", "Bearer guessed-admin-token-000");
        HttpResponse<String> upload = send("POST", "/api/v1/admin/tokens", request, "Authorization", "Bearer " + UPLOAD);
        HttpResponse<String> list = send("GET", "/api/v1/admin/tokens", null, "Authorization", "Bearer " + UPLOAD);
        assertAll(
                () -> assertEquals(401, without.statusCode()),
                () -> assertEquals("unauthorized", JSON.readTree(without.body()).path("error").asText()),
                () -> assertEquals(401, unknown.statusCode()),
                () -> assertEquals(403, upload.statusCode()),
                () -> assertEquals("forbidden", JSON.readTree(upload.body()).path("error").asText()),
                () -> assertEquals(403, list.statusCode()));
    }

    @Test
    void aComponentScopedTokenUploadsToItsComponentsOnlyUntilRevoked() throws Exception {
        String payments = "payments-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = create("{\"role\":\"upload\",\"components\":[\"" + payments + "\",\"shop/cart\"],\"label\":\"payments CI\"}");
        String token = created.path("token").asText();
        String id = created.path("id").asText();
        assertEquals(List.of("component:default/" + payments, "component:shop/cart"),
                JSON.convertValue(created.path("components"), List.class));

        String mine = "mine-" + UUID.randomUUID();
        String theirs = "theirs-" + UUID.randomUUID();
        HttpResponse<String> own = upload(payments, mine, token);
        HttpResponse<String> other = upload("billing", theirs, token);
        JsonNode refusal = JSON.readTree(other.body());
        assertAll(
                () -> assertEquals(201, own.statusCode(), own.body()),
                () -> assertEquals(403, other.statusCode(), other.body()),
                () -> assertEquals("forbidden", refusal.path("error").asText()),
                () -> assertTrue(refusal.path("message").asText().contains("component:default/billing"), other.body()),
                () -> assertFalse(other.body().contains(token)),
                () -> assertEquals(1, StoredRows.count(store, "uploads", "upload_id", mine)),
                () -> assertEquals(0, StoredRows.count(store, "uploads", "upload_id", theirs)));

        // Kept as its SHA-256 only, in the table, and known to a collector started again on the same store.
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(digest), StoredRows.strings(store, "SELECT token_sha256 FROM access_tokens WHERE token_id = '" + id + "'"));
        assertEquals(0, StoredRows.strings(store, "SELECT token_id FROM access_tokens WHERE token_sha256 = '" + token
                + "' OR label = '" + token + "' OR components LIKE '%" + token + "%'").size());
        WriteAccess restarted = new WriteAccess(new AccessConfiguration(List.of(UPLOAD), null, null, List.of(ADMIN), null),
                null, tokens, new OwnershipResolver(new OwnershipConfiguration(null, null, null, null)));
        assertEquals(WriteAccess.Decision.ALLOWED, restarted.check(WriteScope.UPLOADS, "Bearer " + token,
                "component:default/" + payments, null));

        HttpResponse<String> listed = send("GET", "/api/v1/admin/tokens", null, "Authorization", "Bearer " + ADMIN);
        assertTrue(listed.body().contains(id), listed.body());
        assertFalse(listed.body().contains(token), listed.body());

        assertEquals(204, send("DELETE", "/api/v1/admin/tokens/" + id, null, "Authorization", "Bearer " + ADMIN).statusCode());
        HttpResponse<String> again = send("DELETE", "/api/v1/admin/tokens/" + id, null, "Authorization", "Bearer " + ADMIN);
        assertEquals(404, again.statusCode());
        assertEquals("not-found", JSON.readTree(again.body()).path("error").asText());
        String afterRevoke = "revoked-" + UUID.randomUUID();
        assertEquals(401, upload(payments, afterRevoke, token).statusCode());
        assertEquals(0, StoredRows.count(store, "uploads", "upload_id", afterRevoke));
        assertEquals(List.of(), StoredRows.strings(store, "SELECT token_id FROM access_tokens WHERE token_id = '" + id
                + "' AND revoked_at IS NULL"));
    }

    @Test
    void aReadTokenClosesTheReadsButNotHealthAndMetrics() throws Exception {
        assertEquals(200, send("GET", "/api/v1/components", null).statusCode());
        JsonNode created = create("{\"role\":\"read\",\"label\":\"grafana\"}");
        String token = created.path("token").asText();
        try {
            HttpResponse<String> without = send("GET", "/api/v1/components", null);
            HttpResponse<String> withUpload = send("GET", "/api/v1/components", null, "Authorization", "Bearer " + UPLOAD);
            assertAll(
                    () -> assertEquals(401, without.statusCode()),
                    () -> assertTrue(without.body().contains("testhealth.api.read-tokens"), without.body()),
                    () -> assertEquals(403, withUpload.statusCode()),
                    () -> assertEquals(200, send("GET", "/api/v1/components", null, "Authorization", "Bearer " + token).statusCode()),
                    () -> assertEquals(200, send("GET", "/api/v1/components", null, "Authorization", "Bearer " + ADMIN).statusCode()),
                    () -> assertEquals(200, send("GET", "/health", null).statusCode()),
                    () -> assertEquals(200, send("GET", "/prometheus", null).statusCode()),
                    // a read token writes nothing
                    () -> assertEquals(403, upload("payments", "by-reader-" + UUID.randomUUID(), token).statusCode()));
        } finally {
            send("DELETE", "/api/v1/admin/tokens/" + created.path("id").asText(), null, "Authorization", "Bearer " + ADMIN);
        }
        assertEquals(200, send("GET", "/api/v1/components", null).statusCode());
    }

    @Test
    void aMalformedCreationIsRefusedWithTheReason() throws Exception {
        HttpResponse<String> role = send("POST", "/api/v1/admin/tokens", "{\"role\":\"root\"}", "Authorization", "Bearer " + ADMIN);
        HttpResponse<String> scopedRead = send("POST", "/api/v1/admin/tokens", "{\"role\":\"read\",\"team\":\"payments\"}",
                "Authorization", "Bearer " + ADMIN);
        HttpResponse<String> badComponent = send("POST", "/api/v1/admin/tokens",
                "{\"role\":\"upload\",\"components\":[\"system:default/x\"]}", "Authorization", "Bearer " + ADMIN);
        assertAll(
                () -> assertEquals(400, role.statusCode()),
                () -> assertEquals("invalid-request", JSON.readTree(role.body()).path("error").asText()),
                () -> assertTrue(role.body().contains("'root'"), role.body()),
                () -> assertEquals(400, scopedRead.statusCode()),
                () -> assertEquals(400, badComponent.statusCode(), badComponent.body()));
    }
}
