package io.testhealth.collector.review;

import io.micronaut.core.annotation.Nullable;
import io.testhealth.collector.review.WeeklyReview.CheckMove;
import io.testhealth.collector.review.WeeklyReview.ComponentQuality;
import io.testhealth.collector.review.WeeklyReview.DataQuality;
import io.testhealth.collector.review.WeeklyReview.Durations;
import io.testhealth.collector.review.WeeklyReview.IncidentEntry;
import io.testhealth.collector.review.WeeklyReview.Kpis;
import io.testhealth.collector.review.WeeklyReview.Movements;
import io.testhealth.collector.review.WeeklyReview.OwnerTests;
import io.testhealth.collector.review.WeeklyReview.PyramidDrift;
import io.testhealth.collector.review.WeeklyReview.RegressionEntry;
import io.testhealth.collector.review.WeeklyReview.Shares;
import io.testhealth.collector.review.WeeklyReview.SubjectMove;
import io.testhealth.collector.review.WeeklyReview.SuiteEntry;
import io.testhealth.collector.review.WeeklyReview.TeamRank;
import io.testhealth.collector.review.WeeklyReview.TestEntry;
import io.testhealth.collector.review.WeeklyReview.Trend;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.ScorecardFacts;
import io.testhealth.collector.scorecards.HealthReport.CheckView;
import io.testhealth.collector.scorecards.HealthReport.PyramidView;
import io.testhealth.collector.scorecards.HealthReport.TestRow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds the weekly review from reports alone: no store, no clock, so every rule of the review can be tested with
 * hand-made {@link HealthReport}s.
 *
 * <p>Rules the specification leaves open, decided here:
 * <ul>
 *   <li>A test is identified by component and test id; one missing from last week's report had no state then.</li>
 *   <li>"Never flaky before" means no report of W-1, W-2 or W-3 shows the test FLAKY or with a flaky run
 *       ({@code lastFlakyAt}) before the end of W-1. What is older than the analysis window is forgotten, as in
 *       the flakiness analysis itself.</li>
 *   <li>An "earlier flake" for re-flaked means the same evidence, so new and re-flaked never name the same test.</li>
 *   <li>Pyramid drift is a change of at least {@value #DRIFT} (one percentage point) in any layer's share of tests
 *       or in top-heaviness, or top-heaviness becoming known or unknown.</li>
 *   <li>With a team, every section is limited to that team's components and the organisation total is left out.</li>
 *   <li>A subject missing from a week's snapshot had no data that week (snapshots hold only subjects with data):
 *       its trend value for the week is {@code null}, a Δ against the week is {@code null}, and a subject missing
 *       last week moves as {@code new}, with no pyramid drift.</li>
 * </ul>
 */
public final class WeeklyReviewBuilder {

    /** The smallest change of a share or of top-heaviness that counts as pyramid drift. */
    public static final double DRIFT = 0.01;
    /** How many flaky tests section 7 lists. */
    public static final int TOP_FLAKY = 10;
    /** How many suites and regressions section 8 lists. */
    public static final int TOP_DURATIONS = 10;
    /** How many example tests a data-quality row names. */
    public static final int EXAMPLES = 5;

    private static final String GRADES = "ABCDF";
    private static final List<String> LEVELS = List.of("none", "Bronze", "Silver", "Gold");
    private static final Comparator<TestRow> IMPACT = Comparator.comparingInt(TestRow::pipelinesBrokenAlone).reversed()
            .thenComparing(Comparator.comparingDouble(TestRow::timeLostSeconds).reversed())
            .thenComparing(Comparator.comparingDouble(TestRow::flakinessScore).reversed())
            .thenComparing(TestRow::testId);

    private WeeklyReviewBuilder() {
    }

    /**
     * The review of {@code week}.
     *
     * @param current   reports as of the end of the week (or now, while it runs)
     * @param previous  reports as of the end of the week before
     * @param history   reports as of the ends of W-3 and W-2, oldest first (fewer when unknown)
     * @param team      full group reference to limit the review to, or {@code null} for every team
     * @param namespace the namespace the snapshots were limited to, or {@code null}; only echoed
     */
    public static WeeklyReview build(IsoWeek week, ReviewSnapshot current, ReviewSnapshot previous,
                                     List<ReviewSnapshot> history, @Nullable String team, @Nullable String namespace) {
        Scope now = Scope.of(current, team);
        Scope before = Scope.of(previous, team);
        List<Scope> weeks = new ArrayList<>();
        history.forEach(s -> weeks.add(Scope.of(s, team)));
        weeks.add(before);
        weeks.add(now);
        List<Scope> earlier = weeks.subList(0, weeks.size() - 1);

        List<String> weekNames = new ArrayList<>();
        IsoWeek w = week;
        for (int i = 0; i < weeks.size(); i++) {
            weekNames.add(0, w.toString());
            w = w.previous();
        }
        String thresholdVersion = now.components.stream().map(r -> r.scorecard().thresholdVersion()).findFirst()
                .orElse(now.teams.stream().map(r -> r.scorecard().thresholdVersion()).findFirst().orElse(""));

        return new WeeklyReview(week.toString(), week.start(), week.end(), current.asOf(),
                !current.asOf().isBefore(week.end()), team, namespace, thresholdVersion, weekNames,
                headline(now, weeks, team == null), ranking(now, before), movements(now, before),
                newFlaky(now, before, earlier), fixed(now, before), reflaked(now, before, earlier), topFlaky(now),
                durations(now), pyramidDrift(now, before), dataQuality(now, week));
    }

    // ---- 1. headline ----

    private static List<Kpis> headline(Scope now, List<Scope> weeks, boolean withOrganisation) {
        List<Kpis> out = new ArrayList<>();
        for (HealthReport t : now.teams) {
            out.add(kpis(t, false, weeks.stream().map(s -> s.team(t.subject())).toList()));
        }
        if (withOrganisation && now.organisation != null) {
            out.add(kpis(now.organisation, true, weeks.stream().map(s -> s.organisation).toList()));
        }
        return out;
    }

    /** {@code series} holds the subject's report of each week, oldest first, {@code null} where it had none. */
    private static Kpis kpis(HealthReport r, boolean organisation, List<HealthReport> series) {
        HealthReport prev = series.size() < 2 ? null : series.get(series.size() - 2);
        return new Kpis(r.subject(), organisation ? "Organisation" : r.name(), organisation, r.scorecard().grade(),
                prev == null ? null : prev.scorecard().grade(), r.scorecard().level(),
                prev == null ? null : prev.scorecard().level(),
                series.stream().map(s -> s == null ? null : s.scorecard().grade()).toList(),
                trend(series, x -> (double) x.metrics().tests()),
                trend(series, x -> (double) x.metrics().flakyTests()),
                trend(series, x -> x.metrics().flakyRunRate()),
                trend(series, WeeklyReviewBuilder::defaultBranchPassRate),
                trend(series, x -> x.metrics().timeLostToFlakesSeconds()));
    }

    private static Trend trend(List<HealthReport> series, Function<HealthReport, Double> metric) {
        List<Double> values = series.stream().map(s -> s == null ? null : metric.apply(s)).toList();
        Double value = values.get(values.size() - 1);
        Double previous = values.size() < 2 ? null : values.get(values.size() - 2);
        return new Trend(value, previous, value == null || previous == null ? null : value - previous, values);
    }

    /** Share of default-branch job runs without a failed test (incidents excluded), or {@code null} without any. */
    static Double defaultBranchPassRate(HealthReport r) {
        if (r.facts() == null || r.facts().defaultBranchJobRuns() == 0) {
            return null;
        }
        return (double) r.facts().defaultBranchPassedJobRuns() / r.facts().defaultBranchJobRuns();
    }

    // ---- 2. ranking ----

    private static List<TeamRank> ranking(Scope now, Scope before) {
        List<HealthReport> sorted = now.teams.stream()
                .sorted(Comparator.comparingInt((HealthReport t) -> gradeRank(t.scorecard().grade()))
                        .thenComparing(Comparator.comparingInt((HealthReport t) -> levelRank(t.scorecard().level())).reversed())
                        .thenComparing(t -> t.metrics().flakyRunRate() == null ? 1.0 : t.metrics().flakyRunRate())
                        .thenComparing(HealthReport::subject))
                .toList();
        List<TeamRank> out = new ArrayList<>();
        for (HealthReport t : sorted) {
            HealthReport p = before.team(t.subject());
            out.add(new TeamRank(out.size() + 1, t.subject(), t.name(), t.scorecard().grade(), t.scorecard().level(),
                    p == null ? null : p.scorecard().grade(), p == null ? null : p.scorecard().level(),
                    p == null ? null : gradeRank(p.scorecard().grade()) - gradeRank(t.scorecard().grade()),
                    p == null ? null : levelRank(t.scorecard().level()) - levelRank(p.scorecard().level()),
                    (int) now.components.stream().filter(c -> c.team().equals(t.subject())).count(),
                    shares(t.pyramid())));
        }
        return out;
    }

    /** 0 for A to 4 for F; anything else (no grade) ranks last. */
    static int gradeRank(String grade) {
        int i = grade == null || grade.length() != 1 ? -1 : GRADES.indexOf(grade);
        return i < 0 ? GRADES.length() : i;
    }

    /** 0 for none to 3 for Gold. */
    static int levelRank(String level) {
        int i = LEVELS.indexOf(level);
        return Math.max(i, 0);
    }

    // ---- 3. movements ----

    private static Movements movements(Scope now, Scope before) {
        List<SubjectMove> subjects = new ArrayList<>();
        List<CheckMove> checks = new ArrayList<>();
        for (HealthReport r : Stream.concat(now.teams.stream(), now.components.stream()).toList()) {
            HealthReport p = r.kind().equals("team") ? before.team(r.subject()) : before.component(r.subject());
            if (p == null) {
                subjects.add(move(r, null, "new"));
                continue;
            }
            boolean levelChanged = !p.scorecard().level().equals(r.scorecard().level());
            boolean gradeChanged = !p.scorecard().grade().equals(r.scorecard().grade());
            if (levelChanged || gradeChanged) {
                int better = levelChanged ? levelRank(r.scorecard().level()) - levelRank(p.scorecard().level())
                        : gradeRank(p.scorecard().grade()) - gradeRank(r.scorecard().grade());
                subjects.add(move(r, p, better > 0 ? "up" : "down"));
            }
            Map<String, CheckView> old = p.scorecard().checks().stream()
                    .collect(Collectors.toMap(CheckView::id, c -> c, (a, b) -> a));
            for (CheckView c : r.scorecard().checks()) {
                CheckView o = old.get(c.id());
                if (o != null && !o.status().equals(c.status())) {
                    checks.add(new CheckMove(r.kind(), r.subject(), r.name(), r.team(), c.id(), c.name(), o.status(),
                            c.status(), o.value(), c.value(), c.unit()));
                }
            }
        }
        return new Movements(subjects, checks);
    }

    private static SubjectMove move(HealthReport r, @Nullable HealthReport p, String direction) {
        return new SubjectMove(r.kind(), r.subject(), r.name(), r.team(), p == null ? null : p.scorecard().level(),
                r.scorecard().level(), p == null ? null : p.scorecard().grade(), r.scorecard().grade(), direction);
    }

    // ---- 4, 5, 6. test transitions ----

    private static List<OwnerTests> newFlaky(Scope now, Scope before, List<Scope> earlier) {
        Map<String, List<TestEntry>> byOwner = new TreeMap<>();
        for (HealthReport c : now.components) {
            for (TestRow t : c.tests()) {
                TestRow p = before.test(c.subject(), t.testId());
                if (isFlaky(t) && (p == null || !isFlaky(p)) && !flakyBefore(c.subject(), t.testId(), earlier, before.asOf)) {
                    byOwner.computeIfAbsent(t.owner(), k -> new ArrayList<>()).add(entry(c, t, p));
                }
            }
        }
        List<OwnerTests> out = new ArrayList<>();
        byOwner.forEach((owner, tests) -> out.add(new OwnerTests(owner,
                tests.stream().sorted(Comparator.comparing(TestEntry::component).thenComparing(TestEntry::testId)).toList())));
        return out;
    }

    private static List<TestEntry> fixed(Scope now, Scope before) {
        List<TestEntry> out = new ArrayList<>();
        for (HealthReport c : now.components) {
            for (TestRow t : c.tests()) {
                TestRow p = before.test(c.subject(), t.testId());
                if (t.state().equals("fixed") && p != null && (isFlaky(p) || p.state().equals("broken"))) {
                    out.add(entry(c, t, p));
                }
            }
        }
        return out;
    }

    private static List<TestEntry> reflaked(Scope now, Scope before, List<Scope> earlier) {
        List<TestEntry> out = new ArrayList<>();
        for (HealthReport c : now.components) {
            for (TestRow t : c.tests()) {
                TestRow p = before.test(c.subject(), t.testId());
                if (isFlaky(t) && p != null && (p.state().equals("fixed")
                        || p.state().equals("healthy") && flakyBefore(c.subject(), t.testId(), earlier, before.asOf))) {
                    out.add(entry(c, t, p));
                }
            }
        }
        return out;
    }

    /** Whether any earlier week shows the test FLAKY or with a flaky run before {@code until}. */
    private static boolean flakyBefore(String component, String testId, List<Scope> earlier, Instant until) {
        for (Scope s : earlier) {
            TestRow r = s.test(component, testId);
            if (r != null && (isFlaky(r) || r.lastFlakyAt() != null && r.lastFlakyAt().isBefore(until))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isFlaky(TestRow t) {
        return t.state().equals("flaky");
    }

    private static TestEntry entry(HealthReport c, TestRow t, @Nullable TestRow previous) {
        return new TestEntry(c.subject(), c.team(), t.testId(), t.suite(), t.name(), t.owner(),
                previous == null ? null : previous.state(), t.state(), t.flakinessScore(), t.flakyRuns(), t.runs(),
                t.timeLostSeconds(), t.pipelinesBrokenAlone(), t.lastFlakyAt());
    }

    // ---- 7. top flaky ----

    private static List<TestEntry> topFlaky(Scope now) {
        record Ranked(HealthReport component, TestRow test) {
        }
        return now.components.stream()
                .flatMap(c -> c.tests().stream().filter(WeeklyReviewBuilder::isFlaky).map(t -> new Ranked(c, t)))
                .sorted(Comparator.comparing(Ranked::test, IMPACT).thenComparing(r -> r.component().subject()))
                .limit(TOP_FLAKY).map(r -> entry(r.component(), r.test(), null)).toList();
    }

    // ---- 8. durations ----

    private static Durations durations(Scope now) {
        List<SuiteEntry> suites = now.components.stream()
                .flatMap(c -> c.slowestSuites().stream().map(s -> new SuiteEntry(c.subject(), c.team(), s.suite(),
                        s.tests(), s.jobRuns(), s.footprintSeconds(), s.p50Seconds(), s.p95Seconds())))
                .sorted(Comparator.comparing((SuiteEntry s) -> s.p95Seconds() == null ? -1 : s.p95Seconds()).reversed()
                        .thenComparing(SuiteEntry::component).thenComparing(SuiteEntry::suite))
                .limit(TOP_DURATIONS).toList();
        List<RegressionEntry> regressions = now.components.stream()
                .flatMap(c -> c.durationRegressions().stream().filter(t -> t.durationRegression() != null)
                        .map(t -> new RegressionEntry(c.subject(), t.owner(), t.testId(), t.name(),
                                t.durationRegression().beforeMedianSeconds(), t.durationRegression().afterMedianSeconds(),
                                t.durationRegression().ratio(), t.durationRegression().startedAtCommit(),
                                t.durationRegression().startedAt())))
                .sorted(Comparator.comparingDouble(RegressionEntry::ratio).reversed()
                        .thenComparing(RegressionEntry::component).thenComparing(RegressionEntry::testId))
                .limit(TOP_DURATIONS).toList();
        return new Durations(suites, regressions);
    }

    // ---- 9. pyramid drift ----

    private static List<PyramidDrift> pyramidDrift(Scope now, Scope before) {
        List<PyramidDrift> out = new ArrayList<>();
        for (HealthReport c : now.components) {
            HealthReport p = before.component(c.subject());
            if (p == null) {
                continue;
            }
            Shares was = shares(p.pyramid());
            Shares is = shares(c.pyramid());
            Double thWas = p.pyramid().topHeaviness();
            Double thIs = c.pyramid().topHeaviness();
            boolean drift = moved(was.unit(), is.unit()) || moved(was.integration(), is.integration())
                    || moved(was.e2e(), is.e2e()) || moved(was.unknown(), is.unknown())
                    || (thWas == null) != (thIs == null) || thWas != null && moved(thWas, thIs);
            if (drift) {
                out.add(new PyramidDrift(c.subject(), c.team(), was, is, thWas, thIs));
            }
        }
        return out;
    }

    private static boolean moved(double a, double b) {
        return Math.abs(a - b) >= DRIFT - 1e-12;
    }

    /** The shares of tests per layer. */
    static Shares shares(PyramidView p) {
        return new Shares(p.unit().share(), p.integration().share(), p.e2e().share(), p.unknown().share());
    }

    // ---- 10. data quality ----

    private static DataQuality dataQuality(Scope now, IsoWeek week) {
        List<ComponentQuality> components = new ArrayList<>();
        List<IncidentEntry> incidents = new ArrayList<>();
        List<String> withoutTeam = new ArrayList<>();
        for (HealthReport c : now.components) {
            List<TestRow> unclassified = c.tests().stream().filter(t -> t.layer() == null).toList();
            List<TestRow> unowned = c.tests().stream().filter(t -> t.owner() == null || t.owner().isBlank()).toList();
            // counted once, by the scorecard's facts, from the classifications (Classification.layerDisagrees)
            long disagreements = c.facts() == null ? 0 : c.facts().layerDisagreements();
            if (!unclassified.isEmpty() || !unowned.isEmpty() || disagreements > 0) {
                components.add(new ComponentQuality(c.subject(), c.team(), c.tests().size(), unclassified.size(),
                        unowned.size(), unclassified.stream().limit(EXAMPLES).map(TestRow::testId).toList(),
                        unowned.stream().limit(EXAMPLES).map(TestRow::testId).toList(), disagreements,
                        disagreements == 0 ? List.of() : c.facts().layerDisagreementExamples().stream().limit(EXAMPLES)
                                .map(ScorecardFacts.LayerDisagreement::testId).toList()));
            }
            c.incidents().stream().filter(i -> week.contains(i.startedAt()))
                    .forEach(i -> incidents.add(new IncidentEntry(c.subject(), c.team(), i.runId(), i.pipeline(), i.job(),
                            i.startedAt(), i.tests(), i.failed())));
            if (c.team() == null || c.team().isBlank()) {
                withoutTeam.add(c.subject());
            }
        }
        incidents.sort(Comparator.comparing(IncidentEntry::startedAt).thenComparing(IncidentEntry::component));
        return new DataQuality(components, incidents, withoutTeam);
    }

    /** One week's reports, limited to the review's team, with lookups by subject and test. */
    private static final class Scope {
        private final Instant asOf;
        private final List<HealthReport> components;
        private final List<HealthReport> teams;
        private final HealthReport organisation;
        private final Map<String, HealthReport> componentBySubject = new HashMap<>();
        private final Map<String, HealthReport> teamBySubject = new HashMap<>();
        private final Map<String, Map<String, TestRow>> tests = new HashMap<>();

        private Scope(ReviewSnapshot s, @Nullable String team) {
            this.asOf = s.asOf();
            this.components = s.components().stream().filter(c -> team == null || team.equals(c.team()))
                    .sorted(Comparator.comparing(HealthReport::subject)).toList();
            this.teams = s.teams().stream().filter(t -> team == null || team.equals(t.subject()))
                    .sorted(Comparator.comparing(HealthReport::subject)).toList();
            this.organisation = team == null ? s.organisation() : null;
            components.forEach(c -> {
                componentBySubject.put(c.subject(), c);
                tests.put(c.subject(), c.tests().stream().collect(Collectors.toMap(TestRow::testId, t -> t, (a, b) -> a)));
            });
            teams.forEach(t -> teamBySubject.put(t.subject(), t));
        }

        static Scope of(ReviewSnapshot s, @Nullable String team) {
            return new Scope(Objects.requireNonNull(s, "snapshot"), team);
        }

        HealthReport component(String subject) {
            return componentBySubject.get(subject);
        }

        HealthReport team(String subject) {
            return teamBySubject.get(subject);
        }

        TestRow test(String component, String testId) {
            Map<String, TestRow> rows = tests.get(component);
            return rows == null ? null : rows.get(testId);
        }
    }
}
