package io.testhealth.collector.ingest;

import io.testhealth.collector.ingest.allure.AllureResultParser;
import io.testhealth.collector.ingest.junit.JUnitXmlParser;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Properties of the two report parsers, over inputs jqwik generates (200 tries each, so the class stays fast):
 * whatever the bytes, a parser reads them or refuses them with an {@link IngestException} (never another exception,
 * which would be a 500), quickly; and a well-formed JUnit report of any test names and times is read back exactly.
 * (Generated names hold no {@code [}: a trailing {@code [...]} is a parameterized invocation, split off by
 * {@code model.TestIdentity}, whose own test covers it.)
 */
final class ParserProperties {

    /** Longest a parser may take on one generated input of a few kilobytes. */
    private static final long MAX_MILLIS = 2_000;

    private static final String VALID_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites><testsuite name=\"S\" tests=\"2\">"
            + "<testcase classname=\"com.acme.A\" name=\"passes\" time=\"0.25\"/>"
            + "<testcase classname=\"com.acme.A\" name=\"fails\" time=\"1.5\"><failure message=\"boom\" type=\"java.lang.AssertionError\">"
            + "java.lang.AssertionError: boom\n\tat com.acme.A.fails(A.java:7)</failure></testcase></testsuite></testsuites>";
    private static final String VALID_JSON = "{\"uuid\":\"u1\",\"historyId\":\"h1\",\"name\":\"buys\",\"fullName\":\"shop.Journeys#buys\","
            + "\"status\":\"broken\",\"statusDetails\":{\"message\":\"Timeout 30000ms exceeded\",\"trace\":\"at x\"},"
            + "\"start\":1764000000000,\"stop\":1764000004000,\"labels\":[{\"name\":\"suite\",\"value\":\"Journeys\"}],"
            + "\"parameters\":[{\"name\":\"browser\",\"value\":\"firefox\"}]}";

    /** What a parse ended in: results, or the refusal. */
    private record Outcome(List<TestResult> results, IngestException refusal) {
    }

    private static Outcome parse(ReportParser parser, byte[] bytes, String fileName) {
        List<TestResult> results = new ArrayList<>();
        ResultAssembler assembler = new ResultAssembler(UploadMetadata.of(ComponentRef.parse("props")), results::add);
        long start = System.nanoTime();
        try {
            parser.parse(new ByteArrayInputStream(bytes), fileName, assembler);
            assembler.finish();
            return new Outcome(results, null);
        } catch (IngestException e) {
            return new Outcome(results, e);
        } catch (IOException e) {
            throw new AssertionError("an in-memory read cannot fail, yet the parser threw " + e, e);
        } finally {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < MAX_MILLIS, "took " + millis + " ms on " + bytes.length + " bytes");
        }
    }

    @Property(tries = 200)
    void anyBytesAreReadOrRefusedByTheJUnitParser(@ForAll("damagedXml") byte[] bytes) {
        parse(new JUnitXmlParser(), bytes, "TEST-p.xml");
    }

    @Property(tries = 200)
    void anyBytesAreReadOrRefusedByTheAllureParser(@ForAll("damagedJson") byte[] bytes) {
        parse(new AllureResultParser(), bytes, "p-result.json");
    }

    @Property(tries = 200)
    void aWellFormedReportIsReadBackExactly(
            @ForAll @Size(min = 1, max = 25) @UniqueElements List<@StringLength(min = 1, max = 40)
            @CharRange(from = 'a', to = 'z') @CharRange(from = '0', to = '9')
            @Chars({'&', '<', '>', '"', '\'', '.', '_', '-', '(', ')', 'ß', 'é', 'Ω', '中', '€'}) String> names,
            @ForAll @Size(25) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 86_400_000) Integer> millis) {
        StringBuilder xml = new StringBuilder("<testsuite name=\"Generated\">");
        for (int i = 0; i < names.size(); i++) {
            xml.append("<testcase classname=\"com.acme.Generated\" name=\"").append(escape(names.get(i)))
                    .append("\" time=\"").append(millis.get(i) / 1000).append('.')
                    .append(String.format("%03d", millis.get(i) % 1000)).append("\"/>");
        }
        xml.append("</testsuite>");
        Outcome o = parse(new JUnitXmlParser(), xml.toString().getBytes(StandardCharsets.UTF_8), "TEST-generated.xml");
        assertEquals(null, o.refusal());
        assertEquals(new HashSet<>(names), Set.copyOf(o.results().stream().map(r -> r.identity().name()).toList()));
        for (TestResult r : o.results()) {
            int i = names.indexOf(r.identity().name());
            assertEquals(millis.get(i) / 1000.0, r.finalAttempt().durationSeconds(), 1e-9, r.identity().name());
        }
    }

    @Provide
    Arbitrary<byte[]> damagedXml() {
        return damaged(VALID_XML.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<byte[]> damagedJson() {
        return damaged(VALID_JSON.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A valid report damaged at random: cut short, some bytes overwritten, a run of bytes inserted; or bytes with no
     * report in them at all. A valid start gets the parser deep into its states before the damage.
     */
    private static Arbitrary<byte[]> damaged(byte[] valid) {
        Arbitrary<byte[]> cut = Arbitraries.integers().between(0, valid.length).map(n -> Arrays.copyOf(valid, n));
        Arbitrary<byte[]> overwritten = Combinators.combine(
                Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.bytes().list().ofSize(8)).as((positions, values) -> {
                    byte[] b = valid.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        b[positions.get(i)] = values.get(i);
                    }
                    return b;
                });
        Arbitrary<byte[]> inserted = Combinators.combine(Arbitraries.integers().between(0, valid.length),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).as((at, run) -> {
                    byte[] b = new byte[valid.length + run.length];
                    System.arraycopy(valid, 0, b, 0, at);
                    System.arraycopy(run, 0, b, at, run.length);
                    System.arraycopy(valid, at, b, at + run.length, valid.length - at);
                    return b;
                });
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        return Arbitraries.oneOf(cut, overwritten, inserted, noise);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
