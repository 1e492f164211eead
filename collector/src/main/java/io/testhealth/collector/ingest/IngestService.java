package io.testhealth.collector.ingest;

import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.ingest.allure.AllureResultParser;
import io.testhealth.collector.ingest.archive.UploadUnpacker;
import io.testhealth.collector.ingest.junit.JUnitXmlParser;
import io.testhealth.collector.model.RecordedSpan;
import io.testhealth.collector.model.Redaction;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestSpanTree;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.store.UploadReceipt;
import io.testhealth.collector.store.UploadWriter;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Takes in one upload: finds the reports in it, parses them, groups retries and stores the run, all or nothing.
 *
 * <p>Idempotent: an upload id given by the client, or else derived from the content and the run's metadata, is
 * stored with the receipt under the upload's component; the same component and id again, sent with the same files
 * and parameters, is answered with the stored receipt and counts nothing twice. Sent with other files or parameters
 * under an id the client chose, it is another upload reusing the id, and is refused: answering it as a repeat would
 * drop its results without a word.
 */
@Singleton
public final class IngestService {

    private static final int SNIFF = 64;

    private final TestHistoryStore store;
    private final IngestLimits limits;
    private final Clock clock;
    private final ApplicationEventPublisher<UploadStored> events;
    private final Redaction redaction;
    private final JUnitXmlParser junit = new JUnitXmlParser();
    private final AllureResultParser allure = new AllureResultParser();

    @Inject
    public IngestService(TestHistoryStore store, IngestLimits limits, ApplicationEventPublisher<UploadStored> events,
                         RedactionSettings redaction) {
        this(store, limits, Clock.systemUTC(), events, redaction.redaction());
    }

    /** With the standard redaction: for tests and tools that publish their own events. */
    public IngestService(TestHistoryStore store, IngestLimits limits, ApplicationEventPublisher<UploadStored> events) {
        this(store, limits, Clock.systemUTC(), events, Redaction.standard());
    }

    /** Without anybody listening: for tests, benchmarks and tools. */
    public IngestService(TestHistoryStore store, IngestLimits limits) {
        this(store, limits, Clock.systemUTC(), ApplicationEventPublisher.noOp(), Redaction.standard());
    }

    /** For tests and the demo generator, which need a fixed or simulated time. */
    public IngestService(TestHistoryStore store, IngestLimits limits, Clock clock) {
        this(store, limits, clock, ApplicationEventPublisher.noOp(), Redaction.standard());
    }

    private IngestService(TestHistoryStore store, IngestLimits limits, Clock clock, ApplicationEventPublisher<UploadStored> events,
                          Redaction redaction) {
        this.redaction = redaction;
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        this.events = events;
    }

    /** The limits in force, for callers that spool the request body. */
    public IngestLimits limits() {
        return limits;
    }

    /**
     * Ingests the spooled parts of one upload.
     *
     * @param metadata the upload's metadata; when its upload id is empty one is derived
     * @param parts    the files received (the body, or the parts of a form)
     * @param forced   the format the client insists on, or empty to detect it from the content
     * @return the stored receipt, or the earlier receipt marked duplicate
     * @throws IngestException when the upload is refused; nothing of it is stored then
     */
    public UploadReceipt ingest(UploadMetadata metadata, List<UploadPart> parts, Optional<ReportFormat> forced) {
        if (parts.isEmpty() || parts.stream().allMatch(p -> p.size() == 0)) {
            throw new IngestException(Reason.MALFORMED, "the upload is empty: send a JUnit XML file, an Allure result, "
                    + "or a zip/tar.gz of a report folder as the request body");
        }
        long started = System.nanoTime();
        UploadMetadata md = metadata.hasUploadId() ? metadata : metadata.withUploadId(derivedId(metadata, parts));
        String digest = requestDigest(metadata, parts, forced);
        Optional<UploadReceipt> earlier = store.findUpload(md.key());
        if (earlier.isPresent()) {
            return repeat(metadata.hasUploadId(), md, earlier.get(), digest);
        }
        RunMatching matching = RunMatching.before(store, md, false);
        try (UploadWriter writer = store.open(md)) {
            ResultAssembler assembler = new ResultAssembler(md, limits, redaction, matching.writingTo(writer));
            Reading reading = new Reading(assembler, forced);
            UploadUnpacker unpacker = new UploadUnpacker(limits);
            for (UploadPart part : parts) {
                unpacker.unpack(part.file(), part.name(), reading::read);
            }
            assembler.finish();
            if (reading.reports == 0) {
                throw new IngestException(Reason.NO_REPORTS, "no JUnit XML or Allure result was found in the upload"
                        + reading.skippedSummary() + ": upload the report folder (e.g. target/surefire-reports, "
                        + "build/test-results/test, allure-results) as a zip or tar.gz");
            }
            UploadReceipt stored = commit(writer, md, reading.mainFormat(), assembler, matching, digest, started);
            return stored.duplicate() ? repeat(metadata.hasUploadId(), md, stored, digest) : stored;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the spooled upload failed", e);
        }
    }

    /**
     * Ingests test results that arrived already read, such as test spans: they are grouped into attempts and stored
     * exactly as a report's test cases are.
     *
     * @param metadata the run the results belong to; its upload id is required, since there is no content to
     *                 derive one from
     * @param format   what the results were read from, for the receipt
     * @param results  writes the results, in the order they ran, into the sink it is given
     * @return the stored receipt, or the earlier receipt marked duplicate
     */
    public UploadReceipt ingestResults(UploadMetadata metadata, ReportFormat format, Consumer<ResultSink> results) {
        return ingestResults(metadata, format, results, List.of());
    }

    /**
     * Ingests test results that arrived already read, with the raw spans of the test runs they came from: the spans
     * are written in the same transaction as the results, so a run is stored with its spans or not at all, and a
     * repeat (an exporter's retry) stores neither again.
     *
     * @param spanTrees the spans of each test span among the results; their texts are redacted as failure messages
     *                  are, and their tests named as the results are (names cut to the same limit)
     * @see #ingestResults(UploadMetadata, ReportFormat, Consumer)
     */
    public UploadReceipt ingestResults(UploadMetadata metadata, ReportFormat format, Consumer<ResultSink> results,
                                       List<TestSpanTree> spanTrees) {
        if (metadata.uploadId().isEmpty()) {
            throw new IllegalArgumentException("results without content need an upload id");
        }
        long started = System.nanoTime();
        // A derived id (spans carry no id of their own): an upload under a stored key is a repeat.
        Optional<UploadReceipt> earlier = store.findUpload(metadata.key());
        if (earlier.isPresent()) {
            return earlier.get().asDuplicate();
        }
        RunMatching matching = RunMatching.before(store, metadata, format.isTrace());
        try (UploadWriter writer = store.open(metadata)) {
            ResultAssembler assembler = new ResultAssembler(metadata, limits, redaction, matching.writingTo(writer));
            // Results read elsewhere carry no scopes: a retry may come anywhere among them.
            assembler.holdAcrossScopes(true);
            results.accept(assembler);
            assembler.finish();
            for (TestSpanTree tree : spanTrees) {
                writer.addSpans(stored(tree));
            }
            return commit(writer, metadata, format, assembler, matching, "", started);
        }
    }

    /**
     * Records the receipt (results matched with the run's other source not counted) and commits; tells the listeners
     * unless the key turned out to be committed by another request meanwhile, whose receipt is returned then.
     */
    private UploadReceipt commit(UploadWriter writer, UploadMetadata md, ReportFormat format, ResultAssembler assembler,
                                 RunMatching matching, String digest, long started) {
        List<String> warnings = new ArrayList<>(assembler.warnings());
        String matched = matching.warning(format.isTrace());
        if (matched != null) {
            warnings.add(matched);
        }
        Instant receivedAt = clock.instant();
        if (md.startedAt() != null && md.startedAt().isAfter(receivedAt)) {
            warnings.add("startedAt " + md.startedAt() + " is after the collector received the upload (" + receivedAt
                    + "): the CI machine's clock is ahead, so the job run's times were moved back by "
                    + java.time.Duration.between(receivedAt, md.startedAt()).toMillis() + " ms");
        }
        UploadReceipt receipt = new UploadReceipt(md.uploadId(), md.runId(), md.component().toString(), format,
                assembler.counts(), assembler.released() - matching.matched(),
                Math.round(assembler.reportedSeconds() * 1000) / 1000.0, warnings, receivedAt, digest, false);
        UploadReceipt stored = writer.commit(receipt);
        if (!stored.duplicate()) {
            events.publishEvent(new UploadStored(stored.component(), stored.uploadId(), stored.testResults(),
                    (System.nanoTime() - started) / 1e9));
        }
        return stored;
    }

    /** A test run's spans as they are stored: named as its result is, with secrets taken out of their texts. */
    private TestSpanTree stored(TestSpanTree tree) {
        TestIdentity identity = ResultAssembler.boundedIdentity(tree.identity(), limits.maxNameChars());
        if (!redaction.enabled()) {
            return identity.equals(tree.identity()) ? tree
                    : new TestSpanTree(identity, tree.traceId(), tree.spans(), tree.droppedSpans());
        }
        List<RecordedSpan> spans = new ArrayList<>(tree.spans().size());
        boolean changed = !identity.equals(tree.identity());
        for (RecordedSpan s : tree.spans()) {
            RecordedSpan clean = redacted(s);
            changed |= clean != s;
            spans.add(clean);
        }
        return changed ? new TestSpanTree(identity, tree.traceId(), spans, tree.droppedSpans()) : tree;
    }

    /** The span with secrets taken out of its status message and attributes; the same instance when it has none. */
    private RecordedSpan redacted(RecordedSpan s) {
        Map<String, Object> attributes = null;
        for (Map.Entry<String, Object> a : s.attributes().entrySet()) {
            Object value = redacted(a.getKey(), a.getValue());
            if (value != a.getValue() && attributes == null) {
                attributes = new LinkedHashMap<>(s.attributes());
            }
            if (attributes != null) {
                attributes.put(a.getKey(), value);
            }
        }
        String message = redaction.redact(s.statusMessage());
        if (attributes == null && message == s.statusMessage()) {
            return s;
        }
        return new RecordedSpan(s.spanId(), s.parentSpanId(), s.name(), s.kind(), s.service(), s.startNanos(),
                s.endNanos(), s.error(), message, attributes == null ? s.attributes() : attributes, s.droppedAttributes());
    }

    /**
     * An attribute's value with secrets redacted. Redacted as {@code key=value}, so that a key naming a secret
     * ({@code db.password}, {@code http.request.header.authorization}) has its value taken out by the same rule that
     * takes {@code password=...} out of a message.
     */
    private Object redacted(String key, Object value) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            boolean changed = false;
            for (Object v : list) {
                Object clean = redacted(key, v);
                changed |= clean != v;
                out.add(clean);
            }
            return changed ? out : value;
        }
        if (!(value instanceof String text)) {
            return value;
        }
        String pair = key + "=" + text;
        String clean = redaction.redact(pair);
        if (clean == pair) {
            return text;
        }
        return clean.startsWith(key + "=") ? clean.substring(key.length() + 1) : Redaction.REDACTED;
    }

    /**
     * The answer to an upload whose key is stored: the stored receipt when it is a repeat, a refusal when the client
     * reused its upload id for another upload. A derived id is a digest of the content and the run, so an upload
     * under one is always a repeat, whatever else (team, layer, times) it says differently.
     */
    private static UploadReceipt repeat(boolean idFromClient, UploadMetadata md, UploadReceipt earlier, String digest) {
        if (idFromClient && !earlier.sameRequest(digest)) {
            throw new IngestException(Reason.UPLOAD_ID_CONFLICT, "component " + md.component() + " already has an"
                    + " upload with uploadId=" + md.uploadId() + " (received " + earlier.receivedAt() + "), sent with"
                    + " other files or parameters (commit, branch, pipeline, job, attempt, environment...): nothing of"
                    + " this one was stored. Send a new uploadId for a new upload, such as the CI run id with the job"
                    + " and attempt; reuse an uploadId only to resend the very same upload.");
        }
        return earlier.asDuplicate();
    }

    /**
     * The id of an upload that did not name one: same content for the same run is the same upload.
     *
     * <p>Kept as it was first written: the ids of uploads already stored were derived this way, and a resent upload
     * must derive the same one to be recognised.
     */
    static String derivedId(UploadMetadata md, List<UploadPart> parts) {
        MessageDigest d = sha256();
        for (String s : List.of(md.component().toString(), md.repository(), md.branch(), md.commit(), md.pipeline(),
                md.job(), Integer.toString(md.attempt()), md.environment())) {
            field(d, s);
        }
        for (UploadPart p : parts) {
            d.update(p.sha256().getBytes(StandardCharsets.US_ASCII));
        }
        return "sha256-" + HexFormat.of().formatHex(d.digest(), 0, 16);
    }

    /**
     * The digest of everything an upload is sent with besides its id: every parameter that changes what is stored
     * (the run's, the team, the layer, the times, the forced format) and every file by its name and content. Two
     * uploads with the same digest store the same rows, so one is a repeat of the other.
     */
    static String requestDigest(UploadMetadata md, List<UploadPart> parts, Optional<ReportFormat> forced) {
        MessageDigest d = sha256();
        for (String s : List.of(md.component().toString(), md.team(), md.repository(), md.branch(), md.commit(),
                md.pipeline(), md.job(), Integer.toString(md.attempt()), md.environment(),
                md.declaredLayer().map(Enum::name).orElse(""), md.runUrl(), String.valueOf(md.startedAt()),
                String.valueOf(md.finishedAt()), forced.map(Enum::name).orElse(""))) {
            field(d, s);
        }
        for (UploadPart p : parts) {
            field(d, p.name());
            field(d, p.sha256());
        }
        return "sha256-" + HexFormat.of().formatHex(d.digest());
    }

    private static void field(MessageDigest d, String value) {
        d.update(value.getBytes(StandardCharsets.UTF_8));
        d.update((byte) 0x1f);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    /** The reading of one upload: which parser each file goes to, and what was skipped. */
    private final class Reading {
        private final ResultAssembler assembler;
        private final Optional<ReportFormat> forced;
        private final Map<ReportFormat, Long> elements = new EnumMap<>(ReportFormat.class);
        private final StringBuilder skipped = new StringBuilder();
        private int skippedCount;
        private int reports;

        Reading(ResultAssembler assembler, Optional<ReportFormat> forced) {
            this.assembler = assembler;
            this.forced = forced;
        }

        void read(String name, InputStream raw, boolean inArchive) throws IOException {
            String lower = name.toLowerCase(Locale.ROOT);
            if (inArchive && !lower.endsWith(".xml") && !lower.endsWith(".json")) {
                return; // output files, attachments, properties: not reports
            }
            if (inArchive && lower.endsWith(".json") && !lower.endsWith("-result.json") && !lower.endsWith("-container.json")) {
                return; // executor.json, categories.json, history/*.json describe the run, not tests
            }
            // Allure result files are a kilobyte or two, thousands to an upload: a large buffer each would cost
            // more to allocate than their reading does.
            BufferedInputStream in = new BufferedInputStream(raw, lower.endsWith(".json") ? 8 * 1024 : 64 * 1024);
            in.mark(SNIFF);
            byte[] head = in.readNBytes(SNIFF);
            in.reset();
            ReportFormat format = sniff(head);
            if (format == null) {
                if (inArchive) {
                    skip(name, "neither XML nor JSON");
                    return;
                }
                throw new IngestException(Reason.MALFORMED, head.length == 0 ? "the file is empty"
                        : "this is neither XML nor JSON: upload a JUnit XML file, an Allure result, or a zip/tar.gz of a report folder",
                        name, 1, 1, null);
            }
            if (forced.isPresent() && forced.get() != format) {
                if (inArchive) {
                    skip(name, "not " + forced.get().id() + " (format=" + forced.get().id() + " was requested)");
                    return;
                }
                throw new IngestException(Reason.UNSUPPORTED_FORMAT, "format=" + forced.get().id()
                        + " was requested but the file is " + (format == ReportFormat.JUNIT ? "XML" : "JSON"), name, 1, 1, null);
            }
            ReportParser parser = format == ReportFormat.JUNIT ? junit : allure;
            if (format == ReportFormat.ALLURE) {
                assembler.holdAcrossScopes(true);
            }
            long before = assembler.elements();
            try {
                parser.parse(format == ReportFormat.ALLURE ? limitedJson(in, name) : in, name, assembler);
            } catch (IngestException e) {
                if (inArchive && e.reason() == Reason.UNSUPPORTED_FORMAT) {
                    skip(name, e.getMessage());
                    return;
                }
                throw e.inFile(name);
            }
            reports++;
            elements.merge(format, assembler.elements() - before, Long::sum);
        }

        private InputStream limitedJson(InputStream in, String name) {
            return new java.io.FilterInputStream(in) {
                private long read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0 && (read += n) > limits.maxJsonFileBytes()) {
                        throw new IngestException(Reason.TOO_LARGE, "an Allure result larger than " + limits.maxJsonFileBytes()
                                + " bytes (testhealth.ingest.max-json-file-bytes)", name, 0, 0, null);
                    }
                    return n;
                }
            };
        }

        private void skip(String name, String why) {
            skippedCount++;
            assembler.doubt("files that are not test reports were skipped", name + ": " + why);
            if (skippedCount <= 3) {
                skipped.append(skipped.length() == 0 ? "" : "; ").append(name).append(": ").append(why);
            }
        }

        String skippedSummary() {
            return skippedCount == 0 ? "" : " (skipped " + skippedCount + " file(s): " + skipped + ")";
        }

        ReportFormat mainFormat() {
            return elements.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse(forced.orElse(ReportFormat.JUNIT));
        }
    }

    /** XML or JSON from the first bytes, past a byte-order mark and white space; {@code null} when neither. */
    static ReportFormat sniff(byte[] head) {
        int i = 0;
        if (head.length >= 2 && ((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF || (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE)) {
            return ReportFormat.JUNIT;
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            i = 3;
        }
        for (; i < head.length; i++) {
            byte b = head[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == 0) {
                continue;
            }
            if (b == '<') {
                return ReportFormat.JUNIT;
            }
            if (b == '{' || b == '[') {
                return ReportFormat.ALLURE;
            }
            return null;
        }
        return null;
    }
}
