package io.testhealth.collector.analysis.durations;

import java.time.Instant;

/**
 * A sustained slow-down of one test on the default branch: its last runs against the runs before them.
 *
 * @param beforeMedianSeconds   nearest-rank median of the baseline runs
 * @param afterMedianSeconds    nearest-rank median of the recent runs
 * @param ratio                 after median / before median; infinite when the baseline median is 0
 * @param increaseSeconds       after median − before median
 * @param pValue                one-sided Mann–Whitney U p-value for "recent runs take longer"
 * @param startedInRunId        the first run of the recent sample: where the slower runs begin
 * @param startedAtCommit       that run's commit, or empty
 * @param startedAt             that run's start
 */
public record DurationRegression(double beforeMedianSeconds, double afterMedianSeconds, double ratio,
                                 double increaseSeconds, double pValue, String startedInRunId, String startedAtCommit,
                                 Instant startedAt) {
}
