package io.testhealth.collector.analysis.pyramid;

import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;

import java.util.Objects;

/**
 * The layer of one test, the signal that decided it, and the layer its spans show.
 *
 * @param testId   the test
 * @param layer    its layer, or {@code null} when nothing classifies it ({@code unknown})
 * @param source   the signal that decided, or {@code null} when the layer is unknown
 * @param contract whether it is a contract test (Pact, Spring Cloud Contract); only ever true for
 *                 {@link Layer#INTEGRATION}, where contract tests are counted separately
 * @param observed the heaviest layer its runs' spans showed in the window, or {@code null} when none of them came
 *                 from spans or every one that did was {@code unknown} (no evidence)
 */
public record Classification(String testId, Layer layer, LayerSource source, boolean contract, Layer observed) {

    /** A classification without trace evidence. */
    public Classification(String testId, Layer layer, LayerSource source, boolean contract) {
        this(testId, layer, source, contract, null);
    }

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

    /**
     * Whether the layer declared for it (by mapping, upload, label, tag, report path or naming) is not the one its
     * spans show: a {@code *Test} that is unit by naming while its spans query a database. A test classified by its
     * spans, or whose spans showed nothing, never disagrees.
     */
    public boolean layerDisagrees() {
        return known() && source.declared() && observed != null && observed != layer;
    }

    /** Whether the test has a known layer. */
    public boolean known() {
        return layer != null;
    }
}
