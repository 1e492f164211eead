package io.testhealth.collector.ingest.allure;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.StatusDetails;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.IngestException.Reason;
import io.testhealth.collector.ingest.ReportParser;
import io.testhealth.collector.ingest.ReportedTestCase;
import io.testhealth.collector.ingest.ResultSink;
import io.testhealth.collector.model.Attempt;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.PlausibleTime;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one Allure 2 result or container file.
 *
 * <p>A result file is one attempt of one test; results of one upload that share a {@code historyId} are attempts
 * of the same test run and are merged by the {@link ResultSink}. Container files describe fixtures and count no
 * test. The {@code statusDetails.flaky} flag is reported as written (it is a person's or framework's opinion);
 * flakiness itself is computed from attempts and history.
 *
 * <p>Files written the way Allure's integrations write them are read in one streaming pass
 * ({@link PlainResultReader}); any other file is read as a tree and bound by databind, as it always was.
 *
 * <p>The identity is taken from the {@code testClass}/{@code testMethod} labels when present, so that a test
 * uploaded once as JUnit XML and once as Allure results is one test.
 */
public final class AllureResultParser implements ReportParser {

    private static final int MAX_LABELS = 128;

    private final ObjectMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private final PlainResultReader plainReader;

    public AllureResultParser() {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(8 * 1024 * 1024).maxNestingDepth(200).build());
        plainReader = new PlainResultReader(mapper.getFactory());
    }

    @Override
    public ReportFormat format() {
        return ReportFormat.ALLURE;
    }

    @Override
    public void parse(InputStream in, String fileName, ResultSink sink) throws IOException {
        FileBytes json = FileBytes.read(in);
        PlainResultReader.Read plain;
        try {
            plain = plainReader.read(json.bytes(), json.length());
        } catch (PlainResultReader.NotPlain e) {
            parseBound(new ByteArrayInputStream(json.bytes(), 0, json.length()), fileName, sink);
            return;
        }
        switch (plain.kind()) {
            case CONTAINER -> { } // fixtures, not a test
            case NOT_ALLURE -> throw notAllure(fileName);
            case RESULT -> sink.accept(toTestCase(plain.result(), fileName, sink));
        }
    }

    /**
     * Reads a file that is not in the plain shape of {@link PlainResultReader}: as a tree first (to tell results
     * from containers, and to refuse what is not JSON or not Allure), then bound to the model by databind, with
     * all its coercions.
     */
    private void parseBound(InputStream in, String fileName, ResultSink sink) throws IOException {
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IngestException(Reason.MALFORMED, "not well-formed JSON: " + e.getOriginalMessage(), fileName,
                    at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IngestException(Reason.MALFORMED,
                    "an Allure result must be a JSON object, but this file holds " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase()),
                    fileName, 1, 1, null);
        }
        if (root.has("children") || root.has("befores") || root.has("afters")) {
            return; // a container: fixtures, not a test
        }
        if (!root.has("name") && !root.has("status") && !root.has("uuid") && !root.has("historyId")) {
            throw notAllure(fileName);
        }
        io.qameta.allure.model.TestResult allure;
        try {
            allure = mapper.treeToValue(root, io.qameta.allure.model.TestResult.class);
        } catch (JsonProcessingException e) {
            throw new IngestException(Reason.MALFORMED, "not an Allure result: " + e.getOriginalMessage(), fileName, 0, 0, e);
        }
        sink.accept(toTestCase(allure, fileName, sink));
    }

    private static IngestException notAllure(String fileName) {
        return new IngestException(Reason.UNSUPPORTED_FORMAT, "unsupported format: this JSON is not an Allure 2 result "
                + "(no name, status, uuid or historyId); mocha/Jest/dart JSON are not read: upload JUnit XML or Allure results",
                fileName, 1, 1, null);
    }

    /**
     * A file's bytes, read whole (its size is bounded by the caller's limit on Allure files). Result files are a
     * kilobyte or two, thousands to an upload: each thread reads them into one buffer of its own, and only a larger
     * file gets an array of its own, which is not kept.
     */
    private record FileBytes(byte[] bytes, int length) {
        private static final int KEPT = 64 * 1024;
        private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[KEPT]);

        static FileBytes read(InputStream in) throws IOException {
            byte[] buffer = BUFFER.get();
            int length = 0;
            int n;
            while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
                if (length == buffer.length) {
                    buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
            return new FileBytes(buffer, length);
        }
    }

    private ReportedTestCase toTestCase(io.qameta.allure.model.TestResult r, String fileName, ResultSink sink) {
        Map<String, List<String>> labels = labels(r.getLabels());
        Status status = status(r.getStatus());
        if (status == Status.UNKNOWN) {
            sink.doubt("Allure results without a known status were stored with an unknown outcome", fileName);
        }
        Instant startedAt = reportedInstant(r.getStart());
        Instant stoppedAt = reportedInstant(r.getStop());
        Double seconds = null;
        boolean implausible = startedAt == null && r.getStart() != null || stoppedAt == null && r.getStop() != null;
        if (startedAt != null && stoppedAt != null) {
            double span = (stoppedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
            if (PlausibleTime.testSeconds(span)) {
                seconds = span;
            } else {
                implausible = true;
            }
        }
        if (implausible) {
            sink.doubt("Allure start/stop times that are not plausible (before 1970, after 2099, stop before start, or"
                    + " more than a day apart) were taken as unknown", fileName + " start=" + r.getStart() + " stop=" + r.getStop());
        }
        StatusDetails details = r.getStatusDetails();
        Failure failure = null;
        if (details != null && status != Status.PASSED && (details.getMessage() != null || details.getTrace() != null)) {
            failure = Failure.of(firstLabel(labels, "exception").orElse(""), details.getMessage(), details.getTrace());
        }
        Attempt attempt = new Attempt(status, seconds, startedAt, failure, 0, 0);
        String suite = firstLabel(labels, "testClass").orElseGet(() -> suiteOf(r, labels));
        String name = firstLabel(labels, "testMethod").orElse(r.getName() == null ? "" : r.getName());
        String invocation = invocation(r.getParameters());
        TestIdentity identity = invocation.isEmpty()
                ? TestIdentity.fromReportedName(suite, name)
                : new TestIdentity(suite, name, invocation);
        DeclaredLayer layer = null;
        for (String value : labels.getOrDefault("layer", List.of())) {
            Optional<Layer> declared = Layer.parse(value);
            if (declared.isPresent()) {
                layer = new DeclaredLayer(declared.get(), LayerSource.ALLURE_LABEL);
                break;
            }
        }
        String historyId = r.getHistoryId() != null ? r.getHistoryId() : r.getTestCaseId();
        TestResult result = new TestResult(identity, List.of(attempt), historyId, fileName, layer, labels);
        boolean flaky = details != null && details.isFlaky();
        return new ReportedTestCase(result, status, flaky, seconds);
    }

    /** An epoch-millisecond time of the report, or {@code null} when absent or not a {@link PlausibleTime}. */
    private static Instant reportedInstant(Long epochMillis) {
        if (epochMillis == null) {
            return null;
        }
        Instant t = Instant.ofEpochMilli(epochMillis);
        return PlausibleTime.inReport(t) ? t : null;
    }

    private static Status status(io.qameta.allure.model.Status s) {
        if (s == null) {
            return Status.UNKNOWN;
        }
        return switch (s) {
            case PASSED -> Status.PASSED;
            case FAILED -> Status.FAILED;
            case BROKEN -> Status.ERROR;
            case SKIPPED -> Status.SKIPPED;
        };
    }

    /** The class part of {@code fullName} ({@code a.b.C.method} or {@code a.b.C#method}), or the suite labels. */
    private static String suiteOf(io.qameta.allure.model.TestResult r, Map<String, List<String>> labels) {
        String full = r.getFullName();
        if (full != null) {
            int hash = full.lastIndexOf('#');
            int cut = hash >= 0 ? hash : full.lastIndexOf('.');
            if (cut > 0) {
                return full.substring(0, cut);
            }
        }
        List<String> path = new ArrayList<>(3);
        firstLabel(labels, "parentSuite").ifPresent(path::add);
        firstLabel(labels, "suite").ifPresent(path::add);
        firstLabel(labels, "subSuite").ifPresent(path::add);
        return String.join(" / ", path);
    }

    private static String invocation(List<Parameter> parameters) {
        if (parameters == null || parameters.isEmpty()) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (Parameter p : parameters) {
            if (!Boolean.TRUE.equals(p.getExcluded())) {
                key.append(key.length() == 0 ? "" : ", ").append(p.getName()).append('=').append(p.getValue());
            }
        }
        return key.toString();
    }

    private static Map<String, List<String>> labels(List<Label> labels) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (labels == null) {
            return map;
        }
        for (Label l : labels) {
            if (l == null || l.getName() == null || l.getValue() == null) {
                continue;
            }
            if (map.size() >= MAX_LABELS && !map.containsKey(l.getName())) {
                continue;
            }
            map.computeIfAbsent(l.getName(), k -> new ArrayList<>(1)).add(l.getValue());
        }
        return map;
    }

    private static Optional<String> firstLabel(Map<String, List<String>> labels, String name) {
        List<String> values = labels.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
