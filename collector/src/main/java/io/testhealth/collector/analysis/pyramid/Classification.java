package io.testhealth.collector.analysis.pyramid;

import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;

import java.util.Objects;

/**
 * The layer of one test and the signal that decided it.
 *
 * @param testId   the test
 * @param layer    its layer, or {@code null} when nothing classifies it ({@code unknown})
 * @param source   the signal that decided, or {@code null} when the layer is unknown
 * @param contract whether it is a contract test (Pact, Spring Cloud Contract); only ever true for
 *                 {@link Layer#INTEGRATION}, where contract tests are counted separately
 */
public record Classification(String testId, Layer layer, LayerSource source, boolean contract) {
    public Classification {
        Objects.requireNonNull(testId, "testId");
        if ((layer == null) != (source == null)) {
            throw new IllegalArgumentException("a layer comes with its source, and unknown with none");
        }
        if (contract && layer != Layer.INTEGRATION) {
            throw new IllegalArgumentException("contract tests are integration tests");
        }
    }

    /** A test nothing classifies. */
    public static Classification unknown(String testId) {
        return new Classification(testId, null, null, false);
    }

    /** Whether the test has a known layer. */
    public boolean known() {
        return layer != null;
    }
}
