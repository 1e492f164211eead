package io.testhealth.collector.analysis.flakiness;

import io.testhealth.collector.analysis.TestRunFact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The runs of some tests from before the history an analysis was given, so that the start of a flaky episode that
 * began before that history can be found.
 *
 * <p>The window bounds the evidence for a verdict, not the age of an episode: a test that has flaked every few days
 * for ten weeks has been flaky for ten weeks, although its verdict only looks at the last four. Only tests that are
 * FLAKY now and whose episode reaches back to the first run they were given are asked about, so the extra read
 * touches a handful of tests, not the component's history.
 */
@FunctionalInterface
public interface EarlierRuns {

    /** No earlier runs: episodes are traced back within the runs the analysis was given. */
    EarlierRuns NONE = before -> Map.of();

    /**
     * The runs of each test that started before the instant given for it, oldest first, one run per job run.
     *
     * @param before for each test id, the start of the first run the analysis was given; runs at or after it are
     *               not wanted
     * @return runs by test id; a test without earlier runs may be missing
     */
    Map<String, List<TestRunFact>> before(Map<String, Instant> before);
}
