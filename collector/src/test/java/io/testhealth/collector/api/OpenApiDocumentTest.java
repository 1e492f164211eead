package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.ingest.IngestException;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document generated from the controllers is served and says what the API really answers, so that a
 * client generated from it works: every public path with its success statuses and bodies, every error with its code
 * and JSON body, the upload's parameters, and the bearer token of the writes.
 */
@MicronautTest
final class OpenApiDocumentTest {

    @Inject
    EmbeddedServer server;

    private HttpResponse<String> document() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.getURL() + "/openapi/test-health-collector-v1.yml")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The operation of {@code method} on {@code path} in the served document, as parsed YAML. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> operation(String path, String method) throws Exception {
        Map<String, Object> doc = new Yaml().load(document().body());
        Map<String, Object> item = (Map<String, Object>) ((Map<String, Object>) doc.get("paths")).get(path);
        assertNotNull(item, path + " is missing from the OpenAPI document");
        Map<String, Object> operation = (Map<String, Object>) item.get(method);
        assertNotNull(operation, method + " " + path + " is missing from the OpenAPI document");
        return operation;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> responses(Map<String, Object> operation) {
        return (Map<String, Object>) operation.get("responses");
    }

    /** The schema of a response's body in one media type, or {@code null} when the response has none. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> schema(Map<String, Object> response, String mediaType) {
        Map<String, Object> content = (Map<String, Object>) response.get("content");
        if (content == null || !content.containsKey(mediaType)) {
            return null;
        }
        return (Map<String, Object>) ((Map<String, Object>) content.get(mediaType)).get("schema");
    }

    private static Map<String, Object> ref(String schema) {
        return Map.of("$ref", "#/components/schemas/" + schema);
    }

    private static Map<String, Object> arrayOf(String schema) {
        return Map.of("type", "array", "items", ref(schema));
    }

    @Test
    void theServedDocumentDescribesEveryEndpoint() throws Exception {
        HttpResponse<String> r = document();
        assertEquals(200, r.statusCode());
        for (String path : List.of("/api/v1/uploads:", "/api/v1/components:", "/api/v1/components/{name}/scorecard:",
                "/api/v1/components/{name}/tests:", "/api/v1/components/{name}/quarantine:", "/api/v1/tests/{testId}:",
                "/api/v1/tests/{testId}/quarantine:", "/api/v1/teams:", "/api/v1/teams/{name}/scorecard:",
                "/api/v1/components/{name}/trends:", "/api/v1/teams/{name}/trends:", "/api/v1/reports/weekly:",
                "/api/v1/components/{name}/integrations:")) {
            assertTrue(r.body().contains(path), path + " is missing from the OpenAPI document");
        }
        for (String code : List.of("unknown-component", "unknown-team", "no-report-yet", "invalid-request")) {
            assertTrue(r.body().contains("`" + code + "`"), "error code " + code + " is missing from the OpenAPI document");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentNamesTheErrorsOfTheServerItselfThatAnyRequestCanMeet() throws Exception {
        Map<String, Object> doc = new Yaml().load(document().body());
        String description = String.valueOf(((Map<String, Object>) doc.get("info")).get("description"));
        Map<String, String> errors = Map.of("400", "invalid-request", "404", "not-found", "405", "method-not-allowed",
                "406", "not-acceptable", "413", "payload-too-large", "414", "uri-too-long",
                "415", "unsupported-media-type", "431", "headers-too-large", "500", "internal-error");
        errors.forEach((status, code) -> assertTrue(description.contains(status + " `" + code + "`"),
                status + " " + code + " is missing from the document's description"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesNeedTheBearerSchemeAndDescribeItsRefusalsWhileReadsDoNot() throws Exception {
        Map<String, Object> doc = new Yaml().load(document().body());
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        Map<String, Object> schemes = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("securitySchemes");
        Map<String, Object> bearer = (Map<String, Object>) schemes.get("bearer");
        assertEquals("http", bearer.get("type"));
        assertEquals("bearer", bearer.get("scheme"));
        for (String[] write : new String[][] {{"/api/v1/uploads", "post"}, {"/api/v2/spans", "post"},
                {"/api/v1/tests/{testId}/quarantine", "put"},
                {"/api/v1/tests/{testId}/quarantine", "delete"}, {"/api/v1/admin/tokens", "post"},
                {"/api/v1/admin/tokens", "get"}, {"/api/v1/admin/tokens/{id}", "delete"}}) {
            Map<String, Object> operation = (Map<String, Object>) ((Map<String, Object>) paths.get(write[0])).get(write[1]);
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            String name = write[1] + " " + write[0];
            assertAll(name,
                    () -> assertEquals(List.of(Map.of("bearer", List.of())), operation.get("security")),
                    () -> assertTrue(String.valueOf(responses.get("401")).contains("`unauthorized`")),
                    () -> assertTrue(String.valueOf(responses.get("401")).contains("WWW-Authenticate")),
                    () -> assertTrue(String.valueOf(responses.get("403")).contains("`forbidden`")));
        }
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) path.getValue()).get("get");
            if (get != null && !path.getKey().startsWith("/api/v1/admin/")) {
                assertNull(get.get("security"), "GET " + path.getKey() + " needs no token");
                assertFalse(((Map<String, Object>) get.get("responses")).containsKey("401"), "GET " + path.getKey());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void uploadsAnswerCreatedForAStoredUploadAndOkForARepeatWithTheUploadResponse() throws Exception {
        Map<String, Object> responses = responses(operation("/api/v1/uploads", "post"));
        for (String status : List.of("201", "200")) {
            Map<String, Object> response = (Map<String, Object>) responses.get(status);
            assertNotNull(response, "POST /api/v1/uploads documents no " + status);
            assertEquals(ref("UploadResponse"), schema(response, "application/json"), status);
        }
        assertTrue(String.valueOf(((Map<String, Object>) responses.get("200")).get("description")).contains("duplicate: true"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void uploadsDocumentEveryRefusalWithItsStatusItsErrorCodeAndTheApiErrorBody() throws Exception {
        Map<String, Object> responses = responses(operation("/api/v1/uploads", "post"));
        for (IngestException.Reason reason : IngestException.Reason.values()) {
            String status = String.valueOf(reason.httpStatus());
            Map<String, Object> response = (Map<String, Object>) responses.get(status);
            assertNotNull(response, reason + ": POST /api/v1/uploads documents no " + status);
            assertAll(reason.name(),
                    () -> assertTrue(String.valueOf(response.get("description")).contains("`" + reason.code() + "`"),
                            status + " does not name " + reason.code()),
                    () -> assertEquals(ref("ApiError"), schema(response, "application/json")));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void uploadsDocumentEveryQueryParameterTheyReadWithATypeAndADescription() throws Exception {
        List<Map<String, Object>> parameters = (List<Map<String, Object>>) operation("/api/v1/uploads", "post").get("parameters");
        Map<String, Map<String, Object>> byName = new HashMap<>();
        parameters.forEach(p -> byName.put((String) p.get("name"), p));
        List<String> read = new ArrayList<>(Arrays.stream(UploadQuery.class.getRecordComponents())
                .map(RecordComponent::getName).toList());
        read.add("filename");
        for (String name : read) {
            Map<String, Object> p = byName.get(name);
            assertNotNull(p, "query parameter " + name + " is missing from POST /api/v1/uploads");
            Map<String, Object> schema = (Map<String, Object>) p.get("schema");
            assertAll(name,
                    () -> assertEquals("query", p.get("in")),
                    () -> assertFalse(String.valueOf(p.get("description")).isBlank(), "no description"),
                    () -> assertTrue(Set.of("string", "integer").contains(schema.get("type")), "type " + schema.get("type")));
        }
        assertEquals(true, byName.get("component").get("required"), "component is required");
        assertEquals("integer", ((Map<String, Object>) byName.get("attempt").get("schema")).get("type"));
        assertEquals("date-time", ((Map<String, Object>) byName.get("startedAt").get("schema")).get("format"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void releasingAQuarantineAnswersNoContentAndAnUnknownOneNotFound() throws Exception {
        Map<String, Object> responses = responses(operation("/api/v1/tests/{testId}/quarantine", "delete"));
        assertAll(
                () -> assertFalse(responses.containsKey("200"), "DELETE answers 204, never 200"),
                () -> assertNotNull(responses.get("204"), "204 is missing"),
                () -> assertNull(((Map<String, Object>) responses.get("204")).get("content"), "a 204 has no body"),
                () -> assertTrue(String.valueOf(responses.get("404")).contains("`not-found`")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationDocumentsTheSuccessStatusesAndBodiesItAnswersWith() throws Exception {
        Map<String, Object> scorecard = Map.of("application/json", ref("ReadViews.ScorecardResponse"));
        Map<String, Object> summaries = Map.of("application/json", arrayOf("ReadViews.SubjectSummary"));
        Map<String, Object> trends = Map.of("application/json", ref("WeeklyTrends"));
        Map<String, Object> upload = Map.of("application/json", ref("UploadResponse"));
        Map<String, Map<String, Map<String, Object>>> expected = Map.ofEntries(
                Map.entry("get /api/v1/components", Map.of("200", summaries)),
                Map.entry("get /api/v1/components/{name}/scorecard", Map.of("200", scorecard)),
                Map.entry("get /api/v1/components/{name}/tests",
                        Map.of("200", Map.of("application/json", ref("ReadViews.TestsResponse")))),
                Map.entry("get /api/v1/components/{name}/quarantine", Map.of("200", Map.of(
                        "application/json", arrayOf("ReadViews.QuarantineView"), "text/plain", Map.of("type", "string")))),
                Map.entry("get /api/v1/components/{name}/trends", Map.of("200", trends)),
                Map.entry("get /api/v1/components/{name}/integrations",
                        Map.of("200", Map.of("application/json", ref("IntegrationController.IntegrationsResponse")))),
                Map.entry("get /api/v1/teams", Map.of("200", summaries)),
                Map.entry("get /api/v1/teams/{name}/scorecard", Map.of("200", scorecard)),
                Map.entry("get /api/v1/teams/{name}/trends", Map.of("200", trends)),
                Map.entry("get /api/v1/tests/{testId}", Map.of("200", Map.of("application/json", ref("ReadViews.TestDetail")))),
                Map.entry("put /api/v1/tests/{testId}/quarantine",
                        Map.of("200", Map.of("application/json", ref("ReadViews.QuarantineView")))),
                Map.entry("delete /api/v1/tests/{testId}/quarantine", Map.of("204", Map.of())),
                Map.entry("post /api/v1/uploads", Map.of("201", upload, "200", upload)),
                Map.entry("get /api/v1/reports/weekly", Map.of("200", Map.of("application/json", ref("WeeklyReview"),
                        "text/markdown", Map.of("type", "string"), "text/html", Map.of("type", "string")))));
        for (Map.Entry<String, Map<String, Map<String, Object>>> e : expected.entrySet()) {
            String[] methodAndPath = e.getKey().split(" ");
            Map<String, Object> responses = responses(operation(methodAndPath[1], methodAndPath[0]));
            Map<String, Map<String, Object>> documented = new HashMap<>();
            for (Map.Entry<String, Object> r : responses.entrySet()) {
                if (r.getKey().startsWith("2")) {
                    Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) r.getValue()).get("content");
                    Map<String, Object> schemas = new HashMap<>();
                    if (content != null) {
                        content.forEach((type, media) -> schemas.put(type, ((Map<String, Object>) media).get("schema")));
                    }
                    documented.put(r.getKey(), schemas);
                }
            }
            assertEquals(e.getValue(), documented, e.getKey());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyErrorIsDocumentedAsAJsonApiErrorWhateverElseTheOperationProduces() throws Exception {
        Map<String, Object> doc = new Yaml().load(document().body());
        for (Map.Entry<String, Object> path : ((Map<String, Object>) doc.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> op : ((Map<String, Object>) path.getValue()).entrySet()) {
                for (Map.Entry<String, Object> r : responses((Map<String, Object>) op.getValue()).entrySet()) {
                    if (r.getKey().startsWith("4")) {
                        assertEquals(Map.of("application/json", Map.of("schema", ref("ApiError"))),
                                ((Map<String, Object>) r.getValue()).get("content"),
                                op.getKey() + " " + path.getKey() + " " + r.getKey());
                    }
                }
            }
        }
    }
}
