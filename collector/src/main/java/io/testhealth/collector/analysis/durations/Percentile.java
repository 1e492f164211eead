package io.testhealth.collector.analysis.durations;

import java.math.BigDecimal;

/**
 * Which percentile to take, on the one scale the product uses everywhere: a whole number from 1 to 100, so that
 * {@link #P95} is the 95th percentile.
 *
 * <p>The type exists because the scale is easy to get wrong: the checks once passed the fraction {@code 0.95} to a
 * helper that read it as the 0.95th percentile, the minimum of any sample under 100 values, and nothing failed. A
 * {@code Percentile} is validated once, where it is made, and a fraction cannot become one: {@code Percentile.of(0.95)}
 * does not compile and {@code Percentile.of(0)} is refused. Prometheus spells quantiles as fractions; the one
 * conversion to that spelling is {@link #quantileLabel()}.
 *
 * @param number the percentile, {@code 1 <= number <= 100}
 */
public record Percentile(int number) {

    /** The median. */
    public static final Percentile P50 = new Percentile(50);
    /** The 95th percentile. */
    public static final Percentile P95 = new Percentile(95);

    public Percentile {
        if (number < 1 || number > 100) {
            throw new IllegalArgumentException("a percentile is a whole number from 1 to 100, got " + number);
        }
    }

    /** The {@code number}-th percentile, e.g. {@code Percentile.of(99)}. */
    public static Percentile of(int number) {
        return new Percentile(number);
    }

    /** The Prometheus {@code quantile} label of this percentile: {@code "0.95"} for {@link #P95}, {@code "1"} for p100. */
    public String quantileLabel() {
        return BigDecimal.valueOf(number, 2).stripTrailingZeros().toPlainString();
    }

    /** {@code p95}. */
    @Override
    public String toString() {
        return "p" + number;
    }
}
