package io.testhealth.collector.ingest;

import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.ObservedLayer;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.StoredTest;
import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.store.UploadWriter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A job run that arrives both as a report (JUnit, Allure) and as test spans counts once: a test already stored for
 * the run from the other source is not stored again. The first to arrive wins, so a test is never half of each.
 * Results from the same source are never matched: two reports of one run holding the same test mean it ran twice.
 *
 * <p>What the spans showed the test touched (its {@link ObservedLayer}) is kept whatever the order: when the report
 * came first, the span result that is left out puts its observation on the report's result, in the same transaction
 * ({@link UploadWriter#addObservation}); when the spans came first, their result is the one stored, observation and
 * all. Otherwise whether a test's layer is known would depend on which upload the CI job happened to send first.
 *
 * <p>Matched on the job run (component, pipeline, job, attempt, environment) and the test's id and invocation.
 */
final class RunMatching {

    private final ComponentRef component;
    private final Map<Key, List<StoredTest>> fromOtherSource;
    private long matched;

    private RunMatching(ComponentRef component, Map<Key, List<StoredTest>> fromOtherSource) {
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
        Map<Key, List<StoredTest>> other = new HashMap<>();
        if (!md.pipeline().isEmpty()) { // without a pipeline every upload is a run of its own: nothing to match
            for (StoredTest t : store.testsOfRun(md.runId())) {
                if (t.format().isTrace() != fromSpans) {
                    other.computeIfAbsent(new Key(t.testId(), t.invocation()), k -> new ArrayList<>()).add(t);
                }
            }
        }
        return new RunMatching(md.component(), other);
    }

    /**
     * Writes results to {@code writer}, leaving out those the run already has from the other source; a left-out
     * result's observation goes on the stored ones.
     */
    Consumer<TestResult> writingTo(UploadWriter writer) {
        return result -> {
            List<StoredTest> stored = fromOtherSource.isEmpty() ? null : fromOtherSource.get(
                    new Key(result.identity().testId(component), result.identity().invocation()));
            if (stored != null) {
                matched++;
                Map<String, List<String>> observation = ObservedLayer.labelsOf(result.labels());
                if (!observation.isEmpty()) {
                    stored.forEach(t -> writer.addObservation(t, observation));
                }
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
