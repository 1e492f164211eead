package io.testhealth.collector.traces;

import io.testhealth.collector.ingest.ReportedTestCase;
import io.testhealth.collector.model.Attempt;
import io.testhealth.collector.model.EdgeSighting;
import io.testhealth.collector.model.IntegrationEdge;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Failure;
import io.testhealth.collector.model.ObservedLayer;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.model.TestSpanTree;
import io.testhealth.collector.traces.ReceivedSpan.SpanKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HexFormat;

/**
 * Decides what the spans of one request mean: which are test spans, which test and run each belongs to, and how it
 * ended. The one place where attribute names are read; receivers only decode.
 *
 * <p>A test span is a span with {@code test.case.name}. Each becomes one attempt of a test; test spans of the same
 * run (component, pipeline run, job, attempt, environment, branch, commit) form one group, stored as one upload, and
 * within a group the spans of one test are its retries. Everything else about a span is looked up on the span
 * first, then on its ancestors in the same request (the job and pipeline spans), then on its resource. Each test
 * span's subtree is kept raw with its run ({@link SpanRecording}, bounded). Spans outside every test span are
 * accepted and not kept; what they imply about integration points is kept as {@link EdgeSighting}s: the edges inside
 * each test span ({@link IntegrationEdges}, {@link ContractTests}) and, for the observed environments, the edges of
 * spans outside tests.
 *
 * <p>Pure: no clock, no I/O; the same spans in any order give the same groups and the same upload ids.
 */
public final class TestSpanMapper {

    /** The OpenTelemetry test attributes (semantic conventions, "Test" registry). */
    static final String TEST_CASE_NAME = "test.case.name";
    static final String TEST_CASE_STATUS = "test.case.result.status";
    static final String TEST_SUITE_NAME = "test.suite.name";
    /** The class of the test method, as code-level instrumentations set it (old and new names). */
    private static final List<String> CODE_NAMESPACE = List.of("code.namespace");

    /** The component: ours first, then the service that emitted the spans. */
    static final String COMPONENT = "testhealth.component";
    static final String SERVICE_NAME = "service.name";
    /** What the SDKs name a service nobody named: never a component. */
    private static final String UNKNOWN_SERVICE = "unknown_service";

    /** Run metadata, newest semantic-convention name first, then older names. */
    private static final List<String> PIPELINE_RUN = List.of("cicd.pipeline.run.id", "testhealth.pipeline");
    private static final List<String> JOB = List.of("cicd.pipeline.task.name", "testhealth.job");
    private static final List<String> JOB_RUN = List.of("cicd.pipeline.task.run.id");
    private static final List<String> ATTEMPT = List.of("testhealth.attempt", "cicd.pipeline.run.attempt");
    private static final List<String> BRANCH = List.of("vcs.ref.head.name", "vcs.repository.ref.name", "testhealth.branch");
    private static final List<String> COMMIT = List.of("vcs.ref.head.revision", "vcs.repository.ref.revision", "testhealth.commit");
    private static final List<String> REPOSITORY = List.of("vcs.repository.url.full", "vcs.repository.name");
    private static final List<String> RUN_URL = List.of("cicd.pipeline.task.run.url.full", "cicd.pipeline.run.url.full");
    private static final List<String> ENVIRONMENT = List.of("testhealth.environment");
    private static final List<String> TEAM = List.of("testhealth.team");
    /** The environment a deployed service runs in (resource attribute, new name first). */
    private static final List<String> ENVIRONMENT_NAME = List.of("deployment.environment.name", "deployment.environment");

    /** Ancestors looked at, at most: a parent chain longer than this is not a CI run's. */
    private static final int MAX_DEPTH = 64;
    /** Spans below a test span looked at, at most, for its observed layer. */
    private static final int MAX_SUBTREE = 10_000;

    /** The label a test span's observed layer is kept in, beside the report labels ({@link ObservedLayer#LAYER_LABEL}). */
    public static final String OBSERVED_LAYER_LABEL = ObservedLayer.LAYER_LABEL;
    /** The label the evidence of a test span's observed layer is kept in ({@link ObservedLayer#EVIDENCE_LABEL}). */
    public static final String OBSERVED_EVIDENCE_LABEL = ObservedLayer.EVIDENCE_LABEL;

    private TestSpanMapper() {
    }

    /**
     * The test runs in {@code spans}.
     *
     * @param spans     every span of one request
     * @param component the component the request names (a query parameter), which wins over the spans' own
     * @param idPrefix  the start of the upload ids, naming the wire format ({@code otlp}, {@code zipkin})
     */
    public static MappedSpans map(List<ReceivedSpan> spans, Optional<ComponentRef> component, String idPrefix) {
        return map(spans, component, idPrefix, Set.of());
    }

    /**
     * The test runs in {@code spans}, and the integration edges they and the spans of observed environments show.
     *
     * @param observedEnvironments the values of {@code deployment.environment.name} (older
     *                             {@code deployment.environment}) whose spans outside tests are recorded as edges
     *                             seen in that environment ({@code testhealth.traces.observed-environments})
     */
    public static MappedSpans map(List<ReceivedSpan> spans, Optional<ComponentRef> component, String idPrefix,
                                  Set<String> observedEnvironments) {
        Map<SpanKey, ReceivedSpan> byKey = new HashMap<>(spans.size() * 2);
        Map<SpanKey, List<ReceivedSpan>> children = new HashMap<>();
        for (ReceivedSpan s : spans) {
            byKey.put(s.key(), s);
            if (s.parentKey() != null) {
                children.computeIfAbsent(s.parentKey(), k -> new ArrayList<>(2)).add(s);
            }
        }
        Map<GroupKey, Group> groups = new LinkedHashMap<>();
        Rejections rejections = new Rejections();
        List<EdgeSighting> sightings = new ArrayList<>();
        Set<SpanKey> inTests = new HashSet<>();
        int testSpans = 0;
        for (ReceivedSpan span : spans) {
            if (span.attributes().text(TEST_CASE_NAME).isEmpty()) {
                continue;
            }
            testSpans++;
            Lineage lineage = new Lineage(span, byKey);
            Optional<String> problem = problem(span);
            if (problem.isPresent()) {
                rejections.add(span, problem.get());
                continue;
            }
            ComponentRef ref;
            try {
                ref = component.isPresent() ? component.get() : componentOf(lineage);
            } catch (IllegalArgumentException e) {
                rejections.add(span, e.getMessage());
                continue;
            }
            int attempt;
            try {
                attempt = attemptOf(lineage);
            } catch (IllegalArgumentException e) {
                rejections.add(span, e.getMessage());
                continue;
            }
            GroupKey key = new GroupKey(ref, lineage.text(TEAM), lineage.text(REPOSITORY), lineage.text(BRANCH),
                    lineage.text(COMMIT), lineage.text(PIPELINE_RUN), lineage.text(JOB), attempt,
                    lineage.text(ENVIRONMENT), lineage.text(RUN_URL), lineage.text(JOB_RUN));
            List<ReceivedSpan> below = subtree(span, children);
            below.forEach(b -> inTests.add(b.key()));
            LayerObserver.Observation observation = LayerObserver.observe(span, below);
            groups.computeIfAbsent(key, k -> new Group()).add(span, lineage.jobSpan(), observation,
                    SpanRecording.of(span, identityOf(span.attributes()), below));
            sightings.addAll(testSightings(span, lineage, ref, below, byKey, observation));
        }
        if (!observedEnvironments.isEmpty()) {
            for (ReceivedSpan span : spans) {
                if (!inTests.contains(span.key()) && span.attributes().text(TEST_CASE_NAME).isEmpty()) {
                    observedSighting(span, byKey, observedEnvironments).ifPresent(sightings::add);
                }
            }
        }
        List<TestRunGroup> out = new ArrayList<>(groups.size());
        groups.forEach((key, group) -> out.add(group.toRun(key, idPrefix)));
        return new MappedSpans(spans.size(), testSpans, out, rejections.count, rejections.message(), sightings);
    }

    /** The edges a test span's subtree shows (and, for a Pact test, the one it names), each a sighting by the test. */
    private static List<EdgeSighting> testSightings(ReceivedSpan test, Lineage lineage, ComponentRef ref,
                                                    List<ReceivedSpan> below, Map<SpanKey, ReceivedSpan> byKey,
                                                    LayerObserver.Observation observation) {
        Set<IntegrationEdge> edges = new LinkedHashSet<>();
        for (ReceivedSpan s : below) {
            IntegrationEdges.of(s, s.parentKey() == null ? null : byKey.get(s.parentKey()), ref.name()).ifPresent(edges::add);
        }
        edges.addAll(ContractTests.namedEdges(lineage.chain, ref.name()));
        if (edges.isEmpty()) {
            return List.of();
        }
        TestIdentity identity = identityOf(test.attributes());
        String contract = ContractTests.frameworkOf(lineage.chain).orElse("");
        String status = statusOf(test).name().toLowerCase(Locale.ROOT);
        Instant at = Instant.ofEpochSecond(0, test.startNanos());
        List<EdgeSighting> out = new ArrayList<>(edges.size());
        for (IntegrationEdge e : edges) {
            out.add(new EdgeSighting(ref.toString(), e, identity.testId(ref), identity.suite(), identity.name(),
                    observation.layer().id(), status, contract, "", at));
        }
        return out;
    }

    /** The edge a span outside tests shows, when its resource is in an observed environment. */
    private static Optional<EdgeSighting> observedSighting(ReceivedSpan span, Map<SpanKey, ReceivedSpan> byKey,
                                                           Set<String> observedEnvironments) {
        Optional<String> environment = ENVIRONMENT_NAME.stream().map(k -> span.resource().text(k))
                .flatMap(Optional::stream).findFirst();
        if (environment.isEmpty() || !observedEnvironments.contains(environment.get()) || span.startNanos() <= 0) {
            return Optional.empty();
        }
        ReceivedSpan parent = span.parentKey() == null ? null : byKey.get(span.parentKey());
        Optional<IntegrationEdge> edge = IntegrationEdges.of(span, parent, "");
        if (edge.isEmpty()) {
            return Optional.empty();
        }
        ComponentRef caller;
        try {
            caller = ComponentRef.parse(edge.get().caller());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a service name that is no component name: not on any component's map
        }
        return Optional.of(new EdgeSighting(caller.toString(), edge.get(), "", "", "", "", "", "",
                environment.get(), Instant.ofEpochSecond(0, span.startNanos())));
    }

    /** The spans below {@code span} in the request, at any depth (at most {@link #MAX_SUBTREE}). */
    private static List<ReceivedSpan> subtree(ReceivedSpan span, Map<SpanKey, List<ReceivedSpan>> children) {
        List<ReceivedSpan> out = new ArrayList<>();
        Set<SpanKey> seen = new HashSet<>();
        seen.add(span.key());
        java.util.ArrayDeque<ReceivedSpan> todo = new java.util.ArrayDeque<>();
        todo.add(span);
        while (!todo.isEmpty() && out.size() < MAX_SUBTREE) {
            for (ReceivedSpan child : children.getOrDefault(todo.poll().key(), List.of())) {
                if (seen.add(child.key())) {
                    out.add(child);
                    todo.add(child);
                }
            }
        }
        return out;
    }

    /** Why a test span cannot be a test attempt, if it cannot. */
    private static Optional<String> problem(ReceivedSpan span) {
        if (span.startNanos() <= 0) {
            return Optional.of("it has no start time");
        }
        if (span.endNanos() < span.startNanos()) {
            return Optional.of("it ends before it starts");
        }
        return Optional.empty();
    }

    private static ComponentRef componentOf(Lineage lineage) {
        String own = lineage.text(List.of(COMPONENT));
        if (!own.isEmpty()) {
            return ComponentRef.parse(own);
        }
        String service = lineage.text(List.of(SERVICE_NAME));
        if (service.isEmpty() || service.startsWith(UNKNOWN_SERVICE)) {
            throw new IllegalArgumentException("it names no component: set the resource attribute service.name"
                    + " (OTEL_SERVICE_NAME) or testhealth.component, or add ?component= to the endpoint");
        }
        return ComponentRef.parse(service);
    }

    private static int attemptOf(Lineage lineage) {
        String text = lineage.text(ATTEMPT);
        if (text.isEmpty()) {
            return 1;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, with the value
        }
        throw new IllegalArgumentException("its attempt '" + text + "' is not a number of 1 or more");
    }

    /**
     * The outcome of a test span: {@code test.case.result.status} when set ({@code pass}/{@code fail} and the words
     * the JUnit, Jest and pytest integrations use), else the span's status: an error is a failure, anything else a
     * pass. A status word not recognised is unknown.
     */
    static Status statusOf(ReceivedSpan span) {
        Optional<String> reported = span.attributes().text(TEST_CASE_STATUS);
        if (reported.isEmpty()) {
            return span.error() ? Status.FAILED : Status.PASSED;
        }
        return switch (reported.get().toLowerCase(Locale.ROOT)) {
            case "pass", "passed", "success", "successful", "ok" -> Status.PASSED;
            case "fail", "failed", "failure" -> Status.FAILED;
            case "error", "errored", "broken" -> Status.ERROR;
            case "skip", "skipped", "ignored", "disabled", "pending", "todo", "aborted" -> Status.SKIPPED;
            default -> Status.UNKNOWN;
        };
    }

    /**
     * Suite and name of a test span. The suite is {@code test.suite.name} (else {@code code.namespace}), and a case
     * name that starts with it is cut after it, so {@code org.example.CartTest.adds} in suite
     * {@code org.example.CartTest} is test {@code adds}, as a JUnit report names it. Without a suite, a fully
     * qualified case name is split at its last separator ({@code .}, {@code ::}, {@code /}, {@code #}) before any
     * parameters.
     */
    static TestIdentity identityOf(SpanAttributes attributes) {
        String name = attributes.text(TEST_CASE_NAME).orElse("");
        Optional<String> suite = attributes.text(TEST_SUITE_NAME)
                .or(() -> CODE_NAMESPACE.stream().map(attributes::text).flatMap(Optional::stream).findFirst());
        if (suite.isPresent()) {
            String s = suite.get();
            if (name.length() > s.length() && name.startsWith(s)) {
                String rest = name.substring(s.length());
                for (String sep : List.of("::", ".", "/", "#", " ")) {
                    if (rest.startsWith(sep) && rest.length() > sep.length()) {
                        return TestIdentity.fromReportedName(s, rest.substring(sep.length()));
                    }
                }
            }
            return TestIdentity.fromReportedName(s, name);
        }
        int end = name.length();
        for (char c : new char[]{'(', '[', ' '}) {
            int i = name.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String head = name.substring(0, end);
        int cut = -1;
        int sepLength = 0;
        for (String sep : List.of("::", ".", "/", "#")) {
            int i = head.lastIndexOf(sep);
            if (i > cut) {
                cut = i;
                sepLength = sep.length();
            }
        }
        if (cut > 0 && cut + sepLength < name.length()) {
            return TestIdentity.fromReportedName(name.substring(0, cut), name.substring(cut + sepLength));
        }
        return TestIdentity.fromReportedName("", name);
    }

    /** Why an attempt failed or was skipped: its exception event, else its status message. */
    private static Failure failureOf(ReceivedSpan span, Status status) {
        if (status == Status.PASSED) {
            return null;
        }
        if (span.exception() != null) {
            return Failure.of(span.exception().type(), span.exception().message(), span.exception().stacktrace());
        }
        return span.statusMessage().isBlank() ? null : Failure.of("", span.statusMessage(), null);
    }

    /** The test case one span reports, its duration exact from start and end, its observed layer in labels. */
    private static ReportedTestCase testCase(ReceivedSpan span, LayerObserver.Observation observed) {
        Status status = statusOf(span);
        double seconds = (span.endNanos() - span.startNanos()) / 1e9;
        Instant started = Instant.ofEpochSecond(0, span.startNanos());
        Attempt attempt = new Attempt(status, seconds, started, failureOf(span, status), 0, 0);
        Map<String, List<String>> labels = observed.evidence().isEmpty()
                ? Map.of(OBSERVED_LAYER_LABEL, List.of(observed.layer().id()))
                : Map.of(OBSERVED_LAYER_LABEL, List.of(observed.layer().id()), OBSERVED_EVIDENCE_LABEL, observed.evidence());
        TestResult result = new TestResult(identityOf(span.attributes()), List.of(attempt), "", "", null, labels);
        return new ReportedTestCase(result, status, false, seconds);
    }

    /** A span with the ancestors found in its request, for looking up what the span itself does not say. */
    private static final class Lineage {
        private final List<ReceivedSpan> chain = new ArrayList<>(4);

        Lineage(ReceivedSpan span, Map<SpanKey, ReceivedSpan> byKey) {
            Set<SpanKey> seen = new HashSet<>();
            ReceivedSpan at = span;
            while (at != null && chain.size() < MAX_DEPTH && seen.add(at.key())) {
                chain.add(at);
                SpanKey parent = at.parentKey();
                at = parent == null ? null : byKey.get(parent);
            }
        }

        /** The first of {@code keys} set on the span, an ancestor, or the span's resource; empty when none is. */
        String text(List<String> keys) {
            for (ReceivedSpan s : chain) {
                for (String k : keys) {
                    Optional<String> v = s.attributes().text(k);
                    if (v.isPresent()) {
                        return v.get();
                    }
                }
            }
            for (String k : keys) {
                Optional<String> v = chain.get(0).resource().text(k);
                if (v.isPresent()) {
                    return v.get();
                }
            }
            return "";
        }

        /** The nearest ancestor that is the CI job's span, whose start and end are the job's, or {@code null}. */
        ReceivedSpan jobSpan() {
            for (int i = 1; i < chain.size(); i++) {
                ReceivedSpan s = chain.get(i);
                if (JOB.stream().anyMatch(k -> s.attributes().has(k)) || JOB_RUN.stream().anyMatch(k -> s.attributes().has(k))) {
                    return s;
                }
            }
            return null;
        }
    }

    /** What makes test spans one run, as the store keys runs, plus what an upload of the run records. */
    private record GroupKey(ComponentRef component, String team, String repository, String branch, String commit,
                            String pipeline, String job, int attempt, String environment, String runUrl,
                            String jobRun) {
    }

    /** The test spans of one run, collecting the job's times. */
    private static final class Group {
        private final List<ReceivedSpan> spans = new ArrayList<>();
        private final Map<SpanKey, LayerObserver.Observation> observed = new HashMap<>();
        private final Map<SpanKey, TestSpanTree> trees = new HashMap<>();
        private long earliestStart = Long.MAX_VALUE;
        private ReceivedSpan job;

        void add(ReceivedSpan span, ReceivedSpan jobSpan, LayerObserver.Observation observation,
                 TestSpanTree tree) {
            spans.add(span);
            observed.put(span.key(), observation);
            trees.put(span.key(), tree);
            earliestStart = Math.min(earliestStart, span.startNanos());
            if (job == null && jobSpan != null) {
                job = jobSpan;
            }
        }

        TestRunGroup toRun(GroupKey key, String idPrefix) {
            spans.sort(Comparator.comparingLong(ReceivedSpan::startNanos).thenComparing(ReceivedSpan::spanId));
            boolean jobKnown = job != null && job.startNanos() > 0 && job.endNanos() >= job.startNanos();
            Instant started = Instant.ofEpochSecond(0, jobKnown ? job.startNanos() : earliestStart);
            Instant finished = jobKnown ? Instant.ofEpochSecond(0, job.endNanos()) : null;
            UploadMetadata md = new UploadMetadata(key.component(), key.team(), key.repository(), key.branch(),
                    key.commit(), key.pipeline(), key.job(), key.attempt(), key.environment(), null, key.runUrl(),
                    started, finished, uploadId(key, idPrefix));
            List<ReportedTestCase> cases = new ArrayList<>(spans.size());
            List<TestSpanTree> kept = new ArrayList<>(spans.size());
            for (ReceivedSpan s : spans) {
                cases.add(testCase(s, observed.get(s.key())));
                kept.add(trees.get(s.key()));
            }
            return new TestRunGroup(md, cases, kept);
        }

        /**
         * The idempotency key: the run and the ids of its test spans, in a fixed order. The same spans sent again
         * (an exporter's retry) are the same upload; the ids are unique per span, so different spans never are.
         */
        private String uploadId(GroupKey key, String idPrefix) {
            List<String> ids = new ArrayList<>(spans.size());
            for (ReceivedSpan s : spans) {
                ids.add(s.traceId() + s.spanId());
            }
            ids.sort(null);
            try {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                for (String s : List.of(key.component().toString(), key.team(), key.repository(), key.branch(),
                        key.commit(), key.pipeline(), key.job(), Integer.toString(key.attempt()), key.environment(),
                        key.runUrl(), key.jobRun())) {
                    d.update(s.getBytes(StandardCharsets.UTF_8));
                    d.update((byte) 0x1f);
                }
                for (String id : ids) {
                    d.update(id.getBytes(StandardCharsets.US_ASCII));
                }
                return idPrefix + "-" + HexFormat.of().formatHex(d.digest(), 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every JDK", e);
            }
        }
    }

    /** Refused test spans: how many, and the first reasons in words. */
    private static final class Rejections {
        private static final int EXAMPLES = 3;
        private final List<String> examples = new ArrayList<>(EXAMPLES);
        private int count;

        void add(ReceivedSpan span, String why) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add("test span '" + span.attributes().text(TEST_CASE_NAME).orElse("") + "' (trace "
                        + span.traceId() + ", span " + span.spanId() + "): " + why);
            }
        }

        String message() {
            if (count == 0) {
                return "";
            }
            return count + " test span(s) refused: " + String.join("; ", examples) + (count > EXAMPLES ? "; ..." : "");
        }
    }
}
