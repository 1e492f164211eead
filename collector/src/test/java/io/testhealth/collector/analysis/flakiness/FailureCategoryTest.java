package io.testhealth.collector.analysis.flakiness;

import org.junit.jupiter.api.Test;

import static io.testhealth.collector.analysis.flakiness.FailureCategory.ASSERTION;
import static io.testhealth.collector.analysis.flakiness.FailureCategory.CONCURRENCY;
import static io.testhealth.collector.analysis.flakiness.FailureCategory.ENVIRONMENT_SETUP;
import static io.testhealth.collector.analysis.flakiness.FailureCategory.NETWORK;
import static io.testhealth.collector.analysis.flakiness.FailureCategory.OTHER;
import static io.testhealth.collector.analysis.flakiness.FailureCategory.RESOURCE_EXHAUSTION;
import static io.testhealth.collector.analysis.flakiness.FailureCategory.TIMEOUT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

final class FailureCategoryTest {

    private static void is(FailureCategory expected, String type, String message) {
        assertEquals(expected, FailureCategory.of(type, message), () -> type + ": " + message);
    }

    @Test
    void keywordRulesNameTheKindOfCause() {
        assertAll(
                () -> is(TIMEOUT, "java.net.SocketTimeoutException", "Read timed out"),
                () -> is(TIMEOUT, "java.util.concurrent.TimeoutException", ""),
                () -> is(TIMEOUT, "org.opentest4j.AssertionFailedError", "execution timed out after 100 ms"),
                () -> is(TIMEOUT, "", "Timeout of 2000ms exceeded"),
                () -> is(TIMEOUT, "java.net.ConnectException", "Connection timed out"),
                () -> is(NETWORK, "java.net.ConnectException", "Connection refused: localhost/127.0.0.1:5432"),
                () -> is(NETWORK, "java.net.UnknownHostException", "db.internal"),
                () -> is(NETWORK, "java.io.IOException", "Connection reset by peer"),
                () -> is(ASSERTION, "java.lang.AssertionError", "expected 3"),
                () -> is(ASSERTION, "org.opentest4j.AssertionFailedError", "expected: <1> but was: <2>"),
                () -> is(ASSERTION, "org.opentest4j.AssertionFailedError", "expected connection refused"),
                () -> is(ASSERTION, "", "expected [a] but was [b]"),
                () -> is(CONCURRENCY, "java.util.ConcurrentModificationException", null),
                () -> is(CONCURRENCY, "java.lang.IllegalStateException", "Deadlock detected"),
                () -> is(CONCURRENCY, "", "data race on counter"),
                () -> is(OTHER, "java.lang.IllegalStateException", "bad stack trace"),
                () -> is(RESOURCE_EXHAUSTION, "java.lang.OutOfMemoryError", "Java heap space"),
                () -> is(RESOURCE_EXHAUSTION, "java.io.IOException", "No space left on device"),
                () -> is(RESOURCE_EXHAUSTION, "java.io.IOException", "Too many open files"),
                () -> is(ENVIRONMENT_SETUP, "java.lang.ClassNotFoundException", "com.acme.Foo"),
                () -> is(ENVIRONMENT_SETUP, "java.lang.NoClassDefFoundError", "com/acme/Foo"),
                () -> is(ENVIRONMENT_SETUP, "java.lang.IllegalStateException", "port 8080 already in use"),
                () -> is(ENVIRONMENT_SETUP, "org.testcontainers.ContainerLaunchException", "Could not find a valid Docker environment"),
                () -> is(ENVIRONMENT_SETUP, "java.nio.file.AccessDeniedException", "/tmp/x: Permission denied"),
                () -> is(ENVIRONMENT_SETUP, "org.junit.platform.commons.PreconditionViolationException", "@BeforeAll method failed"),
                () -> is(OTHER, "java.lang.NullPointerException", "Cannot invoke \"String.length()\""),
                () -> is(OTHER, null, null));
    }
}
