package io.testhealth.collector.analysis.flakiness;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The flakiness analysis of one component (or of whatever set of tests was passed in) at one instant.
 *
 * @param now      the instant the analysis was made for
 * @param settings the thresholds used
 * @param tests    one verdict per test, in {@link TestVerdict#IMPACT_ORDER}
 * @param jobRuns  job runs in the window, oldest first, infrastructure incidents included and flagged
 */
public record ComponentFlakiness(Instant now, FlakinessSettings settings, List<TestVerdict> tests,
                                 List<JobRunVerdict> jobRuns) {
    public ComponentFlakiness {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(settings, "settings");
        tests = List.copyOf(tests);
        jobRuns = List.copyOf(jobRuns);
    }

    /** The verdict on one test, if it was analysed. */
    public Optional<TestVerdict> test(String testId) {
        return tests.stream().filter(t -> t.testId().equals(testId)).findFirst();
    }

    /** Tests in the given state, in impact order. */
    public List<TestVerdict> inState(TestState state) {
        return tests.stream().filter(t -> t.state() == state).toList();
    }

    /** Job runs that were infrastructure incidents, oldest first. */
    public List<JobRunVerdict> incidents() {
        return jobRuns.stream().filter(JobRunVerdict::incident).toList();
    }
}
