package io.testhealth.uploader.quarantine;

/**
 * A test in quarantine, as {@code GET /api/v1/components/{name}/quarantine} lists it.
 *
 * @param suite   class or suite
 * @param name    test name
 * @param reason  why it was quarantined
 * @param expired whether the quarantine has passed its end (then the test runs again)
 */
public record QuarantinedTest(String suite, String name, String reason, boolean expired) {
}
