package io.testhealth.collector.analysis.durations;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The span of time an analysis looks at: job runs that started in {@code [from, to)}.
 *
 * <p>The window is passed in rather than read from the clock so that every number can be recomputed later with the
 * same result; {@link #endingAt(Instant, Duration)} builds the usual "last 28 days" window from a given {@code now}.
 *
 * @param from first instant included
 * @param to   first instant excluded, after {@code from}
 */
public record TimeWindow(Instant from, Instant to) {

    /** The default analysis window of {@code metrics.md} section 6. */
    public static final Duration DEFAULT_LENGTH = Duration.ofDays(28);

    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a window ends after it starts: " + from + " .. " + to);
        }
    }

    /** The window of the given length that ends at {@code now} (excluded). */
    public static TimeWindow endingAt(Instant now, Duration length) {
        return new TimeWindow(now.minus(length), now);
    }

    /** How long the window is. */
    public Duration length() {
        return Duration.between(from, to);
    }

    /** Whether an instant lies in the window. */
    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /**
     * Whether a test belongs to the suite in this window: it has a run here that counts. A test that was only
     * skipped, or last ran before the window, is not counted in the pyramid or the coverage of tests.
     */
    public boolean ran(TestHistory test) {
        for (TestRunFact f : test.runs()) {
            if (f.counts() && contains(f.job().startedAt())) {
                return true;
            }
        }
        return false;
    }
}
