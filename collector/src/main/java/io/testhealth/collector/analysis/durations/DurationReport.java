package io.testhealth.collector.analysis.durations;

import java.util.List;

/**
 * Execution time of a set of tests (a component, or a team's components) over one window.
 *
 * @param tests                    every test, in input order
 * @param suites                   every suite, by component and suite name
 * @param jobRuns                  every job run, oldest first
 * @param slowestTestsByP95        tests with a p95, slowest first
 * @param slowestTestsByFootprint  tests by CI time spent, largest first
 * @param slowestSuitesByP95       suites with a p95, slowest first
 * @param slowestSuitesByFootprint suites by CI time spent, largest first
 * @param regressions              tests with a sustained slow-down, largest increase first
 * @param timeLostToFlakesSeconds  time spent on attempts that failed before a retry passed: the sum over flaky runs
 *                                 of cost − duration
 */
public record DurationReport(List<TestDurations> tests, List<SuiteDurations> suites, List<JobRunTime> jobRuns,
                             List<TestDurations> slowestTestsByP95, List<TestDurations> slowestTestsByFootprint,
                             List<SuiteDurations> slowestSuitesByP95, List<SuiteDurations> slowestSuitesByFootprint,
                             List<TestDurations> regressions, double timeLostToFlakesSeconds) {
    public DurationReport {
        tests = List.copyOf(tests);
        suites = List.copyOf(suites);
        jobRuns = List.copyOf(jobRuns);
        slowestTestsByP95 = List.copyOf(slowestTestsByP95);
        slowestTestsByFootprint = List.copyOf(slowestTestsByFootprint);
        slowestSuitesByP95 = List.copyOf(slowestSuitesByP95);
        slowestSuitesByFootprint = List.copyOf(slowestSuitesByFootprint);
        regressions = List.copyOf(regressions);
    }
}
