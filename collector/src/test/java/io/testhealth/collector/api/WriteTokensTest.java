package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A collector with write tokens, through its HTTP server: uploads and quarantine changes need a token of their own
 * list (401 without one or with an unknown one, 403 with a token of another role) checked before an upload's body is read, both tokens of a rotation are
 * accepted, and reads need nothing.
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.api.upload-tokens", value = WriteTokensTest.UPLOAD_NEW + "," + WriteTokensTest.UPLOAD_OLD)
@Property(name = "testhealth.api.quarantine-tokens", value = WriteTokensTest.QUARANTINE)
final class WriteTokensTest {

    static final String UPLOAD_NEW = "upload-token-2026-11-new";
    static final String UPLOAD_OLD = "upload-token-2026-05-old";
    static final String QUARANTINE = "quarantine-token-backstage";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XML = "<testsuite><testcase classname=\"com.acme.TokenTest\" name=\"shaky\" time=\"1\"/></testsuite>";

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    @Inject
    ScorecardService scorecards;

    private CollectorClient.Reply upload(String uploadId, String... headers) {
        return new CollectorClient(server.getURL()).upload("component=locked-down&pipeline=" + uploadId + "&uploadId=" + uploadId,
                XML.getBytes(StandardCharsets.UTF_8), "application/xml", headers);
    }

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

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void anUploadWithoutATokenIsChallengedAndStoresNothing() throws Exception {
        String id = "no-token-" + UUID.randomUUID();
        HttpResponse<String> r = send("POST", "/api/v1/uploads?component=locked-down&uploadId=" + id, XML);
        JsonNode body = JSON.readTree(r.body());
        assertAll(
                () -> assertEquals(401, r.statusCode()),
                () -> assertEquals(WriteTokenFilter.CHALLENGE, r.headers().firstValue("WWW-Authenticate").orElse("")),
                () -> assertEquals("unauthorized", body.path("error").asText()),
                () -> assertTrue(body.path("message").asText().endsWith(
                        "set Authorization: Bearer <token> (testhealth.api.upload-tokens)"), body.toString()),
                () -> assertEquals(0, StoredRows.count(store, "uploads", "upload_id", id)));
    }

    @Test
    void anUploadWithAnUnknownTokenIsUnauthorizedAndTheTokenIsNotEchoed() {
        String id = "wrong-token-" + UUID.randomUUID();
        CollectorClient.Reply r = upload(id, "Authorization", bearer("not-the-upload-token-at-all"));
        assertAll(
                () -> assertEquals(401, r.status()),
                () -> assertEquals("unauthorized", r.text("error")),
                () -> assertTrue(r.text("message").contains("testhealth.api.upload-tokens"), r.text("message")),
                () -> assertFalse(r.json().toString().contains("not-the-upload-token-at-all")),
                () -> assertEquals(0, StoredRows.count(store, "uploads", "upload_id", id)));
    }

    @Test
    void otherCredentialsThanABearerTokenAreChallenged() {
        CollectorClient.Reply basic = upload("basic-" + UUID.randomUUID(), "Authorization", "Basic dXNlcjpwYXNzd29yZA==");
        CollectorClient.Reply empty = upload("empty-" + UUID.randomUUID(), "Authorization", "Bearer ");
        assertEquals(401, basic.status());
        assertEquals(401, empty.status());
    }

    @Test
    void bothTokensOfARotationAreAcceptedAndTheSchemeIsCaseInsensitive() {
        assertEquals(201, upload("new-" + UUID.randomUUID(), "Authorization", bearer(UPLOAD_NEW)).status());
        assertEquals(201, upload("old-" + UUID.randomUUID(), "Authorization", bearer(UPLOAD_OLD)).status());
        assertEquals(201, upload("lower-" + UUID.randomUUID(), "Authorization", "bearer " + UPLOAD_NEW).status());
    }

    @Test
    void aRefusedUploadIsNoDuplicateOfItsRetryWithTheToken() {
        String id = "retried-" + UUID.randomUUID();
        assertEquals(401, upload(id).status());
        CollectorClient.Reply stored = upload(id, "Authorization", bearer(UPLOAD_NEW));
        CollectorClient.Reply again = upload(id, "Authorization", bearer(UPLOAD_OLD));
        assertEquals(201, stored.status());
        assertFalse(stored.json().path("duplicate").asBoolean());
        assertEquals(200, again.status());
        assertTrue(again.json().path("duplicate").asBoolean());
    }

    @Test
    void aMultipartUploadNeedsTheTokenToo() throws Exception {
        String boundary = "token-test-boundary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"TEST-a.xml\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + XML + "\r\n--" + boundary + "--\r\n";
        String contentType = "multipart/form-data; boundary=" + boundary;
        String path = "/api/v1/uploads?component=locked-down&pipeline=form-" + UUID.randomUUID();
        HttpResponse<String> without = send("POST", path, form, "Content-Type", contentType);
        HttpResponse<String> with = send("POST", path, form, "Content-Type", contentType, "Authorization", bearer(UPLOAD_OLD));
        assertEquals(401, without.statusCode(), without.body());
        assertEquals(201, with.statusCode(), with.body());
    }

    @Test
    void eachTokenListGuardsOnlyItsOwnWrites() throws Exception {
        String testId = uploadedTestId();
        String quarantine = "/api/v1/tests/" + testId + "/quarantine";
        String request = "{\"by\":\"backstage\",\"reason\":\"flaky\",\"ticket\":\"T-1\"}";
        assertEquals(403, upload("cross-" + UUID.randomUUID(), "Authorization", bearer(QUARANTINE)).status());
        assertEquals(403, send("PUT", quarantine, request, "Authorization", bearer(UPLOAD_NEW)).statusCode());
    }

    @Test
    void quarantineAndReleaseNeedTheQuarantineToken() throws Exception {
        String testId = uploadedTestId();
        String quarantine = "/api/v1/tests/" + testId + "/quarantine";
        String request = "{\"by\":\"backstage\",\"reason\":\"flaky\",\"ticket\":\"T-1\"}";

        HttpResponse<String> putWithout = send("PUT", quarantine, request);
        HttpResponse<String> putWrong = send("PUT", quarantine, request, "Authorization", bearer("not-the-quarantine-token"));
        HttpResponse<String> deleteWithout = send("DELETE", quarantine, null);
        HttpResponse<String> deleteWrong = send("DELETE", quarantine, null, "Authorization", bearer("not-the-quarantine-token"));
        assertAll(
                () -> assertEquals(401, putWithout.statusCode()),
                () -> assertTrue(JSON.readTree(putWithout.body()).path("message").asText()
                        .endsWith("(testhealth.api.quarantine-tokens)"), putWithout.body()),
                () -> assertEquals(WriteTokenFilter.CHALLENGE, putWithout.headers().firstValue("WWW-Authenticate").orElse("")),
                () -> assertEquals(401, putWrong.statusCode()),
                () -> assertEquals("unauthorized", JSON.readTree(putWrong.body()).path("error").asText()),
                () -> assertEquals(401, deleteWithout.statusCode()),
                () -> assertEquals(401, deleteWrong.statusCode()),
                () -> assertEquals("[]", send("GET", "/api/v1/components/locked-down/quarantine", null).body()));

        assertEquals(200, send("PUT", quarantine, request, "Authorization", bearer(QUARANTINE)).statusCode());
        assertEquals(204, send("DELETE", quarantine, null, "Authorization", bearer(QUARANTINE)).statusCode());
    }

    @Test
    void readsNeedNoToken() throws Exception {
        String testId = uploadedTestId();
        for (String path : new String[] {"/api/v1/components", "/api/v1/components/locked-down/scorecard",
                "/api/v1/components/locked-down/tests", "/api/v1/components/locked-down/quarantine", "/api/v1/tests/" + testId,
                "/api/v1/teams", "/prometheus", "/openapi/test-health-collector-v1.yml"}) {
            assertEquals(200, send("GET", path, null).statusCode(), path);
        }
    }

    /**
     * The client promises 2 GB and sends 64 KiB of it: the answer can only come before the rest because the token was
     * checked before the body was read (a controller waiting for the body would leave the read to time out).
     */
    @ParameterizedTest
    @ValueSource(strings = {"application/zip", "multipart/form-data; boundary=b"})
    void aHugeUploadWithoutATokenIsRefusedBeforeItsBodyIsRead(String contentType) throws Exception {
        String id = "huge-" + UUID.randomUUID();
        String status = statusLine("POST /api/v1/uploads?component=locked-down&uploadId=" + id + " HTTP/1.1\r\n"
                + "Host: localhost\r\nContent-Type: " + contentType + "\r\nContent-Length: 2000000000\r\n\r\n", 64 * 1024);
        assertEquals("HTTP/1.1 401 Unauthorized", status);
        assertEquals(0, StoredRows.count(store, "uploads", "upload_id", id));
    }

    /** What curl does for a large body: it sends the headers and waits for 100 Continue, which never comes. */
    @Test
    void aClientWaitingToSendItsBodyIsRefusedWithoutBeingAskedForIt() throws Exception {
        String status = statusLine("POST /api/v1/uploads?component=locked-down HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/zip\r\nExpect: 100-continue\r\nContent-Length: 2000000000\r\n\r\n", 0);
        assertEquals("HTTP/1.1 401 Unauthorized", status);
    }

    /**
     * Sends a request's head and the first {@code bodyBytes} of its body over a plain socket and reads the first line
     * of the answer; the read fails after 20 s without one.
     */
    private String statusLine(String head, int bodyBytes) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[bodyBytes]);
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** Uploads one run with the token and analyses it, so the test has an id that quarantine can name. */
    private String uploadedTestId() throws Exception {
        assertEquals(201, upload("setup-" + UUID.randomUUID(), "Authorization", bearer(UPLOAD_NEW)).status());
        scorecards.refreshAll();
        return JSON.readTree(send("GET", "/api/v1/components/locked-down/tests", null).body())
                .path("tests").get(0).path("testId").asText();
    }
}
