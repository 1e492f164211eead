package io.testhealth.collector.ingest.allure;

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
}
