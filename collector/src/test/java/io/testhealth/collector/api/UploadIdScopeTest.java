package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An explicit {@code uploadId} names an upload within its component: a CI build number sent by two components is two
 * uploads; sent again by one component it is a repeat if the upload is the same, and refused if it is another.
 */
@MicronautTest
@OnEachStore
final class UploadIdScopeTest {

    /** Three tests: two passed, one failed. */
    private static final String THREE = """
            <testsuite name="com.acme.Cart"><testcase classname="com.acme.Cart" name="adds" time="0.2"/>
            <testcase classname="com.acme.Cart" name="removes" time="0.3"/>
            <testcase classname="com.acme.Cart" name="totals" time="0.1"><failure message="off by one"/></testcase>
            </testsuite>""";
    /** Two tests, both passed. */
    private static final String TWO = """
            <testsuite name="com.acme.Pay"><testcase classname="com.acme.Pay" name="charges" time="1"/>
            <testcase classname="com.acme.Pay" name="refunds" time="2"/></testsuite>""";

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    private CollectorClient.Reply upload(String component, String query, String body) {
        return new CollectorClient(server.getURL()).upload("component=" + component + "&uploadId=1234&" + query,
                body.getBytes(StandardCharsets.UTF_8), "application/xml");
    }

    /** A component no other test of the class uploads to, so that uploadId=1234 is fresh for it. */
    private static String component(String role) {
        return role + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long results(String component) {
        return StoredRows.count(store, "test_results", "component", "component:default/" + component);
    }

    @Test
    void twoComponentsSendingTheSameBuildNumberAreBothStored() {
        String cart = component("cart");
        String pay = component("pay");
        CollectorClient.Reply a = upload(cart, "commit=aaa111&pipeline=1234&job=test", THREE);
        CollectorClient.Reply b = upload(pay, "commit=bbb222&pipeline=1234&job=test", TWO);
        assertAll(
                () -> assertEquals(201, a.status(), a.json().toString()),
                () -> assertEquals(201, b.status(), b.json().toString() + ": the second component's upload is no repeat"),
                () -> assertEquals("1234", a.text("uploadId")),
                () -> assertEquals("1234", b.text("uploadId")),
                () -> assertEquals(3, a.count("tests")),
                () -> assertEquals(2, b.count("tests")),
                () -> assertEquals(3, results(cart)),
                () -> assertEquals(2, results(pay)));
    }

    @Test
    void theSameUploadSentAgainIsAnsweredWithTheFirstReceiptAndCountedOnce() {
        String cart = component("cart");
        String query = "commit=aaa111&branch=main&pipeline=88&job=test&attempt=1&environment=jdk17";
        CollectorClient.Reply first = upload(cart, query, THREE);
        CollectorClient.Reply again = upload(cart, query, THREE);
        assertAll(
                () -> assertEquals(201, first.status()),
                () -> assertEquals(200, again.status(), again.json().toString()),
                () -> assertTrue(again.json().path("duplicate").asBoolean()),
                () -> assertEquals(first.text("runId"), again.text("runId")),
                () -> assertEquals(3, again.count("tests")),
                () -> assertEquals(3, results(cart), "nothing counted twice"));
    }

    @Test
    void anotherBodyUnderTheSameKeyIsRefusedAndStoresNothing() {
        String cart = component("cart");
        String query = "commit=aaa111&pipeline=89&job=test";
        assertEquals(201, upload(cart, query, THREE).status());
        CollectorClient.Reply other = upload(cart, query, TWO);
        assertAll(
                () -> assertEquals(409, other.status(), other.json().toString()),
                () -> assertEquals("upload-id-conflict", other.text("error")),
                () -> assertTrue(other.text("message").contains("component:default/" + cart), other.text("message")),
                () -> assertTrue(other.text("message").contains("uploadId=1234"), other.text("message")),
                () -> assertTrue(other.text("message").contains("new uploadId"), other.text("message")),
                () -> assertEquals(3, results(cart), "the refused upload's two tests were not stored"));
    }

    @Test
    void theSameBodyForAnotherCommitUnderTheSameKeyIsRefused() {
        String cart = component("cart");
        assertEquals(201, upload(cart, "commit=aaa111&pipeline=90&job=test", THREE).status());
        CollectorClient.Reply nextCommit = upload(cart, "commit=ccc333&pipeline=90&job=test", THREE);
        CollectorClient.Reply nextAttempt = upload(cart, "commit=aaa111&pipeline=90&job=test&attempt=2", THREE);
        assertAll(
                () -> assertEquals(409, nextCommit.status(), nextCommit.json().toString()),
                () -> assertEquals("upload-id-conflict", nextCommit.text("error")),
                () -> assertEquals(409, nextAttempt.status(), nextAttempt.json().toString()),
                () -> assertEquals(3, results(cart)),
                () -> assertEquals(0, StoredRows.count(store, "runs", "commit_sha", "ccc333")));
    }
}
