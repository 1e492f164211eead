package io.testhealth.collector.analysis.pyramid;

import io.testhealth.collector.analysis.TestHistory;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One component's tests and their classifications, the input of {@link PyramidShape}.
 *
 * @param component       the component
 * @param histories       its tests
 * @param classifications by test id, e.g. from {@link PyramidClassifier#classifyAll}; a test without one is unknown
 */
public record PyramidInput(String component, List<TestHistory> histories, Map<String, Classification> classifications) {
    public PyramidInput {
        Objects.requireNonNull(component, "component");
        histories = List.copyOf(histories);
        classifications = Map.copyOf(classifications);
    }
}
