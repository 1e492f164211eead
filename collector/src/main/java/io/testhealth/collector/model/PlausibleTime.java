package io.testhealth.collector.model;

import java.time.Duration;
import java.time.Instant;

/**
 * The times and durations a CI run can report. Anything outside is a clock that was never set (epoch 0), a
 * sentinel ({@code Long.MAX_VALUE}) or a hostile upload; stored, it would overflow the stores' timestamp types or
 * turn one test into centuries of footprint, so callers take it as unknown (inside reports) or refuse it (the
 * upload's own parameters).
 */
public final class PlausibleTime {

    /**
     * No CI run predates this; an upload's run times before it are unset clocks. (Inside reports, small epoch times
     * are common in hand-written fixtures and harmless: they still order attempts and give durations.)
     */
    public static final Instant EARLIEST_RUN = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * Instants inside reports are kept from the epoch up to here. Reports carry no receipt time to compare with,
     * and a fixed bound keeps every stored instant far from the stores' limits.
     */
    public static final Instant LATEST_IN_REPORT = Instant.parse("2100-01-01T00:00:00Z");

    /** The longest one attempt of one test may take: a day, well above any CI job's time-out. */
    public static final double MAX_TEST_SECONDS = 86_400;

    /** How far ahead of the collector's clock an upload's run times may be: CI clocks drift, not by days. */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);

    /** The longest job run an upload may describe with {@code startedAt} and {@code finishedAt}. */
    public static final Duration MAX_JOB = Duration.ofDays(7);

    private PlausibleTime() {
    }

    /** Whether an instant read from a report can be kept. */
    public static boolean inReport(Instant t) {
        return !t.isBefore(Instant.EPOCH) && t.isBefore(LATEST_IN_REPORT);
    }

    /** Whether a test attempt's reported duration can be kept. */
    public static boolean testSeconds(double seconds) {
        return Double.isFinite(seconds) && seconds >= 0 && seconds <= MAX_TEST_SECONDS;
    }

    /**
     * What is wrong with a run time an upload gives, or {@code null} when nothing is.
     *
     * @param now the collector's clock at receipt
     */
    public static String runTimeProblem(Instant t, Instant now) {
        if (t.isBefore(EARLIEST_RUN)) {
            return "is before " + EARLIEST_RUN + ": no CI run is that old (an unset clock?)";
        }
        if (t.isAfter(now.plus(MAX_AHEAD))) {
            return "is more than a day after the collector's clock (" + now + "): send the CI run's real time";
        }
        return null;
    }
}
