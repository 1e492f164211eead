package io.testhealth.collector.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.testhealth.collector.model.RecordedSpan;
import io.testhealth.collector.store.StoredSpanRun;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body of {@code GET /api/v1/tests/{testId}/spans}: the raw spans kept of a test's latest runs. */
final class SpanViews {

    private static final double NANOS_PER_MILLI = 1e6;

    private SpanViews() {
    }

    /**
     * A test's latest runs that came from test spans, latest first, each with its spans; empty when none is kept
     * (the test never ran under tracing, or its spans are older than {@code keptDays}).
     *
     * @param testId    the test
     * @param component its component
     * @param keptDays  days raw spans are kept ({@code testhealth.retention.spans-days})
     * @param runs      at most {@code limit} runs
     */
    @Serdeable
    record TestSpansResponse(String testId, String component, int keptDays, List<SpanRunView> runs) {
    }

    /**
     * The spans of one test run.
     *
     * @param runId        the job run
     * @param pipeline     its pipeline run ({@code cicd.pipeline.run.id}), possibly empty
     * @param job          its job, possibly empty
     * @param attempt      its attempt
     * @param branch       its branch, possibly empty
     * @param commit       its commit, possibly empty
     * @param runUrl       its CI link, or {@code null}
     * @param traceId      the trace the spans belong to
     * @param startedAt    when the test span started
     * @param durationMs   the test span's duration, in milliseconds
     * @param droppedSpans spans below the test span that were not kept (more than 1,000 per test run)
     * @param spans        the test span first (no parent among them), then the spans below it, breadth first: a tree
     *                     by {@code parentSpanId}
     */
    @Serdeable
    record SpanRunView(String runId, String pipeline, String job, int attempt, String branch, String commit,
                       @Nullable String runUrl, String traceId, Instant startedAt, double durationMs, int droppedSpans,
                       List<SpanView> spans) {
        static SpanRunView of(StoredSpanRun run) {
            RecordedSpan test = run.spans().get(0);
            List<SpanView> spans = new ArrayList<>(run.spans().size());
            for (RecordedSpan s : run.spans()) {
                spans.add(SpanView.of(s, test.startNanos(), s == test));
            }
            return new SpanRunView(run.runId(), run.pipeline(), run.job(), run.attempt(), run.branch(), run.commit(),
                    run.runUrl().isEmpty() ? null : run.runUrl(), run.traceId(), instant(test.startNanos()),
                    millis(test.durationNanos()), run.droppedSpans(), spans);
        }
    }

    /**
     * One span.
     *
     * @param spanId            its id
     * @param parentSpanId      its parent's id; {@code null} for the test span, the root of the tree (its own parent,
     *                          a job or suite span, is not kept)
     * @param name              its name
     * @param kind              {@code internal}, {@code server}, {@code client}, {@code producer}, {@code consumer}
     *                          or {@code unspecified}
     * @param service           {@code service.name} of what emitted it, possibly empty
     * @param startedAt         its start, to the nanosecond
     * @param offsetMs          its start after the test span's, in milliseconds
     * @param durationMs        its duration, in milliseconds
     * @param status            {@code error}, or {@code ok} for any other status (OTLP's unset and ok)
     * @param statusMessage     the status description, or {@code null}
     * @param attributes        its attributes (at most 32; texts at most 256 characters, cut with a marker; secrets
     *                          redacted)
     * @param droppedAttributes attributes not kept
     */
    @Serdeable
    record SpanView(String spanId, @Nullable String parentSpanId, String name, String kind, String service,
                    Instant startedAt, double offsetMs, double durationMs, String status, @Nullable String statusMessage,
                    @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                            description = "text, integer, number, boolean or a list of those")
                    Map<String, Object> attributes, int droppedAttributes) {
        static SpanView of(RecordedSpan s, long originNanos, boolean testSpan) {
            return new SpanView(s.spanId(), testSpan || s.parentSpanId().isEmpty() ? null : s.parentSpanId(), s.name(), s.kind(),
                    s.service(), instant(s.startNanos()), millis(s.startNanos() - originNanos), millis(s.durationNanos()),
                    s.error() ? "error" : "ok", s.statusMessage().isEmpty() ? null : s.statusMessage(), s.attributes(),
                    s.droppedAttributes());
        }
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }

    private static double millis(long nanos) {
        return nanos / NANOS_PER_MILLI;
    }
}
