package io.testhealth.collector.ingest.junit;

import io.testhealth.collector.ingest.ReportedTestCase;
import io.testhealth.collector.ingest.ResultSink;
import io.testhealth.collector.model.Attempt;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One {@code testcase} element while it is read, and the rules that turn it into a test result. */
final class TestCaseReader extends OutputCounter {

    /** Status attributes that mean "not run" when no outcome element is present. */
    private static final Set<String> SKIP_WORDS = Set.of("disabled", "notrun", "skipped", "ignored", "suppressed", "skip");
    private static final int MAX_PROPERTIES = 64;

    private final String classname;
    private final String name;
    private final String suite;
    private final Double seconds;
    private final String unreadTime;
    private final String timestamp;
    private final String file;
    private final String statusAttribute;
    private final String resultAttribute;
    private final String reportFile;
    private OutcomeReader error;
    private OutcomeReader failure;
    private OutcomeReader skipped;
    private List<OutcomeReader> flaky = List.of();
    private List<OutcomeReader> reruns = List.of();
    private Map<String, List<String>> labels;

    /**
     * @param seconds    the {@code time} attribute read, or {@code null} when missing or unreadable
     * @param unreadTime the {@code time} attribute as written when it was not plain seconds (see
     *                   {@link ReportedTime#plainSeconds}), else {@code null}: the example of a doubt
     */
    TestCaseReader(String classname, String name, String suite, Double seconds, String unreadTime, String timestamp,
                   String file, String statusAttribute, String resultAttribute, String reportFile) {
        this.classname = classname;
        this.name = name;
        this.suite = suite;
        this.seconds = seconds;
        this.unreadTime = unreadTime;
        this.timestamp = timestamp;
        this.file = file;
        this.statusAttribute = statusAttribute;
        this.resultAttribute = resultAttribute;
        this.reportFile = reportFile;
    }

    void add(OutcomeReader outcome) {
        if (outcome.isFlakyAttempt()) {
            flaky = growing(flaky);
            flaky.add(outcome);
        } else if (outcome.isRerunAttempt()) {
            reruns = growing(reruns);
            reruns.add(outcome);
        } else {
            switch (outcome.status()) {
                case ERROR -> error = error == null ? outcome : error;
                case FAILED -> failure = failure == null ? outcome : failure;
                default -> skipped = skipped == null ? outcome : skipped;
            }
        }
    }

    /** Most test cases have no retry elements: their lists are made when the first one comes. */
    private static List<OutcomeReader> growing(List<OutcomeReader> list) {
        return list.isEmpty() ? new ArrayList<>(2) : list;
    }

    void property(String key, String value) {
        Map<String, List<String>> l = labels();
        if (l.size() < MAX_PROPERTIES || l.containsKey(key)) {
            l.computeIfAbsent(key, k -> new ArrayList<>(1)).add(value);
        }
    }

    /** Most test cases carry no properties: the map is made for those that do. */
    private Map<String, List<String>> labels() {
        if (labels == null) {
            labels = new LinkedHashMap<>();
        }
        return labels;
    }


    /** The element's own outcome by the counting rules: error &gt; failure &gt; skipped &gt; passed. */
    Status reportedStatus() {
        if (error != null) {
            return Status.ERROR;
        }
        if (failure != null) {
            return Status.FAILED;
        }
        if (skipped != null || skipWord(statusAttribute) || skipWord(resultAttribute)) {
            return Status.SKIPPED;
        }
        return Status.PASSED;
    }

    ReportedTestCase finish(ResultSink sink) {
        String suiteName = classname != null && !classname.isBlank() ? classname : suite;
        TestIdentity identity = TestIdentity.fromReportedName(suiteName, name);
        if (name == null || name.isBlank()) {
            sink.doubt("test cases without a name were stored under an empty name", reportFile);
        }
        if (identity.isIndexOnly()) {
            sink.doubt("test names that are only a parameter index ([1], [2]...) are unstable when parameters change: "
                    + "give parameterized tests display names", suiteName + " " + name);
        }
        if (seconds == null && unreadTime != null && !unreadTime.isBlank()) {
            sink.doubt("unreadable or implausible test times (negative, not a number, more than a day) were taken as unknown",
                    suiteName + " " + name + " time=\"" + unreadTime + "\"");
        }
        Instant startedAt = ReportedTime.timestamp(timestamp);
        if (startedAt == null && timestamp != null && !timestamp.isBlank()) {
            sink.doubt("unreadable or implausible test timestamps (before 1970, after 2099) were ignored",
                    suiteName + " " + name + " timestamp=\"" + timestamp + "\"");
        }
        Status status = reportedStatus();

        OutcomeReader main = error != null ? error : failure != null ? failure : skipped;
        Failure mainFailure = main == null ? null : main.failure();
        Attempt reported = new Attempt(status, seconds, startedAt, mainFailure,
                out() + (main == null ? 0 : main.out()), err() + (main == null ? 0 : main.err()));
        List<Attempt> attempts;
        if (flaky.isEmpty() && reruns.isEmpty()) {
            attempts = List.of(reported); // the common case: immutable already, so the result does not copy it
        } else {
            attempts = new ArrayList<>(1 + flaky.size() + reruns.size());
            for (OutcomeReader f : flaky) {
                attempts.add(new Attempt(f.status(), f.seconds(), null, f.failure(), f.out(), f.err()));
            }
            attempts.add(reported);
            for (OutcomeReader r : reruns) {
                attempts.add(new Attempt(r.status(), r.seconds(), null, r.failure(), r.out(), r.err()));
            }
        }
        if (file != null && !file.isBlank()) {
            labels().putIfAbsent("file", List.of(file));
        }
        DeclaredLayer layer = declaredLayer();
        TestResult result = new TestResult(identity, attempts, "", reportFile, layer, labels == null ? Map.of() : labels);
        boolean flakyMarked = status == Status.PASSED && !flaky.isEmpty();
        return new ReportedTestCase(result, status, flakyMarked, seconds);
    }

    private DeclaredLayer declaredLayer() {
        List<String> values = labels == null ? null : labels.get("layer");
        if (values == null) {
            return null;
        }
        for (String value : values) {
            Optional<Layer> layer = Layer.parse(value);
            if (layer.isPresent()) {
                return new DeclaredLayer(layer.get(), LayerSource.TEST_PROPERTY);
            }
        }
        return null;
    }

    private static boolean skipWord(String attribute) {
        return attribute != null && SKIP_WORDS.contains(attribute.strip().toLowerCase(Locale.ROOT));
    }
}
