package io.testhealth.collector.analysis.pyramid;

/**
 * How much of a component's testing one layer (or the unknown ones) holds.
 *
 * @param tests     tests in the layer
 * @param share     their share of all tests, unknown ones included
 * @param runShare  the layer's share of all test runs in the window (skipped and unknown-outcome runs excluded)
 * @param timeShare the layer's share of all test time (sum of cost) in the window
 */
public record LayerShare(int tests, double share, double runShare, double timeShare) {
}
