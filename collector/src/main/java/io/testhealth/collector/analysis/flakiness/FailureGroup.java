package io.testhealth.collector.analysis.flakiness;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * All failures sharing one fingerprint, across tests and components: one cause, however many tests it hit.
 *
 * @param fingerprint   the shared failure fingerprint
 * @param category      the category of the latest failure, see {@link FailureCategory#of(String, String)}
 * @param sampleType    the latest failure's type
 * @param sampleMessage the latest failure's message
 * @param tests         ids of the tests that failed this way, sorted
 * @param components    components of those tests, sorted
 * @param failures      how many test runs failed this way
 * @param firstSeen     start of the first job run with such a failure
 * @param lastSeen      start of the latest one
 */
public record FailureGroup(String fingerprint, FailureCategory category, String sampleType, String sampleMessage,
                           List<String> tests, List<String> components, int failures, Instant firstSeen,
                           Instant lastSeen) {
    public FailureGroup {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(category, "category");
        tests = List.copyOf(tests);
        components = List.copyOf(components);
    }
}
