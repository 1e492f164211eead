package io.testhealth.collector.model;

import java.time.Instant;
import java.util.Objects;

/**
 * That an integration edge was exercised: by one test of a component, or outside tests in an observed environment.
 * What a store keeps of spans for the integration map, as long as the results (the raw spans themselves only
 * {@code testhealth.retention.spans-days}, see {@link TestSpanTree}).
 *
 * @param component     the component it belongs to: the test's, or the observed service's
 * @param edge          the edge
 * @param testId        the test that exercised it, or empty when it was seen outside tests
 * @param suite         the test's suite, or empty
 * @param name          the test's name, or empty
 * @param observedLayer the layer the test's spans show ({@code unit}, {@code integration}, {@code e2e}), or empty
 * @param status        how the test's latest attempt on the edge ended ({@code passed}, {@code failed}...), or empty
 * @param contract      the contract framework when the test is a contract test ({@code pact},
 *                      {@code spring-cloud-contract}), else empty
 * @param environment   the environment the spans came from when seen outside tests, else empty
 * @param seenAt        when (the span's start)
 */
public record EdgeSighting(String component, IntegrationEdge edge, String testId, String suite, String name,
                           String observedLayer, String status, String contract, String environment, Instant seenAt) {
    /** Longest suite or test name kept (the test's own result keeps its name under the ingest's limit). */
    public static final int MAX_TEST_CHARS = 1_000;

    public EdgeSighting {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(edge, "edge");
        testId = testId == null ? "" : testId;
        suite = suite == null ? "" : BoundedText.cut(suite, MAX_TEST_CHARS);
        name = name == null ? "" : BoundedText.cut(name, MAX_TEST_CHARS);
        observedLayer = observedLayer == null ? "" : observedLayer;
        status = status == null ? "" : status;
        contract = contract == null ? "" : contract;
        environment = environment == null ? "" : BoundedText.cut(environment, IntegrationEdge.MAX_NAME_CHARS);
        Objects.requireNonNull(seenAt, "seenAt");
    }

    /** Whether a test exercised the edge (else it was seen in an observed environment). */
    public boolean byTest() {
        return !testId.isEmpty();
    }
}
