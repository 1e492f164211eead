package io.testhealth.collector.traces;

import io.testhealth.collector.model.Attempt;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.traces.ReceivedSpan.RecordedException;
import io.testhealth.collector.traces.ReceivedSpan.SpanKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What test spans mean: identity, outcome, the run they belong to, exact durations, and which are refused. */
final class TestSpanMapperTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    /** 2026-11-30T08:00:00Z in nanoseconds. */
    private static final long T0 = Instant.parse("2026-11-30T08:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final long MS = 1_000_000L;

    private static SpanAttributes attrs(Object... kv) {
        SpanAttributes.Builder b = SpanAttributes.builder();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            b.put((String) kv[i], kv[i + 1]);
        }
        return b.build();
    }

    private static ReceivedSpan span(String id, String parent, long startMs, long endMs, SpanAttributes a,
                                     SpanAttributes resource) {
        return new ReceivedSpan(TRACE, id, parent, "span " + id, SpanKind.INTERNAL, T0 + startMs * MS, T0 + endMs * MS,
                a, resource, false, "", null);
    }

    private static final SpanAttributes RESOURCE = attrs("service.name", "checkout", "cicd.pipeline.run.id", "run-81",
            "vcs.ref.head.revision", "9f1c2e", "vcs.ref.head.name", "main");

    @Test
    void aQualifiedCaseNameIsCutAfterItsSuiteAsJUnitNamesIt() {
        assertAll(
                () -> assertEquals(new TestIdentity("org.example.CartTest", "addsItems", ""), TestSpanMapper.identityOf(
                        attrs("test.case.name", "org.example.CartTest.addsItems", "test.suite.name", "org.example.CartTest"))),
                () -> assertEquals(new TestIdentity("org.example.CartTest", "addsItems", ""),
                        TestSpanMapper.identityOf(attrs("test.case.name", "org.example.CartTest.addsItems"))),
                () -> assertEquals(new TestIdentity("tests/test_cart.py", "test_total", "3-4"),
                        TestSpanMapper.identityOf(attrs("test.case.name", "tests/test_cart.py::test_total[3-4]"))),
                () -> assertEquals(new TestIdentity("Cart", "adds two items", ""),
                        TestSpanMapper.identityOf(attrs("test.case.name", "adds two items", "test.suite.name", "Cart"))),
                () -> assertEquals(new TestIdentity("", "ExampleTestCase1_test1", ""),
                        TestSpanMapper.identityOf(attrs("test.case.name", "ExampleTestCase1_test1"))),
                () -> assertEquals(new TestIdentity("com.acme.MathTest", "adds(int, int)", "2"), TestSpanMapper.identityOf(
                        attrs("test.case.name", "adds(int, int)[2]", "code.namespace", "com.acme.MathTest"))),
                () -> assertEquals(new TestIdentity("com.acme.MathTest", "adds(double, double)", ""),
                        TestSpanMapper.identityOf(attrs("test.case.name", "com.acme.MathTest.adds(double, double)"))));
    }

    @Test
    void theOutcomeComesFromTheResultStatusElseFromTheSpanStatus() {
        ReceivedSpan base = span("00f067aa0ba902b7", "", 0, 10, attrs("test.case.name", "a.B.c"), RESOURCE);
        assertAll(
                () -> assertEquals(Status.PASSED, status(base, "pass")),
                () -> assertEquals(Status.FAILED, status(base, "fail")),
                () -> assertEquals(Status.FAILED, status(base, "FAILED")),
                () -> assertEquals(Status.ERROR, status(base, "broken")),
                () -> assertEquals(Status.SKIPPED, status(base, "skipped")),
                () -> assertEquals(Status.SKIPPED, status(base, "aborted")),
                () -> assertEquals(Status.UNKNOWN, status(base, "in_progress")),
                () -> assertEquals(Status.PASSED, TestSpanMapper.statusOf(base)),
                () -> assertEquals(Status.FAILED, TestSpanMapper.statusOf(new ReceivedSpan(TRACE, "00f067aa0ba902b7", "",
                        "x", SpanKind.INTERNAL, T0, T0 + 1, attrs("test.case.name", "a.B.c"), RESOURCE, true, "boom", null))));
    }

    private static Status status(ReceivedSpan s, String value) {
        return TestSpanMapper.statusOf(new ReceivedSpan(s.traceId(), s.spanId(), "", s.name(), s.kind(), s.startNanos(),
                s.endNanos(), attrs("test.case.name", "a.B.c", "test.case.result.status", value), s.resource(), false, "", null));
    }

    @Test
    void retriesInOneJobAreAttemptsWithExactDurationsAndTheJobSpanGivesTheWallTime() {
        SpanAttributes job = attrs("cicd.pipeline.task.name", "unit-tests", "cicd.pipeline.task.run.id", "5521");
        List<ReceivedSpan> spans = new ArrayList<>(List.of(
                span("a000000000000001", "", 0, 60_000, job, RESOURCE),
                // the retry is listed first: order in the request does not matter, start time does
                span("a000000000000003", "a000000000000001", 2_000, 2_300,
                        attrs("test.case.name", "com.acme.CartTest.total", "test.case.result.status", "pass"), RESOURCE),
                new ReceivedSpan(TRACE, "a000000000000002", "a000000000000001", "total", SpanKind.INTERNAL,
                        T0 + 1_500 * MS, T0 + 1_975 * MS, attrs("test.case.name", "com.acme.CartTest.total",
                        "test.case.result.status", "fail"), RESOURCE, true, "",
                        new RecordedException("java.lang.AssertionError", "expected 12 but was 13", "at com.acme.CartTest.total(CartTest.java:40)")),
                span("a000000000000004", "a000000000000001", 3_000, 3_125,
                        attrs("test.case.name", "com.acme.CartTest.empty", "test.case.result.status", "pass"), RESOURCE)));
        MappedSpans mapped = TestSpanMapper.map(spans, Optional.empty(), "otlp");
        assertEquals(1, mapped.runs().size());
        TestRunGroup run = mapped.runs().get(0);
        UploadMetadata md = run.metadata();
        List<Attempt> total = run.testCases().stream().filter(c -> c.result().identity().name().equals("total"))
                .map(c -> c.result().attempts().get(0)).toList();
        assertAll(
                () -> assertEquals(4, mapped.spans()),
                () -> assertEquals(3, mapped.testSpans()),
                () -> assertEquals(0, mapped.rejectedSpans()),
                () -> assertEquals(ComponentRef.parse("checkout"), md.component()),
                () -> assertEquals("run-81", md.pipeline()),
                () -> assertEquals("unit-tests", md.job()),
                () -> assertEquals(1, md.attempt()),
                () -> assertEquals("9f1c2e", md.commit()),
                () -> assertEquals("main", md.branch()),
                () -> assertEquals(Instant.parse("2026-11-30T08:00:00Z"), md.startedAt()),
                () -> assertEquals(Instant.parse("2026-11-30T08:01:00Z"), md.finishedAt()),
                () -> assertTrue(md.uploadId().startsWith("otlp-"), md.uploadId()),
                () -> assertEquals(2, total.size()),
                // 1.500 s to 1.975 s, then 2.000 s to 2.300 s
                () -> assertEquals(Status.FAILED, total.get(0).status()),
                () -> assertEquals(0.475, total.get(0).durationSeconds(), 1e-9),
                () -> assertEquals("expected 12 but was 13", total.get(0).failure().message()),
                () -> assertEquals("java.lang.AssertionError", total.get(0).failure().type()),
                () -> assertEquals(Status.PASSED, total.get(1).status()),
                () -> assertEquals(0.3, total.get(1).durationSeconds(), 1e-9),
                () -> assertNull(total.get(1).failure()),
                () -> assertEquals(Instant.parse("2026-11-30T08:00:01.500Z"), total.get(0).startedAt()));
    }

    @Test
    void theSameSpansInAnyOrderAreTheSameUploadAndOtherSpansAreAnother() {
        List<ReceivedSpan> spans = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            spans.add(span("b00000000000000" + i, "", i * 100, i * 100 + 40, attrs("test.case.name", "s.T.t" + i), RESOURCE));
        }
        String id = TestSpanMapper.map(spans, Optional.empty(), "otlp").runs().get(0).metadata().uploadId();
        List<ReceivedSpan> shuffled = new ArrayList<>(spans);
        Collections.reverse(shuffled);
        assertEquals(id, TestSpanMapper.map(shuffled, Optional.empty(), "otlp").runs().get(0).metadata().uploadId());
        assertNotEquals(id, TestSpanMapper.map(spans.subList(0, 4), Optional.empty(), "otlp").runs().get(0).metadata().uploadId());
    }

    @Test
    void spansOfTwoJobsAndTwoComponentsAreFourRuns() {
        List<ReceivedSpan> spans = new ArrayList<>();
        int n = 0;
        for (String service : List.of("cart", "billing")) {
            for (String job : List.of("unit", "integration")) {
                SpanAttributes resource = attrs("service.name", service, "cicd.pipeline.run.id", "77",
                        "cicd.pipeline.task.name", job);
                spans.add(span("c00000000000000" + (++n), "", n, n + 1, attrs("test.case.name", "x.Y.z"), resource));
            }
        }
        spans.add(span("c000000000000009", "", 0, 1, attrs("http.request.method", "GET"), RESOURCE));
        MappedSpans mapped = TestSpanMapper.map(spans, Optional.empty(), "otlp");
        assertEquals(4, mapped.runs().size());
        assertEquals(List.of("component:default/cart|unit", "component:default/cart|integration",
                        "component:default/billing|unit", "component:default/billing|integration"),
                mapped.runs().stream().map(r -> r.metadata().component() + "|" + r.metadata().job()).toList());
        assertEquals(4, mapped.testSpans());
    }

    @Test
    void theRequestsComponentWinsAndOurOwnAttributeBeatsTheServiceName() {
        List<ReceivedSpan> spans = List.of(span("d000000000000001", "", 0, 5,
                attrs("test.case.name", "a.B.c", "testhealth.component", "component:shop/cart-api"), RESOURCE));
        assertEquals(ComponentRef.parse("shop/cart-api"),
                TestSpanMapper.map(spans, Optional.empty(), "otlp").runs().get(0).metadata().component());
        assertEquals(ComponentRef.parse("payments"),
                TestSpanMapper.map(spans, Optional.of(ComponentRef.parse("payments")), "otlp").runs().get(0).metadata().component());
    }

    @Test
    void testSpansWithoutComponentOrWithImpossibleTimesAreRefusedWithTheReason() {
        SpanAttributes unnamed = attrs("service.name", "unknown_service:java");
        List<ReceivedSpan> spans = List.of(
                span("e000000000000001", "", 0, 5, attrs("test.case.name", "a.B.nameless"), unnamed),
                span("e000000000000002", "", 9, 5, attrs("test.case.name", "a.B.backwards"), RESOURCE),
                span("e000000000000003", "", 0, 5, attrs("test.case.name", "a.B.attempt", "testhealth.attempt", "zero"), RESOURCE),
                span("e000000000000004", "", 0, 5, attrs("test.case.name", "a.B.fine"), RESOURCE));
        MappedSpans mapped = TestSpanMapper.map(spans, Optional.empty(), "otlp");
        assertAll(
                () -> assertEquals(3, mapped.rejectedSpans()),
                () -> assertEquals(1, mapped.runs().size()),
                () -> assertEquals(1, mapped.runs().get(0).testCases().size()),
                () -> assertTrue(mapped.errorMessage().startsWith("3 test span(s) refused"), mapped.errorMessage()),
                () -> assertTrue(mapped.errorMessage().contains("'a.B.nameless'") && mapped.errorMessage().contains("service.name"),
                        mapped.errorMessage()),
                () -> assertTrue(mapped.errorMessage().contains("ends before it starts"), mapped.errorMessage()),
                () -> assertTrue(mapped.errorMessage().contains("attempt 'zero'"), mapped.errorMessage()));
    }

    @Test
    void anAncestorPipelineSpanGivesTheRunWhenTheResourceDoesNot() {
        SpanAttributes bare = attrs("service.name", "search");
        List<ReceivedSpan> spans = List.of(
                span("f000000000000001", "", 0, 900, attrs("cicd.pipeline.run.id", "pipe-4", "vcs.repository.ref.revision", "77aa"), bare),
                span("f000000000000002", "f000000000000001", 10, 800, attrs("cicd.pipeline.task.name", "e2e",
                        "testhealth.attempt", 2L), bare),
                span("f000000000000003", "f000000000000002", 20, 30, attrs("test.case.name", "q.Search.finds"), bare));
        UploadMetadata md = TestSpanMapper.map(spans, Optional.empty(), "zipkin").runs().get(0).metadata();
        assertAll(
                () -> assertEquals("pipe-4", md.pipeline()),
                () -> assertEquals("e2e", md.job()),
                () -> assertEquals(2, md.attempt()),
                () -> assertEquals("77aa", md.commit()),
                () -> assertEquals(Instant.parse("2026-11-30T08:00:00.010Z"), md.startedAt()),
                () -> assertEquals(Instant.parse("2026-11-30T08:00:00.800Z"), md.finishedAt()),
                () -> assertTrue(md.uploadId().startsWith("zipkin-")));
    }
}
