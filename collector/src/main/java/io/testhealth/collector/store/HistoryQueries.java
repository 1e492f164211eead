package io.testhealth.collector.store;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads of the test history that analysis and the API need. Implementations answer from the same database the
 * {@link TestHistoryStore} writes, and never return rows of an upload that is not committed.
 */
public interface HistoryQueries {

    /** Every component with at least one stored run, ordered by reference. */
    List<ComponentSummary> components();

    /**
     * One component as {@link #components()} lists it, or empty when no run of it was ever stored: one read of the
     * component's own runs through the index that starts with the component, so asking about a component the
     * collector never heard of costs a single index probe, whatever the size of the history.
     *
     * @param component full reference, {@code component:namespace/name}
     */
    Optional<ComponentSummary> component(String component);

    /**
     * The tests of one component that ran in {@code [from, to)}, ordered by test id ({@link String#compareTo}, the same
     * order on every store whatever its collation), each with its runs in that span (oldest first, at
     * most the latest {@code maxRunsPerTest} before {@code to}), how many runs it had before {@code to} and when it
     * first ran.
     *
     * <p>The upper bound makes a report as of a past moment see the history exactly as it stood then: the latest
     * runs before that moment, not the latest runs of today cut back afterwards (which would leave an active
     * test's past weeks without runs once more than {@code maxRunsPerTest} newer ones exist).
     *
     * @param component full reference, {@code component:namespace/name}
     * @param to        the first instant not read: a run that started at {@code to} or later does not exist yet
     */
    List<TestHistory> testHistories(String component, Instant from, Instant to, int maxRunsPerTest);

    /**
     * As {@link #testHistories}, with the uploads the read covered, both from one consistent state of the database:
     * what {@link #addedRuns} needs to tell a later upload from one already read.
     */
    WindowRead windowRead(String component, Instant from, Instant to, int maxRunsPerTest);

    /**
     * The runs in {@code [from, to)} of the uploads a read did not cover: the runs that started at or after the end of
     * the covered read ({@code covered.to()}), and the runs of the uploads stored since it for job runs that started
     * before (more uploads of one job run, late uploads), with the uploads now covered; one consistent state.
     *
     * <p>Each test's added runs come as one {@link TestHistory} (latest {@code maxRunsPerTest}, oldest first), ordered
     * as {@link #testHistories} orders them. For a test among {@code readTests} (a test the covered read returned),
     * {@code runsEver} and {@code firstSeen} count the added runs only; for any other test they count its runs before
     * {@code to}, as {@link #testHistories} would.
     *
     * @param covered   what the read being extended covered; {@code from >= covered.from()}, {@code to >= covered.to()}
     * @param readTests the tests the covered read returned
     * @return empty when the added runs cannot be told apart from the covered ones: an upload covered is gone
     *         (retention), an upload was stored for a job run that started before {@code from} (it changes totals
     *         not read here), or too many uploads were added to list them in one query
     */
    Optional<WindowRead> addedRuns(String component, UploadsCovered covered, Set<String> readTests, Instant from,
                                   Instant to, int maxRunsPerTest);

    /**
     * The uploads of a component a read covered: how many were stored for job runs that started before {@code from},
     * and each one for a job run that started in {@code [from, to)}, by upload id, with its job run's start.
     */
    record UploadsCovered(Instant from, Instant to, long before, Map<String, Instant> window) {
        public UploadsCovered {
            window = Map.copyOf(window);
        }
    }

    /** Histories read with the uploads the read covered. */
    record WindowRead(List<TestHistory> histories, UploadsCovered uploads) {
        public WindowRead {
            histories = List.copyOf(histories);
        }
    }

    /**
     * Runs of some tests of one component that started before a moment given per test, oldest first, one run per job
     * run as in {@link #testHistories}: what a flaky episode that began before the analysed history needs.
     *
     * @param component full reference of the tests' component
     * @param before    for each test id, the first instant not read for it
     * @param notBefore the earliest start read, bounding how far back an episode is traced
     */
    Map<String, List<TestRunFact>> runsBefore(String component, Map<String, Instant> before, Instant notBefore);

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

    /**
     * The latest stack trace kept of each of a test's failure fingerprints, by fingerprint: the trace of its newest
     * run (in the order of {@link #testRuns}) whose failure had one. A fingerprint none of whose failures came with a
     * trace is absent.
     *
     * @param component full reference of the test's component
     * @param testId    the test's id
     */
    Map<String, String> latestFailureTraces(String component, String testId);

    /**
     * The CI run link of each of the given pipelines of a component: that of its newest job run that has one. A
     * pipeline none of whose runs has a link, or that the component never ran, is absent.
     *
     * @param component full reference of the component
     * @param pipelines pipeline names as uploaded
     */
    Map<String, String> runUrls(String component, java.util.Collection<String> pipelines);
}
