package io.testhealth.collector.scorecards;

import io.micronaut.core.annotation.Nullable;
import io.testhealth.collector.scorecards.HealthReport.TestRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What changed in a component's report between the report an upload found when it arrived and the report that
 * covers it: grade and level, and the tests whose verdict moved. Tests are compared by id; a test absent before
 * (its first run) counts as having had no verdict.
 *
 * <p>Under concurrent uploads to one component, "after" may also cover uploads committed at the same time, and
 * "before" is the report as it stood when this upload arrived.
 *
 * @param component   full reference
 * @param updated     whether the report covers the upload; {@code false} when its analysis failed (see
 *                    {@code failure}), and the last good report stays
 * @param failure     why the analysis failed, or {@code null}
 * @param before      grade and level before, or {@code null} when the component had no report
 * @param after       grade and level after, or {@code null} when the analysis failed before any report existed
 * @param becameFlaky tests that are flaky now and were not
 * @param becameBroken tests that are broken now and were not
 * @param becameFixed tests that were flaky or broken and are fixed or healthy now
 */
public record ReportChange(String component, boolean updated, @Nullable AnalysisFailure failure,
                           @Nullable Grading before, @Nullable Grading after, Tests becameFlaky, Tests becameBroken,
                           Tests becameFixed) {

    /** Most tests listed per change; the count says how many there are. */
    public static final int MAX_TESTS_LISTED = 20;

    private static final Set<String> TROUBLE = Set.of("flaky", "broken");
    private static final Set<String> RECOVERED = Set.of("fixed", "healthy");

    /** A scorecard's grade ({@code A}-{@code F}, {@code -} without data) and level ({@code none}, {@code Bronze}...). */
    public record Grading(String grade, String level) {
        static Grading of(HealthReport r) {
            return new Grading(r.scorecard().grade(), r.scorecard().level());
        }
    }

    /** Some tests: how many, and the first {@link #MAX_TESTS_LISTED} by impact. */
    public record Tests(int count, List<TestRef> tests) {
        static final Tests NONE = new Tests(0, List.of());
    }

    /** One test by id, suite and name. */
    public record TestRef(String testId, String suite, String name) {
    }

    /** The change from {@code before} to {@code after}, which covers the upload. */
    static ReportChange between(String component, Optional<HealthReport> before, HealthReport after) {
        Map<String, String> was = new HashMap<>();
        before.ifPresent(b -> b.tests().forEach(t -> was.put(t.testId(), t.state())));
        List<TestRow> flaky = new ArrayList<>();
        List<TestRow> broken = new ArrayList<>();
        List<TestRow> fixed = new ArrayList<>();
        for (TestRow t : after.tests()) { // in impact order, so the capped lists show the costliest first
            String previous = was.get(t.testId());
            if (t.state().equals("flaky") && !"flaky".equals(previous)) {
                flaky.add(t);
            } else if (t.state().equals("broken") && !"broken".equals(previous)) {
                broken.add(t);
            } else if (RECOVERED.contains(t.state()) && previous != null && TROUBLE.contains(previous)) {
                fixed.add(t);
            }
        }
        return new ReportChange(component, true, null, before.map(Grading::of).orElse(null), Grading.of(after),
                tests(flaky), tests(broken), tests(fixed));
    }

    /** The answer when the analysis failed: "after" is the last good report, which is still served. */
    static ReportChange failed(String component, Optional<HealthReport> before, Optional<HealthReport> lastGood,
                               AnalysisFailure failure) {
        return new ReportChange(component, false, failure, before.map(Grading::of).orElse(null),
                lastGood.map(Grading::of).orElse(null), Tests.NONE, Tests.NONE, Tests.NONE);
    }

    private static Tests tests(List<TestRow> rows) {
        return new Tests(rows.size(), rows.stream().limit(MAX_TESTS_LISTED)
                .map(t -> new TestRef(t.testId(), t.suite(), t.name())).toList());
    }
}
