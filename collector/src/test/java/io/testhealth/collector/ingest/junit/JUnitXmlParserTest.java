package io.testhealth.collector.ingest.junit;

import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.ResultAssembler;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Failure;
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

    private static Parsed parseText(String xml) throws IOException {
        return parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "target/surefire-reports/TEST-t.xml");
    }

    @Test
    void readsTimesInEveryFormTheyAreWritten() throws IOException {
        Parsed p = parseText("""
                <testsuite name="S">
                  <testcase classname="C" name="padded" time="  1.5 "/>
                  <testcase classname="C" name="whole" time="12"/>
                  <testcase classname="C" name="comma" time="0,25"/>
                  <testcase classname="C" name="unit" time="1.5s"/>
                  <testcase classname="C" name="exponent" time="1e2"/>
                  <testcase classname="C" name="manyDigits" time="0.1234567890123456789012"/>
                  <testcase classname="C" name="longMantissa" time="0.9007199254740993"/>
                  <testcase classname="C" name="overADay" time="86400.5"/>
                  <testcase classname="C" name="missing"/>
                  <testcase classname="C" name="blank" time="   "/>
                </testsuite>""");
        Map<String, TestResult> r = p.byName();
        assertAll(
                () -> assertEquals(1.5, r.get("padded").finalAttempt().durationSeconds()),
                () -> assertEquals(12.0, r.get("whole").finalAttempt().durationSeconds()),
                () -> assertEquals(0.25, r.get("comma").finalAttempt().durationSeconds()),
                () -> assertEquals(1.5, r.get("unit").finalAttempt().durationSeconds()),
                () -> assertEquals(100.0, r.get("exponent").finalAttempt().durationSeconds()),
                () -> assertEquals(0.1234567890123456789012, r.get("manyDigits").finalAttempt().durationSeconds()),
                () -> assertEquals(0.9007199254740993, r.get("longMantissa").finalAttempt().durationSeconds()),
                () -> assertNull(r.get("overADay").finalAttempt().durationSeconds()),
                () -> assertNull(r.get("missing").finalAttempt().durationSeconds()),
                () -> assertNull(r.get("blank").finalAttempt().durationSeconds()),
                // 1.5 + 12 + 0.25 + 1.5 + 100 + 0.1234567890123456789012 + 0.9007199254740993
                () -> assertEquals(116.2741767144864, p.seconds(), 1e-9),
                () -> assertEquals(List.of("unreadable or implausible test times (negative, not a number, more than a day)"
                        + " were taken as unknown (C overADay time=\"86400.5\")"), p.warnings()));
    }

    @Test
    void ignoresUnknownAttributesAndCutsHugeNamesToTheirLimit() throws IOException {
        String longName = "n".repeat(100_000);
        String longClass = "a.b.".repeat(20_000) + "C";
        Parsed p = parseText("<testsuite name=\"S\"><testcase assertions=\"3\" name=\"" + longName + "\" flaky=\"true\" classname=\""
                + longClass + "\" time=\"0.5\" owner=\"x\"/></testsuite>");
        TestResult only = p.results().get(0);
        // testhealth.ingest.max-name-chars is 1,000 by default: 100,000 - 1,000 and 80,001 - 1,000 characters dropped
        assertAll(
                () -> assertTrue(only.identity().name().startsWith("n".repeat(1_000) + "…[cut 99000 chars #"),
                        only.identity().name().substring(990)),
                () -> assertTrue(only.identity().suite().startsWith("a.b.".repeat(250) + "…[cut 79001 chars #"),
                        only.identity().suite().substring(990)),
                () -> assertEquals(0.5, only.finalAttempt().durationSeconds()),
                () -> assertEquals(Map.of(), only.labels()),
                () -> assertEquals(1, p.warnings().size(), p.warnings().toString()),
                () -> assertTrue(p.warnings().get(0).contains("testhealth.ingest.max-name-chars"), p.warnings().toString()));
    }

    @Test
    void takesEachTestCasesOwnClassNameWhenTheyRepeatOrChange() throws IOException {
        Parsed p = parseText("""
                <testsuite name="Suite">
                  <testcase classname="a.A" name="one"/>
                  <testcase classname="a.A" name="two"/>
                  <testcase classname=" a.A " name="three"/>
                  <testcase classname="" name="four"/>
                  <testcase name="five"/>
                  <testcase classname="a.AB" name="six"/>
                  <testcase classname="a.B" name="seven"/>
                </testsuite>""");
        assertEquals(List.of("a.A one", "a.A two", "a.A three", "Suite four", "Suite five", "a.AB six", "a.B seven"),
                p.results().stream().map(r -> r.identity().suite() + " " + r.identity().name()).toList());
    }

    @Test
    void showsNamesAndTimesAsWrittenInWarnings() throws IOException {
        Parsed p = parseText("<testsuite name=\"S\"><testcase classname=\" C \" name=\" [1] \" time=\"soon\"/></testsuite>");
        assertAll(
                () -> assertEquals("C", p.results().get(0).identity().suite()),
                () -> assertEquals("[1]", p.results().get(0).identity().name()),
                () -> assertEquals(List.of(
                        "test names that are only a parameter index ([1], [2]...) are unstable when parameters change: "
                                + "give parameterized tests display names ( C   [1] )",
                        "unreadable or implausible test times (negative, not a number, more than a day) were taken as "
                                + "unknown ( C   [1]  time=\"soon\")"), p.warnings()));
    }

    @Test
    void fingerprintsFailuresByTheFirstThreeFramesOfTheirText() throws IOException {
        String trace = "\n\n  java.lang.IllegalStateException: no seat left 0x7f3a\n"
                + "\tat shop.Seats.take(Seats.java:41)\n"
                + "\tat shop.Seats.&lt;init&gt;(Seats.java:12)\n"
                + "\tat shop.Booking.book(Booking.java:88)\n";
        String deeper = "\tat org.junit.Runner.run(Runner.java:1)\n".repeat(60);
        Parsed p = parseText("<testsuite name=\"S\">"
                + "<testcase classname=\"C\" name=\"a\"><failure type=\"T\">" + trace + deeper + "</failure></testcase>"
                + "<testcase classname=\"C\" name=\"b\"><failure type=\"T\"><![CDATA[" + trace.replace("&lt;", "<")
                .replace("&gt;", ">").replace("41", "45").replace("0x7f3a", "0x99") + "\tat other.Frame(F.java:2)\n"
                + "]]></failure></testcase>"
                + "<testcase classname=\"C\" name=\"c\"><failure type=\"T\">" + trace.replace("book(", "cancel(")
                + "</failure></testcase>"
                + "</testsuite>");
        Map<String, TestResult> r = p.byName();
        String decoded = trace.replace("&lt;", "<").replace("&gt;", ">");
        assertAll(
                () -> assertEquals("java.lang.IllegalStateException: no seat left 0x7f3a",
                        r.get("a").finalAttempt().failure().message(), "the first line that is not blank"),
                () -> assertEquals(Failure.of("T", null, decoded).fingerprint(), r.get("a").finalAttempt().failure().fingerprint()),
                () -> assertEquals(r.get("a").finalAttempt().failure().fingerprint(), r.get("b").finalAttempt().failure().fingerprint(),
                        "line numbers, addresses and frames after the third do not count"),
                () -> assertFalse(r.get("a").finalAttempt().failure().fingerprint().equals(
                        r.get("c").finalAttempt().failure().fingerprint()), "the third frame does"));
    }

    @Test
    void looksForFramesOnlyInTheFirstTwoKilobytesOfAFailure() throws IOException {
        String preamble = "java.lang.AssertionError: " + "x".repeat(3_000) + "\n";
        String frames = "\tat a.B.c(B.java:1)\n\tat a.B.d(B.java:2)\n\tat a.B.e(B.java:3)\n";
        Parsed p = parseText("<testsuite name=\"S\"><testcase classname=\"C\" name=\"t\"><failure message=\"m\" type=\"T\">"
                + preamble + frames + "</failure></testcase></testsuite>");
        assertAll(
                () -> assertEquals(Failure.of("T", "m", preamble.substring(0, 2048)).fingerprint(),
                        p.results().get(0).finalAttempt().failure().fingerprint()),
                () -> assertFalse(Failure.of("T", "m", preamble + frames).fingerprint().equals(
                        p.results().get(0).finalAttempt().failure().fingerprint())));
    }
}
