package io.testhealth.collector.analysis.durations;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class PercentilesTest {

    private static List<Double> oneTo(int n) {
        List<Double> values = new ArrayList<>(IntStream.rangeClosed(1, n).mapToObj(i -> (double) i).toList());
        Collections.reverse(values);
        return values;
    }

    @Test
    void nearestRankTableForTheSampleSizesThatMatter() {
        assertAll(
                () -> assertEquals(OptionalDouble.empty(), Percentiles.nearestRank(List.of(), Percentile.P50), "n=0 has no percentile"),
                () -> assertEquals(OptionalDouble.empty(), Percentiles.p50(List.of())),
                () -> assertEquals(OptionalDouble.of(7.0), Percentiles.nearestRank(List.of(7.0), Percentile.P50), "n=1: the value"),
                () -> assertEquals(OptionalDouble.of(7.0), Percentiles.nearestRank(List.of(7.0), Percentile.P95), "n=1: the value"),
                () -> assertEquals(OptionalDouble.empty(), Percentiles.p50(List.of(7.0)), "n=1: insufficient for p50"),
                () -> assertEquals(OptionalDouble.of(3.0), Percentiles.p50(oneTo(5)), "n=5: rank ceil(2.5)=3"),
                () -> assertEquals(OptionalDouble.empty(), Percentiles.p95(oneTo(5)), "n=5: insufficient for p95"),
                () -> assertEquals(OptionalDouble.of(5.0), Percentiles.nearestRank(oneTo(5), Percentile.P95), "n=5: rank ceil(4.75)=5"),
                () -> assertEquals(OptionalDouble.of(10.0), Percentiles.p50(oneTo(19)), "n=19: rank ceil(9.5)=10"),
                () -> assertEquals(OptionalDouble.empty(), Percentiles.p95(oneTo(19)), "n=19: insufficient for p95"),
                () -> assertEquals(OptionalDouble.of(19.0), Percentiles.nearestRank(oneTo(19), Percentile.P95), "n=19: rank ceil(18.05)=19"),
                () -> assertEquals(OptionalDouble.of(10.0), Percentiles.p50(oneTo(20)), "n=20: rank 10"),
                () -> assertEquals(OptionalDouble.of(19.0), Percentiles.p95(oneTo(20)), "n=20: rank exactly 19, not 20"),
                () -> assertEquals(OptionalDouble.of(20.0), Percentiles.nearestRank(oneTo(20), Percentile.of(100)), "p100 is the maximum"));
    }

    @Test
    void tiesReturnTheTiedValue() {
        assertEquals(OptionalDouble.of(2.0), Percentiles.p50(List.of(3.0, 2.0, 2.0, 1.0, 2.0)));
    }

    @Test
    void belowTheMinimumSampleCountThereIsNoPercentile() {
        assertAll(
                () -> assertEquals(OptionalDouble.empty(), Percentiles.p50(oneTo(4))),
                () -> assertEquals(OptionalDouble.empty(), Percentiles.nearestRank(oneTo(9), Percentile.P50, 10)),
                () -> assertEquals(OptionalDouble.of(5.0), Percentiles.nearestRank(oneTo(10), Percentile.P50, 10)));
    }

    @Test
    void agreesWithCommonsMathsInverseEmpiricalDistribution() {
        Random random = new Random(42);
        for (int n = 1; n <= 60; n++) {
            double[] values = random.doubles(n, 0, 10).toArray();
            List<Double> boxed = java.util.Arrays.stream(values).boxed().toList();
            for (int p : new int[] {1, 5, 25, 50, 90, 95, 99, 100}) {
                double expected = new org.apache.commons.math3.stat.descriptive.rank.Percentile()
                        .withEstimationType(org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType.R_1)
                        .evaluate(values, p);
                assertEquals(expected, Percentiles.nearestRank(boxed, Percentile.of(p)).getAsDouble(), "n=" + n + " p=" + p);
            }
        }
    }

    @Test
    void rejectsWhatIsNotADurationOrAPercentile() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(List.of(1.0, Double.NaN), Percentile.P50)),
                () -> assertThrows(IllegalArgumentException.class, () -> Percentile.of(0)),
                () -> assertThrows(IllegalArgumentException.class, () -> Percentile.of(101)),
                () -> assertThrows(IllegalArgumentException.class, () -> new Percentile(-95)));
    }

    @Test
    void theSpecsWorkedExamplesByHand() {
        // metrics.md, execution time: sorted 1..21, rank ceil(95 / 100 * 21) = ceil(19.95) = 20, the value 20;
        // sorted 10, 20, ..., 70, rank ceil(50 / 100 * 7) = ceil(3.5) = 4, the value 40.
        List<Double> twentyOne = List.of(13.0, 2.0, 21.0, 7.0, 1.0, 19.0, 4.0, 16.0, 10.0, 20.0, 5.0, 18.0, 3.0, 15.0,
                8.0, 12.0, 6.0, 17.0, 9.0, 14.0, 11.0);
        List<Double> seven = List.of(40.0, 70.0, 10.0, 60.0, 20.0, 50.0, 30.0);
        assertAll(
                () -> assertEquals(OptionalDouble.of(20.0), Percentiles.p95(twentyOne)),
                () -> assertEquals(OptionalDouble.of(11.0), Percentiles.p50(twentyOne), "rank ceil(10.5) = 11"),
                () -> assertEquals(OptionalDouble.of(40.0), Percentiles.p50(seven)),
                () -> assertEquals(OptionalDouble.of(70.0), Percentiles.nearestRank(seven, Percentile.P95), "rank ceil(6.65) = 7"),
                () -> assertEquals(OptionalDouble.of(10.0), Percentiles.nearestRank(seven, Percentile.of(1)), "rank ceil(0.07) = 1"));
    }

    @Test
    void aPercentileNamesItsPrometheusQuantileAsAFraction() {
        assertAll(
                () -> assertEquals("0.5", Percentile.P50.quantileLabel()),
                () -> assertEquals("0.95", Percentile.P95.quantileLabel()),
                () -> assertEquals("0.05", Percentile.of(5).quantileLabel()),
                () -> assertEquals("0.99", Percentile.of(99).quantileLabel()),
                () -> assertEquals("1", Percentile.of(100).quantileLabel()),
                () -> assertEquals("p95", Percentile.P95.toString()));
    }
}
