package io.testhealth.collector.ingest;

import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.StoredTest;
import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.store.UploadWriter;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A job run that arrives both as a report (JUnit, Allure) and as test spans counts once: a test already stored for
 * the run from the other source is not stored again. The first to arrive wins, so a test is never half of each.
 * Results from the same source are never matched: two reports of one run holding the same test mean it ran twice.
 *
 * <p>Matched on the job run (component, pipeline, job, attempt, environment) and the test's id and invocation.
 */
final class RunMatching {

    private final ComponentRef component;
    private final Set<Key> fromOtherSource;
    private long matched;

    private RunMatching(ComponentRef component, Set<Key> fromOtherSource) {
        this.component = component;
        this.fromOtherSource = fromOtherSource;
    }

    /**
     * Reads what the run already has from the other source. Called before the upload's writer is opened: the writer
     * holds a connection for its transaction, and asking the store for a second one while holding it could exhaust
     * the pool when uploads arrive together.
     *
     * @param fromSpans whether this upload's results come from test spans
     */
    static RunMatching before(TestHistoryStore store, UploadMetadata md, boolean fromSpans) {
        Set<Key> other = new HashSet<>();
        if (!md.pipeline().isEmpty()) { // without a pipeline every upload is a run of its own: nothing to match
            for (StoredTest t : store.testsOfRun(md.runId())) {
                if (t.format().isTrace() != fromSpans) {
                    other.add(new Key(t.testId(), t.invocation()));
                }
            }
        }
        return new RunMatching(md.component(), other);
    }

    /** Writes results to {@code writer}, leaving out those the run already has from the other source. */
    Consumer<TestResult> writingTo(UploadWriter writer) {
        return result -> {
            if (!fromOtherSource.isEmpty() && fromOtherSource.contains(
                    new Key(result.identity().testId(component), result.identity().invocation()))) {
                matched++;
                return;
            }
            writer.add(result);
        };
    }

    /** Results left out because the run already had them. */
    long matched() {
        return matched;
    }

    /** The warning for the receipt, or {@code null} when nothing was matched. */
    String warning(boolean fromSpans) {
        if (matched == 0) {
            return null;
        }
        return "tests this job run already reported " + (fromSpans ? "in a JUnit or Allure upload" : "as test spans")
                + " were not stored again (" + matched + " matched)";
    }

    private record Key(String testId, String invocation) {
    }
}
