package io.testhealth.collector.model;

import java.util.Objects;

/**
 * A layer that the upload or the report declared for a test, with where that declaration came from.
 *
 * @param layer  the declared layer
 * @param source where it was declared
 */
public record DeclaredLayer(Layer layer, LayerSource source) {
    public DeclaredLayer {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(source, "source");
    }
}
