package io.testhealth.collector.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets in failure messages, written by hand the way tests print them, and what is left of each message. */
final class RedactionTest {

    private static final Redaction STANDARD = Redaction.standard();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `connection failed: user=app password=hunter2!x host=db`   | `connection failed: user=app password=[redacted] host=db`
            `expected login with {"username":"bob","password":"s3cr3t pw"}` | `expected login with {"username":"bob","password":"[redacted]"}`
            `GET /login?user=bob&DB_PASSWORD=Tr0ub4dor&lang=en failed` | `GET /login?user=bob&DB_PASSWORD=[redacted]&lang=en failed`
            `request headers: Authorization: Bearer abc.def-123_XYZ; Accept: */*` | `request headers: Authorization: Bearer [redacted]; Accept: */*`
            `{Authorization=Basic dXNlcjpwYXNzd29yZA==, Host=x}`       | `{Authorization=Basic [redacted], Host=x}`
            `curl -H 'bearer eyJraWQiOiJ4In0abcdefgh' failed`          | `curl -H 'bearer [redacted]' failed`
            `AccessDenied for AKIAIOSFODNN7EXAMPLE in eu-west-1`       | `AccessDenied for [redacted] in eu-west-1`
            `clone failed with ghp_aBcD1234eFgH5678iJkL9012mNoP3456qRsT` | `clone failed with [redacted]`
            `token github_pat_11ABCDEFG0123456789_abcdefghijKLMNOP rejected` | `token [redacted] rejected`
            `jdbc:postgresql://db:5432/x failed for postgres://app:pa55@db:5432/x` | `jdbc:postgresql://db:5432/x failed for postgres://app:[redacted]@db:5432/x`
            `bad jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end` | `bad jwt [redacted] end`
            `slack said no to xoxb-123456789012-abcdefABCDEF`          | `slack said no to [redacted]`
            `aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY` | `aws_secret_access_key=[redacted]`
            """)
    void aSecretIsReplacedAndTheRestOfTheMessageKept(String message, String redacted) {
        assertEquals(redacted, STANDARD.redact(message));
    }

    @Test
    void aPrivateKeyIsRemovedToItsEndLine() {
        String message = "cannot parse key\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nq83hd==\n"
                + "-----END RSA PRIVATE KEY-----\nat line 3";
        assertEquals("cannot parse key\n-----BEGIN RSA PRIVATE KEY-----[redacted]\nat line 3", STANDARD.redact(message));
    }

    @Test
    void theMarkerOfAMessageCutInTheMiddleOfASecretSurvives() {
        String cut = BoundedText.cut("login failed: password=" + "x".repeat(100), 30);
        String redacted = STANDARD.redact(cut);
        assertTrue(redacted.startsWith("login failed: password=[redacted]" + BoundedText.MARKER), redacted);
        assertTrue(BoundedText.isCut(redacted));
    }

    @Test
    void aMessageWithoutSecretsIsTheSameInstance() {
        String message = "expected: <42> but was: <41> (author: alice, 3 passwords checked)";
        assertSame(message, STANDARD.redact(message));
    }

    @Test
    void extraPatternsAddToTheStandardOnesAndOffStoresAsReported() {
        Redaction extra = Redaction.of(true, List.of("cust-[0-9]{6}"));
        String message = "customer cust-004211 got password=abc";
        assertEquals("customer [redacted] got password=[redacted]", extra.redact(message));
        assertSame(message, Redaction.of(false, List.of("cust-[0-9]{6}")).redact(message));
        assertFalse(Redaction.off().enabled());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Redaction.of(true, List.of("ok", "(unclosed")));
        assertTrue(bad.getMessage().contains("extra-patterns[1]"), bad.getMessage());
    }

    @Test
    void aHostileMessageTakesLinearTime() {
        // runs that start many partial matches: a key without a separator, a bearer scheme without a token, a scheme
        // without credentials, a JWT-looking prefix without its dots; 10 times the longest message parsers keep
        String hostile = "password".repeat(1_500) + "bearer ".repeat(1_500) + "a://b".repeat(1_500)
                + "eyJ" + "a".repeat(10_000);
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> STANDARD.redact(hostile));
    }

    @Test
    void aTraceIsRedactedInEveryLineButItsFrames() {
        String trace = "java.sql.SQLException: login failed password=hunter2\n"
                + "\tat com.acme.Db.connect(Db.java:10)\n"
                + "\tat com.acme.DbTest.login(DbTest.java:20)\n"
                + "Caused by: java.io.IOException: sent Authorization: Bearer abcdefghijk123\n"
                + "\tat com.acme.Http.send(Http.java:5)";
        assertEquals("java.sql.SQLException: login failed password=[redacted]\n"
                + "\tat com.acme.Db.connect(Db.java:10)\n"
                + "\tat com.acme.DbTest.login(DbTest.java:20)\n"
                + "Caused by: java.io.IOException: sent Authorization: Bearer [redacted]\n"
                + "\tat com.acme.Http.send(Http.java:5)", STANDARD.redactTrace(trace));
    }

    @Test
    void aTraceWithoutSecretsIsTheSameInstanceAndFramesAreNotSearched() {
        String clean = "java.lang.AssertionError: expected 3\n\tat com.acme.Cart.total(Cart.java:10)\n";
        assertSame(clean, STANDARD.redactTrace(clean));
        // a frame names code, so it is not searched, whatever it holds
        String frame = "java.lang.AssertionError\n\tat com.acme.Login.password=x(Login.java:1)";
        assertSame(frame, STANDARD.redactTrace(frame));
        // a PEM key spans lines, none of them a frame: it is found whole
        String pem = "key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n\tat x.Y.z(Y.java:1)";
        assertEquals("key:\n-----BEGIN PRIVATE KEY-----[redacted]\n\tat x.Y.z(Y.java:1)", STANDARD.redactTrace(pem));
    }
}
