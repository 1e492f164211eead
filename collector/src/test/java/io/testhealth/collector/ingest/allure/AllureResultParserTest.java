package io.testhealth.collector.ingest.allure;

import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.ingest.ResultAssembler;
import io.testhealth.collector.ingest.junit.JUnitXmlParser;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.ingest.ReportParser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class AllureResultParserTest {

    private static final ComponentRef SHOP = ComponentRef.parse("shop");

    private static TestResult single(ReportParser parser, String text) throws IOException {
        List<TestResult> out = new ArrayList<>();
        ResultAssembler assembler = new ResultAssembler(UploadMetadata.of(SHOP), out::add);
        parser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "f", assembler);
        assembler.finish();
        return out.get(0);
    }

    @Test
    void theSameTestUploadedAsJUnitXmlAndAsAllureIsOneTest() throws IOException {
        TestResult junit = single(new JUnitXmlParser(),
                "<testsuite><testcase classname=\"com.acme.CartTest\" name=\"addsItem\" time=\"1\"/></testsuite>");
        TestResult allure = single(new AllureResultParser(), "{\"name\":\"Adds an item\",\"status\":\"passed\","
                + "\"labels\":[{\"name\":\"testClass\",\"value\":\"com.acme.CartTest\"},{\"name\":\"testMethod\",\"value\":\"addsItem\"}]}");
        assertEquals(junit.identity().testId(SHOP), allure.identity().testId(SHOP));
    }

    @Test
    void readsLowerCaseStatusesLabelsParametersAndTimes() throws IOException {
        TestResult r = single(new AllureResultParser(), "{\"name\":\"pays\",\"fullName\":\"shop.PayTest.pays\",\"status\":\"broken\","
                + "\"historyId\":\"abc\",\"start\":1000,\"stop\":3500,\"statusDetails\":{\"message\":\"NPE\",\"trace\":\"at x\"},"
                + "\"parameters\":[{\"name\":\"card\",\"value\":\"visa\"},{\"name\":\"seed\",\"value\":\"42\",\"excluded\":true}],"
                + "\"labels\":[{\"name\":\"layer\",\"value\":\"API\"},{\"name\":\"tag\",\"value\":\"smoke\"},{\"name\":\"tag\",\"value\":\"pay\"}],"
                + "\"unknownField\":{\"nested\":true}}");
        assertAll(
                () -> assertEquals(Status.ERROR, r.finalAttempt().status()),
                () -> assertEquals(2.5, r.finalAttempt().durationSeconds()),
                () -> assertEquals("NPE", r.finalAttempt().failure().message()),
                () -> assertEquals("shop.PayTest", r.identity().suite()),
                () -> assertEquals("card=visa", r.identity().invocation()),
                () -> assertEquals("abc", r.historyId()),
                () -> assertEquals(Layer.INTEGRATION, r.declaredLayer().layer()),
                () -> assertEquals(LayerSource.ALLURE_LABEL, r.declaredLayer().source()),
                () -> assertEquals(List.of("smoke", "pay"), r.labels().get("tag")));
    }

    @Test
    void anInvalidStatusIsAnUnknownOutcome() throws IOException {
        TestResult r = single(new AllureResultParser(), "{\"name\":\"x\",\"status\":\"some-invalid-string\"}");
        assertEquals(Status.UNKNOWN, r.finalAttempt().status());
    }

    private static List<TestResult> all(String text) throws IOException {
        List<TestResult> out = new ArrayList<>();
        ResultAssembler assembler = new ResultAssembler(UploadMetadata.of(SHOP), out::add);
        new AllureResultParser().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "f", assembler);
        assembler.finish();
        return out;
    }

    @Test
    void readsLooselyTypedResultsAsDatabindDoes() throws IOException {
        TestResult r = single(new AllureResultParser(), "{\"name\":5,\"status\":\"Broken\",\"start\":\"1000\","
                + "\"stop\":3500,\"statusDetails\":{\"message\":true,\"flaky\":\"true\"},"
                + "\"labels\":[{\"name\":\"testClass\",\"value\":7}]}");
        assertAll(
                () -> assertEquals("5", r.identity().name()),
                () -> assertEquals("7", r.identity().suite()),
                () -> assertEquals(Status.ERROR, r.finalAttempt().status()),
                () -> assertEquals(2.5, r.finalAttempt().durationSeconds()),
                () -> assertEquals("true", r.finalAttempt().failure().message()));
    }

    @Test
    void theLastOfRepeatedPropertiesCounts() throws IOException {
        TestResult r = single(new AllureResultParser(), "{\"name\":\"first\",\"status\":\"failed\",\"name\":\"second\","
                + "\"labels\":[{\"name\":\"tag\",\"value\":\"a\"}],\"labels\":[{\"name\":\"tag\",\"value\":\"b\"}],"
                + "\"status\":\"passed\"}");
        assertAll(
                () -> assertEquals("second", r.identity().name()),
                () -> assertEquals(Status.PASSED, r.finalAttempt().status()),
                () -> assertEquals(List.of("b"), r.labels().get("tag")));
    }

    @Test
    void containersAndResultsWithoutStepsOrLabelsAreReadAsWritten() throws IOException {
        assertAll(
                () -> assertEquals(List.of(), all("{\"uuid\":\"c\",\"name\":\"fixture\",\"children\":[\"a\"],\"befores\":[]}")),
                () -> assertEquals(List.of(), all("{\"uuid\":\"c\",\"afters\":\"not even a list\"}")),
                () -> assertEquals("", single(new AllureResultParser(), "{\"uuid\":\"u\",\"labels\":null,\"parameters\":null}")
                        .identity().name()),
                () -> assertEquals(Status.UNKNOWN, single(new AllureResultParser(), "{\"name\":\"n\",\"status\":null}")
                        .finalAttempt().status()));
    }

    @Test
    void refusesWhatDatabindRefusesEvenInPropertiesItDrops() {
        IngestException steps = assertThrows(IngestException.class,
                () -> all("{\"name\":\"n\",\"status\":\"passed\",\"steps\":\"none\"}"));
        IngestException attachment = assertThrows(IngestException.class,
                () -> all("{\"name\":\"n\",\"steps\":[{\"name\":\"s\",\"attachments\":[{\"size\":\"big\"}]}]}"));
        IngestException cut = assertThrows(IngestException.class, () -> all("{\"name\":\"n\",\"status\":"));
        IngestException deep = assertThrows(IngestException.class,
                () -> all("{\"name\":\"n\",\"steps\":" + "[{\"steps\":".repeat(150) + "[]" + "}]".repeat(150) + "}"));
        IngestException other = assertThrows(IngestException.class, () -> all("{\"stats\":{\"passes\":3}}"));
        assertAll(
                () -> assertEquals(IngestException.Reason.MALFORMED, steps.reason()),
                () -> assertTrue(steps.getMessage().contains("not an Allure result"), steps.getMessage()),
                () -> assertEquals(IngestException.Reason.MALFORMED, attachment.reason()),
                () -> assertEquals(IngestException.Reason.MALFORMED, cut.reason()),
                () -> assertTrue(cut.getMessage().contains("not well-formed JSON"), cut.getMessage()),
                () -> assertEquals(IngestException.Reason.MALFORMED, deep.reason()),
                () -> assertEquals(IngestException.Reason.UNSUPPORTED_FORMAT, other.reason()));
    }
}
