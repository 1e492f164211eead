package io.testhealth.collector.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * The demo's trace data, as an OpenTelemetry-instrumented CI job and a staging deployment would export it over
 * OTLP/JSON, so that the integration map and the observed layers have something to show.
 *
 * <p>One export request, sent after the reports (as a batching exporter would, and so that the component's report is
 * recomputed once for all of it, not once per run):
 * <ul>
 *   <li>In the last {@value #TRACED_DAYS} days, the payments integration job's test spans as well as its Failsafe
 *       report (the same job run, so the collector matches the two and counts each test once). Every test
 *       writes to PostgreSQL in a Testcontainers database on localhost (integration); every eighth also calls the
 *       deployed fraud-check sandbox ({@code peer.service}: e2e, although its name and report path declare it an
 *       integration test).</li>
 *   <li>Staging spans of payments (a charge request: PostgreSQL, fraud-check, and a Kafka event that no test sends)
 *       and of checkout-web calling payments. They are on the map only when {@code staging} is one of
 *       {@code testhealth.traces.observed-environments}; then Kafka and checkout-web → payments are untested
 *       integration points.</li>
 * </ul>
 * No random draws: the spans repeat what the generator already decided for the Failsafe report, so adding them leaves
 * the rest of the demo history as it was.
 */
final class DemoTraces {

    /** The component whose integration job is traced. */
    static final String TRACED_COMPONENT = "payments";
    /** Days, counted back from the end of the history, whose payments integration runs export spans. */
    static final int TRACED_DAYS = 7;
    /** Every this many integration tests, one calls the fraud-check sandbox. */
    static final int FRAUD_CHECK_EVERY = 8;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SPAN_KIND_INTERNAL = 1;
    private static final int SPAN_KIND_SERVER = 2;
    private static final int SPAN_KIND_CLIENT = 3;
    private static final int SPAN_KIND_PRODUCER = 4;

    private DemoTraces() {
    }

    /** One test of an integration job as its report gave it: {@code status} {@code pass}, {@code fail} or {@code error}. */
    record IntegrationCase(int index, String name, String status, double seconds) {
    }

    /** An integration job run as uploaded: its metadata, its test class and its tests in order. */
    record IntegrationRun(UploadMetadata metadata, String suite, List<IntegrationCase> cases) {
    }

    /** Whether the integration run of {@code component} on {@code day} of {@code days} exports spans. */
    static boolean traced(String component, int day, int days) {
        return component.equals(TRACED_COMPONENT) && day >= days - TRACED_DAYS;
    }

    /**
     * One OTLP/JSON export request: the test spans of the traced integration runs, then the staging traffic at
     * {@code stagingAt}.
     */
    static DemoHistoryGenerator.DemoUpload export(List<IntegrationRun> runs, Instant stagingAt) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode resources = root.putArray("resourceSpans");
        for (IntegrationRun run : runs) {
            resources.add(integrationRun(run));
        }
        staging(stagingAt).forEach(resources::add);
        UploadMetadata md = new UploadMetadata(ComponentRef.parse(TRACED_COMPONENT), "", "", "", "", "", "", 1, "",
                null, "", stagingAt, stagingAt, "demo-otlp-export");
        return new DemoHistoryGenerator.DemoUpload(md, "otlp/export.json", bytes(root), true);
    }

    /** The test spans of an integration job run: a job span, a span per test and the calls each test made. */
    private static ObjectNode integrationRun(IntegrationRun run) {
        UploadMetadata md = run.metadata();
        Ids ids = new Ids(md.uploadId());
        ArrayNode spans = JSON.createArrayNode();
        long jobStart = nanos(md.startedAt());
        long jobEnd = nanos(md.finishedAt());
        String job = ids.next();
        spans.add(span(ids.trace, job, null, "integration-tests", SPAN_KIND_INTERNAL, jobStart, jobEnd,
                attrs("cicd.pipeline.task.name", md.job())));
        long clock = jobStart + 30_000_000_000L; // the job's build before its tests
        for (IntegrationCase c : run.cases()) {
            long end = clock + Math.round(c.seconds() * 1e9);
            String test = ids.next();
            spans.add(span(ids.trace, test, job, run.suite() + "." + c.name(), SPAN_KIND_INTERNAL, clock, end,
                    attrs("test.suite.name", run.suite(), "test.case.name", run.suite() + "." + c.name(),
                            "test.case.result.status", c.status())));
            long call = clock + (end - clock) / 4;
            spans.add(span(ids.trace, ids.next(), test, "INSERT payments.charges", SPAN_KIND_CLIENT, call,
                    call + (end - clock) / 4, attrs("db.system.name", "postgresql", "db.namespace", "payments",
                            "db.operation.name", "INSERT", "server.address", "localhost", "server.port", "32768")));
            if (c.index() % FRAUD_CHECK_EVERY == 0) {
                long check = call + (end - clock) / 4;
                spans.add(span(ids.trace, ids.next(), test, "POST", SPAN_KIND_CLIENT, check, check + (end - clock) / 8,
                        attrs("http.request.method", "POST", "peer.service", "fraud-check",
                                "server.address", "fraud-check.sandbox.acme.internal",
                                "url.full", "https://fraud-check.sandbox.acme.internal/v2/assessments")));
            }
            clock = end;
        }
        ObjectNode resource = attrsObject(
                "service.name", md.component().name(),
                "testhealth.team", md.team(),
                "vcs.repository.url.full", md.repository(),
                "vcs.ref.head.name", md.branch(),
                "vcs.ref.head.revision", md.commit(),
                "cicd.pipeline.run.id", md.pipeline(),
                "testhealth.attempt", Integer.toString(md.attempt()),
                "testhealth.environment", md.environment(),
                "cicd.pipeline.run.url.full", md.runUrl(),
                "telemetry.distro.name", "opentelemetry-java-instrumentation");
        return resourceSpans(resource, spans);
    }

    /** Staging traffic of payments and checkout-web at {@code at}: one resource each. */
    private static List<ObjectNode> staging(Instant at) {
        Ids ids = new Ids("staging-" + at);
        long t = nanos(at);
        ArrayNode payments = JSON.createArrayNode();
        String charge = ids.next();
        payments.add(span(ids.trace, charge, null, "POST /charges", SPAN_KIND_SERVER, t, t + 180_000_000L,
                attrs("http.request.method", "POST", "http.route", "/charges")));
        payments.add(span(ids.trace, ids.next(), charge, "INSERT payments.charges", SPAN_KIND_CLIENT, t + 10_000_000L,
                t + 25_000_000L, attrs("db.system.name", "postgresql", "db.namespace", "payments",
                        "server.address", "payments-db.staging.acme.internal")));
        payments.add(span(ids.trace, ids.next(), charge, "POST", SPAN_KIND_CLIENT, t + 30_000_000L, t + 140_000_000L,
                attrs("http.request.method", "POST", "peer.service", "fraud-check",
                        "server.address", "fraud-check.staging.acme.internal")));
        payments.add(span(ids.trace, ids.next(), charge, "payment-events publish", SPAN_KIND_PRODUCER,
                t + 150_000_000L, t + 160_000_000L, attrs("messaging.system", "kafka",
                        "messaging.destination.name", "payment-events", "messaging.operation.type", "publish")));
        ArrayNode checkout = JSON.createArrayNode();
        checkout.add(span(ids.trace, ids.next(), null, "POST", SPAN_KIND_CLIENT, t - 5_000_000L, t + 190_000_000L,
                attrs("http.request.method", "POST", "peer.service", "payments",
                        "server.address", "payments.staging.acme.internal")));
        return List.of(
                resourceSpans(attrsObject("service.name", "payments", "deployment.environment.name", "staging"),
                        payments),
                resourceSpans(attrsObject("service.name", "checkout-web", "deployment.environment.name", "staging"),
                        checkout));
    }

    private static ObjectNode resourceSpans(ObjectNode resource, ArrayNode spans) {
        ObjectNode rs = JSON.createObjectNode();
        rs.set("resource", resource);
        ObjectNode scope = rs.putArray("scopeSpans").addObject();
        scope.putObject("scope").put("name", "io.testhealth.demo");
        scope.set("spans", spans);
        return rs;
    }

    private static ObjectNode span(String trace, String id, String parent, String name, int kind, long start, long end,
                                   ArrayNode attributes) {
        ObjectNode s = JSON.createObjectNode();
        s.put("traceId", trace).put("spanId", id);
        if (parent != null) {
            s.put("parentSpanId", parent);
        }
        s.put("name", name).put("kind", kind)
                .put("startTimeUnixNano", Long.toString(start)).put("endTimeUnixNano", Long.toString(end));
        s.set("attributes", attributes);
        return s;
    }

    /** Key-value pairs as OTLP/JSON attributes (string values; empty ones left out). */
    private static ArrayNode attrs(String... keyValues) {
        ArrayNode out = JSON.createArrayNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null || keyValues[i + 1].isEmpty()) {
                continue;
            }
            ObjectNode a = out.addObject();
            a.put("key", keyValues[i]);
            a.putObject("value").put("stringValue", keyValues[i + 1]);
        }
        return out;
    }

    private static ObjectNode attrsObject(String... keyValues) {
        ObjectNode resource = JSON.createObjectNode();
        resource.set("attributes", attrs(keyValues));
        return resource;
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    private static byte[] bytes(ObjectNode root) {
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A trace id from a seed, and span ids numbered from 1 (an all-zero id is invalid in OTLP). */
    private static final class Ids {
        final String trace;
        private long next;

        Ids(String seed) {
            byte[] digest;
            try {
                digest = java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.trace = HexFormat.of().formatHex(digest, 0, 16);
        }

        String next() {
            return "%016x".formatted(++next);
        }
    }
}
