package io.testhealth.collector.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

final class FailureFingerprintTest {

    @Test
    void failuresThatDifferOnlyInRunNoiseShareAFingerprint() {
        String a = FailureFingerprint.of("java.net.ConnectException", "Connection refused: localhost/127.0.0.1:54321 after 3001 ms",
                "java.net.ConnectException\n\tat org.postgresql.Driver.connect(Driver.java:300)");
        String b = FailureFingerprint.of("java.net.ConnectException", "Connection refused: localhost/127.0.0.1:61002 after 2999 ms",
                "java.net.ConnectException\n\tat org.postgresql.Driver.connect(Driver.java:300)");
        assertEquals(a, b);
    }

    @Test
    void theSameMessageFromAnotherPlaceIsAnotherCause() {
        String a = FailureFingerprint.of("AssertionError", "expected true", "\tat com.acme.A.one(A.java:10)");
        String b = FailureFingerprint.of("AssertionError", "expected true", "\tat com.acme.B.two(B.java:10)");
        assertNotEquals(a, b);
    }

    @Test
    void aMissingMessageIsTakenFromTheTrace() {
        Failure f = Failure.of(null, null, "\n  java.lang.IllegalStateException: closed\n\tat x.Y.z(Y.java:1)");
        assertEquals("java.lang.IllegalStateException: closed", f.message());
        assertEquals(16, f.fingerprint().length());
    }
}
