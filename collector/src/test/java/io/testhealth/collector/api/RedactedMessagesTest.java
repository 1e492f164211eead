package io.testhealth.collector.api;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Failure messages reach the store without their secrets, on each store, whatever the format: a JUnit failure message,
 * the first line of a JUnit trace when the message is empty, an Allure status message; the operator's own pattern
 * ({@code extra-patterns}) too.
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.ingest.redaction.extra-patterns", value = "ACME-[0-9]{4}-[0-9]{4}")
final class RedactedMessagesTest {

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    private List<String> storedMessages(String component) {
        return StoredRows.strings(store, "SELECT failure_message FROM test_results WHERE component = 'component:default/"
                + component + "' ORDER BY failure_message");
    }

    @Test
    void junitMessagesAndTracesAreRedacted() {
        String component = "redact-" + UUID.randomUUID().toString().substring(0, 8);
        String xml = """
                <testsuite name="LoginIT">
                  <testcase classname="com.acme.LoginIT" name="a_login">
                    <failure message="login as bob with password=Sup3r-S3cret! refused" type="AssertionError"/>
                  </testcase>
                  <testcase classname="com.acme.LoginIT" name="b_token">
                    <error type="java.io.IOException">java.io.IOException: 401 for Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl
                    at com.acme.Http.send(Http.java:10)</error>
                  </testcase>
                  <testcase classname="com.acme.LoginIT" name="c_licence">
                    <failure message="licence ACME-1234-5678 expired" type="AssertionError"/>
                  </testcase>
                </testsuite>
                """;
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=" + component,
                xml.getBytes(StandardCharsets.UTF_8), "application/xml");
        assertEquals(201, r.status(), r.json().toString());
        assertEquals(List.of("java.io.IOException: 401 for Authorization: Bearer [redacted]",
                        "licence [redacted] expired",
                        "login as bob with password=[redacted] refused"),
                storedMessages(component));
    }

    @Test
    void allureStatusMessagesAreRedacted() {
        String component = "redact-allure-" + UUID.randomUUID().toString().substring(0, 8);
        String json = """
                {"uuid":"1","historyId":"h1","name":"deploys","fullName":"com.acme.DeployTest.deploys","status":"broken",
                 "statusDetails":{"message":"push failed: ghp_aBcD1234eFgH5678iJkL9012mNoP3456qRsT rejected for AKIAIOSFODNN7EXAMPLE",
                 "trace":"at com.acme.Deploy.push(Deploy.java:3)"},
                 "start":1764000000000,"stop":1764000001000,"labels":[]}
                """;
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=" + component + "&filename=1-result.json",
                json.getBytes(StandardCharsets.UTF_8), "application/json");
        assertEquals(201, r.status(), r.json().toString());
        assertEquals(List.of("push failed: [redacted] rejected for [redacted]"), storedMessages(component));
    }
}
