package io.testhealth.collector.analysis.pyramid;

import io.testhealth.collector.analysis.PerTestMemo;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.durations.HistoryBuilder;
import io.testhealth.collector.analysis.durations.HistoryBuilder.RunSpec;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.ObservedLayer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.testhealth.collector.analysis.durations.HistoryBuilder.COMPONENT;
import static io.testhealth.collector.analysis.durations.HistoryBuilder.WINDOW;
import static io.testhealth.collector.analysis.durations.HistoryBuilder.test;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class PyramidClassifierTest {

    private static final PyramidMapping MAPPING = new PyramidMapping(Map.of("payments", List.of(
            new PyramidMapping.Rule("com.acme.slow.*", Layer.INTEGRATION),
            new PyramidMapping.Rule("regex:.*/journeys/.*\\.xml", Layer.E2E),
            new PyramidMapping.Rule("com.acme.pure.**", Layer.UNIT))));

    private static Classification classify(TestHistory h) {
        return PyramidClassifier.classify(h, MAPPING, WINDOW);
    }

    private static Classification classify(String suite, RunSpec... runs) {
        return classify(test(suite, "t").runs(runs).build());
    }

    private static void assertVerdict(Layer layer, LayerSource source, Classification c) {
        assertVerdict(layer, source, c, "");
    }

    private static void assertVerdict(Layer layer, LayerSource source, Classification c, String why) {
        assertEquals(layer, c.layer(), () -> "layer of " + c + " " + why);
        assertEquals(source, c.source(), () -> "source of " + c + " " + why);
    }

    private static RunSpec run() {
        return RunSpec.passed(1.0);
    }

    @Test
    void eachSourceClassifiesOnItsOwn() {
        assertAll(
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.CONFIG_MAPPING, classify("com.acme.slow.LedgerTest", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.CONFIG_MAPPING, classify("com.acme.pure.deep.MoneyTest")),
                () -> assertVerdict(Layer.E2E, LayerSource.CONFIG_MAPPING,
                        classify("Checkout", run().reportFile("ui/journeys/results.xml"))),
                () -> assertVerdict(Layer.E2E, LayerSource.UPLOAD, classify("Checkout", run().layer(Layer.E2E, LayerSource.UPLOAD))),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.ALLURE_LABEL,
                        classify("Checkout", run().layer(Layer.INTEGRATION, LayerSource.ALLURE_LABEL))),
                () -> assertVerdict(Layer.UNIT, LayerSource.TEST_PROPERTY,
                        classify("Checkout", run().layer(Layer.UNIT, LayerSource.TEST_PROPERTY))),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.TAG, classify("Checkout", run().label("tag", "slow", "integration"))),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.TAG, classify("Checkout", run().label("marker", "it"))),
                () -> assertVerdict(Layer.E2E, LayerSource.TAG, classify("Checkout", run().label("tags", "smoke, end-to-end"))),
                () -> assertVerdict(Layer.UNIT, LayerSource.TAG, classify("Checkout", run().label("category", "unit"))),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.REPORT_PATH,
                        classify("Checkout", run().layer(Layer.INTEGRATION, LayerSource.REPORT_PATH))),
                () -> assertVerdict(Layer.UNIT, LayerSource.REPORT_PATH,
                        classify("Checkout", run().reportFile("svc/target/surefire-reports/TEST-Checkout.xml"))));
    }

    @Test
    void namingConventionsClassifyWhenNothingStrongerDoes() {
        assertAll(
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.NAMING, classify("com.acme.LedgerIT", run())),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.NAMING, classify("com.acme.LedgerITCase")),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.NAMING, classify("com.acme.LedgerIntegrationTest$WhenEmpty")),
                () -> assertVerdict(Layer.E2E, LayerSource.NAMING, classify("com.acme.CheckoutE2ETest")),
                () -> assertVerdict(Layer.E2E, LayerSource.NAMING, classify("com.acme.shop.e2e.CheckoutTest")),
                () -> assertVerdict(Layer.E2E, LayerSource.NAMING, classify("Checkout", run().reportFile("tests/e2e/junit.xml"))),
                () -> assertVerdict(Layer.E2E, LayerSource.NAMING, classify("checkout.cy.ts")),
                () -> assertVerdict(Layer.E2E, LayerSource.NAMING,
                        classify("checkout.spec.ts", run().label("framework", "playwright"))),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.NAMING, classify("tests.integration.test_orders")));
    }

    @Test
    void aSpecFileWithoutPlaywrightOrCypressIsNoEvidence() {
        Classification c = classify("money.spec.ts", run().label("framework", "jest"));
        assertNull(c.layer(), "Jest and Angular name unit tests *.spec.ts too");
    }

    @Test
    void theTestRunnersDefaultUnitNamesAreUnitByNaming() {
        // Surefire's default includes (Test*, *Test, *Tests, *TestCase, as simple class names), pytest's test_*.py and
        // *_test.py (a classname shows the module without .py), Jest and Vitest's *.test.ts, Go's *_test.go.
        assertAll(
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("com.acme.MoneyTest", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("com.acme.MoneyTests", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("com.acme.TestMoney", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("com.acme.Test_Money", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("com.acme.Test2Phase", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("com.acme.MoneyTestCase", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("com.acme.CheckoutTest$WhenPaying", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("Test", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("tests.test_money", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("tests.money_test", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("tests.test_money.TestRounding", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("src/cart.test.ts", run())),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING,
                        classify("Checkout", run().label("file", "tests/test_cart.py"))),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING,
                        classify("github.com/acme/cart", run().label("file", "internal/cart/cart_test.go"))),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING,
                        classify("cart totals", run().label("file", "src/cart.test.jsx"))),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING,
                        classify("Money", run().label("testClass", "com.acme.MoneyTest"))),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("com.acme.ReportTest", RunSpec.passed(600.0))));
    }

    @Test
    void nearMissesOfTheUnitNamesStayUnknown() {
        assertAll(
                () -> assertEquals(Classification.unknown(test("Checkout", "t").build().testId()), classify("Checkout", run())),
                () -> assertNull(classify("com.acme.Testing", run()).layer(), "Test* needs a word boundary after Test"),
                () -> assertNull(classify("com.acme.Contest", run()).layer(), "*Test is case-sensitive"),
                () -> assertNull(classify("com.acme.LatestNews", run()).layer(), "test inside a word"),
                () -> assertNull(classify("com.acme.MyTestUtils", run()).layer(), "Test in the middle"),
                () -> assertNull(classify("com.test.Checkout", run()).layer(), "a package named test is no class name"),
                () -> assertNull(classify("com.acme.tests.Checkout", run()).layer(), "nor is a package named tests"),
                () -> assertNull(classify("Checkout Tests", run()).layer(), "a title with a space is no class name"),
                () -> assertNull(classify("tests.testing_utils", run()).layer(), "test_ needs the underscore"),
                () -> assertNull(classify("com.acme.MoneySpec", run()).layer(), "*Spec is no default of Surefire"),
                () -> assertNull(classify("Checkout",
                        run().reportFile("build/test-results/test/TEST-com.acme.CheckoutTest.xml")).layer(),
                        "a report file is not a test file"),
                () -> assertNull(classify("Checkout", RunSpec.passed(600.0)).layer(), "duration is never a verdict"));
    }

    @Test
    void theUnitNamesComeAfterEveryOtherSignal() {
        assertAll(
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.NAMING, classify("com.acme.LedgerIT", run())),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.NAMING, classify("com.acme.LedgerIntegrationTest", run())),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.NAMING, classify("com.acme.OrderContractTest", run())),
                () -> assertVerdict(Layer.E2E, LayerSource.NAMING, classify("com.acme.CheckoutE2ETest", run())),
                () -> assertVerdict(Layer.E2E, LayerSource.NAMING, classify("com.acme.shop.e2e.CheckoutTest", run())),
                () -> assertVerdict(Layer.E2E, LayerSource.NAMING,
                        classify("com.acme.CheckoutTest", run().reportFile("tests/e2e/junit.xml"))),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.NAMING,
                        classify("Orders", run().label("file", "tests/integration/test_orders.py"))),
                () -> assertVerdict(Layer.E2E, LayerSource.NAMING,
                        classify("checkout.test.ts", run().label("framework", "playwright"))),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.REPORT_PATH,
                        classify("com.acme.MoneyTest", run().reportFile("svc/target/failsafe-reports/TEST-x.xml"))),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.TAG,
                        classify("com.acme.MoneyTest", run().label("tag", "integration"))),
                () -> assertVerdict(Layer.E2E, LayerSource.UPLOAD,
                        classify("com.acme.MoneyTest", run().layer(Layer.E2E, LayerSource.UPLOAD))),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.CONFIG_MAPPING, classify("com.acme.slow.LedgerTest", run())));
    }

    @Test
    void theStrongerSourceWinsInTheOrderOfTheSpec() {
        assertAll(
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.CONFIG_MAPPING,
                        classify("com.acme.slow.Checkout", run().layer(Layer.E2E, LayerSource.UPLOAD))),
                () -> assertVerdict(Layer.E2E, LayerSource.UPLOAD, classify("Checkout",
                        run().layer(Layer.UNIT, LayerSource.ALLURE_LABEL), run().layer(Layer.E2E, LayerSource.UPLOAD))),
                () -> assertVerdict(Layer.UNIT, LayerSource.ALLURE_LABEL,
                        classify("Checkout", run().layer(Layer.UNIT, LayerSource.ALLURE_LABEL).label("tag", "e2e"))),
                () -> assertVerdict(Layer.E2E, LayerSource.TAG,
                        classify("Checkout", run().layer(Layer.UNIT, LayerSource.REPORT_PATH).label("tag", "e2e"))),
                () -> assertVerdict(Layer.UNIT, LayerSource.REPORT_PATH,
                        classify("com.acme.LedgerIT", run().layer(Layer.UNIT, LayerSource.REPORT_PATH))));
    }

    @Test
    void theStrongestSourceAcrossRecentRunsWinsAndTheNewestBreaksTies() {
        assertAll(
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.UPLOAD, classify("Checkout",
                        run().layer(Layer.INTEGRATION, LayerSource.UPLOAD), run().layer(Layer.UNIT, LayerSource.REPORT_PATH))),
                () -> assertVerdict(Layer.E2E, LayerSource.UPLOAD, classify("Checkout",
                        run().layer(Layer.INTEGRATION, LayerSource.UPLOAD), run().layer(Layer.E2E, LayerSource.UPLOAD))),
                () -> assertVerdict(Layer.UNIT, LayerSource.TEST_PROPERTY, classify("Checkout",
                        run().layer(Layer.INTEGRATION, LayerSource.ALLURE_LABEL), run().layer(Layer.UNIT, LayerSource.TEST_PROPERTY))),
                () -> assertVerdict(Layer.E2E, LayerSource.TAG,
                        classify("Checkout", run().label("tag", "unit", "e2e"))));
    }

    @Test
    void contractTestsAreIntegrationTestsWithAFlag() {
        Classification pactTag = classify("com.acme.OrdersConsumer", run().label("tag", "pact"));
        Classification byName = classify("com.acme.OrderContractTest", run());
        Classification verifier = classify("com.acme.ContractVerifierTest", run().layer(Layer.INTEGRATION, LayerSource.UPLOAD));
        Classification allure = classify("Orders", run().layer(Layer.INTEGRATION, LayerSource.ALLURE_LABEL).label("layer", "contract"));
        assertAll(
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.TAG, pactTag),
                () -> assertTrue(pactTag.contract()),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.NAMING, byName),
                () -> assertTrue(byName.contract()),
                () -> assertTrue(verifier.contract()),
                () -> assertTrue(allure.contract()),
                () -> assertTrue(classify("com.acme.PaymentsPactTest").contract()),
                () -> assertFalse(classify("com.acme.ImpactTest").contract()),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, classify("com.acme.ContractRepositoryTest"),
                        "a domain class called Contract: a unit test by its name, not a contract test"),
                () -> assertFalse(classify("com.acme.ContractTest").contract()));
    }

    @Test
    void anExplicitNonIntegrationLayerDropsTheContractFlag() {
        Classification c = classify("com.acme.pure.OrderContractTest", run().label("tag", "contract"));
        assertVerdict(Layer.UNIT, LayerSource.CONFIG_MAPPING, c);
        assertFalse(c.contract());
    }

    @Test
    void mappingIsPerComponentAndRejectsBadPatterns() {
        TestHistory elsewhere = test("com.acme.slow.LedgerTest", "t").in("component:default/billing").runs(run()).build();
        assertAll(
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, PyramidClassifier.classify(elsewhere, MAPPING, WINDOW)),
                () -> assertEquals(3, MAPPING.rulesFor(COMPONENT).size()),
                () -> assertThrows(IllegalArgumentException.class, () -> new PyramidMapping.Rule("regex:(", Layer.UNIT)));
    }

    @Test
    void runsOutsideTheWindowDoNotDeclareAnything() {
        TestHistory h = test("Checkout", "t").runs(run().layer(Layer.E2E, LayerSource.UPLOAD)).build();
        var later = new io.testhealth.collector.analysis.durations.TimeWindow(HistoryBuilder.T0.plusSeconds(3600),
                HistoryBuilder.T0.plusSeconds(7200));
        assertNull(PyramidClassifier.classify(h, MAPPING, later).layer());
    }

    /** A run whose test span showed {@code layer} ({@code unit}, {@code integration}, {@code e2e}, {@code unknown}). */
    private static RunSpec seen(String layer) {
        return run().label(ObservedLayer.LAYER_LABEL, layer);
    }

    @Test
    void whatTheSpansShowClassifiesATestNothingDeclares() {
        // "Checkout" is no runner's default name, so only the spans can place it
        Classification c = classify("Checkout", seen("integration").label(ObservedLayer.EVIDENCE_LABEL, "database postgresql"));
        assertVerdict(Layer.INTEGRATION, LayerSource.TRACE, c);
        assertEquals(Layer.INTEGRATION, c.observed());
        assertFalse(c.layerDisagrees(), "the observed layer is the one used: nothing to disagree with");
    }

    @Test
    void theHeaviestLayerTheSpansShowedWins() {
        // oldest first: unit, e2e (called a deployed service), integration, unit: e2e is the heaviest of them
        assertAll(
                () -> assertVerdict(Layer.E2E, LayerSource.TRACE,
                        classify("Checkout", seen("unit"), seen("e2e"), seen("integration"), seen("unit"))),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.TRACE,
                        classify("Checkout", seen("integration"), seen("unit"))),
                () -> assertVerdict(Layer.UNIT, LayerSource.TRACE, classify("Checkout", seen("unit"), seen("unknown")),
                        "unknown is no evidence, so it never outweighs unit"),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.TRACE,
                        classify("Checkout", seen("integration"), run()), "a run from a report shows nothing"));
    }

    @Test
    void anUnknownObservationLeavesTheTestUnknown() {
        Classification c = classify("Checkout", seen("unknown"), seen("unknown"));
        assertAll(
                () -> assertNull(c.layer()),
                () -> assertNull(c.source()),
                () -> assertNull(c.observed()),
                () -> assertNull(classify("Checkout", run().label(ObservedLayer.LAYER_LABEL, "sideways")).layer(),
                        "a value that names no observed layer is no evidence either"));
    }

    @Test
    void aDeclaredLayerWinsOverTheObservedOneAndTheyAreSaidToDisagree() {
        // unit by naming (*Test), but its spans queried a database: integration
        Classification named = classify("com.acme.CartTest", seen("integration"));
        // the upload says e2e, the spans show e2e: they agree
        Classification agreeing = classify("Checkout", seen("e2e").layer(Layer.E2E, LayerSource.UPLOAD));
        // a tag says integration; the spans, with instrumentation on, saw no I/O at all
        Classification tagged = classify("Checkout", seen("unit").label("tag", "integration"));
        // the mapping says integration; the spans showed unknown, which contradicts nothing
        Classification mapped = classify("com.acme.slow.Ledger", seen("unknown"));
        assertAll(
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, named),
                () -> assertEquals(Layer.INTEGRATION, named.observed()),
                () -> assertTrue(named.layerDisagrees()),
                () -> assertVerdict(Layer.E2E, LayerSource.UPLOAD, agreeing),
                () -> assertFalse(agreeing.layerDisagrees()),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.TAG, tagged),
                () -> assertEquals(Layer.UNIT, tagged.observed()),
                () -> assertTrue(tagged.layerDisagrees()),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.CONFIG_MAPPING, mapped),
                () -> assertNull(mapped.observed()),
                () -> assertFalse(mapped.layerDisagrees()));
    }

    @Test
    void runsOutsideTheWindowObserveNothing() {
        TestHistory h = test("Checkout", "t").runs(seen("e2e")).build();
        var later = new io.testhealth.collector.analysis.durations.TimeWindow(HistoryBuilder.T0.plusSeconds(3600),
                HistoryBuilder.T0.plusSeconds(7200));
        Classification c = PyramidClassifier.classify(h, MAPPING, later);
        assertNull(c.layer());
        assertNull(c.observed());
    }

    @Test
    void newRunsRepeatingATestsEvidenceKeepItsLayerWithoutJudgingAndNewEvidenceIsJudged() {
        PerTestMemo<Classification> memo = new PerTestMemo<>();
        Map<String, Classification> first = PyramidClassifier.classifyAll(List.of(
                test("com.acme.CartTest", "a").runs(run(), run()).build(),
                test("Checkout", "b").runs(run(), run()).build(),
                test("Checkout", "c").runs(run(), run()).build(),
                test("PaymentSuite", "d").in(SHOP).runs(allureResult("0a1b2c3d"), allureResult("4e5f6a7b")).build(),
                test("com.acme.LedgerIT", "e").in(SHOP).runs(run().reportFile("reports/TEST-build-001.xml"),
                        run().reportFile("reports/TEST-build-002.xml")).build()),
                MAPPING, WINDOW, memo);
        // the same tests read again with one run more (new history objects, as after an upload): a's new run says
        // what its others said; b's carries a tag; c's came from a Failsafe report
        List<TestHistory> after = List.of(
                test("com.acme.CartTest", "a").runs(run(), run(), run()).build(),
                test("Checkout", "b").runs(run(), run(), run().label("tag", "integration")).build(),
                test("Checkout", "c").runs(run(), run(), run().reportFile("target/failsafe-reports/TEST-Checkout.xml"))
                        .build(),
                // Allure names each result anew: d's third run says what its others said (shop, d's and e's
                // component, has no mapping rules, which could read a file's name)
                test("PaymentSuite", "d").in(SHOP)
                        .runs(allureResult("0a1b2c3d"), allureResult("4e5f6a7b"), allureResult("8c9d0e1f")).build(),
                // a report named per build says what the last one said
                test("com.acme.LedgerIT", "e").in(SHOP).runs(run().reportFile("reports/TEST-build-001.xml"),
                        run().reportFile("reports/TEST-build-002.xml"), run().reportFile("reports/TEST-build-003.xml"))
                        .build());
        Map<String, Classification> second = PyramidClassifier.classifyAll(after, MAPPING, WINDOW, memo);
        String a = COMPONENT + "/com.acme.CartTest/a";
        String b = COMPONENT + "/Checkout/b";
        String c = COMPONENT + "/Checkout/c";
        assertAll(
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, first.get(a)),
                () -> assertNull(first.get(b).layer()),
                () -> assertNull(first.get(c).layer()),
                () -> assertVerdict(Layer.UNIT, LayerSource.NAMING, second.get(a)),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.TAG, second.get(b)),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.REPORT_PATH, second.get(c)),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.TAG, second.get(SHOP + "/PaymentSuite/d")),
                () -> assertVerdict(Layer.INTEGRATION, LayerSource.NAMING, second.get(SHOP + "/com.acme.LedgerIT/e")),
                // judged: the five tests, then b and c again; a's, d's and e's layers were taken from the first time
                () -> assertEquals(7, memo.worked(), "classifications judged"),
                () -> assertEquals(3, memo.reused(), "classifications reused"),
                () -> assertEquals(after.stream().map(PyramidClassifierTest::classify).toList(),
                        List.copyOf(second.values()), "the same as classifying each test afresh"));
    }

    private static final String SHOP = "component:default/shop";

    /** A run as Allure reports it: its result file named after a UUID, its layer in a tag. */
    private static RunSpec allureResult(String uuidStart) {
        return run().reportFile("allure-results/" + uuidStart + "-1c2b-4f6e-9a7d-0b1c2d3e4f5a-result.json")
                .label("tag", "integration");
    }

    @Test
    void theGeneratedNameOfAnAllureResultFileSaysNothingOfTheLayer() {
        // Allure names each result file after a random UUID, which is hexadecimal and so may hold "e2e"
        String uuidWithE2e = "allure-results/3fa2e2e0-1c2b-4f6e-9a7d-0b1c2d3e4f5a-result.json";
        assertAll(
                () -> assertNull(classify("Checkout", run().reportFile(uuidWithE2e)).layer()),
                () -> assertNull(classify("Checkout", run().label("suite", "shop"), run().reportFile(uuidWithE2e)).layer()),
                // the folders it sits in still count
                () -> assertVerdict(Layer.E2E, LayerSource.NAMING,
                        classify("Checkout", run().reportFile("e2e/allure-results/0b1c2d3e-1c2b-4f6e-9a7d-3fa2a2e0f5a1-result.json"))));
    }
}
