package io.testhealth.collector.ingest;

import io.testhealth.collector.model.Attempt;
import io.testhealth.collector.model.BoundedText;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Redaction;
import io.testhealth.collector.model.ResultCounts;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the elements that parsers read into the test results of one job run.
 *
 * <ul>
 *   <li>Counts every element by the corpus rules (retries not merged), and sums reported times.</li>
 *   <li>Merges retries written as separate elements (Gradle's repeated {@code testcase}, Allure results sharing a
 *       {@code historyId}) into attempts of one result. Retries are looked for within a scope (a top-level
 *       suite, or the whole upload for Allure) and among at most {@link #MAX_PENDING} pending results, which keeps
 *       memory bounded on huge reports.</li>
 *   <li>Completes the declared layer: the upload's {@code layer}, else the test's own declaration, else the report
 *       path (Maven's convention: {@code failsafe-reports/} holds integration tests, {@code surefire-reports/} unit
 *       tests).</li>
 *   <li>Cuts names, failure messages and label values over {@link IngestLimits#maxNameChars()} and
 *       {@link IngestLimits#maxMessageChars()} with a marker ({@link BoundedText}), so that no upload can make a test,
 *       or the report that lists it, arbitrarily large.</li>
 *   <li>Redacts secrets ({@link Redaction}) in failure messages and stack traces. A trace arrives already cut to
 *       {@link Failure#MAX_TRACE_CHARS} by its parser (which reads no more of it), so a secret straddling that cut
 *       loses its end; the patterns stop at the cut marker's first character, so what is left is still replaced.</li>
 *   <li>Collects doubts as one sentence per kind, with a count and the first example.</li>
 * </ul>
 */
public final class ResultAssembler implements ResultSink {

    /** Pending results held for retry grouping before they are released regardless. */
    static final int MAX_PENDING = 50_000;

    private final UploadMetadata metadata;
    private final IngestLimits limits;
    private final Redaction redaction;
    private final Consumer<TestResult> downstream;
    private final Map<Object, Pending> pending = new LinkedHashMap<>();
    private final ResultCounts.Tally tally = new ResultCounts.Tally();
    private final Map<String, Doubt> doubts = new LinkedHashMap<>();
    private double reportedSeconds;
    private long released;
    private long merged;
    private boolean holdScope;
    private String lastReportFile;
    private DeclaredLayer lastPathLayer;

    /**
     * @param metadata   the upload, for its declared layer
     * @param downstream receives each finished test result (typically a store writer)
     */
    public ResultAssembler(UploadMetadata metadata, Consumer<TestResult> downstream) {
        this(metadata, IngestLimits.defaults(), downstream);
    }

    /**
     * @param metadata   the upload, for its declared layer
     * @param limits     the length limits of names and messages
     * @param downstream receives each finished test result (typically a store writer)
     */
    public ResultAssembler(UploadMetadata metadata, IngestLimits limits, Consumer<TestResult> downstream) {
        this(metadata, limits, Redaction.standard(), downstream);
    }

    /**
     * @param metadata   the upload, for its declared layer
     * @param limits     the length limits of names and messages
     * @param redaction  what is taken out of failure messages before they are cut and stored
     * @param downstream receives each finished test result (typically a store writer)
     */
    public ResultAssembler(UploadMetadata metadata, IngestLimits limits, Redaction redaction, Consumer<TestResult> downstream) {
        this.metadata = metadata;
        this.limits = limits;
        this.redaction = redaction;
        this.downstream = downstream;
    }

    /**
     * Keeps results pending across scopes until {@link #finish()}: Allure writes each attempt to its own file, so
     * retries can be anywhere in the upload.
     */
    public void holdAcrossScopes(boolean hold) {
        this.holdScope = hold;
    }

    @Override
    public void accept(ReportedTestCase element) {
        tally.count(element.reportedStatus(), element.flakyMarked());
        limits.countTestCase(tally.tests());
        if (element.reportedSeconds() != null) {
            reportedSeconds += element.reportedSeconds();
        }
        TestResult result = withLayer(bounded(element.result()));
        Object key = retryKey(result);
        Pending earlier = pending.get(key);
        if (earlier != null) {
            earlier.attempts.addAll(result.attempts());
            merged++;
            return;
        }
        if (pending.size() >= MAX_PENDING) {
            releasePending();
        }
        pending.put(key, new Pending(result));
    }

    @Override
    public void endOfScope() {
        if (!holdScope) {
            releasePending();
        }
    }

    @Override
    public void doubt(String kind, String example) {
        doubts.computeIfAbsent(kind, k -> new Doubt(example)).count++;
    }

    /** Releases everything still pending; call once after the last file. */
    public void finish() {
        releasePending();
        if (merged > 0) {
            doubt("retries were merged into attempts of one test run (repeated test cases or Allure results sharing a historyId)", merged + " merged");
        }
    }

    /** Per-element counts so far. */
    public ResultCounts counts() {
        return tally.toCounts();
    }

    /** Number of elements read so far. */
    public long elements() {
        return tally.tests();
    }

    /** Sum of the reported element times, unknown times left out. */
    public double reportedSeconds() {
        return reportedSeconds;
    }

    /** Test results released downstream. */
    public long released() {
        return released;
    }

    /** One sentence per kind of doubt. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>(doubts.size());
        doubts.forEach((kind, d) -> out.add(d.count == 1 ? kind + " (" + d.example + ")"
                : kind + " (" + d.count + " times, first: " + d.example + ")"));
        return out;
    }

    private void releasePending() {
        for (Pending p : pending.values()) {
            downstream.accept(inExecutionOrder(p.result()));
            released++;
        }
        pending.clear();
    }

    /** Attempts from separate files arrive in file order; when every attempt has a start time, that is the order. */
    private static TestResult inExecutionOrder(TestResult r) {
        List<Attempt> attempts = r.attempts();
        if (attempts.size() < 2 || attempts.stream().anyMatch(a -> a.startedAt() == null)) {
            return r;
        }
        List<Attempt> sorted = new ArrayList<>(attempts);
        sorted.sort(Comparator.comparing(Attempt::startedAt));
        if (sorted.equals(attempts)) {
            return r;
        }
        return new TestResult(r.identity(), sorted, r.historyId(), r.reportFile(), r.declaredLayer(), r.labels());
    }

    /** Retries share Allure's {@code historyId} when there is one, else suite, name and invocation. */
    private static Object retryKey(TestResult r) {
        return r.historyId().isEmpty() ? r.identity() : new HistoryKey(r.historyId());
    }

    /** A {@code historyId} as a retry key, never equal to a {@link io.testhealth.collector.model.TestIdentity}. */
    private record HistoryKey(String historyId) {
    }

    /**
     * The declared layer by the order of {@code docs/metrics.md}: the upload's {@code layer}, then the test's own
     * declaration (Allure label, test-case property), then the report path. A test's own label stays in its labels,
     * so analysis can still see a disagreement.
     */
    private TestResult withLayer(TestResult r) {
        DeclaredLayer layer = r.declaredLayer();
        if (metadata.layer() != null) {
            layer = new DeclaredLayer(metadata.layer(), LayerSource.UPLOAD);
        } else if (layer == null) {
            layer = pathLayer(r.reportFile());
        }
        if (layer == r.declaredLayer()) {
            return r;
        }
        return new TestResult(r.identity(), r.attempts(), r.historyId(), r.reportFile(), layer, r.labels());
    }

    /** The layer a report's path declares, remembered for the file at hand: its test cases arrive together. */
    private DeclaredLayer pathLayer(String reportFile) {
        if (!reportFile.equals(lastReportFile)) {
            lastReportFile = reportFile;
            lastPathLayer = reportFile.contains("failsafe-reports/") ? new DeclaredLayer(Layer.INTEGRATION, LayerSource.REPORT_PATH)
                    : reportFile.contains("surefire-reports/") ? new DeclaredLayer(Layer.UNIT, LayerSource.REPORT_PATH)
                    : null;
        }
        return lastPathLayer;
    }

    /**
     * A result waiting for its retries. Its attempts grow in one list and become a result once, when released:
     * merging each retry into a new {@link TestResult} copied every attempt so far, so n repeated test cases of one
     * name cost n² copies (400,000 of them in one upload never finished).
     */
    private static final class Pending {
        final TestResult first;
        final List<Attempt> attempts;

        Pending(TestResult first) {
            this.first = first;
            this.attempts = new ArrayList<>(first.attempts());
        }

        TestResult result() {
            return attempts.size() == first.attempts().size() ? first
                    : new TestResult(first.identity(), attempts, first.historyId(), first.reportFile(),
                    first.declaredLayer(), first.labels());
        }
    }

    /** The result with every text over its length limit cut with a marker; the result itself when none is. */
    private TestResult bounded(TestResult r) {
        if (fits(r)) {
            return r;
        }
        int names = limits.maxNameChars();
        TestIdentity id = r.identity();
        TestIdentity identity = new TestIdentity(cut(id.suite(), names), cut(id.name(), names), cut(id.invocation(), names));
        List<Attempt> attempts = new ArrayList<>(r.attempts().size());
        for (Attempt a : r.attempts()) {
            Failure f = a.failure();
            attempts.add(f == null ? a : new Attempt(a.status(), a.durationSeconds(), a.startedAt(),
                    // redacted before it is cut: the cut marker's hash is then of the redacted text, and a secret
                    // that straddles the cut is still recognised whole
                    new Failure(cut(f.type(), names), cut(redaction.redact(f.message()), limits.maxMessageChars()),
                            f.fingerprint(), redaction.redactTrace(f.trace())),
                    a.systemOutBytes(), a.systemErrBytes()));
        }
        Map<String, List<String>> labels = new LinkedHashMap<>();
        r.labels().forEach((name, values) -> labels.put(cut(name, names), values.stream().map(v -> cut(v, names)).toList()));
        return new TestResult(identity, attempts, cut(r.historyId(), names), r.reportFile(), r.declaredLayer(), labels);
    }

    /**
     * A test's identity with each part cut to {@code maxChars} as {@link #bounded} cuts a result's: the name the spans
     * of a test run are stored under, so that they are found under the result's test id.
     */
    static TestIdentity boundedIdentity(TestIdentity id, int maxChars) {
        if (id.suite().length() <= maxChars && id.name().length() <= maxChars && id.invocation().length() <= maxChars) {
            return id;
        }
        return new TestIdentity(BoundedText.cut(id.suite(), maxChars), BoundedText.cut(id.name(), maxChars),
                BoundedText.cut(id.invocation(), maxChars));
    }

    private boolean fits(TestResult r) {
        int names = limits.maxNameChars();
        TestIdentity id = r.identity();
        if (id.suite().length() > names || id.name().length() > names || id.invocation().length() > names
                || r.historyId().length() > names) {
            return false;
        }
        for (Attempt a : r.attempts()) {
            Failure f = a.failure();
            if (f != null && (f.type().length() > names || f.message().length() > limits.maxMessageChars()
                    || redaction.redact(f.message()) != f.message() || redaction.redactTrace(f.trace()) != f.trace())) {
                return false;
            }
        }
        for (Map.Entry<String, List<String>> label : r.labels().entrySet()) {
            if (label.getKey().length() > names || label.getValue().stream().anyMatch(v -> v.length() > names)) {
                return false;
            }
        }
        return true;
    }

    /** Cuts one text, and says once per upload which limit cut it, with the first cut text as the example. */
    private String cut(String text, int max) {
        String out = BoundedText.cut(text, max);
        if (out != null && out.length() != text.length()) {
            doubt("texts longer than the limits were cut (testhealth.ingest.max-name-chars, max-message-chars)",
                    BoundedText.cut(text, 60));
        }
        return out;
    }

    private static final class Doubt {
        final String example;
        long count;

        Doubt(String example) {
            this.example = example;
        }
    }
}
