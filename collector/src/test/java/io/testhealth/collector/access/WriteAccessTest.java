package io.testhealth.collector.access;

import io.micronaut.context.ApplicationContext;
import io.testhealth.collector.access.WriteAccess.Decision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision on a write from its Authorization header, and the settings as the application context reads them. */
final class WriteAccessTest {

    private static final String UPLOAD = "ci-upload-token-0001";
    private static final String QUARANTINE = "backstage-quarantine-token";

    private static WriteAccess access(List<String> uploadTokens, List<String> quarantineTokens) {
        return new WriteAccess(new AccessConfiguration(uploadTokens, quarantineTokens));
    }

    @Test
    void withoutTokensEveryWriteIsAllowedWhateverItSends() {
        WriteAccess open = access(null, List.of());
        assertAll(
                () -> assertTrue(open.isOpen(WriteScope.UPLOADS)),
                () -> assertEquals(Decision.ALLOWED, open.check(WriteScope.UPLOADS, null)),
                () -> assertEquals(Decision.ALLOWED, open.check(WriteScope.UPLOADS, "Bearer anything-at-all-here")),
                () -> assertEquals(Decision.ALLOWED, open.check(WriteScope.QUARANTINE, "Basic dXNlcjpwYXNzd29yZA==")));
    }

    @Test
    void aBearerTokenOfTheScopeIsAllowedAndAnyOtherIsWrong() {
        WriteAccess locked = access(List.of(UPLOAD), List.of(QUARANTINE));
        assertAll(
                () -> assertEquals(Decision.ALLOWED, locked.check(WriteScope.UPLOADS, "Bearer " + UPLOAD)),
                () -> assertEquals(Decision.ALLOWED, locked.check(WriteScope.UPLOADS, "BEARER  " + UPLOAD + " ")),
                () -> assertEquals(Decision.WRONG_TOKEN, locked.check(WriteScope.UPLOADS, "Bearer " + QUARANTINE)),
                () -> assertEquals(Decision.ALLOWED, locked.check(WriteScope.QUARANTINE, "Bearer " + QUARANTINE)),
                () -> assertEquals(Decision.WRONG_TOKEN, locked.check(WriteScope.QUARANTINE, "Bearer " + UPLOAD)));
    }

    @Test
    void noHeaderAnotherSchemeOrAnEmptyBearerIsNoToken() {
        WriteAccess locked = access(List.of(UPLOAD), null);
        assertAll(
                () -> assertFalse(locked.isOpen(WriteScope.UPLOADS)),
                () -> assertTrue(locked.isOpen(WriteScope.QUARANTINE)),
                () -> assertEquals(Decision.NO_TOKEN, locked.check(WriteScope.UPLOADS, null)),
                () -> assertEquals(Decision.NO_TOKEN, locked.check(WriteScope.UPLOADS, "")),
                () -> assertEquals(Decision.NO_TOKEN, locked.check(WriteScope.UPLOADS, "Bearer")),
                () -> assertEquals(Decision.NO_TOKEN, locked.check(WriteScope.UPLOADS, "Bearer   ")),
                () -> assertEquals(Decision.NO_TOKEN, locked.check(WriteScope.UPLOADS, UPLOAD)),
                () -> assertEquals(Decision.NO_TOKEN, locked.check(WriteScope.UPLOADS, "Basic " + UPLOAD)));
    }

    @Test
    void commaSeparatedSettingsAreReadAsTheEnvironmentVariablesGiveThem() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "testhealth.store.duckdb.path", ":memory:",
                "testhealth.api.upload-tokens", UPLOAD + "," + UPLOAD + "-rotated",
                "testhealth.api.quarantine-tokens", ""))) {
            WriteAccess access = context.getBean(WriteAccess.class);
            assertEquals(Decision.ALLOWED, access.check(WriteScope.UPLOADS, "Bearer " + UPLOAD + "-rotated"));
            assertEquals(Decision.ALLOWED, access.check(WriteScope.UPLOADS, "Bearer " + UPLOAD));
            assertTrue(access.isOpen(WriteScope.QUARANTINE));
        }
    }

    @Test
    void aShortTokenStopsTheApplicationFromStarting() {
        String messages;
        try (ApplicationContext context = ApplicationContext.builder(Map.of("testhealth.store.duckdb.path", ":memory:",
                "testhealth.api.quarantine-tokens", "secret")).build()) {
            messages = messages(assertThrows(RuntimeException.class, context::start));
        }
        assertTrue(messages.contains("testhealth.api.quarantine-tokens: token 1 has 6 characters"), messages);
        assertFalse(messages.contains("secret"), messages);
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
