package io.testhealth.collector.model;

/**
 * Where a layer came from, strongest first. Analysis keeps the source beside the verdict so that a team can see why
 * a test was put in a layer and fix the declaration where it is wrong.
 *
 * <p>The order is the precedence of {@code metrics.md} section 5; {@link #ALLURE_LABEL} and {@link #TEST_PROPERTY}
 * are the same rank (both are a layer written on the test itself). Every source but {@link #TRACE} is declared (by a
 * person, a configuration or a convention); {@link #TRACE} is observed, and applies only where nothing is declared.
 * Stores and the API keep the name (lower case in the API), never the ordinal.
 */
public enum LayerSource {
    /** An explicit mapping in the collector's configuration (class or path patterns per component): the team's own word. */
    CONFIG_MAPPING,
    /** The upload's {@code layer} parameter, for the whole upload. */
    UPLOAD,
    /** An Allure {@code layer} label on the test itself. */
    ALLURE_LABEL,
    /** A {@code layer} property on the JUnit test case. */
    TEST_PROPERTY,
    /** A tag on the test: JUnit 5 {@code @Tag}, an Allure {@code tag} label, a pytest marker or category property. */
    TAG,
    /** The report's path: {@code failsafe-reports/} holds integration tests, {@code surefire-reports/} unit tests. */
    REPORT_PATH,
    /** A naming convention: {@code *IT} and {@code *IntegrationTest} classes, an {@code e2e} package or folder. */
    NAMING,
    /** What the test's spans showed it touched ({@link ObservedLayer}), where no declared source applies. */
    TRACE;

    /** Whether a person, a configuration or a convention said it, rather than the test's spans. */
    public boolean declared() {
        return this != TRACE;
    }
}
