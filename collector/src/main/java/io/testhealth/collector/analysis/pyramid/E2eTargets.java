package io.testhealth.collector.analysis.pyramid;

/**
 * What a healthy e2e suite looks like.
 *
 * @param minTests          fewest e2e tests (default 5): fewer leave critical journeys untested end to end
 * @param maxTests          most e2e tests (default 20): an e2e suite should cover the critical journeys, not every
 *                          feature, since each one is slow and a likely flake
 * @param minShare          smallest e2e share of classified tests (default 5%)
 * @param maxShare          largest e2e share of classified tests (default 10%)
 * @param maxP50WallSeconds longest median wall time of an e2e job (default 30 min, scorecard check 8 at Silver):
 *                          beyond it nobody waits for the result before merging
 */
public record E2eTargets(int minTests, int maxTests, double minShare, double maxShare, double maxP50WallSeconds) {

    /** The defaults. */
    public static final E2eTargets DEFAULTS = new E2eTargets(5, 20, 0.05, 0.10, 30 * 60);

    public E2eTargets {
        if (minTests < 0 || maxTests < minTests || minShare < 0 || maxShare < minShare || !(maxP50WallSeconds > 0)) {
            throw new IllegalArgumentException("e2e targets need 0 <= min <= max and a positive wall time");
        }
    }
}
