package io.testhealth.collector.analysis.durations;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Percentiles by the nearest-rank method, the one estimator used for every duration the product shows.
 *
 * <p><b>Definition.</b> For a {@link Percentile} {@code p} (a whole number, {@code 1 <= p <= 100}) and {@code n} values
 * sorted ascending {@code x[1] <= ... <= x[n]}, the p-th percentile is {@code x[k]} with {@code k = ceil(p / 100 * n)}.
 * This is the inverse of the empirical distribution function, Hyndman and Fan's definition 1,
 * {@code EstimationType.R_1} in Commons Math's {@code Percentile}. The rank is computed in integers,
 * {@code (p * n + 99) / 100}, so that whole-number products such as {@code 95 * 20} are exact and never round up a rank.
 * Worked examples ({@code metrics.md}, execution time): the p95 of the 21 values 1..21 is 20 (rank
 * {@code ceil(19.95) = 20}); the p50 of 10, 20, ..., 70 is 40 (rank {@code ceil(3.5) = 4}).
 *
 * <p><b>One scale.</b> Every caller names the percentile with a {@link Percentile} ({@link Percentile#P50},
 * {@link Percentile#P95}, {@link Percentile#of(int)}), never with a bare number, so a fraction such as {@code 0.95}
 * cannot be mistaken for the 95th percentile.
 *
 * <p><b>Why this estimator.</b> The result is always one of the measured values, never an interpolation between two
 * runs, so a team lead can check it by sorting the durations by hand, and "p95 = 12.4 s" names a run that took 12.4 s.
 *
 * <p><b>Edge cases.</b> With {@code n = 0} there is no percentile: the result is empty. With {@code n = 1} every
 * percentile is the single value. Ties need no rule: the estimator returns a value, and equal values are
 * interchangeable. {@code NaN} and infinite values are rejected, because a duration is either a finite number or
 * unknown (and unknown durations are left out before they get here).
 *
 * <p><b>Insufficient data.</b> {@link #p50(Collection)} needs at least {@link #P50_MIN_SAMPLES} values and
 * {@link #p95(Collection)} at least {@link #P95_MIN_SAMPLES}; with fewer they are empty. The reason: with fewer than
 * 20 values the nearest-rank p95 is simply the maximum, so calling it a p95 would be a lie; a median of fewer than
 * five runs moves with every run.
 *
 * <p>Every method is a pure function of its arguments; the input is copied, never sorted in place.
 */
public final class Percentiles {

    /** Fewest values a median is reported for ({@code metrics.md}, execution time). */
    public static final int P50_MIN_SAMPLES = 5;
    /** Fewest values a 95th percentile is reported for ({@code metrics.md}, execution time). */
    public static final int P95_MIN_SAMPLES = 20;

    private Percentiles() {
    }

    /**
     * The nearest-rank percentile of the values, whatever their number.
     *
     * @param values the values, in any order; not modified
     * @param p      which percentile
     * @return the percentile, or empty when there are no values
     * @throws IllegalArgumentException when a value is not finite
     */
    public static OptionalDouble nearestRank(Collection<Double> values, Percentile p) {
        Objects.requireNonNull(p, "p");
        double[] sorted = new double[values.size()];
        int i = 0;
        for (Double v : values) {
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("percentiles take finite values, got " + v);
            }
            sorted[i++] = v;
        }
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        Arrays.sort(sorted);
        long rank = ((long) p.number() * sorted.length + 99) / 100;
        return OptionalDouble.of(sorted[(int) Math.max(1, Math.min(rank, sorted.length)) - 1]);
    }

    /**
     * The nearest-rank percentile, or empty ("insufficient data") with fewer than {@code minSamples} values.
     *
     * @param minSamples the fewest values for which the percentile means something, at least 1
     */
    public static OptionalDouble nearestRank(Collection<Double> values, Percentile p, int minSamples) {
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be at least 1, got " + minSamples);
        }
        return values.size() < minSamples ? OptionalDouble.empty() : nearestRank(values, p);
    }

    /** The nearest-rank median, or empty with fewer than {@link #P50_MIN_SAMPLES} values. */
    public static OptionalDouble p50(Collection<Double> values) {
        return nearestRank(values, Percentile.P50, P50_MIN_SAMPLES);
    }

    /** The nearest-rank 95th percentile, or empty with fewer than {@link #P95_MIN_SAMPLES} values. */
    public static OptionalDouble p95(Collection<Double> values) {
        return nearestRank(values, Percentile.P95, P95_MIN_SAMPLES);
    }
}
