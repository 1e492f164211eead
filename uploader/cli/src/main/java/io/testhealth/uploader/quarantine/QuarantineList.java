package io.testhealth.uploader.quarantine;

import io.testhealth.uploader.http.CollectorClient;
import io.testhealth.uploader.http.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a component's quarantine list from the collector, the tests a CI job should skip. Expired quarantines are
 * left out: their tests run again.
 */
public final class QuarantineList {

    private QuarantineList() {
    }

    /**
     * The component's quarantined tests, expired ones left out.
     *
     * @throws CollectorClient.Unavailable when the collector gives no usable answer
     */
    public static List<QuarantinedTest> fetch(CollectorClient client, String component) throws CollectorClient.Unavailable {
        String namespace = null;
        String name = component;
        String rest = component.contains(":") ? component.substring(component.indexOf(':') + 1) : component;
        if (rest.contains("/")) {
            namespace = rest.substring(0, rest.indexOf('/'));
            name = rest.substring(rest.indexOf('/') + 1);
        } else {
            name = rest;
        }
        String path = "api/v1/components/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                + "/quarantine" + (namespace == null ? "" : "?namespace=" + URLEncoder.encode(namespace, StandardCharsets.UTF_8));
        CollectorClient.Answer answer = client.get(path, n -> { });
        if (answer.status() != 200) {
            throw new CollectorClient.Unavailable("the collector answered " + answer.status() + " to GET " + path
                    + ": " + answer.body(), answer.sendings());
        }
        Object body;
        try {
            body = Json.parse(answer.body());
        } catch (IllegalArgumentException e) {
            throw new CollectorClient.Unavailable("the quarantine list is not JSON: " + e.getMessage(), answer.sendings());
        }
        if (!(body instanceof List<?> entries)) {
            throw new CollectorClient.Unavailable("the quarantine list is not a JSON array", answer.sendings());
        }
        List<QuarantinedTest> tests = new ArrayList<>();
        for (Object e : entries) {
            if (e instanceof Map<?, ?> && Json.at(e, "suite") instanceof String suite && Json.at(e, "name") instanceof String n) {
                boolean expired = Boolean.TRUE.equals(Json.at(e, "expired"));
                if (!expired) {
                    tests.add(new QuarantinedTest(suite, n, String.valueOf(Json.at(e, "reason")), false));
                }
            }
        }
        return tests;
    }
}
