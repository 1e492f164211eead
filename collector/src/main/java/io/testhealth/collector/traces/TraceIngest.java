package io.testhealth.collector.traces;

import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.ReportedTestCase;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.retention.RetentionConfiguration;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.IntegrationRepository;
import io.testhealth.collector.telemetry.SelfTelemetry;
import io.testhealth.collector.store.UploadReceipt;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The entry point of every trace receiver: takes the decoded spans of one request, finds the test runs in them and
 * stores each run through {@link IngestService}, exactly as an upload of the same tests as JUnit XML is stored, with
 * the raw spans of each test span in the same transaction ({@link SpanRecording}): a retried export is a repeat of
 * the upload and stores neither results nor spans again.
 *
 * <p>Blocking (it writes to the store, then brings the reports of the components it wrote to up to date, as an
 * upload does before its answer): receivers call it off their event loops.
 */
@Singleton
public final class TraceIngest {

    private final IngestService ingest;
    private final TraceSettings settings;
    private final ScorecardService reports;
    private final IntegrationRepository integrations;
    private final Set<String> observedEnvironments;
    private final SelfTelemetry telemetry;
    private final boolean keepSpans;

    /**
     * @param observedEnvironments {@code testhealth.traces.observed-environments}: the deployment environments whose
     *                             spans outside tests are recorded on the integration map (none by default)
     * @param retention            whether test runs' raw spans are kept ({@code testhealth.retention.spans-days} 0
     *                             keeps none)
     */
    public TraceIngest(IngestService ingest, TraceSettings settings, ScorecardService reports,
                       IntegrationRepository integrations,
                       @Value("${testhealth.traces.observed-environments:}") List<String> observedEnvironments,
                       SelfTelemetry telemetry, RetentionConfiguration retention) {
        this.keepSpans = retention.keepsSpans();
        this.telemetry = telemetry;
        this.ingest = ingest;
        this.settings = settings;
        this.reports = reports;
        this.integrations = integrations;
        Set<String> envs = new LinkedHashSet<>();
        for (String e : observedEnvironments == null ? List.<String>of() : observedEnvironments) {
            if (e != null && !e.isBlank()) {
                envs.add(e.strip());
            }
        }
        this.observedEnvironments = Set.copyOf(envs);
    }

    /** The limits in force, for receivers that read request bodies. */
    public TraceSettings settings() {
        return settings;
    }

    /**
     * Stores the test runs of one request, then the integration edges its spans show.
     *
     * @param spans     every span of the request
     * @param format    the wire format, for the receipts and upload ids
     * @param component the component the request names, overriding the spans' {@code service.name}
     * @throws IngestException when the request is refused as a whole (too many spans); nothing is stored then
     */
    public TraceReceipt receive(List<ReceivedSpan> spans, ReportFormat format, Optional<ComponentRef> component) {
        return telemetry.inSpan("testhealth.traces.receive", span -> {
            span.setAttribute("testhealth.format", format.name().toLowerCase(Locale.ROOT));
            span.setAttribute("testhealth.spans", spans.size());
            TraceReceipt receipt = store(spans, format, component);
            span.setAttribute("testhealth.test_spans", receipt.testSpans());
            span.setAttribute("testhealth.rejected_spans", receipt.rejectedSpans());
            span.setAttribute("testhealth.uploads", receipt.uploads().size());
            return receipt;
        });
    }

    private TraceReceipt store(List<ReceivedSpan> spans, ReportFormat format, Optional<ComponentRef> component) {
        checkSpanCount(spans.size());
        MappedSpans mapped = TestSpanMapper.map(spans, component, format.name().toLowerCase(Locale.ROOT), observedEnvironments);
        List<UploadReceipt> uploads = new ArrayList<>(mapped.runs().size());
        Map<String, Optional<HealthReport>> changed = new LinkedHashMap<>();
        for (TestRunGroup run : mapped.runs()) {
            String target = run.metadata().component().toString();
            Optional<HealthReport> before = reports.component(target);
            UploadReceipt receipt = telemetry.inSpan("testhealth.ingest.run", span -> {
                span.setAttribute("testhealth.component", target);
                span.setAttribute("testhealth.upload_id", run.metadata().uploadId());
                span.setAttribute("testhealth.tests", run.testCases().size());
                UploadReceipt r = ingest.ingestResults(run.metadata(), format, sink -> {
                    for (ReportedTestCase c : run.testCases()) {
                        sink.accept(c);
                    }
                }, keepSpans ? run.spanTrees() : List.of());
                span.setAttribute("testhealth.duplicate", r.duplicate());
                return r;
            });
            uploads.add(receipt);
            if (!receipt.duplicate()) {
                changed.putIfAbsent(target, before);
            }
        }
        // After the runs, and for resent runs too: a sighting already recorded changes nothing, so an export retried
        // after this write failed (503) completes the map without counting a test twice.
        integrations.recordSightings(mapped.sightings());
        // Once per component, after all its job runs in the request were committed: one recompute covers them all.
        changed.forEach(reports::afterUpload);
        return new TraceReceipt(mapped.spans(), mapped.testSpans(), mapped.rejectedSpans(), mapped.errorMessage(), uploads);
    }

    /** Refuses a request with more spans than {@code testhealth.traces.max-spans-per-request}. */
    public void checkSpanCount(int spans) {
        if (spans > settings.maxSpansPerRequest()) {
            throw new IngestException(Reason.TOO_LARGE, "the request holds more than " + settings.maxSpansPerRequest()
                    + " spans (testhealth.traces.max-spans-per-request): export smaller batches");
        }
    }
}
