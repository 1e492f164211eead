package io.testhealth.collector.analysis.flakiness;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.Outcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Groups failures by their fingerprint across tests, so that one broken dependency shows up as one cause, not as
 * forty flaky tests.
 *
 * <p>Every run that recorded a failure counts: failed runs and runs that passed after a retry (whose failed attempt
 * is the failure recorded). Runs without a fingerprint are left out, as nothing tells their causes apart. The caller
 * decides the scope: pass the histories of one component, or of all components of a team, already cut to the
 * window it wants. Infrastructure incidents are not removed: they are exactly the shared causes this view shows.
 */
public final class FailureGroups {

    private FailureGroups() {
    }

    /**
     * The failure groups of the given histories, the group hitting the most tests first (then the most failures,
     * then by fingerprint, so the order is total).
     */
    public static List<FailureGroup> of(List<TestHistory> tests) {
        Map<String, List<Hit>> byFingerprint = new LinkedHashMap<>();
        for (TestHistory t : tests) {
            for (TestRunFact f : t.runs()) {
                boolean recordedFailure = f.failed() || f.outcome() == Outcome.FLAKY;
                if (recordedFailure && !f.failureFingerprint().isEmpty()) {
                    byFingerprint.computeIfAbsent(f.failureFingerprint(), k -> new ArrayList<>()).add(new Hit(t, f));
                }
            }
        }
        List<FailureGroup> groups = new ArrayList<>();
        byFingerprint.forEach((fingerprint, hits) -> groups.add(group(fingerprint, hits)));
        groups.sort(Comparator.comparingInt((FailureGroup g) -> g.tests().size()).reversed()
                .thenComparing(Comparator.comparingInt(FailureGroup::failures).reversed())
                .thenComparing(FailureGroup::fingerprint));
        return List.copyOf(groups);
    }

    private static FailureGroup group(String fingerprint, List<Hit> hits) {
        TreeSet<String> testIds = new TreeSet<>();
        TreeSet<String> components = new TreeSet<>();
        Hit latest = hits.get(0);
        Instant first = latest.fact().job().startedAt();
        for (Hit h : hits) {
            testIds.add(h.test().testId());
            String component = h.test().component() != null ? h.test().component() : h.fact().job().component();
            if (component != null && !component.isEmpty()) {
                components.add(component);
            }
            Instant at = h.fact().job().startedAt();
            if (at.isBefore(first)) {
                first = at;
            }
            if (!at.isBefore(latest.fact().job().startedAt())) {
                latest = h;
            }
        }
        TestRunFact sample = latest.fact();
        return new FailureGroup(fingerprint, FailureCategory.of(sample.failureType(), sample.failureMessage()),
                sample.failureType(), sample.failureMessage(), List.copyOf(testIds), List.copyOf(components),
                hits.size(), first, sample.job().startedAt());
    }

    private record Hit(TestHistory test, TestRunFact fact) {
    }
}
