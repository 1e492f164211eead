package io.testhealth.collector.store.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.testhealth.collector.model.Attempt;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.Outcome;
import io.testhealth.collector.model.RecordedSpan;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.TestSpanTree;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.UploadReceipt;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns domain values into the column values of the history tables, so both stores write exactly the same rows.
 *
 * <p>Values are {@link String}, {@link Integer}, {@link Long}, {@link Double}, {@link OffsetDateTime} (UTC) or
 * {@code null}, in the order of {@link #RESULT_COLUMNS} and {@link #ATTEMPT_COLUMNS}. Every text has its NUL
 * characters removed, because PostgreSQL text (and jsonb) cannot hold {@code \0} and both stores must agree.
 * Enum values are stored lower-case.
 */
public final class HistoryRows {

    /**
     * Columns of {@code test_results}, in the order of {@link #result}. It is also the table's column order, which
     * DuckDB's Appender relies on: new columns are added at the end of both.
     */
    public static final List<String> RESULT_COLUMNS = List.of("upload_id", "run_id", "component", "test_id", "suite",
            "name", "invocation", "history_id", "report_file", "outcome", "attempts", "failed_attempts",
            "duration_seconds", "started_at", "failure_type", "failure_message", "failure_fingerprint",
            "system_out_bytes", "system_err_bytes", "layer", "layer_source", "labels", "final_duration_seconds",
            "failure_trace");

    /** Columns of {@code test_attempts}, in the order of {@link #attempts}. */
    public static final List<String> ATTEMPT_COLUMNS = List.of("upload_id", "run_id", "test_id", "invocation",
            "attempt_no", "status", "duration_seconds", "failure_type", "failure_message", "failure_fingerprint");

    /**
     * Columns of {@code test_spans}, in the order of {@link #spans}: one row per test run from a test span, its spans
     * in {@link SpanTreeJson}'s text. Also the table's column order, for DuckDB's Appender.
     */
    public static final List<String> SPAN_COLUMNS = List.of("component", "test_id", "upload_id", "run_id", "trace_id",
            "span_id", "started_at", "start_nanos", "span_count", "dropped_spans", "spans");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, List<String>>> LABELS = new TypeReference<>() {
    };

    private HistoryRows() {
    }

    /**
     * What every row of one upload repeats, computed once per upload: the run id is a hash and the component's text
     * a concatenation, and both would otherwise be recomputed for every row.
     *
     * @param uploadId  the upload's id, NUL-free
     * @param runId     the run's id
     * @param component the component
     * @param reference the component's full reference, NUL-free
     */
    public record UploadKeys(String uploadId, String runId, ComponentRef component, String reference) {
        /** The keys of an upload whose id is set. */
        public static UploadKeys of(UploadMetadata metadata) {
            return new UploadKeys(text(metadata.uploadId()), metadata.runId(), metadata.component(),
                    text(metadata.component().toString()));
        }
    }

    /** The {@code test_results} row of one result. */
    public static Object[] result(UploadKeys keys, TestResult r) {
        Failure failure = reportedFailure(r);
        DeclaredLayer layer = r.declaredLayer();
        return new Object[]{
                keys.uploadId(), keys.runId(), keys.reference(), r.identity().testId(keys.component()),
                text(r.identity().suite()), text(r.identity().name()), text(r.identity().invocation()),
                text(r.historyId()), text(r.reportFile()), lower(r.outcome()), r.attempts().size(), failedAttempts(r),
                r.totalDurationSeconds(), startedAt(r),
                failure == null ? null : text(failure.type()), failure == null ? null : text(failure.message()),
                failure == null ? null : text(failure.fingerprint()),
                systemOut(r), systemErr(r),
                layer == null ? null : lower(layer.layer()), layer == null ? null : lower(layer.source()),
                labelsJson(r.labels()), r.finalAttempt().durationSeconds(),
                failure == null || failure.trace().isEmpty() ? null : text(failure.trace())};
    }

    /** The {@code test_attempts} rows of one result: none unless it was retried (more than one attempt). */
    public static List<Object[]> attempts(UploadKeys keys, TestResult r) {
        if (r.attempts().size() < 2) {
            return List.of();
        }
        String testId = r.identity().testId(keys.component());
        List<Object[]> rows = new ArrayList<>(r.attempts().size());
        int no = 1;
        for (Attempt a : r.attempts()) {
            Failure f = a.failure();
            rows.add(new Object[]{keys.uploadId(), keys.runId(), testId, text(r.identity().invocation()), no++,
                    lower(a.status()), a.durationSeconds(), f == null ? null : text(f.type()),
                    f == null ? null : text(f.message()), f == null ? null : text(f.fingerprint())});
        }
        return rows;
    }

    /** The {@code test_spans} row of one test run's spans. */
    public static Object[] spans(UploadKeys keys, TestSpanTree tree) {
        RecordedSpan test = tree.testSpan();
        return new Object[]{keys.reference(), tree.identity().testId(keys.component()), keys.uploadId(), keys.runId(),
                text(tree.traceId()), text(test.spanId()), utc(Instant.ofEpochSecond(0, test.startNanos())),
                test.startNanos(), tree.spans().size(), tree.droppedSpans(),
                SpanTreeJson.encode(tree.spans(), test.startNanos())};
    }

    /**
     * The {@code runs} row: run_id, component, team, repository, branch, commit_sha, pipeline, job, attempt,
     * environment, run_url, started_at, created_at, finished_at. A run without a start time starts when it was
     * received; one without an end has none (its wall time is unknown).
     *
     * <p>A run said to start after it was received comes from a CI machine whose clock is ahead of the collector's:
     * both its times move back by that lead, so that it starts when received and keeps its wall time. Left in the
     * future, it would stay out of every report (a window ends at the collector's now) until the clock caught up,
     * though its upload was answered as stored.
     */
    public static Object[] run(UploadMetadata m, Instant receivedAt) {
        Instant started = m.startedAt() == null ? receivedAt : m.startedAt();
        Instant finished = m.finishedAt();
        if (started.isAfter(receivedAt)) {
            java.time.Duration lead = java.time.Duration.between(receivedAt, started);
            started = receivedAt;
            finished = finished == null ? null : finished.minus(lead);
        }
        return new Object[]{m.runId(), text(m.component().toString()), text(m.team()), text(m.repository()),
                text(m.branch()), text(m.commit()), text(m.pipeline()), text(m.job()), m.attempt(),
                text(m.environment()), text(m.runUrl()), utc(started), utc(receivedAt), utc(finished)};
    }

    /**
     * The {@code uploads} row: upload_id, run_id, component, format, tests, passed, failed, errors, skipped, flaky,
     * test_results, duration_seconds, warnings, received_at, request_digest (NULL when unknown).
     */
    public static Object[] upload(UploadReceipt r) {
        return new Object[]{text(r.uploadId()), r.runId(), text(r.component()), r.format().id(), r.counts().tests(),
                r.counts().passed(), r.counts().failed(), r.counts().errors(), r.counts().skipped(),
                r.counts().flaky(), r.testResults(), r.durationSeconds(), warningsJson(r.warnings()),
                utc(r.receivedAt()), r.requestDigest().isEmpty() ? null : text(r.requestDigest())};
    }

    private static long systemOut(TestResult r) {
        long sum = 0;
        for (Attempt a : r.attempts()) {
            sum += a.systemOutBytes();
        }
        return sum;
    }

    private static long systemErr(TestResult r) {
        long sum = 0;
        for (Attempt a : r.attempts()) {
            sum += a.systemErrBytes();
        }
        return sum;
    }

    /** The text without NUL characters; {@code null} stays {@code null}. */
    public static String text(String s) {
        return s == null || s.indexOf('\0') < 0 ? s : s.replace("\0", "");
    }

    /** An instant as a UTC {@link OffsetDateTime}, the type both JDBC drivers bind to {@code timestamptz}. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** JSON object text of labels, names sorted so that equal labels give equal text. */
    public static String labelsJson(Map<String, List<String>> labels) {
        if (labels.isEmpty()) {
            return "{}"; // most test cases carry no labels: skip the sorting and the JSON writer
        }
        Map<String, List<String>> clean = new TreeMap<>();
        labels.forEach((name, values) -> clean.put(text(name), values.stream().map(HistoryRows::text).toList()));
        return json(clean);
    }

    /**
     * Reads the labels written by {@link #labelsJson}, from either store's text of the column (PostgreSQL's jsonb
     * reorders and spaces it). The map and its lists are unmodifiable, names sorted.
     */
    public static Map<String, List<String>> parseLabels(String json) {
        if (json == null || "{}".equals(json)) {
            return Map.of();
        }
        try {
            TreeMap<String, List<String>> labels = JSON.readValue(json, LABELS);
            labels.replaceAll((name, values) -> List.copyOf(values));
            return Collections.unmodifiableMap(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored labels are not a JSON object of string lists: " + json, e);
        }
    }

    /** JSON array text of warnings. */
    public static String warningsJson(List<String> warnings) {
        return json(warnings.stream().map(HistoryRows::text).toList());
    }

    /** Reads the warnings written by {@link #warningsJson}. */
    public static List<String> parseWarnings(String json) {
        try {
            return List.of(JSON.readValue(json, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored warnings are not a JSON array of strings: " + json, e);
        }
    }

    /** The failure a result is known by: the final attempt's, or for a flaky result the last failed attempt's. */
    static Failure reportedFailure(TestResult r) {
        if (r.outcome() == Outcome.FLAKY) {
            for (int i = r.attempts().size() - 1; i >= 0; i--) {
                Attempt a = r.attempts().get(i);
                if (a.status().isFailure() && a.failure() != null) {
                    return a.failure();
                }
            }
            return null;
        }
        return r.finalAttempt().failure();
    }

    private static int failedAttempts(TestResult r) {
        int failed = 0;
        for (Attempt a : r.attempts()) {
            if (a.status().isFailure()) {
                failed++;
            }
        }
        return failed;
    }

    /** The first known start among the attempts: when the test began in this run. */
    private static OffsetDateTime startedAt(TestResult r) {
        for (Attempt a : r.attempts()) {
            if (a.startedAt() != null) {
                return utc(a.startedAt());
            }
        }
        return null;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and lists always serialise", e);
        }
    }
}
