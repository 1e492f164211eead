package io.testhealth.collector.model;

/**
 * Outcome of one attempt of a test, as the report recorded it.
 *
 * <p>The precedence when a report element carries several outcomes is
 * {@code ERROR > FAILED > SKIPPED > PASSED} (see {@code docs/metrics.md}).
 */
public enum Status {
    /** The attempt ran and passed. */
    PASSED,
    /** An assertion failed (JUnit {@code <failure>}, Allure {@code failed}). */
    FAILED,
    /** An unexpected exception (JUnit {@code <error>}, Allure {@code broken}). */
    ERROR,
    /** The test was not run (disabled, ignored, assumption not met). */
    SKIPPED,
    /** The report gave no outcome we can read (Allure {@code unknown} or an invalid status). */
    UNKNOWN;

    /** Whether this attempt counts against the test: a failure or an error. */
    public boolean isFailure() {
        return this == FAILED || this == ERROR;
    }
}
