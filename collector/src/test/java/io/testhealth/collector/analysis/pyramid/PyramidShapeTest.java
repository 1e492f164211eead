package io.testhealth.collector.analysis.pyramid;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.durations.HistoryBuilder.RunSpec;
import io.testhealth.collector.analysis.durations.JobWallTimes;
import io.testhealth.collector.analysis.pyramid.E2eSuiteJudgement.Verdict;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.testhealth.collector.analysis.durations.HistoryBuilder.WINDOW;
import static io.testhealth.collector.analysis.durations.HistoryBuilder.test;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class PyramidShapeTest {

    private static final double EPS = 1e-9;

    /** A component with the given number of tests per layer, each test run once in its layer's job at 1 s. */
    private static PyramidInput component(String name, int unit, int integration, int e2e, int unknown) {
        List<TestHistory> tests = new ArrayList<>();
        add(tests, name, "Unit", unit, Layer.UNIT);
        add(tests, name, "Integration", integration, Layer.INTEGRATION);
        add(tests, name, "E2e", e2e, Layer.E2E);
        add(tests, name, "Unknown", unknown, null);
        return new PyramidInput("component:default/" + name, tests,
                PyramidClassifier.classifyAll(tests, PyramidMapping.none(), WINDOW));
    }

    private static void add(List<TestHistory> tests, String component, String suite, int n, Layer layer) {
        for (int k = 0; k < n; k++) {
            RunSpec run = RunSpec.passed(1.0).runId(component + "-" + suite);
            if (layer != null) {
                run = run.layer(layer, LayerSource.UPLOAD);
            }
            tests.add(test(suite, "t" + k).in("component:default/" + component).runs(run).build());
        }
    }

    private static PyramidShape shape(PyramidInput input, PyramidProfile profile) {
        return PyramidShape.of(input, profile, WINDOW, JobWallTimes.unknown());
    }

    @Test
    void topHeavinessOfTheSpecExampleIsPointThree() {
        assertAll(
                () -> assertEquals(0.30, PyramidShape.topHeaviness(0.30, 0.20, PyramidProfile.DEFAULT), EPS),
                () -> assertEquals(0.30, shape(component("shop", 50, 30, 20, 0), PyramidProfile.DEFAULT).topHeaviness(), EPS),
                () -> assertEquals(0.0, PyramidShape.topHeaviness(0.20, 0.10, PyramidProfile.DEFAULT), EPS, "on target"),
                () -> assertEquals(0.0, PyramidShape.topHeaviness(0.05, 0.0, PyramidProfile.DEFAULT), EPS, "bottom-heavy"),
                () -> assertEquals(0.0, PyramidShape.topHeaviness(0.30, 0.0, PyramidProfile.DEFAULT), EPS, "missing e2e absorbs extra integration"),
                () -> assertEquals(0.10, PyramidShape.topHeaviness(0.40, 0.0, PyramidProfile.DEFAULT), EPS, "integration excess counts once"));
    }

    @Test
    void sharesCoverEveryLayerAndShowUnknown() {
        PyramidShape s = shape(component("shop", 6, 2, 1, 1), PyramidProfile.DEFAULT);
        assertAll(
                () -> assertEquals(10, s.tests()),
                () -> assertEquals(new LayerShare(6, 0.6, 0.6, 0.6), s.unit()),
                () -> assertEquals(new LayerShare(2, 0.2, 0.2, 0.2), s.integration()),
                () -> assertEquals(new LayerShare(1, 0.1, 0.1, 0.1), s.e2e()),
                () -> assertEquals(new LayerShare(1, 0.1, 0.1, 0.1), s.unknown()),
                () -> assertEquals(0.9, s.classificationCoverage(), EPS),
                () -> assertEquals(6.0 / 9, s.classified().unit(), EPS, "classified shares leave unknown out"),
                () -> assertEquals(1.0 / 9, s.classified().e2e(), EPS));
    }

    @Test
    void runAndTimeSharesWeighTestsByWhatTheyCost() {
        TestHistory unit = test("U", "u").runs(RunSpec.passed(1.0).layer(Layer.UNIT, LayerSource.UPLOAD),
                RunSpec.passed(1.0).layer(Layer.UNIT, LayerSource.UPLOAD),
                RunSpec.passed(1.0).layer(Layer.UNIT, LayerSource.UPLOAD).outcome(io.testhealth.collector.model.Outcome.SKIPPED)).build();
        TestHistory e2e = test("E", "e").runs(RunSpec.passed(18.0).layer(Layer.E2E, LayerSource.UPLOAD)).build();
        List<TestHistory> tests = List.of(unit, e2e);
        PyramidShape s = shape(new PyramidInput("shop", tests,
                PyramidClassifier.classifyAll(tests, PyramidMapping.none(), WINDOW)), PyramidProfile.DEFAULT);
        assertAll(
                () -> assertEquals(0.5, s.unit().share(), EPS),
                () -> assertEquals(2.0 / 3, s.unit().runShare(), EPS, "the skipped run does not count"),
                () -> assertEquals(0.1, s.unit().timeShare(), EPS),
                () -> assertEquals(0.9, s.e2e().timeShare(), EPS));
    }

    @Test
    void aTestThatWasOnlySkippedIsNotPartOfThePyramid() {
        TestHistory ran = test("U", "ran").runs(RunSpec.passed(1.0).layer(Layer.UNIT, LayerSource.UPLOAD)).build();
        TestHistory skipped = test("E", "skipped").runs(RunSpec.passed(5.0).layer(Layer.E2E, LayerSource.UPLOAD)
                .outcome(io.testhealth.collector.model.Outcome.SKIPPED)).build();
        List<TestHistory> tests = List.of(ran, skipped);
        PyramidShape s = shape(new PyramidInput("shop", tests,
                PyramidClassifier.classifyAll(tests, PyramidMapping.none(), WINDOW)), PyramidProfile.DEFAULT);
        assertAll(
                () -> assertEquals(1, s.tests(), "the scorecard's tests run: the skipped one is not among them"),
                () -> assertEquals(1.0, s.unit().share(), EPS),
                () -> assertEquals(0, s.e2e().tests()));
    }

    @Test
    void orderedMeansUnitAtLeastIntegrationAtLeastE2e() {
        assertAll(
                () -> assertTrue(shape(component("a", 7, 2, 1, 0), PyramidProfile.DEFAULT).ordered()),
                () -> assertTrue(shape(component("b", 3, 3, 3, 0), PyramidProfile.DEFAULT).ordered(), "equal counts are ordered"),
                () -> assertFalse(shape(component("c", 5, 6, 1, 0), PyramidProfile.DEFAULT).ordered()),
                () -> assertFalse(shape(component("d", 5, 1, 2, 0), PyramidProfile.DEFAULT).ordered(), "an ice-cream cone tip"),
                () -> assertTrue(shape(component("e", 5, 1, 0, 50), PyramidProfile.DEFAULT).ordered(), "unknown tests are not counted"));
    }

    @Test
    void withoutClassifiedTestsThereIsNoShapeToJudge() {
        PyramidShape s = shape(component("x", 0, 0, 0, 4), PyramidProfile.DEFAULT);
        assertAll(
                () -> assertEquals(0.0, s.classificationCoverage()),
                () -> assertNull(s.classified()),
                () -> assertNull(s.ordered()),
                () -> assertNull(s.topHeaviness()),
                () -> assertEquals(Verdict.INSUFFICIENT_DATA, s.e2eSuite().share().verdict()));
    }

    @Test
    void contractTestsAreCountedInsideIntegration() {
        TestHistory pact = test("com.acme.OrdersPactTest", "t").runs(RunSpec.passed(1.0)).build();
        TestHistory it = test("com.acme.LedgerIT", "t").runs(RunSpec.passed(1.0)).build();
        List<TestHistory> tests = List.of(pact, it);
        PyramidShape s = shape(new PyramidInput("shop", tests,
                PyramidClassifier.classifyAll(tests, PyramidMapping.none(), WINDOW)), PyramidProfile.DEFAULT);
        assertAll(
                () -> assertEquals(2, s.integration().tests()),
                () -> assertEquals(1, s.contractTests()));
    }

    @Test
    void e2eSuiteIsJudgedBySizeShareAndWallTime() {
        PyramidShape healthy = shape(component("a", 70, 20, 10, 0), PyramidProfile.DEFAULT);
        PyramidShape tooFew = shape(component("b", 70, 20, 2, 0), PyramidProfile.DEFAULT);
        PyramidShape tooMany = shape(component("c", 100, 60, 40, 0), PyramidProfile.DEFAULT);
        assertAll(
                () -> assertEquals(Verdict.PASS, healthy.e2eSuite().testCount().verdict()),
                () -> assertEquals(Verdict.PASS, healthy.e2eSuite().share().verdict()),
                () -> assertEquals(Verdict.INSUFFICIENT_DATA, healthy.e2eSuite().wallTime().verdict(), "no wall times passed"),
                () -> assertEquals(Verdict.WARN, tooFew.e2eSuite().testCount().verdict()),
                () -> assertTrue(tooFew.e2eSuite().testCount().sentence().startsWith("2 e2e tests")),
                () -> assertEquals(Verdict.WARN, tooFew.e2eSuite().share().verdict()),
                () -> assertEquals(Verdict.WARN, tooMany.e2eSuite().testCount().verdict()),
                () -> assertEquals(Verdict.WARN, tooMany.e2eSuite().share().verdict()));
    }

    @Test
    void e2eWallTimeIsTheMedianOverJobsRunningOnlyE2eTests() {
        List<TestHistory> tests = new ArrayList<>();
        Map<String, Double> walls = new HashMap<>();
        for (int job = 0; job < 5; job++) {
            String runId = "e2e-" + job;
            tests.add(test("E2e", "journey" + job).runs(RunSpec.passed(60.0).runId(runId).layer(Layer.E2E, LayerSource.UPLOAD)).build());
            walls.put(runId, 60.0 * (20 + 5 * job));
        }
        tests.add(test("Unit", "u").runs(RunSpec.passed(1.0).runId("mixed").layer(Layer.UNIT, LayerSource.UPLOAD)).build());
        tests.add(test("E2e", "mixed").runs(RunSpec.passed(1.0).runId("mixed").layer(Layer.E2E, LayerSource.UPLOAD)).build());
        walls.put("mixed", 99_999.0);
        PyramidInput input = new PyramidInput("shop", tests, PyramidClassifier.classifyAll(tests, PyramidMapping.none(), WINDOW));
        PyramidShape fast = PyramidShape.of(input, PyramidProfile.DEFAULT, WINDOW, new JobWallTimes(walls));
        PyramidShape slow = PyramidShape.of(input, PyramidProfile.DEFAULT, WINDOW, new JobWallTimes(walls),
                new E2eTargets(5, 20, 0.05, 0.10, 25 * 60));
        assertAll(
                () -> assertEquals(30 * 60.0, fast.e2eSuite().p50WallSeconds(), "median of 20..40 min; the mixed job is left out"),
                () -> assertEquals(Verdict.PASS, fast.e2eSuite().wallTime().verdict()),
                () -> assertEquals(Verdict.WARN, slow.e2eSuite().wallTime().verdict()));
    }

    @Test
    void aLibraryExpectsNoE2eSuite() {
        PyramidShape lib = shape(component("lib", 90, 10, 0, 0), PyramidProfile.LIBRARY);
        assertAll(
                () -> assertEquals(0.0, lib.topHeaviness(), EPS),
                () -> assertEquals(Verdict.PASS, lib.e2eSuite().testCount().verdict()),
                () -> assertEquals(Verdict.WARN, shape(component("lib2", 90, 10, 1, 0), PyramidProfile.LIBRARY)
                        .e2eSuite().testCount().verdict()));
    }

    @Test
    void aTeamPoolsTheTestsOfItsComponents() {
        PyramidInput api = component("api", 90, 10, 0, 0);
        PyramidInput web = component("web", 10, 10, 20, 10);
        PyramidShape team = PyramidShape.pooled("team-shop", List.of(api, web), PyramidProfile.DEFAULT, WINDOW,
                JobWallTimes.unknown());
        assertAll(
                () -> assertEquals(List.of("component:default/api", "component:default/web"), team.components()),
                () -> assertEquals(150, team.tests()),
                () -> assertEquals(100, team.unit().tests()),
                () -> assertEquals(20, team.integration().tests()),
                () -> assertEquals(20, team.e2e().tests()),
                () -> assertEquals(10, team.unknown().tests()),
                () -> assertEquals(140.0 / 150, team.classificationCoverage(), EPS),
                () -> assertTrue(team.ordered()),
                () -> assertEquals(PyramidShape.topHeaviness(20.0 / 140, 20.0 / 140, PyramidProfile.DEFAULT),
                        team.topHeaviness(), EPS, "over pooled tests, not an average of the components"));
    }

    @Test
    void profilesAddUpToOneAndTheBuiltInsAreFoundByName() {
        assertAll(
                () -> assertEquals(PyramidProfile.UI_APPLICATION, PyramidProfile.builtIn("UI-Application").orElseThrow()),
                () -> assertEquals(0.9, PyramidProfile.builtIn("library").orElseThrow().unit(), EPS),
                () -> assertTrue(PyramidProfile.builtIn("pyramid").isEmpty()),
                () -> assertThrows(IllegalArgumentException.class, () -> new PyramidProfile("bad", 0.5, 0.5, 0.5)));
    }
}
