package io.testhealth.collector.analysis.pyramid;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.analysis.durations.JobWallTimes;
import io.testhealth.collector.analysis.durations.Percentiles;
import io.testhealth.collector.analysis.durations.TimeWindow;
import io.testhealth.collector.analysis.pyramid.E2eSuiteJudgement.Check;
import io.testhealth.collector.analysis.pyramid.E2eSuiteJudgement.Verdict;
import io.testhealth.collector.model.Layer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The shape of a component's (or a team's) tests against a target {@link PyramidProfile}.
 *
 * <p><b>Shares.</b> For each layer and for {@code unknown}: the share of tests, of test runs and of test time (cost)
 * in the window. Unknown is always shown, because hiding it would make an unclassified suite look like a perfect one.
 *
 * <p><b>Classified shares.</b> The "ordered" check and top-heaviness look only at classified tests, since the layer of
 * an unknown test is exactly what we do not know; {@link #classificationCoverage()} says how much that leaves out.
 *
 * <p><b>Ordered</b>: unit ≥ integration ≥ e2e by test count, the pyramid's defining property.
 *
 * <p><b>Top-heaviness</b> {@code TH = max(0, e − te) + max(0, (e + i) − (te + ti))} with classified shares u, i, e and
 * targets tu, ti, te: how much of the suite sits above where the profile wants it. The first term is the excess at the
 * top layer, the second the excess in the top two layers together, so an e2e-heavy suite counts twice and an
 * integration-heavy one once. 0 means no heavier at the top than the target; 50/30/20 against 70/20/10 gives 0.30.
 *
 * <p><b>E2e suite.</b> Its number of tests, its share of classified tests and, when wall times are passed in, the
 * median wall time of e2e job runs, by the one rule of {@link E2eJobRuns} that the scorecard's E2E duration check
 * uses too: job runs in which every test that ran is e2e (a job mixing layers, or running a test of unknown layer, has
 * no "e2e wall time"). See {@link E2eSuiteJudgement}.
 *
 * <p><b>Teams.</b> {@link #pooled} pools the tests of several components and computes the same numbers over them, so a
 * team's shape is the shape of all its tests, not an average of averages.
 *
 * @param scope                  the component, or the team for a pooled shape
 * @param components             the components whose tests are counted
 * @param profile                the target
 * @param tests                  all tests
 * @param unit                   unit tests
 * @param integration            integration tests, contract tests included
 * @param e2e                    e2e tests
 * @param unknown                tests nothing classified
 * @param contractTests          contract tests, counted inside integration
 * @param classificationCoverage share of tests with a known layer (0 without tests)
 * @param classified             unit/integration/e2e shares over classified tests, or {@code null} when none is
 * @param ordered                unit ≥ integration ≥ e2e by classified test count, or {@code null} when none is
 *                               classified
 * @param topHeaviness           TH over classified shares, or {@code null} when none is classified
 * @param e2eSuite               the e2e suite judgement
 */
public record PyramidShape(String scope, List<String> components, PyramidProfile profile, int tests, LayerShare unit,
                           LayerShare integration, LayerShare e2e, LayerShare unknown, int contractTests,
                           double classificationCoverage, ClassifiedShares classified, Boolean ordered,
                           Double topHeaviness, E2eSuiteJudgement e2eSuite) {

    public PyramidShape {
        components = List.copyOf(components);
    }

    /**
     * Shares of classified tests by layer.
     *
     * @param unit        unit share
     * @param integration integration share
     * @param e2e         e2e share
     */
    public record ClassifiedShares(double unit, double integration, double e2e) {
    }

    /** The shape of one component, with the default e2e targets. */
    public static PyramidShape of(PyramidInput input, PyramidProfile profile, TimeWindow window, JobWallTimes wallTimes) {
        return compute(input.component(), List.of(input), profile, window, wallTimes, E2eTargets.DEFAULTS);
    }

    /** The shape of one component against the given e2e targets. */
    public static PyramidShape of(PyramidInput input, PyramidProfile profile, TimeWindow window, JobWallTimes wallTimes,
                                  E2eTargets targets) {
        return compute(input.component(), List.of(input), profile, window, wallTimes, targets);
    }

    /** The shape of a team: the tests of all its components pooled, with the default e2e targets. */
    public static PyramidShape pooled(String team, List<PyramidInput> components, PyramidProfile profile,
                                      TimeWindow window, JobWallTimes wallTimes) {
        return compute(team, components, profile, window, wallTimes, E2eTargets.DEFAULTS);
    }

    /**
     * Top-heaviness of classified shares against a profile: {@code max(0, e − te) + max(0, (e + i) − (te + ti))}.
     */
    public static double topHeaviness(double integration, double e2e, PyramidProfile target) {
        return Math.max(0, e2e - target.e2e()) + Math.max(0, (e2e + integration) - (target.e2e() + target.integration()));
    }

    private static PyramidShape compute(String scope, List<PyramidInput> inputs, PyramidProfile profile,
                                        TimeWindow window, JobWallTimes wallTimes, E2eTargets targets) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(wallTimes, "wallTimes");
        Map<Layer, Tally> tallies = new EnumMap<>(Layer.class);
        for (Layer l : Layer.values()) {
            tallies.put(l, new Tally());
        }
        Tally unknown = new Tally();
        Tally all = new Tally();
        int contract = 0;
        List<String> components = new ArrayList<>();
        for (PyramidInput input : inputs) {
            components.add(input.component());
            for (TestHistory h : input.histories()) {
                if (!window.ran(h)) {
                    continue;
                }
                Classification c = input.classifications().get(h.testId());
                Layer layer = c == null ? null : c.layer();
                if (c != null && c.contract()) {
                    contract++;
                }
                Tally t = layer == null ? unknown : tallies.get(layer);
                t.tests++;
                all.tests++;
                for (TestRunFact f : h.runs()) {
                    if (!f.counts() || !window.contains(f.job().startedAt())) {
                        continue;
                    }
                    t.runs++;
                    all.runs++;
                    if (f.costSeconds() != null && Double.isFinite(f.costSeconds()) && f.costSeconds() >= 0) {
                        t.seconds += f.costSeconds();
                        all.seconds += f.costSeconds();
                    }
                }
            }
        }
        int classifiedTests = all.tests - unknown.tests;
        ClassifiedShares classified = null;
        Boolean ordered = null;
        Double th = null;
        if (classifiedTests > 0) {
            int u = tallies.get(Layer.UNIT).tests;
            int i = tallies.get(Layer.INTEGRATION).tests;
            int e = tallies.get(Layer.E2E).tests;
            classified = new ClassifiedShares((double) u / classifiedTests, (double) i / classifiedTests,
                    (double) e / classifiedTests);
            ordered = u >= i && i >= e;
            th = topHeaviness(classified.integration(), classified.e2e(), profile);
        }
        List<Double> e2eWalls = new ArrayList<>();
        for (PyramidInput input : inputs) {
            for (String run : E2eJobRuns.of(input.histories(), input.classifications(), window)) {
                wallTimes.of(run).ifPresent(e2eWalls::add);
            }
        }
        E2eSuiteJudgement judgement = judge(tallies.get(Layer.E2E).tests, classified, profile, targets,
                Percentiles.p50(e2eWalls), e2eWalls.size());
        return new PyramidShape(scope, components, profile, all.tests, tallies.get(Layer.UNIT).share(all),
                tallies.get(Layer.INTEGRATION).share(all), tallies.get(Layer.E2E).share(all), unknown.share(all),
                contract, all.tests == 0 ? 0 : (double) classifiedTests / all.tests, classified, ordered, th, judgement);
    }

    private static E2eSuiteJudgement judge(int e2eTests, ClassifiedShares classified, PyramidProfile profile,
                                           E2eTargets targets, OptionalDouble p50Wall, int wallSamples) {
        Check count;
        Check share;
        if (profile.e2e() == 0) {
            count = e2eTests == 0
                    ? new Check(Verdict.PASS, "No e2e tests, as the " + profile.name() + " profile expects.")
                    : new Check(Verdict.WARN, e2eTests + " e2e tests, but the " + profile.name()
                    + " profile expects none: check whether they belong to another component.");
            share = classified == null
                    ? new Check(Verdict.INSUFFICIENT_DATA, "No classified tests to take an e2e share of.")
                    : count;
        } else {
            if (e2eTests < targets.minTests()) {
                count = new Check(Verdict.WARN, e2eTests + " e2e tests: fewer than " + targets.minTests()
                        + " leaves critical user journeys untested end to end.");
            } else if (e2eTests > targets.maxTests()) {
                count = new Check(Verdict.WARN, e2eTests + " e2e tests: more than " + targets.maxTests()
                        + " critical journeys makes the suite slow and flaky; cover the rest lower in the pyramid.");
            } else {
                count = new Check(Verdict.PASS, e2eTests + " e2e tests, within " + targets.minTests() + "–"
                        + targets.maxTests() + " critical journeys.");
            }
            if (classified == null) {
                share = new Check(Verdict.INSUFFICIENT_DATA, "No classified tests to take an e2e share of.");
            } else {
                String pct = percent(classified.e2e());
                String range = percent(targets.minShare()) + "–" + percent(targets.maxShare());
                if (classified.e2e() < targets.minShare()) {
                    share = new Check(Verdict.WARN, "E2e tests are " + pct + " of classified tests, below " + range + ".");
                } else if (classified.e2e() > targets.maxShare()) {
                    share = new Check(Verdict.WARN, "E2e tests are " + pct + " of classified tests, above " + range
                            + ": the pyramid is heavy at the top.");
                } else {
                    share = new Check(Verdict.PASS, "E2e tests are " + pct + " of classified tests, within " + range + ".");
                }
            }
        }
        Check wall;
        Double p50 = p50Wall.isPresent() ? p50Wall.getAsDouble() : null;
        double limitMinutes = targets.maxP50WallSeconds() / 60;
        if (p50 == null) {
            wall = new Check(Verdict.INSUFFICIENT_DATA, "Wall time is known for " + wallSamples
                    + " e2e job runs; a median needs " + Percentiles.P50_MIN_SAMPLES + ".");
        } else if (p50 <= targets.maxP50WallSeconds()) {
            wall = new Check(Verdict.PASS, String.format(Locale.ROOT,
                    "E2e jobs take %.1f min at the median, within %.0f min.", p50 / 60, limitMinutes));
        } else {
            wall = new Check(Verdict.WARN, String.format(Locale.ROOT,
                    "E2e jobs take %.1f min at the median, over %.0f min: nobody waits for that before merging.",
                    p50 / 60, limitMinutes));
        }
        return new E2eSuiteJudgement(e2eTests, count, share, p50, wall);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static final class Tally {
        int tests;
        int runs;
        double seconds;

        LayerShare share(Tally all) {
            return new LayerShare(tests, all.tests == 0 ? 0 : (double) tests / all.tests,
                    all.runs == 0 ? 0 : (double) runs / all.runs, all.seconds == 0 ? 0 : seconds / all.seconds);
        }
    }
}
