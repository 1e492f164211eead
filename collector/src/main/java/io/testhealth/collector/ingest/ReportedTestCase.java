package io.testhealth.collector.ingest;

import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestResult;

import java.util.Objects;

/**
 * One report element as a parser read it: one JUnit {@code testcase} or one Allure result, before retries
 * spread over several elements are merged.
 *
 * @param result          the element as a test result (Surefire's rerun elements already are attempts of it)
 * @param reportedStatus  the element's own outcome by the counting rules (error &gt; failure &gt; skipped &gt; passed)
 * @param flakyMarked     whether the report itself marked it flaky (Surefire {@code flakyFailure}, Allure's flag)
 * @param reportedSeconds the element's own time, or {@code null} when missing or unreadable
 */
public record ReportedTestCase(TestResult result, Status reportedStatus, boolean flakyMarked, Double reportedSeconds) {
    public ReportedTestCase {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reportedStatus, "reportedStatus");
    }
}
