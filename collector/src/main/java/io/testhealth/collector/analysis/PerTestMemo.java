package io.testhealth.collector.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one analysis worked out per test, kept for the next analysis of the same component, so that an upload costs
 * the analysis of the tests it ran rather than of every test in the window.
 *
 * <p>A kept result is reused only while it would be worked out the same again:
 * <ul>
 *   <li>the test's history is the very same object ({@code ==}): the component's kept histories hand an unchanged
 *       test's history on as it was, and build a new one when a run was added or dropped, or when the history was
 *       read again from the store (a rebuild, a late upload);</li>
 *   <li>the analysis is as of a moment before the result's {@code validUntil}: the first moment at which a rule that
 *       reads the clock could answer otherwise for the same runs (a run leaving the window, a test becoming stale, a
 *       quiet or hold period ending). {@link #firstChange} works it out from the runs and the rules' durations;</li>
 *   <li>the rules are equal to the previous analysis' ({@link #begin}).</li>
 * </ul>
 * An analysis whose result depends on less than the whole history (the pyramid's layer reads the runs' declarations,
 * labels and files, not their outcomes) can also reuse a result across histories: it keeps the part it reads as the
 * result's input ({@link #keep(TestHistory, Object, Instant, Object)}), and {@link #reuseFor} answers the result
 * kept for an equal input, whatever history it came from.
 * Only the tests of the latest analysis are kept, so the memo holds no more than one result per test of the
 * component's window.
 *
 * <p>Not thread-safe: one analysis at a time uses it (the component's recompute lock).
 *
 * @param <T> the per-test result
 */
public final class PerTestMemo<T> {

    /** @param input what the value was worked out from, when the analysis said ({@code null} otherwise) */
    private record Entry<T>(TestHistory history, T value, Instant validUntil, Object input) {
    }

    private Map<String, Entry<T>> kept = new HashMap<>();
    private Map<String, Entry<T>> next = new HashMap<>();
    private Object rules;
    private long reused;
    private long worked;

    /**
     * Starts an analysis; what was kept is forgotten when its rules differ from the previous analysis' rules.
     *
     * @param rules everything besides the history and the clock that the per-test results depend on (settings,
     *              mappings), compared with {@code equals}
     */
    public void begin(Object rules) {
        if (!Objects.equals(rules, this.rules)) {
            kept = new HashMap<>();
        }
        this.rules = rules;
        next = new HashMap<>();
    }

    /** The result kept for this very history, if it still holds at {@code now}; else {@code null}. */
    public T reuse(TestHistory history, Instant now) {
        Entry<T> e = kept.get(history.testId());
        if (e != null && e.history() == history && now.isBefore(e.validUntil())) {
            next.put(history.testId(), e);
            reused++;
            return e.value();
        }
        return null;
    }

    /**
     * The result kept for this test if it was worked out from an input equal to {@code input}, whatever history it
     * came from; else {@code null}. On a hit it is kept again for {@code history}, until {@code validUntil}.
     */
    public T reuseFor(TestHistory history, Object input, Instant validUntil) {
        Entry<T> e = kept.get(history.testId());
        if (e != null && e.input() != null && e.input().equals(input)) {
            next.put(history.testId(), new Entry<>(history, e.value(), validUntil, input));
            reused++;
            return e.value();
        }
        return null;
    }

    /** Keeps the result just worked out for a test, until {@code validUntil} (excluded). */
    public void keep(TestHistory history, T value, Instant validUntil) {
        keep(history, value, validUntil, null);
    }

    /**
     * Keeps the result just worked out for a test from {@code input}, all of the history it read, until
     * {@code validUntil} (excluded), for {@link #reuseFor}.
     */
    public void keep(TestHistory history, T value, Instant validUntil, Object input) {
        next.put(history.testId(), new Entry<>(history, value, validUntil, input));
        worked++;
    }

    /** Ends the analysis: from now on only the results it reused or kept are kept. */
    public void end() {
        kept = next;
        next = new HashMap<>();
    }

    /** Forgets every result: the next analysis works out every test. */
    public void clear() {
        kept = new HashMap<>();
        next = new HashMap<>();
    }

    /** Results reused since the memo was made (for tests and benchmarks that check the path is taken). */
    public long reused() {
        return reused;
    }

    /** Results worked out and kept since the memo was made. */
    public long worked() {
        return worked;
    }

    /**
     * The first moment after {@code now} at which a rule comparing the clock with a run's start plus one of
     * {@code offsets} could answer otherwise: the least {@code start + offset} after {@code now} over the runs and
     * offsets, or {@link Instant#MAX} when every such moment has passed.
     *
     * @param runs the test's runs, in any order
     */
    public static Instant firstChange(List<TestRunFact> runs, Instant now, Duration... offsets) {
        Instant first = Instant.MAX;
        for (TestRunFact f : runs) {
            Instant start = f.job().startedAt();
            for (Duration offset : offsets) {
                Instant change = start.plus(offset);
                if (change.isAfter(now) && change.isBefore(first)) {
                    first = change;
                }
            }
        }
        return first;
    }
}
