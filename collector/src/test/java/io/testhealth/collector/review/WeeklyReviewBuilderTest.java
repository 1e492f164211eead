package io.testhealth.collector.review;

import io.testhealth.collector.review.WeeklyReview.Kpis;
import io.testhealth.collector.review.WeeklyReview.TestEntry;
import io.testhealth.collector.scorecards.HealthReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static io.testhealth.collector.review.Reports.TEAM_A;
import static io.testhealth.collector.review.Reports.TEAM_B;
import static io.testhealth.collector.review.Reports.component;
import static io.testhealth.collector.review.Reports.team;
import static io.testhealth.collector.review.Reports.test;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The review's comparisons on hand-made reports: each rule of sections 1 to 10 with the case that breaks it. */
final class WeeklyReviewBuilderTest {

    private static final IsoWeek WEEK = IsoWeek.parse("2026-W47");
    private static final Instant END_W44 = IsoWeek.parse("2026-W44").end();
    private static final Instant END_W45 = IsoWeek.parse("2026-W45").end();
    private static final Instant END_W46 = IsoWeek.parse("2026-W46").end();
    private static final Instant END_W47 = WEEK.end();
    private static final Instant OCT = Instant.parse("2026-10-28T10:00:00Z");
    private static final Instant IN_W47 = Instant.parse("2026-11-18T10:00:00Z");
    private static final String ALICE = "group:default/alice";
    private static final String BOB = "group:default/bob";

    private static ReviewSnapshot snapshot(Instant asOf, HealthReport... reports) {
        List<HealthReport> all = Arrays.asList(reports);
        return new ReviewSnapshot(asOf, all.stream().filter(r -> r.kind().equals("component")).toList(),
                all.stream().filter(r -> r.kind().equals("team") && !r.subject().equals("organisation")).toList(),
                all.stream().filter(r -> r.subject().equals("organisation")).findFirst().orElse(null));
    }

    private static WeeklyReview review(ReviewSnapshot w3, ReviewSnapshot w2, ReviewSnapshot w1, ReviewSnapshot w,
                                       String team) {
        return WeeklyReviewBuilder.build(WEEK, w, w1, List.of(w3, w2), team, null);
    }

    private static List<String> ids(List<TestEntry> entries) {
        return entries.stream().map(TestEntry::testId).sorted().toList();
    }

    @Test
    void classifiesNewFixedAndReflakedTestsAgainstLastWeekAndEarlierFlakes() {
        HealthReport w3 = component("payments", TEAM_A).tests(
                test("oldFlake", "flaky", ALICE, OCT)).build();
        HealthReport w1 = component("payments", TEAM_A).tests(
                test("brandNew", "healthy", ALICE, null),
                test("oldFlake", "healthy", ALICE, null),
                test("afterFix", "fixed", ALICE, OCT),
                test("stillFlaky", "flaky", ALICE, OCT),
                test("flakeAtW1", "healthy", BOB, Instant.parse("2026-11-10T00:00:00Z")),
                test("mended", "flaky", BOB, OCT),
                test("repaired", "broken", BOB, null),
                test("quiet", "fixed", BOB, OCT)).build();
        HealthReport w = component("payments", TEAM_A).tests(
                test("brandNew", "flaky", ALICE, IN_W47),
                test("absentBefore", "flaky", BOB, IN_W47),
                test("oldFlake", "flaky", ALICE, IN_W47),
                test("afterFix", "flaky", ALICE, IN_W47),
                test("stillFlaky", "flaky", ALICE, IN_W47),
                test("flakeAtW1", "flaky", BOB, IN_W47),
                test("mended", "fixed", BOB, OCT),
                test("repaired", "fixed", BOB, null),
                test("quiet", "fixed", BOB, OCT)).build();

        WeeklyReview r = review(snapshot(END_W44, w3), snapshot(END_W45), snapshot(END_W46, w1), snapshot(END_W47, w), null);

        assertAll(
                () -> assertEquals(List.of(ALICE, BOB), r.newFlaky().stream().map(WeeklyReview.OwnerTests::owner).toList()),
                () -> assertEquals(List.of("brandNew"), ids(r.newFlaky().get(0).tests())),
                () -> assertEquals(List.of("absentBefore"), ids(r.newFlaky().get(1).tests())),
                () -> assertNull(r.newFlaky().get(1).tests().get(0).previousState(), "did not run last week"),
                () -> assertEquals("component:default/payments", r.newFlaky().get(0).tests().get(0).component()),
                () -> assertEquals(List.of("mended", "repaired"), ids(r.fixed())),
                () -> assertEquals(List.of("afterFix", "flakeAtW1", "oldFlake"), ids(r.reflaked())),
                () -> assertEquals(ALICE, r.reflaked().stream().filter(e -> e.testId().equals("oldFlake")).findFirst()
                        .orElseThrow().owner()));
    }

    @Test
    void headlineCarriesDeltaAndFourWeekTrendWithGapsWhereATeamHadNoReport() {
        HealthReport a1 = team(TEAM_A).grade("C", "Bronze").flaky(2, 0.02, 100).defaultBranch(10, 8).build();
        HealthReport a2 = team(TEAM_A).grade("C", "Bronze").flaky(3, 0.03, 150).defaultBranch(10, 9).build();
        HealthReport a = team(TEAM_A).grade("B", "Silver").flaky(5, 0.01, 90).defaultBranch(20, 19).build();
        HealthReport org = team("organisation").grade("C", "Bronze").flaky(7, 0.02, 200).build();

        WeeklyReview r = review(snapshot(END_W44), snapshot(END_W45, a1), snapshot(END_W46, a2),
                snapshot(END_W47, a, org), null);

        Kpis k = r.headline().get(0);
        assertAll(
                () -> assertEquals(List.of("2026-W44", "2026-W45", "2026-W46", "2026-W47"), r.weeks()),
                () -> assertEquals(2, r.headline().size(), "team and organisation"),
                () -> assertTrue(r.headline().get(1).organisation()),
                () -> assertEquals("B", k.grade()),
                () -> assertEquals("C", k.previousGrade()),
                () -> assertEquals("Bronze", k.previousLevel()),
                () -> assertEquals(Arrays.asList(null, "C", "C", "B"), k.gradeTrend()),
                () -> assertEquals(2.0, k.flakyTests().delta()),
                () -> assertEquals(Arrays.asList(null, 2.0, 3.0, 5.0), k.flakyTests().trend()),
                () -> assertEquals(-0.02, k.flakyRunRate().delta(), 1e-9),
                () -> assertEquals(0.95, k.defaultBranchPassRate().value(), 1e-9),
                () -> assertEquals(0.05, k.defaultBranchPassRate().delta(), 1e-9),
                () -> assertEquals(-60.0, k.timeLostToFlakesSeconds().delta(), 1e-9));
    }

    @Test
    void aTeamAndComponentWithoutDataLastWeekHaveNoDeltaMoveAsNewAndDoNotDrift() {
        HealthReport pay = component("payments", TEAM_A).grade("C", "Bronze").pyramid(0.6, 0.2, 0.2, 0, 0.25)
                .tests(test("a", "healthy", ALICE, null)).build();
        HealthReport a = team(TEAM_A).grade("C", "Bronze").flaky(1, 0.02, 30).build();
        HealthReport org = team("organisation").grade("C", "Bronze").flaky(1, 0.02, 30).build();

        WeeklyReview r = review(snapshot(END_W44), snapshot(END_W45), snapshot(END_W46), snapshot(END_W47, pay, a, org),
                null);

        Kpis k = r.headline().get(0);
        Kpis total = r.headline().get(1);
        assertAll(
                () -> assertEquals(Arrays.asList(null, null, null, "C"), k.gradeTrend()),
                () -> assertEquals(Arrays.asList(null, null, null, 1.0), k.flakyTests().trend()),
                () -> assertNull(k.flakyTests().previous()),
                () -> assertNull(k.flakyTests().delta(), "no Δ against a week without data"),
                () -> assertNull(k.previousGrade()),
                () -> assertNull(total.tests().delta(), "nor for the organisation"),
                () -> assertEquals(Arrays.asList(null, null, null, "C"), total.gradeTrend()),
                () -> assertNull(r.ranking().get(0).gradeChange()),
                () -> assertEquals(List.of("new", "new"), r.movements().subjects().stream()
                        .map(WeeklyReview.SubjectMove::direction).toList()),
                () -> assertTrue(r.pyramidDrift().isEmpty(), "no drift from a week without a pyramid"));
    }

    @Test
    void ranksTeamsByGradeAndCountsStepsUpAsPositive() {
        HealthReport aBefore = team(TEAM_A).grade("D", "none").build();
        HealthReport bBefore = team(TEAM_B).grade("A", "Gold").build();
        HealthReport a = team(TEAM_A).grade("B", "Silver").build();
        HealthReport b = team(TEAM_B).grade("C", "Bronze").build();

        WeeklyReview r = review(snapshot(END_W44), snapshot(END_W45), snapshot(END_W46, aBefore, bBefore),
                snapshot(END_W47, a, b), null);

        assertAll(
                () -> assertEquals(List.of("team-a", "team-b"), r.ranking().stream().map(WeeklyReview.TeamRank::name).toList()),
                () -> assertEquals(2, r.ranking().get(0).gradeChange()),
                () -> assertEquals(2, r.ranking().get(0).levelChange()),
                () -> assertEquals(-2, r.ranking().get(1).gradeChange()),
                () -> assertEquals(-2, r.ranking().get(1).levelChange()));
    }

    @Test
    void movementsListChangedGradesAndCheckStatusesOnly() {
        HealthReport payBefore = component("payments", TEAM_A).grade("C", "Bronze").check("flaky-test-ratio", "fail", 0.06)
                .check("flake-age", "pass", 3.0).build();
        HealthReport pay = component("payments", TEAM_A).grade("B", "Silver").check("flaky-test-ratio", "pass", 0.01)
                .check("flake-age", "pass", 4.0).build();
        HealthReport ledger = component("ledger", TEAM_A).grade("C", "Bronze").build();
        HealthReport teamA = team(TEAM_A).grade("C", "Bronze").build();

        WeeklyReview r = review(snapshot(END_W44), snapshot(END_W45), snapshot(END_W46, payBefore, ledger, teamA),
                snapshot(END_W47, pay, ledger, teamA), null);

        assertAll(
                () -> assertEquals(1, r.movements().subjects().size(), "unchanged ledger and team are not movements"),
                () -> assertEquals("component:default/payments", r.movements().subjects().get(0).subject()),
                () -> assertEquals("up", r.movements().subjects().get(0).direction()),
                () -> assertEquals("Bronze", r.movements().subjects().get(0).previousLevel()),
                () -> assertEquals(1, r.movements().checks().size()),
                () -> assertEquals("flaky-test-ratio", r.movements().checks().get(0).check()),
                () -> assertEquals("fail", r.movements().checks().get(0).previousStatus()),
                () -> assertEquals("pass", r.movements().checks().get(0).status()));
    }

    @Test
    void aTeamFilterKeepsOnlyThatTeamsComponentsAndDropsTheOrganisation() {
        HealthReport pay = component("payments", TEAM_A).tests(test("a", "flaky", ALICE, IN_W47)).build();
        HealthReport web = component("web", TEAM_B).tests(test("b", "flaky", BOB, IN_W47)).build();
        HealthReport org = team("organisation").build();
        ReviewSnapshot now = snapshot(END_W47, pay, web, team(TEAM_A).build(), team(TEAM_B).build(), org);

        WeeklyReview r = review(snapshot(END_W44), snapshot(END_W45), snapshot(END_W46), now, TEAM_A);

        assertAll(
                () -> assertEquals(TEAM_A, r.team()),
                () -> assertEquals(List.of(TEAM_A), r.headline().stream().map(Kpis::subject).toList()),
                () -> assertEquals(List.of("team-a"), r.ranking().stream().map(WeeklyReview.TeamRank::name).toList()),
                () -> assertEquals(List.of("a"), ids(r.topFlaky())),
                () -> assertEquals(List.of(ALICE), r.newFlaky().stream().map(WeeklyReview.OwnerTests::owner).toList()));
    }

    @Test
    void topFlakyIsImpactOrderedAcrossComponentsAndLimitedToTen() {
        HealthReport.TestRow[] many = IntStream.range(0, 12)
                .mapToObj(i -> test("t" + i, "flaky", ALICE, IN_W47, 0, i, "unit")).toArray(HealthReport.TestRow[]::new);
        HealthReport pay = component("payments", TEAM_A).tests(many).build();
        HealthReport web = component("web", TEAM_B).tests(test("breaker", "flaky", BOB, IN_W47, 3, 1, "unit"),
                test("calm", "healthy", BOB, null, 9, 999, "unit")).build();

        WeeklyReview r = review(snapshot(END_W44), snapshot(END_W45), snapshot(END_W46), snapshot(END_W47, pay, web), null);

        assertAll(
                () -> assertEquals(10, r.topFlaky().size()),
                () -> assertEquals("breaker", r.topFlaky().get(0).testId(), "pipelines broken alone first"),
                () -> assertEquals("component:default/web", r.topFlaky().get(0).component()),
                () -> assertEquals("t11", r.topFlaky().get(1).testId(), "then time lost"),
                () -> assertFalse(ids(r.topFlaky()).contains("calm"), "only flaky tests"));
    }

    @Test
    void pyramidDriftNeedsOnePercentagePointOrATopHeavinessChange() {
        HealthReport payBefore = component("payments", TEAM_A).pyramid(0.70, 0.20, 0.10, 0, 0.10).build();
        HealthReport pay = component("payments", TEAM_A).pyramid(0.60, 0.20, 0.20, 0, 0.25).build();
        HealthReport webBefore = component("web", TEAM_B).pyramid(0.700, 0.200, 0.100, 0, 0.10).build();
        HealthReport web = component("web", TEAM_B).pyramid(0.705, 0.195, 0.100, 0, 0.10).build();
        HealthReport apiBefore = component("api", TEAM_B).pyramid(0.7, 0.2, 0.1, 0, null).build();
        HealthReport api = component("api", TEAM_B).pyramid(0.7, 0.2, 0.1, 0, 0.05).build();

        WeeklyReview r = review(snapshot(END_W44), snapshot(END_W45), snapshot(END_W46, payBefore, webBefore, apiBefore),
                snapshot(END_W47, pay, web, api), null);

        assertAll(
                () -> assertEquals(List.of("component:default/api", "component:default/payments"),
                        r.pyramidDrift().stream().map(WeeklyReview.PyramidDrift::component).toList()),
                () -> assertEquals(0.70, r.pyramidDrift().get(1).previous().unit(), 1e-9),
                () -> assertEquals(0.60, r.pyramidDrift().get(1).current().unit(), 1e-9),
                () -> assertEquals(0.25, r.pyramidDrift().get(1).topHeaviness(), 1e-9));
    }

    @Test
    void dataQualityCountsTheTestsWhoseSpansContradictTheirDeclaredLayer() {
        // every test has a layer and an owner: only the disagreements put the component in section 10
        HealthReport pay = component("payments", TEAM_A).tests(test("layered", "healthy", ALICE, null),
                test("touchesDb", "healthy", ALICE, null)).disagreeing("touchesDb").build();
        HealthReport clean = component("clean", TEAM_A).tests(test("pure", "healthy", ALICE, null)).build();

        WeeklyReview r = review(snapshot(END_W44), snapshot(END_W45), snapshot(END_W46), snapshot(END_W47, pay, clean), null);

        assertEquals(1, r.dataQuality().components().size(), r.dataQuality().toString());
        WeeklyReview.ComponentQuality q = r.dataQuality().components().get(0);
        assertAll(
                () -> assertEquals("component:default/payments", q.component()),
                () -> assertEquals(0, q.unclassified()),
                () -> assertEquals(0, q.withoutOwner()),
                () -> assertEquals(1, q.layerDisagreements()),
                () -> assertEquals(List.of("touchesDb"), q.layerDisagreementExamples()),
                () -> assertEquals(List.of("touchesDb"), q.examples(), "with no other gap, the disagreeing are named"));
    }

    @Test
    void dataQualityNamesUnclassifiedUnownedIncidentsOfTheWeekAndTeamlessComponents() {
        HealthReport pay = component("payments", TEAM_A).tests(
                test("layered", "healthy", ALICE, null),
                test("noLayer", "healthy", ALICE, null, 0, 0, null),
                test("noOwner", "healthy", "", null))
                .incident("in-week", IN_W47).incident("before", Instant.parse("2026-11-15T23:59:59Z"))
                .suite("slow", 300).suite("fast", 5).build();
        HealthReport orphan = component("orphan", "").build();

        WeeklyReview r = review(snapshot(END_W44), snapshot(END_W45), snapshot(END_W46), snapshot(END_W47, pay, orphan), null);

        WeeklyReview.ComponentQuality q = r.dataQuality().components().get(0);
        assertAll(
                () -> assertEquals(1, r.dataQuality().components().size()),
                () -> assertEquals(1, q.unclassified()),
                () -> assertEquals(List.of("noLayer"), q.unclassifiedExamples()),
                () -> assertEquals(1, q.withoutOwner()),
                () -> assertEquals(List.of("noOwner"), q.withoutOwnerExamples()),
                () -> assertEquals(List.of("in-week"), r.dataQuality().incidents().stream()
                        .map(WeeklyReview.IncidentEntry::runId).toList()),
                () -> assertEquals(List.of("component:default/orphan"), r.dataQuality().componentsWithoutTeam()),
                () -> assertEquals(List.of("slow", "fast"), r.durations().slowestSuites().stream()
                        .map(WeeklyReview.SuiteEntry::suite).toList()));
    }

    @Test
    void aWeekStillRunningIsMarkedIncomplete() {
        Instant midWeek = Instant.parse("2026-11-19T12:00:00Z");
        WeeklyReview r = WeeklyReviewBuilder.build(WEEK, ReviewSnapshot.empty(midWeek), ReviewSnapshot.empty(END_W46),
                List.of(), null, null);
        assertAll(
                () -> assertFalse(r.complete()),
                () -> assertEquals(midWeek, r.asOf()),
                () -> assertEquals(List.of("2026-W46", "2026-W47"), r.weeks()),
                () -> assertTrue(r.headline().isEmpty()));
    }
}
