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
        return new WriteAccess(new AccessConfiguration(uploadTokens, quarantineTokens, null, null, null));
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
    void aBearerTokenOfTheScopeIsAllowedAKnownTokenOfAnotherRoleIsNotPermittedAndAnUnknownOneIsUnknown() {
        WriteAccess locked = access(List.of(UPLOAD), List.of(QUARANTINE));
        assertAll(
                () -> assertEquals(Decision.ALLOWED, locked.check(WriteScope.UPLOADS, "Bearer " + UPLOAD)),
                () -> assertEquals(Decision.ALLOWED, locked.check(WriteScope.UPLOADS, "BEARER  " + UPLOAD + " ")),
                () -> assertEquals(Decision.NOT_PERMITTED, locked.check(WriteScope.UPLOADS, "Bearer " + QUARANTINE)),
                () -> assertEquals(Decision.UNKNOWN_TOKEN, locked.check(WriteScope.UPLOADS, "Bearer " + UPLOAD + "x")),
                () -> assertEquals(Decision.ALLOWED, locked.check(WriteScope.QUARANTINE, "Bearer " + QUARANTINE)),
                () -> assertEquals(Decision.NOT_PERMITTED, locked.check(WriteScope.QUARANTINE, "Bearer " + UPLOAD)));
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

    @Test
    void adminRequestsAreNeverOpenAndReadsCloseOnlyOnceAReadTokenExists() {
        WriteAccess noTokens = access(null, null);
        WriteAccess admin = new WriteAccess(new AccessConfiguration(null, null, null, List.of(ADMIN), null));
        WriteAccess reads = new WriteAccess(new AccessConfiguration(null, null, List.of(READ), List.of(ADMIN), null));
        assertAll(
                () -> assertEquals(Decision.NO_TOKEN, noTokens.check(WriteScope.ADMIN, null)),
                () -> assertEquals(Decision.UNKNOWN_TOKEN, noTokens.check(WriteScope.ADMIN, "Bearer " + ADMIN)),
                () -> assertEquals(Decision.ALLOWED, admin.check(WriteScope.ADMIN, "Bearer " + ADMIN)),
                () -> assertEquals(Decision.ALLOWED, admin.check(WriteScope.READS, null)),
                // an admin token alone locks quarantine changes (it may make them) but not uploads
                () -> assertEquals(Decision.NO_TOKEN, admin.check(WriteScope.QUARANTINE, null)),
                () -> assertEquals(Decision.ALLOWED, admin.check(WriteScope.QUARANTINE, "Bearer " + ADMIN)),
                () -> assertEquals(Decision.ALLOWED, admin.check(WriteScope.UPLOADS, null)),
                () -> assertEquals(Decision.NO_TOKEN, reads.check(WriteScope.READS, null)),
                () -> assertEquals(Decision.ALLOWED, reads.check(WriteScope.READS, "Bearer " + READ)),
                () -> assertEquals(Decision.ALLOWED, reads.check(WriteScope.READS, "Bearer " + ADMIN)),
                () -> assertEquals(Decision.NOT_PERMITTED, reads.check(WriteScope.ADMIN, "Bearer " + READ)));
    }

    @Test
    void aScopedUploadTokenWritesItsComponentsOnly() {
        WriteAccess access = new WriteAccess(new AccessConfiguration(List.of(UPLOAD), null, null, null, null));
        String scoped = "scoped-token-for-payments-only";
        access.register(new io.testhealth.collector.store.StoredToken("tok_1", AcceptedTokens.hexSha256(scoped), "upload",
                "", List.of("component:default/payments", "component:shop/cart"), "payments CI", java.time.Instant.EPOCH));
        String bearer = "Bearer " + scoped;
        assertAll(
                () -> assertEquals(Decision.ALLOWED, access.check(WriteScope.UPLOADS, bearer, "component:default/payments", null)),
                () -> assertEquals(Decision.ALLOWED, access.check(WriteScope.UPLOADS, bearer, "component:shop/cart", "")),
                () -> assertEquals(Decision.NOT_PERMITTED, access.check(WriteScope.UPLOADS, bearer, "component:default/cart", null)),
                () -> assertEquals(Decision.NOT_PERMITTED, access.check(WriteScope.UPLOADS, bearer, null, null)),
                () -> assertEquals(Decision.NOT_PERMITTED, access.check(WriteScope.ADMIN, bearer)),
                // the unscoped token still writes anywhere
                () -> assertEquals(Decision.ALLOWED, access.check(WriteScope.UPLOADS, "Bearer " + UPLOAD, "component:default/cart", null)));
        access.forget(AcceptedTokens.hexSha256(scoped));
        assertEquals(Decision.UNKNOWN_TOKEN, access.check(WriteScope.UPLOADS, bearer, "component:default/payments", null));
    }

    @Test
    void requiredTokensRefuseToStartWithOpenWritesAndNameTheSettings() {
        String withoutQuarantine;
        try (ApplicationContext context = ApplicationContext.builder(Map.of("testhealth.store.duckdb.path", ":memory:",
                "testhealth.api.require-tokens", "true", "testhealth.api.upload-tokens", UPLOAD)).build()) {
            withoutQuarantine = messages(assertThrows(RuntimeException.class, context::start));
        }
        String inProduction;
        try (ApplicationContext context = ApplicationContext.builder(Map.of("testhealth.store.duckdb.path", ":memory:"))
                .environments(WriteAccess.PRODUCTION).build()) {
            inProduction = messages(assertThrows(RuntimeException.class, context::start));
        }
        assertTrue(withoutQuarantine.contains("Refusing to start with open quarantine changes"), withoutQuarantine);
        assertTrue(inProduction.contains("Refusing to start with open uploads"), inProduction);
        try (ApplicationContext context = ApplicationContext.run(Map.of("testhealth.store.duckdb.path", ":memory:",
                "testhealth.api.require-tokens", "true", "testhealth.api.upload-tokens", UPLOAD,
                "testhealth.api.admin-tokens", ADMIN))) {
            assertFalse(context.getBean(WriteAccess.class).isOpen(WriteScope.QUARANTINE));
        }
    }

    private static final String ADMIN = "admin-token-for-the-operators";
    private static final String READ = "grafana-read-token-000001";

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        return all.toString();
    }
}
