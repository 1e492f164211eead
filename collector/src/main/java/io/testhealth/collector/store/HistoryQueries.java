package io.testhealth.collector.store;

import io.testhealth.collector.analysis.TestHistory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads of the test history that analysis and the API need. Implementations answer from the same database the
 * {@link TestHistoryStore} writes, and never return rows of an upload that is not committed.
 */
public interface HistoryQueries {

    /** Every component with at least one stored run, ordered by reference. */
    List<ComponentSummary> components();

    /**
     * The tests of one component that ran at or after {@code from}, each with its runs since then (oldest first,
     * at most the latest {@code maxRunsPerTest}), how many runs it ever had and when it first ran.
     *
     * @param component full reference, {@code component:namespace/name}
     */
    List<TestHistory> testHistories(String component, Instant from, int maxRunsPerTest);

    /**
     * Wall times of the component's job runs that started at or after {@code from} and whose uploads said when they
     * finished, in seconds by run id.
     */
    Map<String, Double> wallTimes(String component, Instant from);

    /**
     * One test's latest runs with their attempts, newest first.
     *
     * @param component full reference of the test's component (test ids are unique within it; the store's index
     *                  starts with it)
     * @param testId the test's id
     * @param limit  most runs to return
     */
    List<TestRunDetail> testRuns(String component, String testId, int limit);
}
