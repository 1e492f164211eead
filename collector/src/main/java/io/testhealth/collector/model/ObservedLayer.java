package io.testhealth.collector.model;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The layer a test's spans show it ran at, as opposed to the layer its report or upload declares.
 *
 * <p>Ordered by weight: a test that both queried a database and called a deployed service is e2e. Whoever combines
 * several observations of one test (its runs, the integration edges its spans exercised) keeps the heaviest
 * ({@link #heavier}): a test that reached the database in one run and found its data cached in the next still
 * touches the database.
 *
 * <p>A run stored from test spans keeps its observation in two labels, {@value #LAYER_LABEL} (the {@link #id()}) and
 * {@value #EVIDENCE_LABEL} (why, a few short sentences), beside the labels of its report.
 */
public enum ObservedLayer {
    /** Nothing observable: no spans inside the test and no sign that I/O would have been instrumented. */
    UNKNOWN,
    /** Instrumentation was active and the test made no database, messaging, HTTP or RPC call. */
    UNIT,
    /** Database or messaging calls, or HTTP/RPC calls to this machine (local containers, stubs, the app itself). */
    INTEGRATION,
    /** Calls to other hosts, or spans of other services inside the test. */
    E2E;

    /** The label a run's observed layer is kept in. */
    public static final String LAYER_LABEL = "observed.layer";
    /** The label the evidence of a run's observed layer is kept in. */
    public static final String EVIDENCE_LABEL = "observed.evidence";

    /** The label value: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The pyramid layer this observation is evidence of; empty for {@link #UNKNOWN}, which is no evidence. */
    public Optional<Layer> layer() {
        return switch (this) {
            case UNKNOWN -> Optional.empty();
            case UNIT -> Optional.of(Layer.UNIT);
            case INTEGRATION -> Optional.of(Layer.INTEGRATION);
            case E2E -> Optional.of(Layer.E2E);
        };
    }

    /** The layer named by {@link #id()}, if it is one. */
    public static Optional<ObservedLayer> parse(String id) {
        for (ObservedLayer l : values()) {
            if (l.id().equals(id)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * The heavier of two observations of one test; {@code null} stands for "not observed" and is lighter than any.
     *
     * @return {@code b} when it is heavier than {@code a}, else {@code a}
     */
    public static ObservedLayer heavier(ObservedLayer a, ObservedLayer b) {
        if (b == null) {
            return a;
        }
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    /** What a run's labels say its test span showed; empty when the run did not come from spans. */
    public static Optional<ObservedLayer> ofLabels(Map<String, List<String>> labels) {
        List<String> values = labels.getOrDefault(LAYER_LABEL, List.of());
        return values.isEmpty() ? Optional.empty() : parse(values.get(0));
    }

    /** The labels of a run's observation alone, out of all its labels; empty when it has none. */
    public static Map<String, List<String>> labelsOf(Map<String, List<String>> labels) {
        Map<String, List<String>> out = new HashMap<>();
        for (String key : List.of(LAYER_LABEL, EVIDENCE_LABEL)) {
            List<String> values = labels.get(key);
            if (values != null && !values.isEmpty()) {
                out.put(key, values);
            }
        }
        return Map.copyOf(out);
    }

    /**
     * {@code labels} with the observation in {@code observed} put in, replacing any observation they had: a later
     * observation of the same run is the same spans read again.
     */
    public static Map<String, List<String>> withObservation(Map<String, List<String>> labels,
                                                            Map<String, List<String>> observed) {
        Map<String, List<String>> out = new HashMap<>(labels);
        out.remove(LAYER_LABEL);
        out.remove(EVIDENCE_LABEL);
        out.putAll(labelsOf(observed));
        return Map.copyOf(out);
    }
}
