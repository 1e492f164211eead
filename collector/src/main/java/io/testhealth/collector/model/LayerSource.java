package io.testhealth.collector.model;

/**
 * Where a declared layer came from, strongest first. Analysis keeps the source beside the verdict so that a
 * team can see why a test was put in a layer and fix the declaration where it is wrong.
 */
public enum LayerSource {
    /** An Allure {@code layer} label on the test itself. */
    ALLURE_LABEL,
    /** A {@code layer} property on the JUnit test case. */
    TEST_PROPERTY,
    /** The upload's {@code layer} parameter, for the whole upload. */
    UPLOAD,
    /** The report's path: {@code failsafe-reports/} holds integration tests, {@code surefire-reports/} unit tests. */
    REPORT_PATH
}
