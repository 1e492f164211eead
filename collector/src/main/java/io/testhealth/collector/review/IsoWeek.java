package io.testhealth.collector.review;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ISO-8601 week in UTC, the unit of the weekly review: Monday 00:00 to the next Monday 00:00, end exclusive.
 *
 * <p>Weeks are numbered within the week-based year ({@link IsoFields#WEEK_BASED_YEAR}), which differs from the
 * calendar year around New Year: 2026 has 53 weeks and 2026-W53 runs from 2026-12-28 to 2027-01-03, while
 * 2027-01-04 is the Monday of 2027-W01. Deriving weeks from {@link IsoFields} keeps that rule in one place.
 *
 * @param year the week-based year
 * @param week the week of that year, from 1 to 52 or 53
 */
public record IsoWeek(int year, int week) {

    private static final Pattern TEXT = Pattern.compile("(\\d{4})-W(\\d{2})");

    /** The form every message about a week names. */
    public static final String FORM = "an ISO week written yyyy-Www, like 2026-W47";

    public IsoWeek {
        if (year < 1 || year > 9999) {
            throw new IllegalArgumentException("year must be from 0001 to 9999, got " + year);
        }
        int weeks = weeksIn(year);
        if (week < 1 || week > weeks) {
            throw new IllegalArgumentException(year + " has weeks 1 to " + weeks + ", got week " + week);
        }
    }

    /**
     * Reads {@code 2026-W47}.
     *
     * @throws IllegalArgumentException naming the expected form when the text is not a week that exists
     */
    public static IsoWeek parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("week must be " + FORM + "; got '" + text + "'");
        }
        try {
            return new IsoWeek(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("week must be " + FORM + "; got '" + text + "': " + e.getMessage(), e);
        }
    }

    /** The week an instant falls in, in UTC. */
    public static IsoWeek of(Instant instant) {
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return new IsoWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** Monday 00:00 UTC of the week. */
    public Instant start() {
        // 4 January is always in week 1 of its week-based year.
        LocalDate monday = LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return monday.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Monday 00:00 UTC of the following week: the first instant not in this one. */
    public Instant end() {
        return start().atZone(ZoneOffset.UTC).plusWeeks(1).toInstant();
    }

    /** Whether the instant is in the week. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** The week before, across the year boundary when needed. */
    public IsoWeek previous() {
        return of(start().atZone(ZoneOffset.UTC).minusWeeks(1).toInstant());
    }

    /** {@code 2026-W47}: the form {@link #parse} reads. */
    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }

    private static int weeksIn(int year) {
        return (int) LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
    }
}
