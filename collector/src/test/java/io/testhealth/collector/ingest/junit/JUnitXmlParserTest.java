package io.testhealth.collector.ingest.junit;

import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.ResultAssembler;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Outcome;
import io.testhealth.collector.model.ResultCounts;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JUnit XML dialect traps that the shared corpus lacks, on fixtures written for them. */
final class JUnitXmlParserTest {

    /** What one file turned into: per-element counts and the grouped results. */
    private record Parsed(ResultCounts counts, List<TestResult> results, double seconds, List<String> warnings) {
        Map<String, TestResult> byName() {
            return results.stream().collect(Collectors.toMap(r -> r.identity().name() + r.identity().invocation(),
                    Function.identity(), (a, b) -> a));
        }
    }

    private static Parsed parse(String fixture) throws IOException {
        try (InputStream in = JUnitXmlParserTest.class.getResourceAsStream("/fixtures/junit/" + fixture)) {
            return parse(in, fixture);
        }
    }

    private static Parsed parse(InputStream in, String name) throws IOException {
        List<TestResult> results = new ArrayList<>();
        ResultAssembler assembler = new ResultAssembler(UploadMetadata.of(ComponentRef.parse("demo")), results::add);
        new JUnitXmlParser().parse(in, name, assembler);
        assembler.finish();
        return new Parsed(assembler.counts(), results, assembler.reportedSeconds(), assembler.warnings());
    }

    @Test
    void readsIso88591DeclaredReports() throws IOException {
        Parsed p = parse("iso-8859-1.xml");
        assertEquals(2, p.counts().tests());
        TestResult failed = p.byName().get("fehlerhafteIBAN");
        assertAll(
                () -> assertEquals("de.bank.ÜberweisungTest", failed.identity().suite()),
                () -> assertTrue(p.byName().containsKey("größeBetrag")),
                () -> assertEquals("erwartet: Straße, war: Strasse", failed.finalAttempt().failure().message()));
    }

    @Test
    void readsWindows1252AndUtf16AndBomReports() throws IOException {
        assertTrue(parse("windows-1252.xml").byName().containsKey("formats €10"));
        assertTrue(parse("utf-16.xml").byName().containsKey("読み込み"));
        assertEquals(1, parse("utf-8-bom.xml").counts().tests());
    }

    @Test
    void readsDecimalCommasAndThousandsSeparatorsAndTreatsBadTimesAsUnknown() throws IOException {
        Parsed p = parse("times.xml");
        Map<String, TestResult> r = p.byName();
        assertAll(
                () -> assertEquals(0.25, r.get("decimalComma").finalAttempt().durationSeconds()),
                () -> assertEquals(1234.5, r.get("thousands").finalAttempt().durationSeconds()),
                () -> assertNull(r.get("missing").finalAttempt().durationSeconds()),
                () -> assertNull(r.get("empty").finalAttempt().durationSeconds()),
                () -> assertNull(r.get("notANumber").finalAttempt().durationSeconds()),
                () -> assertNull(r.get("negative").finalAttempt().durationSeconds()),
                () -> assertEquals(1234.75, p.seconds(), 1e-9),
                () -> assertTrue(p.warnings().stream().anyMatch(w -> w.startsWith("unreadable or implausible test times"))));
    }

    @Test
    void mergesGradleRepeatedTestCasesIntoAttemptsOfOneFlakyRun() throws IOException {
        Parsed p = parse("gradle-retries.xml");
        assertEquals(new ResultCounts(4, 3, 1, 0, 0, 0), p.counts(), "raw counts keep every element");
        assertEquals(3, p.results().size(), "grouped view merges the retry");
        TestResult checksOut = p.byName().get("checksOut");
        assertAll(
                () -> assertEquals(Outcome.FLAKY, checksOut.outcome()),
                () -> assertEquals(List.of(Status.FAILED, Status.PASSED), checksOut.attempts().stream().map(a -> a.status()).toList()),
                () -> assertEquals(0.9, checksOut.totalDurationSeconds(), 1e-9),
                () -> assertEquals("java.net.SocketTimeoutException", checksOut.attempts().get(0).failure().type()));
    }

    @Test
    void turnsSurefireRerunElementsIntoAttempts() throws IOException {
        Parsed p = parse("surefire-reruns.xml");
        assertEquals(new ResultCounts(3, 1, 1, 0, 0, 1), p.counts());
        TestResult flaky = p.byName().get("passesOnThirdTry");
        TestResult failing = p.byName().get("alwaysFails");
        TestResult output = p.byName().get("withOutput");
        assertAll(
                () -> assertEquals(Outcome.FLAKY, flaky.outcome()),
                () -> assertEquals(List.of(Status.FAILED, Status.ERROR, Status.PASSED), flaky.attempts().stream().map(a -> a.status()).toList()),
                () -> assertEquals(0.2, flaky.attempts().get(0).durationSeconds()),
                () -> assertNull(flaky.attempts().get(1).durationSeconds(), "rerun elements without time are unknown"),
                () -> assertEquals("expected: <1> but was: <2>", flaky.attempts().get(0).failure().message()),
                () -> assertEquals(16, flaky.attempts().get(0).systemOutBytes()),
                () -> assertEquals(Outcome.ERROR, failing.outcome(), "the last rerun decides the run's outcome"),
                () -> assertEquals(List.of(Status.FAILED, Status.FAILED, Status.ERROR), failing.attempts().stream().map(a -> a.status()).toList()),
                () -> assertEquals(6, output.finalAttempt().systemOutBytes(), "UTF-8 bytes of the output"),
                () -> assertEquals(Layer.INTEGRATION, output.declaredLayer().layer()),
                () -> assertEquals(LayerSource.TEST_PROPERTY, output.declaredLayer().source()),
                () -> assertEquals(List.of("slow"), output.labels().get("tag")));
    }

    @Test
    void countsStatusAttributesAndNestedSuitesByPrecedence() throws IOException {
        Parsed p = parse("status-attributes.xml");
        Map<String, TestResult> r = p.byName();
        assertAll(
                () -> assertEquals(new ResultCounts(4, 1, 0, 1, 2, 0), p.counts()),
                () -> assertEquals("inner", r.get("ran").identity().suite(), "no classname: the innermost suite"),
                () -> assertEquals(Status.ERROR, r.get("both").finalAttempt().status()));
    }

    @Test
    void keepsParametersAsTheInvocationKeyAndWarnsAboutIndexOnlyNames() throws IOException {
        Parsed p = parse("parameterized.xml");
        List<String> keys = p.results().stream().map(r -> r.identity().name() + " | " + r.identity().invocation()).toList();
        assertEquals(List.of("adds(int, int) | 1", "adds(int, int) | 2", "test_add | 1-2-3", "[1] | ", "[2] input=foo | "), keys);
        assertEquals(p.results().get(0).identity().testId(ComponentRef.parse("c")),
                p.results().get(1).identity().testId(ComponentRef.parse("c")), "invocations share the test id");
        assertTrue(p.warnings().stream().anyMatch(w -> w.contains("only a parameter index")));
    }

    @Test
    void refusesExternalEntitiesWithoutReadingThem() {
        IngestException e = assertThrows(IngestException.class, () -> parse("xxe-external-entity.xml"));
        assertEquals(IngestException.Reason.MALFORMED, e.reason());
        assertFalse(e.getMessage().contains("root:"), "the entity must never be resolved");
        assertEquals(3, e.line());
    }

    @Test
    void refusesEntityExpansionQuickly() {
        IngestException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IngestException.class, () -> parse("billion-laughs.xml")));
        assertEquals(IngestException.Reason.MALFORMED, e.reason());
    }

    @Test
    void reportsTruncationWithLineAndColumn() {
        byte[] cut = "<testsuite>\n  <testcase name=\"a\">\n    <failure>boo".getBytes(StandardCharsets.UTF_8);
        IngestException e = assertThrows(IngestException.class, () -> parse(new ByteArrayInputStream(cut), "cut.xml"));
        assertAll(
                () -> assertEquals("cut.xml", e.file()),
                () -> assertEquals(3, e.line()),
                () -> assertTrue(e.column() > 1),
                () -> assertTrue(e.getMessage().contains("truncated")));
    }

    @Test
    void namesFormatsItDoesNotRead() {
        byte[] trx = "<TestRun xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"/>".getBytes(StandardCharsets.UTF_8);
        IngestException e = assertThrows(IngestException.class, () -> parse(new ByteArrayInputStream(trx), "r.trx"));
        assertEquals(IngestException.Reason.UNSUPPORTED_FORMAT, e.reason());
        assertTrue(e.getMessage().contains("Visual Studio TRX"));
    }

    @Test
    void keepsOnlyTheSizeOfHugeOutputAndTheHeadOfHugeTraces() throws IOException {
        String out = "x".repeat(3_000_000);
        String xml = "<testsuite><testcase classname=\"Big\" name=\"t\"><failure message=\"m\">" + "at y\n".repeat(100_000)
                + "</failure><system-out>" + out + "</system-out></testcase></testsuite>";
        Parsed p = parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "big.xml");
        assertEquals(3_000_000, p.results().get(0).finalAttempt().systemOutBytes());
        assertEquals("m", p.results().get(0).finalAttempt().failure().message());
    }
}
