package io.testhealth.collector.store;

import io.testhealth.collector.store.AnalysisRepository.QuarantineEntry;
import io.testhealth.collector.store.AnalysisRepository.ScorecardDay;
import io.testhealth.collector.store.AnalysisRepository.Snapshot;
import io.testhealth.collector.store.AnalysisRepository.SubjectKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour of {@link AnalysisRepository} every store must show; each store's test implements it.
 *
 * <p>Tests share one database per class and keep apart by fresh subjects and components.
 */
interface AnalysisRepositoryContract {

    /** Instants at microsecond precision, as both databases keep them. */
    Instant T1 = Instant.parse("2026-11-02T10:15:30.123456Z");
    Instant T2 = Instant.parse("2026-11-03T11:00:00Z");
    LocalDate DAY = LocalDate.of(2026, 11, 2);

    /** The store under test. */
    HistoryDatabase database();

    @Test
    default void savingASnapshotAgainReplacesIt() {
        String subject = "component:default/" + UUID.randomUUID();
        String otherSubject = "component:default/" + UUID.randomUUID();
        long first = database().saveSnapshot(new Snapshot(SubjectKind.COMPONENT, subject, T1, "{\"v\":1}"));
        long other = database().saveSnapshot(new Snapshot(SubjectKind.COMPONENT, otherSubject, T1, "{\"v\":9}"));
        long second = database().saveSnapshot(new Snapshot(SubjectKind.COMPONENT, subject, T2, "{\"v\":2}"));

        // The second save of the subject: revision 2, whatever the other subject's saves.
        Snapshot latest = new Snapshot(SubjectKind.COMPONENT, subject, T2, "{\"v\":2}", 2);
        List<Snapshot> components = database().snapshots(SubjectKind.COMPONENT);
        assertAll(
                () -> assertEquals(List.of(1L, 1L, 2L), List.of(first, other, second), "revisions as saved"),
                () -> assertEquals(2L, database().revision(SubjectKind.COMPONENT, subject)),
                () -> assertEquals(0L, database().revision(SubjectKind.TEAM, subject), "none for a kind not saved"),
                () -> assertEquals(2L, database().revisions(SubjectKind.COMPONENT).get(subject)),
                () -> assertEquals(1L, database().revisions(SubjectKind.COMPONENT).get(otherSubject)),
                () -> assertEquals(Optional.of(latest), database().snapshot(SubjectKind.COMPONENT, subject)),
                () -> assertEquals(Optional.empty(), database().snapshot(SubjectKind.TEAM, subject),
                        "kinds are apart"),
                () -> assertEquals(List.of(latest), components.stream()
                        .filter(s -> s.subject().equals(subject)).toList(), "one snapshot per subject"),
                () -> assertTrue(components.stream().anyMatch(s -> s.subject().equals(otherSubject))),
                () -> assertEquals(components.stream().map(Snapshot::subject).sorted().toList(),
                        components.stream().map(Snapshot::subject).toList(), "ordered by subject"),
                () -> assertTrue(database().snapshots(SubjectKind.TEAM).stream()
                        .noneMatch(s -> s.subject().equals(subject))));
    }

    @Test
    default void removingSnapshotsOfFormerSubjectsKeepsTheOthersOtherKindsAndScorecardDays() {
        String kept = "group:default/kept-" + UUID.randomUUID();
        String former = "group:default/former-" + UUID.randomUUID();
        database().saveSnapshot(new Snapshot(SubjectKind.TEAM, kept, T1, "{\"v\":1}"));
        database().saveSnapshot(new Snapshot(SubjectKind.TEAM, former, T1, "{\"v\":2}"));
        database().saveSnapshot(new Snapshot(SubjectKind.COMPONENT, former, T1, "{\"v\":3}"));
        database().saveScorecardDay(day(former, 0, "Gold", "A"));
        Set<String> existing = database().snapshots(SubjectKind.TEAM).stream().map(Snapshot::subject)
                .filter(s -> !s.equals(former)).collect(Collectors.toSet());

        List<String> removed = database().removeSnapshotsExcept(SubjectKind.TEAM, existing);

        assertAll(
                () -> assertEquals(List.of(former), removed),
                () -> assertEquals(Optional.empty(), database().snapshot(SubjectKind.TEAM, former)),
                () -> assertTrue(database().snapshot(SubjectKind.TEAM, kept).isPresent()),
                () -> assertTrue(database().snapshot(SubjectKind.COMPONENT, former).isPresent(), "kinds are apart"),
                () -> assertEquals(List.of(day(former, 0, "Gold", "A")),
                        database().scorecardHistory(SubjectKind.TEAM, former, DAY, DAY), "history is kept"),
                () -> assertEquals(List.of(), database().removeSnapshotsExcept(SubjectKind.TEAM, existing),
                        "nothing left to remove"));
    }

    @Test
    default void scorecardDaysAreReplacedPerDayAndReadByInclusiveRangeOldestFirst() {
        String team = "group:default/" + UUID.randomUUID();
        for (int d : new int[]{3, 0, 2, 1}) {
            database().saveScorecardDay(day(team, d, "Bronze", "C"));
        }
        database().saveScorecardDay(day(team, 1, "Gold", "A"));

        List<ScorecardDay> range = database().scorecardHistory(SubjectKind.TEAM, team, DAY.plusDays(1),
                DAY.plusDays(2));

        assertEquals(List.of(day(team, 1, "Gold", "A"), day(team, 2, "Bronze", "C")), range);
        assertEquals(4, database().scorecardHistory(SubjectKind.TEAM, team, DAY.minusDays(9), DAY.plusDays(9)).size());
        assertEquals(List.of(), database().scorecardHistory(SubjectKind.COMPONENT, team, DAY, DAY.plusDays(3)));
    }

    @Test
    default void scorecardsOnADayListEverySubjectOfTheKind() {
        String a = "group:default/a-" + UUID.randomUUID();
        String b = "group:default/b-" + UUID.randomUUID();
        database().saveScorecardDay(day(b, 5, "Silver", "B"));
        database().saveScorecardDay(day(a, 5, "none", "F"));
        database().saveScorecardDay(day(a, 6, "Gold", "A"));

        List<ScorecardDay> onDay = database().scorecardsOn(SubjectKind.TEAM, DAY.plusDays(5)).stream()
                .filter(s -> s.subject().equals(a) || s.subject().equals(b)).toList();

        assertEquals(List.of(day(a, 5, "none", "F"), day(b, 5, "Silver", "B")), onDay);
    }

    @Test
    default void quarantineIsUpdatedListedOldestFirstAndReleased() {
        String component = "component:default/" + UUID.randomUUID();
        QuarantineEntry later = new QuarantineEntry(component, "t-later", "S", "later", "alice", "flaky", "",
                Instant.parse("2026-12-01T00:00:00Z"), T2);
        QuarantineEntry earlier = new QuarantineEntry(component, "t-earlier", "S", "earlier", "bob", "slow",
                "https://jira/X-1", null, T1);
        database().quarantine(later);
        database().quarantine(earlier);
        database().quarantine(new QuarantineEntry(component, "t-later", "S", "later", "carol", "still flaky",
                "https://jira/X-2", Instant.parse("2027-01-01T00:00:00Z"), T2.plusSeconds(3600)));

        QuarantineEntry updated = new QuarantineEntry(component, "t-later", "S", "later", "carol", "still flaky",
                "https://jira/X-2", Instant.parse("2027-01-01T00:00:00Z"), T2);
        assertEquals(List.of(earlier, updated), database().quarantined(component),
                "oldest first; an update keeps when the test was first quarantined");
        assertTrue(database().release(component, "t-earlier", "ann", Instant.parse("2026-10-02T00:00:00Z")));
        assertFalse(database().release(component, "t-earlier", "ann", Instant.parse("2026-10-02T00:00:00Z")), "already released");
        assertFalse(database().release("component:default/other", "t-later", "ann", Instant.parse("2026-10-02T00:00:00Z")), "another component's test");
        assertEquals(List.of(updated), database().quarantined(component));
    }

    private static ScorecardDay day(String subject, int day, String level, String grade) {
        return new ScorecardDay(SubjectKind.TEAM, subject, DAY.plusDays(day), level, grade,
                "{\"level\":\"" + level + "\",\"day\":" + day + "}");
    }
}
