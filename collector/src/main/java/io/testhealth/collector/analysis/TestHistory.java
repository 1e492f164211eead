package io.testhealth.collector.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One test of one component and its runs in the analysis window, oldest first.
 *
 * @param testId    stable id (component, suite, name)
 * @param component full component reference
 * @param suite     class or suite
 * @param name      test name (parameters apart)
 * @param runs      its runs in the window, ordered by the job run's start, oldest first
 * @param runsEver  how many runs of it were ever stored (also before the window)
 * @param firstSeen when it first ran
 */
public record TestHistory(String testId, String component, String suite, String name, List<TestRunFact> runs,
                          long runsEver, Instant firstSeen) {
    public TestHistory {
        Objects.requireNonNull(testId, "testId");
        runs = List.copyOf(runs);
    }

    /** The last run, or {@code null} when it did not run in the window. */
    public TestRunFact lastRun() {
        return runs.isEmpty() ? null : runs.get(runs.size() - 1);
    }
}
