package io.testhealth.collector.store;

import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.DeclaredLayer;
import io.testhealth.collector.model.Layer;
import io.testhealth.collector.model.LayerSource;
import io.testhealth.collector.model.Outcome;
import io.testhealth.collector.model.Status;
import io.testhealth.collector.model.TestIdentity;
import io.testhealth.collector.model.TestResult;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.TestRunDetail.AttemptDetail;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.testhealth.collector.store.StoreFixtures.flaky;
import static io.testhealth.collector.store.StoreFixtures.freshComponent;
import static io.testhealth.collector.store.StoreFixtures.once;
import static io.testhealth.collector.store.StoreFixtures.receipt;
import static io.testhealth.collector.store.StoreFixtures.upload;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The behaviour of {@link HistoryQueries} every store must show; each store's test implements it.
 *
 * <p>Tests share one database per class and keep apart by writing to a fresh component each.
 */
interface HistoryQueriesContract {

    /** Day zero of the histories below; runs start whole days after it. */
    Instant DAY0 = Instant.parse("2026-10-01T08:00:00Z");

    /** An upper bound after every run below: reads up to it see the whole history. */
    Instant LATER = DAY0.plus(Duration.ofDays(3650));

    /** The store under test. */
    HistoryDatabase database();

    /** A plain JDBC connection to the store's tables in auto-commit mode; the caller closes it. */
    Connection connect() throws SQLException;

    @Test
    default void historiesComeBackPerTestOldestFirstCappedToTheLatestRunsWithAllTimeTotals() {
        ComponentRef component = freshComponent();
        TestIdentity steady = new TestIdentity("com.example.SteadyTest", "runsDaily", "");
        TestIdentity recent = new TestIdentity("com.example.RecentTest", "isNew", "");
        TestIdentity gone = new TestIdentity("com.example.GoneTest", "wasRemoved", "");
        for (int day = 0; day < 5; day++) {
            UploadMetadata m = upload(component, "team-a", day(day));
            write(m, once(steady, Status.PASSED, 1.0 + day), day == 0 ? once(gone, Status.PASSED, 1.0) : null,
                    day >= 3 ? once(recent, Status.FAILED, 2.0) : null);
        }

        List<TestHistory> histories = database().testHistories(component.toString(), day(1), LATER, 3);

        TestHistory steadyHistory = byName(histories, "runsDaily");
        TestHistory recentHistory = byName(histories, "isNew");
        assertAll(
                () -> assertEquals(2, histories.size(), "the test that last ran before the window is left out"),
                () -> assertEquals(histories.stream().map(TestHistory::testId).sorted().toList(),
                        histories.stream().map(TestHistory::testId).toList(), "ordered by test id"),
                () -> assertEquals(List.of(day(2), day(3), day(4)), starts(steadyHistory),
                        "the latest three runs in the window, oldest first"),
                () -> assertEquals(List.of(3.0, 4.0, 5.0), steadyHistory.runs().stream()
                        .map(TestRunFact::durationSeconds).toList()),
                () -> assertEquals(5, steadyHistory.runsEver(), "runs before the window and beyond the cap count"),
                () -> assertEquals(day(0), steadyHistory.firstSeen()),
                () -> assertEquals(steady.testId(component), steadyHistory.testId()),
                () -> assertEquals(component.toString(), steadyHistory.component()),
                () -> assertEquals("com.example.SteadyTest", steadyHistory.suite()),
                () -> assertEquals(List.of(day(3), day(4)), starts(recentHistory)),
                () -> assertEquals(2, recentHistory.runsEver()),
                () -> assertEquals(day(3), recentHistory.firstSeen()),
                () -> assertEquals(Outcome.FAILED, recentHistory.lastRun().outcome()));
    }

    @Test
    default void historiesAsOfAPastMomentKeepTheLatestRunsBeforeItAndCountOnlyThose() {
        ComponentRef component = freshComponent();
        TestIdentity steady = new TestIdentity("com.example.SteadyTest", "runsDaily", "");
        TestIdentity later = new TestIdentity("com.example.LaterTest", "addedOnDayFour", "");
        for (int day = 0; day < 6; day++) {
            write(upload(component, "", day(day)), once(steady, Status.PASSED, 1.0 + day),
                    day >= 4 ? once(later, Status.PASSED, 1.0) : null);
        }

        List<TestHistory> asOfDayThree = database().testHistories(component.toString(), day(0), day(3), 2);

        TestHistory history = byName(asOfDayThree, "runsDaily");
        assertAll(
                () -> assertEquals(1, asOfDayThree.size(), "a test first run at the bound or later does not exist yet"),
                () -> assertEquals(List.of(day(1), day(2)), starts(history),
                        "the latest runs before the bound, not the latest of all cut back"),
                () -> assertEquals(3, history.runsEver(), "runs at or after the bound are not counted"),
                () -> assertEquals(day(0), history.firstSeen()));
    }

    @Test
    default void oneComponentIsSummarisedAsTheListingDoesAndAnUnknownOneIsEmpty() {
        ComponentRef component = freshComponent();
        TestIdentity id = new TestIdentity("S", "t", "");
        write(upload(component, "team-a", day(0)), once(id, Status.PASSED, 1.0));
        write(upload(component, "", day(1)), once(id, Status.PASSED, 1.0));

        Optional<ComponentSummary> summary = database().component(component.toString());

        assertEquals(Optional.of(new ComponentSummary(component.toString(), "team-a", day(1), 2)), summary);
        assertEquals(database().components().stream().filter(c -> c.component().equals(component.toString()))
                .findFirst(), summary);
        assertEquals(Optional.empty(), database().component(freshComponent().toString()));
    }

    @Test
    default void historiesAreThoseOfTheStraightforwardQuery() throws SQLException {
        ComponentRef component = freshComponent();
        ComponentRef neighbour = freshComponent();
        TestIdentity plain = new TestIdentity("com.example.PlainTest", "works", "");
        TestIdentity flakyOne = new TestIdentity("com.example.RetryTest", "sometimes", "");
        for (int d = -3; d < 6; d++) {
            UploadMetadata run = upload(component, d % 2 == 0 ? "team-a" : "", day(d));
            List<TestResult> results = new ArrayList<>();
            results.add(once(plain, d % 3 == 0 ? Status.FAILED : Status.PASSED, 1.0 + d));
            results.add(d % 2 == 0 ? flaky(flakyOne) : once(flakyOne, Status.SKIPPED, null));
            for (String invocation : List.of("[b]", "[a]", "[10]", "[2]")) {
                results.add(once(new TestIdentity("com.example.ParamTest", "each", invocation),
                        invocation.equals("[a]") && d == 4 ? Status.ERROR : Status.PASSED, 0.25));
            }
            write(run, results.toArray(TestResult[]::new));
            write(run.withUploadId("up-" + UUID.randomUUID()), once(plain, Status.PASSED, 2.0)); // a second report
            write(upload(neighbour, "", day(d)), once(plain, Status.PASSED, 3.0));
        }

        for (Instant from : List.of(day(-5), day(0), day(4))) {
            for (int maxRuns : List.of(1, 3, 200)) {
                List<TestHistory> ours = database().testHistories(component.toString(), from, day(5), maxRuns);
                assertEquals(3, ours.size(), "three tests ran in every span");
                try (Connection c = connect()) {
                    assertEquals(ReferenceHistoryQuery.testHistories(c, component.toString(), from, day(5), maxRuns),
                            ours, "from " + from + ", " + maxRuns + " runs");
                }
            }
        }
    }

    @Test
    default void testsOfOneJobRunShareOneJobRunValue() {
        ComponentRef component = freshComponent();
        UploadMetadata m = upload(component, "team-a", day(0));
        write(m, once(new TestIdentity("S", "a", ""), Status.PASSED, 1.0),
                once(new TestIdentity("S", "b", ""), Status.SKIPPED, null));

        List<TestHistory> histories = database().testHistories(component.toString(), day(0), LATER, 10);

        JobRun job = histories.get(0).lastRun().job();
        assertSame(job, histories.get(1).lastRun().job());
        assertEquals(new JobRun(m.runId(), component.toString(), "team-a", m.pipeline(), "test", 1, "jdk17", "main",
                m.commit(), day(0)), job);
    }

    @Test
    default void historyMakesOneRunOfATestReportedTwiceInOneJobRun() {
        ComponentRef component = freshComponent();
        TestIdentity id = new TestIdentity("com.example.SharedTest", "inTwoReports", "");
        UploadMetadata first = upload(component, "", day(0));
        UploadMetadata second = first.withUploadId("up-" + UUID.randomUUID());
        write(upload(component, "", day(-1)), once(id, Status.PASSED, 9.0));
        write(first, once(id, Status.PASSED, 1.0));
        write(second, once(id, Status.FAILED, 2.0));

        TestHistory history = database().testHistories(component.toString(), day(-5), LATER, 1).get(0);

        TestRunFact latest = history.runs().get(0);
        assertAll(
                () -> assertEquals(1, history.runs().size(), "the two results of the latest job run are one run of it"),
                () -> assertEquals(Outcome.FAILED, latest.outcome(), "one of its results failed"),
                () -> assertEquals(2, latest.attempts()),
                () -> assertEquals(3.0, latest.durationSeconds(), 1e-9, "1 s and 2 s ran one after the other"),
                () -> assertEquals(2, history.runsEver(), "job runs, not result rows: day -1 and day 0"),
                () -> assertEquals(day(-1), history.firstSeen()));
    }

    @Test
    default void runsBeforeReadsTheTestsAskedAboutBeforeTheirOwnMomentOneRunPerJobRun() {
        ComponentRef component = freshComponent();
        TestIdentity plain = new TestIdentity("com.example.ATest", "plain", "");
        TestIdentity other = new TestIdentity("com.example.BTest", "other", "");
        for (int d = -6; d <= -1; d++) {
            write(upload(component, "", day(d)), once(plain, d == -4 ? Status.FAILED : Status.PASSED, 1.0 - d / 10.0),
                    once(other, Status.PASSED, 2.0),
                    once(new TestIdentity("com.example.ATest", "param", "[1]"), Status.PASSED, 0.5),
                    once(new TestIdentity("com.example.ATest", "param", "[2]"), d == -5 ? Status.FAILED : Status.PASSED, 0.25));
        }
        String plainId = plain.testId(component);
        String paramId = new TestIdentity("com.example.ATest", "param", "").testId(component);

        Map<String, List<TestRunFact>> runs = database().runsBefore(component.toString(),
                Map.of(plainId, day(-2), paramId, day(-3)), day(-5));

        // plain: days -5, -4, -3 (from day -5, before day -2); param: days -5 and -4, each its two invocations as one
        List<TestRunFact> plainRuns = runs.get(plainId);
        List<TestRunFact> paramRuns = runs.get(paramId);
        assertAll(
                () -> assertEquals(Set.of(plainId, paramId), runs.keySet(), "only the tests asked about"),
                () -> assertEquals(List.of(day(-5), day(-4), day(-3)),
                        plainRuns.stream().map(f -> f.job().startedAt()).toList(), "oldest first"),
                () -> assertEquals(List.of(Outcome.PASSED, Outcome.FAILED, Outcome.PASSED),
                        plainRuns.stream().map(TestRunFact::outcome).toList()),
                () -> assertEquals(1.5, plainRuns.get(0).durationSeconds(), 1e-9, "1.0 + 5 / 10"),
                () -> assertEquals(List.of(Outcome.FAILED, Outcome.PASSED),
                        paramRuns.stream().map(TestRunFact::outcome).toList(), "invocation [2] failed on day -5"),
                () -> assertEquals(0.75, paramRuns.get(1).durationSeconds(), 1e-9, "0.5 + 0.25"));
    }

    @Test
    default void factCarriesTheFinalAttemptsDurationAndTheCostOfAllAttempts() {
        ComponentRef component = freshComponent();
        TestResult flaky = flaky(new TestIdentity("com.example.PayTest", "charges", ""));
        write(upload(component, "", day(0)), flaky,
                once(new TestIdentity("com.example.PayTest", "untimed", ""), Status.PASSED, null));

        List<TestHistory> histories = database().testHistories(component.toString(), day(0), LATER, 5);

        TestRunFact retried = byName(histories, "charges").lastRun();
        TestRunFact untimed = byName(histories, "untimed").lastRun();
        assertAll(
                () -> assertEquals(Outcome.FLAKY, retried.outcome()),
                () -> assertEquals(2, retried.attempts()),
                () -> assertEquals(1, retried.failedAttempts()),
                () -> assertEquals(0.75, retried.durationSeconds(), 1e-9, "the passing retry's duration"),
                () -> assertEquals(2.0, retried.costSeconds(), 1e-9, "both attempts"),
                () -> assertEquals("java.lang.AssertionError", retried.failureType()),
                () -> assertEquals("expected 1 but was 2", retried.failureMessage()),
                () -> assertEquals(flaky.attempts().get(0).failure().fingerprint(), retried.failureFingerprint()),
                () -> assertEquals(new DeclaredLayer(Layer.INTEGRATION, LayerSource.TEST_PROPERTY),
                        retried.declaredLayer()),
                () -> assertEquals(Map.of("tag", List.of("slow", "db")), retried.labels()),
                () -> assertEquals("TEST-y.xml", retried.reportFile()),
                () -> assertNull(untimed.durationSeconds()),
                () -> assertNull(untimed.costSeconds()),
                () -> assertNull(untimed.declaredLayer()),
                () -> assertEquals(Map.of(), untimed.labels()));
    }

    @Test
    default void rowsWithoutAFinalDurationFallBackToTheirDurationOnlyWhenRunOnce() throws SQLException {
        ComponentRef component = freshComponent();
        write(upload(component, "", day(0)), flaky(new TestIdentity("S", "retried", "")),
                once(new TestIdentity("S", "single", ""), Status.PASSED, 1.5));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE test_results SET final_duration_seconds = NULL WHERE component = ?")) {
            ps.setString(1, component.toString());
            assertEquals(2, ps.executeUpdate(), "both rows now look as if written before migration V2");
        }

        List<TestHistory> histories = database().testHistories(component.toString(), day(0), LATER, 5);

        assertEquals(1.5, byName(histories, "single").lastRun().durationSeconds(), 1e-9);
        assertNull(byName(histories, "retried").lastRun().durationSeconds(),
                "the final attempt of a retried result is unknown without the column");
        assertEquals(2.0, byName(histories, "retried").lastRun().costSeconds(), 1e-9);
    }

    @Test
    default void historiesOfAComponentWithoutRunsInTheWindowAreEmpty() {
        ComponentRef component = freshComponent();
        write(upload(component, "", day(0)), once(new TestIdentity("S", "old", ""), Status.PASSED, 1.0));

        assertEquals(List.of(), database().testHistories(component.toString(), day(1), LATER, 5));
        assertEquals(List.of(), database().testHistories(freshComponent().toString(), day(0), LATER, 5));
        assertThrows(IllegalArgumentException.class,
                () -> database().testHistories(component.toString(), day(0), LATER, 0));
    }

    @Test
    default void componentsListTheLatestNamedTeamTheLastRunAndTheRunCount() {
        ComponentRef named = ComponentRef.parse("b-" + UUID.randomUUID());
        ComponentRef anonymous = ComponentRef.parse("a-" + UUID.randomUUID());
        TestIdentity id = new TestIdentity("S", "t", "");
        write(upload(named, "team-old", day(0)), once(id, Status.PASSED, 1.0));
        write(upload(named, "", day(3)), once(id, Status.PASSED, 1.0));
        write(upload(named, "team-new", day(2)), once(id, Status.PASSED, 1.0));
        write(upload(named, "team-between", day(1)), once(id, Status.PASSED, 1.0));
        write(upload(anonymous, "", day(0)), once(id, Status.PASSED, 1.0));

        List<ComponentSummary> ours = database().components().stream()
                .filter(s -> s.component().equals(named.toString()) || s.component().equals(anonymous.toString()))
                .toList();

        assertEquals(List.of(new ComponentSummary(anonymous.toString(), "", day(0), 1),
                new ComponentSummary(named.toString(), "team-new", day(3), 4)), ours);
        List<String> all = database().components().stream().map(ComponentSummary::component).toList();
        assertEquals(all.stream().sorted().toList(), all, "ordered by reference");
    }

    @Test
    default void testRunsListTheLatestRunsNewestFirstWithTheirAttempts() {
        ComponentRef component = freshComponent();
        TestIdentity id = new TestIdentity("com.example.PayTest", "charges", "[1]");
        UploadMetadata passedRun = upload(component, "", day(0));
        UploadMetadata retriedRun = upload(component, "", day(1));
        UploadMetadata failedRun = upload(component, "", day(2));
        write(passedRun, once(id, Status.PASSED, 0.5));
        write(retriedRun, flaky(id));
        write(failedRun, once(id, Status.FAILED, 3.0));

        List<TestRunDetail> latest = database().testRuns(component.toString(), id.testId(component), 2);
        List<TestRunDetail> all = database().testRuns(component.toString(), id.testId(component), 10);

        assertEquals(List.of(day(2), day(1)), latest.stream().map(d -> d.fact().job().startedAt()).toList());
        TestRunDetail failed = latest.get(0);
        TestRunDetail retried = latest.get(1);
        assertAll(
                () -> assertEquals(id.testId(component), failed.testId()),
                () -> assertEquals("com.example.PayTest", failed.suite()),
                () -> assertEquals("charges", failed.name()),
                () -> assertEquals("[1]", failed.invocation()),
                () -> assertEquals(failedRun.runUrl(), failed.runUrl()),
                () -> assertEquals(List.of(new AttemptDetail(1, "failed", 3.0, "java.lang.IllegalStateException",
                        "boom 3.0")), failed.attempts(), "one attempt made from the result row"),
                () -> assertEquals(Outcome.FLAKY, retried.fact().outcome()),
                () -> assertEquals(List.of(
                        new AttemptDetail(1, "failed", 1.25, "java.lang.AssertionError", "expected 1 but was 2"),
                        new AttemptDetail(2, "passed", 0.75, "", "")), retried.attempts(), "the stored attempts"),
                () -> assertEquals(3, all.size()),
                () -> assertEquals(List.of(new AttemptDetail(1, "passed", 0.5, "", "")), all.get(2).attempts()),
                () -> assertEquals(List.of(), database().testRuns(component.toString(), "no-such-test", 10)));
    }

    /**
     * The runs added since a read are those of the uploads it did not cover, told apart by id: another upload to a job
     * run it read, and a job run since; a test it did not return comes with its runs before the window. Once an upload
     * it covered is gone, what was added cannot be told.
     */
    @Test
    default void addedRunsAreThoseOfTheUploadsAReadDidNotCoverAndNoneOnceACoveredOneIsGone() throws SQLException {
        ComponentRef component = freshComponent();
        TestIdentity first = new TestIdentity("S", "first", "");
        TestIdentity second = new TestIdentity("S", "second", "");
        write(upload(component, "", day(0)), once(second, Status.PASSED, 1.0));
        UploadMetadata run = upload(component, "", day(2));
        write(run, once(first, Status.PASSED, 1.0));
        HistoryQueries.WindowRead read = database().windowRead(component.toString(), day(1), day(3), 5);
        write(run.withUploadId("up-second-batch-" + component), once(second, Status.PASSED, 2.0));
        write(upload(component, "", day(3)), once(first, Status.FAILED, 3.0));

        HistoryQueries.WindowRead added = database().addedRuns(component.toString(), read.uploads(),
                Set.of(first.testId(component)), day(1), day(4), 5).orElseThrow();

        TestHistory firstAdded = byName(added.histories(), "first");
        TestHistory secondAdded = byName(added.histories(), "second");
        assertAll(
                () -> assertEquals(1, read.histories().size(), "the read had the first test only"),
                () -> assertEquals(1, read.uploads().before(), "one upload before the window"),
                () -> assertEquals(1, read.uploads().window().size(), "one in it"),
                () -> assertEquals(2, added.histories().size()),
                // a test the read returned: the added runs only
                () -> assertEquals(List.of(day(3)), starts(firstAdded)),
                () -> assertEquals(1, firstAdded.runsEver()),
                // a test it did not: the second batch's run, and the run before the window in its totals
                () -> assertEquals(List.of(day(2)), starts(secondAdded)),
                () -> assertEquals(2, secondAdded.runsEver()),
                () -> assertEquals(day(0), secondAdded.firstSeen()),
                () -> assertEquals(3, added.uploads().window().size(), "the three uploads of the window"),
                () -> assertEquals(1, added.uploads().before()));

        try (Connection c = connect()) {
            for (String table : List.of("test_results", "uploads")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                        + " WHERE component = ? AND upload_id = ?")) {
                    ps.setString(1, component.toString());
                    ps.setString(2, run.uploadId());
                    assertEquals(1, ps.executeUpdate(), table);
                }
            }
        }
        assertEquals(Optional.empty(), database().addedRuns(component.toString(), added.uploads(),
                Set.of(first.testId(component), second.testId(component)), day(1), day(4), 5));
    }

    private void write(UploadMetadata m, TestResult... results) {
        List<TestResult> present = Arrays.stream(results).filter(Objects::nonNull).toList();
        try (UploadWriter w = database().open(m)) {
            present.forEach(w::add);
            w.commit(receipt(m, present.size()));
        }
    }

    private static Instant day(int n) {
        return DAY0.plus(Duration.ofDays(n));
    }

    private static List<Instant> starts(TestHistory h) {
        return h.runs().stream().map(r -> r.job().startedAt()).toList();
    }

    private static TestHistory byName(List<TestHistory> histories, String name) {
        return histories.stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no history of " + name + " in " + histories));
    }
}
