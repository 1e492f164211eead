package io.testhealth.collector.analysis.durations;

import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.PerTestMemo;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.Outcome;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Execution time of tests, suites and job runs ({@code metrics.md} section 4), as pure functions.
 *
 * <p><b>What is measured.</b> A test run's <em>duration</em> is its final attempt's duration: what the test takes when
 * it passes, the number a developer compares with yesterday. Its <em>cost</em> is the sum of all its attempts: what
 * CI paid, retries included. Skipped and unknown-outcome runs are left out (they did not run the test), and so is any
 * duration the report did not give: an unknown duration is unknown, never zero, because a zero would drag every
 * percentile and mean down.
 *
 * <p><b>Footprint</b> is the sum of cost over the window: the CI time a test or suite consumes, which is what a team
 * saves by speeding it up or running it less often.
 *
 * <p><b>Slow run.</b> A run is slow when its duration exceeds {@link DurationSettings#slowRunFactor()} (5) times the mean
 * of the test's other runs in the window and exceeds every one of them. The mean leaves the run itself out, because an
 * outlier inflates a mean it is part of; the "every other run" clause makes it a record, not just a bad day of a
 * bimodal test. It needs {@link DurationSettings#p50MinSamples()} durations: a mean of fewer is no baseline.
 *
 * <p><b>Regression.</b> Sustained, not one slow run: on the default branches only, the last
 * {@link DurationSettings#regressionRecentRuns()} (20) durations against the {@link DurationSettings#regressionBaselineRuns()}
 * (50) just before them. All three must hold: the one-sided Mann–Whitney U test says the recent runs take longer with
 * {@code p < 0.01}, the median grew by at least 1.2×, and by at least 50 ms. The rank test ignores the outliers CI is
 * full of; the ratio and the absolute floor keep significant but irrelevant changes out. Fewer runs than both samples
 * need: no verdict. The run where the recent sample starts is reported as where the slow-down began.
 *
 * <p><b>The one-sided p-value.</b> Commons Math's {@link MannWhitneyUTest#mannWhitneyUTest(double[], double[])}
 * returns the two-sided p of the normal approximation, {@code 2 Φ(−|z|)} with {@code z} from
 * {@code U_min}, averaged ranks for ties and no continuity correction. That distribution is symmetric, so the
 * one-sided p for "recent runs are slower" is half the two-sided p when the recent sample's own U statistic
 * ({@code U_after = R_after − n_after (n_after + 1) / 2}, its rank sum from Commons Math's {@link NaturalRanking} with
 * the same tie rule) lies above its mean {@code n_after n_before / 2}, and {@code 1 −} half of it otherwise.
 *
 * <p><b>Job runs.</b> The input has no start and stop per test, so a job's wall time cannot be derived: each job run
 * reports its test time (sum of cost), and wall time and parallelism (test time / wall time) only for runs named in the
 * {@link JobWallTimes} a caller passes in.
 *
 * <p><b>Time lost to flakes</b> is the sum over flaky runs (passed after a failed attempt) of cost − duration: the
 * attempts that failed and had to be repeated.
 */
public final class DurationStatistics {

    private DurationStatistics() {
    }

    /**
     * Execution time of a set of tests over a window.
     *
     * @param histories the tests, e.g. one component's or a team's
     * @param window    only job runs that started in it count
     * @param settings  thresholds, usually {@link DurationSettings#DEFAULTS}
     * @param wallTimes wall times of job runs where known, else {@link JobWallTimes#unknown()}
     */
    public static DurationReport analyse(List<TestHistory> histories, TimeWindow window, DurationSettings settings,
                                         JobWallTimes wallTimes) {
        return analyse(histories, window, settings, wallTimes, new PerTestMemo<>());
    }

    /**
     * As {@link #analyse(List, TimeWindow, DurationSettings, JobWallTimes)}, reusing each test's figures that
     * {@code memo} kept from the previous analysis of the same component while they still hold (the same history and
     * no run of it left the window since), and keeping this analysis' figures for the next.
     */
    public static DurationReport analyse(List<TestHistory> histories, TimeWindow window, DurationSettings settings,
                                         JobWallTimes wallTimes, PerTestMemo<TestDurations> memo) {
        Objects.requireNonNull(memo, "memo");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(wallTimes, "wallTimes");
        List<TestDurations> tests = new ArrayList<>();
        Map<String, SuiteAccumulator> suites = new LinkedHashMap<>();
        Map<String, JobAccumulator> jobs = new LinkedHashMap<>();
        double lostToFlakes = 0;
        memo.begin(List.of(settings, window.length()));
        for (TestHistory h : histories) {
            List<TestRunFact> runs = countedRuns(h, window);
            TestDurations figures = memo.reuse(h, window.to());
            if (figures == null) {
                figures = forRuns(h, runs, settings);
                memo.keep(h, figures, PerTestMemo.firstChange(h.runs(), window.to(), window.length()));
            }
            tests.add(figures);
            SuiteAccumulator suite = suites.computeIfAbsent(h.component() + "\u001f" + h.suite(),
                    k -> new SuiteAccumulator(h.component(), h.suite()));
            suite.tests++;
            for (TestRunFact f : runs) {
                JobAccumulator job = jobs.computeIfAbsent(f.job().runId(), k -> new JobAccumulator(f.job()));
                job.tests++;
                Double cost = known(f.costSeconds());
                if (cost != null) {
                    job.testSeconds += cost;
                    suite.footprint += cost;
                    suite.perJobRun.merge(f.job().runId(), cost, Double::sum);
                }
                Double duration = known(f.durationSeconds());
                if (f.outcome() == Outcome.FLAKY && cost != null && duration != null) {
                    lostToFlakes += Math.max(0, cost - duration);
                }
            }
        }
        memo.end();
        List<SuiteDurations> suiteList = suites.values().stream().map(s -> s.toDurations(settings)).toList();
        List<JobRunTime> jobList = jobs.values().stream()
                .sorted(Comparator.comparing((JobAccumulator j) -> j.run.startedAt()).thenComparing(j -> j.run.runId()))
                .map(j -> j.toTime(wallTimes)).toList();
        Comparator<TestDurations> byTestId = Comparator.comparing(TestDurations::testId);
        Comparator<SuiteDurations> bySuite = Comparator.comparing(SuiteDurations::component)
                .thenComparing(SuiteDurations::suite);
        return new DurationReport(tests, suiteList, jobList,
                tests.stream().filter(t -> t.p95Seconds() != null)
                        .sorted(Comparator.comparing(TestDurations::p95Seconds).reversed().thenComparing(byTestId)).toList(),
                tests.stream().filter(t -> t.footprintSeconds() > 0)
                        .sorted(Comparator.comparingDouble(TestDurations::footprintSeconds).reversed().thenComparing(byTestId)).toList(),
                suiteList.stream().filter(s -> s.p95Seconds() != null)
                        .sorted(Comparator.comparing(SuiteDurations::p95Seconds).reversed().thenComparing(bySuite)).toList(),
                suiteList.stream().filter(s -> s.footprintSeconds() > 0)
                        .sorted(Comparator.comparingDouble(SuiteDurations::footprintSeconds).reversed().thenComparing(bySuite)).toList(),
                tests.stream().filter(t -> t.regression() != null)
                        .sorted(Comparator.comparingDouble((TestDurations t) -> t.regression().increaseSeconds()).reversed()
                                .thenComparing(byTestId)).toList(),
                lostToFlakes);
    }

    /** Execution time of one test over a window: percentiles, mean, footprint, slow runs and regression. */
    public static TestDurations forTest(TestHistory history, TimeWindow window, DurationSettings settings) {
        return forRuns(history, countedRuns(history, window), settings);
    }

    /**
     * The one-sided Mann–Whitney U p-value for "the {@code after} values tend to be larger than the {@code before}
     * values", derived from Commons Math's two-sided p-value as the class documentation explains.
     *
     * @param after  the recent sample, non-empty
     * @param before the baseline sample, non-empty
     */
    public static double slowerPValue(double[] after, double[] before) {
        if (after.length == 0 || before.length == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        double twoSided = new MannWhitneyUTest(NaNStrategy.FAILED, TiesStrategy.AVERAGE).mannWhitneyUTest(after, before);
        double[] all = new double[after.length + before.length];
        System.arraycopy(after, 0, all, 0, after.length);
        System.arraycopy(before, 0, all, after.length, before.length);
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(all);
        double rankSumAfter = 0;
        for (int i = 0; i < after.length; i++) {
            rankSumAfter += ranks[i];
        }
        double n1 = after.length;
        double uAfter = rankSumAfter - n1 * (n1 + 1) / 2;
        double mean = n1 * before.length / 2.0;
        return uAfter > mean ? twoSided / 2 : 1 - twoSided / 2;
    }

    private static TestDurations forRuns(TestHistory h, List<TestRunFact> runs, DurationSettings settings) {
        List<Double> durations = new ArrayList<>();
        double footprint = 0;
        for (TestRunFact f : runs) {
            Double d = known(f.durationSeconds());
            if (d != null) {
                durations.add(d);
            }
            Double c = known(f.costSeconds());
            if (c != null) {
                footprint += c;
            }
        }
        Double mean = durations.isEmpty() ? null : durations.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return new TestDurations(h.testId(), h.component(), h.suite(), durations.size(),
                boxed(Percentiles.nearestRank(durations, Percentile.P50, settings.p50MinSamples())),
                boxed(Percentiles.nearestRank(durations, Percentile.P95, settings.p95MinSamples())),
                mean, footprint, slowRuns(runs, durations.size(), settings), regression(runs, settings));
    }

    private static List<SlowRun> slowRuns(List<TestRunFact> runs, int samples, DurationSettings settings) {
        if (samples < settings.p50MinSamples()) {
            return List.of();
        }
        TestRunFact slowest = null;
        double max = Double.NEGATIVE_INFINITY;
        double secondMax = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (TestRunFact f : runs) {
            Double d = known(f.durationSeconds());
            if (d == null) {
                continue;
            }
            sum += d;
            if (d > max) {
                secondMax = max;
                max = d;
                slowest = f;
            } else if (d > secondMax) {
                secondMax = d;
            }
        }
        double meanOfOthers = (sum - max) / (samples - 1);
        if (slowest != null && max > secondMax && max > settings.slowRunFactor() * meanOfOthers) {
            return List.of(new SlowRun(slowest.job().runId(), max, meanOfOthers));
        }
        return List.of();
    }

    private static DurationRegression regression(List<TestRunFact> runs, DurationSettings settings) {
        List<TestRunFact> onDefault = runs.stream()
                .filter(f -> settings.isDefaultBranch(f.job().branch()) && known(f.durationSeconds()) != null)
                .toList();
        int recent = settings.regressionRecentRuns();
        int baseline = settings.regressionBaselineRuns();
        if (onDefault.size() < recent + baseline) {
            return null;
        }
        List<TestRunFact> afterRuns = onDefault.subList(onDefault.size() - recent, onDefault.size());
        List<TestRunFact> beforeRuns = onDefault.subList(onDefault.size() - recent - baseline, onDefault.size() - recent);
        List<Double> after = afterRuns.stream().map(TestRunFact::durationSeconds).toList();
        List<Double> before = beforeRuns.stream().map(TestRunFact::durationSeconds).toList();
        double afterMedian = Percentiles.nearestRank(after, Percentile.P50).orElseThrow();
        double beforeMedian = Percentiles.nearestRank(before, Percentile.P50).orElseThrow();
        double increase = afterMedian - beforeMedian;
        double ratio = beforeMedian > 0 ? afterMedian / beforeMedian
                : (afterMedian > 0 ? Double.POSITIVE_INFINITY : 1.0);
        if (ratio < settings.regressionMinMedianRatio() || increase < settings.regressionMinIncreaseSeconds()) {
            return null;
        }
        double p = slowerPValue(toArray(after), toArray(before));
        if (!(p < settings.regressionMaxPValue())) {
            return null;
        }
        JobRun start = afterRuns.get(0).job();
        return new DurationRegression(beforeMedian, afterMedian, ratio, increase, p, start.runId(),
                start.commit() == null ? "" : start.commit(), start.startedAt());
    }

    private static List<TestRunFact> countedRuns(TestHistory h, TimeWindow window) {
        return h.runs().stream().filter(f -> f.counts() && window.contains(f.job().startedAt())).toList();
    }

    /** A reported number of seconds, or {@code null} when it is missing or not a duration at all. */
    private static Double known(Double seconds) {
        return seconds != null && Double.isFinite(seconds) && seconds >= 0 ? seconds : null;
    }

    private static Double boxed(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static final class SuiteAccumulator {
        final String component;
        final String suite;
        final Map<String, Double> perJobRun = new LinkedHashMap<>();
        int tests;
        double footprint;

        SuiteAccumulator(String component, String suite) {
            this.component = component;
            this.suite = suite;
        }

        SuiteDurations toDurations(DurationSettings settings) {
            List<Double> totals = List.copyOf(perJobRun.values());
            return new SuiteDurations(component, suite, tests, totals.size(), footprint,
                    boxed(Percentiles.nearestRank(totals, Percentile.P50, settings.p50MinSamples())),
                    boxed(Percentiles.nearestRank(totals, Percentile.P95, settings.p95MinSamples())));
        }
    }

    private static final class JobAccumulator {
        final JobRun run;
        int tests;
        double testSeconds;

        JobAccumulator(JobRun run) {
            this.run = run;
        }

        JobRunTime toTime(JobWallTimes wallTimes) {
            OptionalDouble wall = wallTimes.of(run.runId());
            Double wallSeconds = wall.isPresent() ? wall.getAsDouble() : null;
            Double parallelism = wallSeconds == null ? null : testSeconds / wallSeconds;
            return new JobRunTime(run.runId(), run.component(), run.job() == null ? "" : run.job(), tests, testSeconds,
                    wallSeconds, parallelism);
        }
    }
}
