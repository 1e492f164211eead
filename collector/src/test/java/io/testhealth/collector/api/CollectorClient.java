package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A plain HTTP client for the collector's API in tests: real requests, the status and the JSON body as sent, with
 * none of a framework client's interpretation of error statuses.
 */
final class CollectorClient {

    /** A response: its status and parsed JSON body. */
    record Reply(int status, JsonNode json) {
        String text(String field) {
            return json.path(field).asText();
        }

        long count(String field) {
            return json.path("counts").path(field).asLong(-1);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    CollectorClient(URL base) {
        this.base = URI.create(base.toString());
    }

    /** POSTs {@code body} to {@code /api/v1/uploads?query}. */
    Reply upload(String query, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/uploads?" + query))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), JSON.readTree(response.body().isEmpty() ? "{}" : response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
