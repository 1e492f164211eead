package io.testhealth.collector.analysis.durations;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;
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
                () -> assertEquals(OptionalDouble.empty(), Percentiles.nearestRank(List.of(), 50), "n=0 has no percentile"),
                () -> assertEquals(OptionalDouble.empty(), Percentiles.p50(List.of())),
                () -> assertEquals(OptionalDouble.of(7.0), Percentiles.nearestRank(List.of(7.0), 50), "n=1: the value"),
                () -> assertEquals(OptionalDouble.of(7.0), Percentiles.nearestRank(List.of(7.0), 95), "n=1: the value"),
                () -> assertEquals(OptionalDouble.empty(), Percentiles.p50(List.of(7.0)), "n=1: insufficient for p50"),
                () -> assertEquals(OptionalDouble.of(3.0), Percentiles.p50(oneTo(5)), "n=5: rank ceil(2.5)=3"),
                () -> assertEquals(OptionalDouble.empty(), Percentiles.p95(oneTo(5)), "n=5: insufficient for p95"),
                () -> assertEquals(OptionalDouble.of(5.0), Percentiles.nearestRank(oneTo(5), 95), "n=5: rank ceil(4.75)=5"),
                () -> assertEquals(OptionalDouble.of(10.0), Percentiles.p50(oneTo(19)), "n=19: rank ceil(9.5)=10"),
                () -> assertEquals(OptionalDouble.empty(), Percentiles.p95(oneTo(19)), "n=19: insufficient for p95"),
                () -> assertEquals(OptionalDouble.of(19.0), Percentiles.nearestRank(oneTo(19), 95), "n=19: rank ceil(18.05)=19"),
                () -> assertEquals(OptionalDouble.of(10.0), Percentiles.p50(oneTo(20)), "n=20: rank 10"),
                () -> assertEquals(OptionalDouble.of(19.0), Percentiles.p95(oneTo(20)), "n=20: rank exactly 19, not 20"),
                () -> assertEquals(OptionalDouble.of(20.0), Percentiles.nearestRank(oneTo(20), 100), "p100 is the maximum"));
    }

    @Test
    void tiesReturnTheTiedValue() {
        assertEquals(OptionalDouble.of(2.0), Percentiles.p50(List.of(3.0, 2.0, 2.0, 1.0, 2.0)));
    }

    @Test
    void belowTheMinimumSampleCountThereIsNoPercentile() {
        assertAll(
                () -> assertEquals(OptionalDouble.empty(), Percentiles.p50(oneTo(4))),
                () -> assertEquals(OptionalDouble.empty(), Percentiles.nearestRank(oneTo(9), 50, 10)),
                () -> assertEquals(OptionalDouble.of(5.0), Percentiles.nearestRank(oneTo(10), 50, 10)));
    }

    @Test
    void agreesWithCommonsMathsInverseEmpiricalDistribution() {
        Random random = new Random(42);
        for (int n = 1; n <= 60; n++) {
            double[] values = random.doubles(n, 0, 10).toArray();
            List<Double> boxed = java.util.Arrays.stream(values).boxed().toList();
            for (double p : new double[] {1, 5, 25, 50, 90, 95, 99, 100}) {
                double expected = new Percentile().withEstimationType(Percentile.EstimationType.R_1).evaluate(values, p);
                assertEquals(expected, Percentiles.nearestRank(boxed, p).getAsDouble(), "n=" + n + " p=" + p);
            }
        }
    }

    @Test
    void rejectsWhatIsNotADurationOrAPercentile() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(List.of(1.0, Double.NaN), 50)),
                () -> assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(List.of(1.0), 0)),
                () -> assertThrows(IllegalArgumentException.class, () -> Percentiles.nearestRank(List.of(1.0), 101)));
    }
}
