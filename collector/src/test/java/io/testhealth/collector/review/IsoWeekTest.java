package io.testhealth.collector.review;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ISO weeks at the edges: year ends, 53-week years, the exclusive end, and text that is not a week. */
final class IsoWeekTest {

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void weeksOfInstantsAcrossYearEnds() {
        assertAll(
                () -> assertEquals("2026-W53", IsoWeek.of(at("2026-12-31T12:00:00Z")).toString()),
                () -> assertEquals("2026-W53", IsoWeek.of(at("2026-12-28T00:00:00Z")).toString()),
                () -> assertEquals("2026-W53", IsoWeek.of(at("2027-01-03T23:59:59Z")).toString(), "calendar 2027, week of 2026"),
                () -> assertEquals("2027-W01", IsoWeek.of(at("2027-01-04T00:00:00Z")).toString()),
                () -> assertEquals("2026-W52", IsoWeek.of(at("2026-12-27T23:59:59Z")).toString()),
                () -> assertEquals("2026-W01", IsoWeek.of(at("2025-12-29T00:00:00Z")).toString(), "calendar 2025, week of 2026"),
                () -> assertEquals("2026-W47", IsoWeek.of(at("2026-11-22T23:59:59.999Z")).toString()),
                () -> assertEquals("2026-W48", IsoWeek.of(at("2026-11-23T00:00:00Z")).toString()));
    }

    @Test
    void startAndEndAreMondayMidnightUtcEndExclusive() {
        IsoWeek w53 = IsoWeek.parse("2026-W53");
        IsoWeek w47 = IsoWeek.parse("2026-W47");
        assertAll(
                () -> assertEquals(at("2026-12-28T00:00:00Z"), w53.start()),
                () -> assertEquals(at("2027-01-04T00:00:00Z"), w53.end()),
                () -> assertTrue(w53.contains(at("2027-01-03T23:59:59Z")), "the week spans the year end"),
                () -> assertFalse(w53.contains(w53.end())),
                () -> assertEquals(at("2026-11-16T00:00:00Z"), w47.start()),
                () -> assertEquals(at("2026-11-23T00:00:00Z"), w47.end()),
                () -> assertEquals(at("2025-12-29T00:00:00Z"), IsoWeek.parse("2026-W01").start()));
    }

    @Test
    void previousCrossesYearBoundaries() {
        assertAll(
                () -> assertEquals("2026-W53", IsoWeek.parse("2027-W01").previous().toString()),
                () -> assertEquals("2025-W52", IsoWeek.parse("2026-W01").previous().toString()),
                () -> assertEquals("2026-W46", IsoWeek.parse("2026-W47").previous().toString()),
                () -> assertEquals(IsoWeek.parse("2026-W52").end(), IsoWeek.parse("2026-W53").start()));
    }

    @Test
    void parseRejectsTextThatIsNotAnExistingWeekNamingTheForm() {
        for (String bad : new String[]{"2026-47", "2026W47", "2026-W7", "W47", "", "2026-W00", "2025-W53", "2026-W54", "2026-w47x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IsoWeek.parse(bad), bad);
            assertTrue(e.getMessage().contains("2026-W47"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> IsoWeek.parse(null));
        assertEquals(new IsoWeek(2026, 53), IsoWeek.parse(" 2026-W53 "));
    }
}
