package io.testhealth.collector.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.testhealth.collector.model.ResultCounts;
import io.testhealth.collector.scorecards.ReportChange;
import io.testhealth.collector.store.UploadReceipt;

import java.util.List;

/**
 * What the collector understood of an upload (the body of {@code 201 Created}, or of {@code 200} for a repeat).
 *
 * @param uploadId        the idempotency key (given or derived), unique within the component
 * @param runId           the job run the upload was added to
 * @param component       full entity reference
 * @param format          {@code junit} or {@code allure}
 * @param counts          one per test case element or Allure result, retries not merged
 * @param testResults     test runs stored after merging retries into attempts
 * @param durationSeconds sum of the reported test-case times
 * @param warnings        what was read but is doubtful
 * @param duplicate       true when this upload was stored before (same component, upload id, files and
 *                        parameters) and nothing was counted again
 * @param componentReport what the upload changed in its component's report, which already covers it when this
 *                        answer is sent; {@code null} for a repeat (nothing changed), and when the collector runs with
 *                        {@code testhealth.analysis.update-on-upload: false}
 */
@Serdeable
public record UploadResponse(String uploadId, String runId, String component, String format, Counts counts,
                             long testResults, double durationSeconds,
                             @JsonInclude(JsonInclude.Include.ALWAYS) List<String> warnings, boolean duplicate,
                             @Nullable ComponentReport componentReport) {

    /** Per-element counts, by the corpus rules. */
    @Serdeable
    public record Counts(long tests, long passed, long failed, long errors, long skipped, long flaky) {
        static Counts of(ResultCounts c) {
            return new Counts(c.tests(), c.passed(), c.failed(), c.errors(), c.skipped(), c.flaky());
        }
    }

    /**
     * What an upload changed in its component's report: grade and level before and after, and the tests whose
     * verdict moved (each list capped at 20, by impact, with the full count). Under concurrent uploads to the same
     * component, "after" may also include uploads committed at the same moment.
     *
     * @param updated      whether the report covers this upload; {@code false} when the component's analysis
     *                     failed: the last good report stays (it is {@code after}), and the analysis is retried
     * @param error        why the analysis failed, or {@code null}
     * @param before       grade and level when the upload arrived, or {@code null} for a component's first report
     * @param after        grade and level now
     * @param becameFlaky  tests flaky now that were not before (first runs included)
     * @param becameBroken tests broken now that were not before
     * @param becameFixed  tests flaky or broken before, fixed or healthy now
     */
    @Serdeable
    public record ComponentReport(boolean updated, @Nullable String error, @Nullable Grading before,
                                  @Nullable Grading after, TestList becameFlaky, TestList becameBroken,
                                  TestList becameFixed) {
        static ComponentReport of(ReportChange c) {
            return new ComponentReport(c.updated(), c.failure() == null ? null : c.failure().error(),
                    Grading.of(c.before()), Grading.of(c.after()), TestList.of(c.becameFlaky()),
                    TestList.of(c.becameBroken()), TestList.of(c.becameFixed()));
        }
    }

    /**
     * A scorecard's grade and level.
     *
     * @param grade {@code A} to {@code F}, or {@code -} while no check has enough data
     * @param level {@code Gold}, {@code Silver}, {@code Bronze} or {@code none}
     */
    @Serdeable
    public record Grading(String grade, String level) {
        static Grading of(ReportChange.Grading g) {
            return g == null ? null : new Grading(g.grade(), g.level());
        }
    }

    /**
     * Some tests: how many, and at most 20 of them, costliest first.
     *
     * @param count how many tests there are
     * @param tests the first 20 of them
     */
    @Serdeable
    public record TestList(int count, List<TestEntry> tests) {
        static TestList of(ReportChange.Tests t) {
            return new TestList(t.count(), t.tests().stream().map(x -> new TestEntry(x.testId(), x.suite(), x.name())).toList());
        }
    }

    /**
     * One test.
     *
     * @param testId the id of {@code GET /api/v1/tests/{testId}}
     * @param suite  class or suite
     * @param name   test name
     */
    @Serdeable
    public record TestEntry(String testId, String suite, String name) {
    }

    static UploadResponse of(UploadReceipt r, @Nullable ReportChange change) {
        return new UploadResponse(r.uploadId(), r.runId(), r.component(), r.format().id(), Counts.of(r.counts()),
                r.testResults(), r.durationSeconds(), r.warnings(), r.duplicate(),
                change == null ? null : ComponentReport.of(change));
    }
}
