package io.testhealth.collector.scorecards;

import io.testhealth.collector.analysis.PerTestMemo;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.analysis.durations.TestDurations;
import io.testhealth.collector.analysis.flakiness.FlakinessAnalyzer;
import io.testhealth.collector.analysis.pyramid.Classification;
import io.testhealth.collector.store.HistoryQueries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The histories a component's last recompute read, kept so that the next recompute reads only what ran since:
 * exactly the list {@link HistoryQueries#testHistories} would return for the new window, or a full read.
 *
 * <p>The kept histories cover {@code [from, to)}. The next read for {@code [from', to')} with {@code from' >= from}
 * and {@code to' >= to} reads the span {@code [to, to')} alone and joins it on: runs before {@code from'} are
 * dropped, the span's runs follow the kept ones (the database orders a test's runs by start first, and every span
 * run starts at or after {@code to}), the latest {@code maxRunsPerTest} are kept, and the span's runs are added to
 * {@code runsEver}. It falls back to a full read when that could differ from one:
 * <ul>
 *   <li>an upload was stored for a job run that started before {@code to} since the kept read (a late upload with an
 *       earlier start, another upload to an existing job run, a commit racing the read): the count of such uploads,
 *       taken before each read, has changed;</li>
 *   <li>the span has a test the kept histories do not (its place in the list is the database's test-id order);</li>
 *   <li>the window moved back, or nothing is kept.</li>
 * </ul>
 *
 * <p>Bounded: histories are kept for the components recomputed last, up to {@value #MAX_FACTS} runs of tests in all
 * (about 40 MB); a component with more is read in full each time. Callers hold the component's recompute lock.
 */
final class WindowHistories {

    /** Most test runs kept, over every component kept. */
    static final int MAX_FACTS = 400_000;

    private record Kept(Instant from, Instant to, long uploadsBefore, List<TestHistory> histories, long facts) {
    }

    /**
     * What the analyses of a component worked out per test from its kept histories, for the next analysis to reuse:
     * kept and dropped together with the histories, since a result is reused only for the very history it came from.
     */
    record Memory(FlakinessAnalyzer.Memory flakiness, PerTestMemo<TestDurations> durations,
                  PerTestMemo<Classification> layers) {
        Memory() {
            this(new FlakinessAnalyzer.Memory(), new PerTestMemo<>(), new PerTestMemo<>());
        }
    }

    private final HistoryQueries queries;
    private final Map<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Memory> memories = new HashMap<>();
    private final AtomicLong extended = new AtomicLong();
    private long keptFacts;

    WindowHistories(HistoryQueries queries) {
        this.queries = queries;
    }

    /**
     * The tests of the component that ran in {@code [from, to)}, as {@link HistoryQueries#testHistories} lists them.
     *
     * @param full whether to read it all again whatever is kept (a rebuild), keeping what was read
     */
    List<TestHistory> read(String component, Instant from, Instant to, int maxRunsPerTest, boolean full) {
        // Counted before anything is read: an upload committed after this count is seen by the next read's check,
        // whatever its start. Counted after the check, an upload committed in between, with a start before the kept
        // span's end, would be in the count but in neither the kept histories nor the span, and never read.
        long uploadsBefore = queries.uploadsBefore(component, to);
        Kept k = full ? null : get(component);
        if (k != null && !from.isBefore(k.from()) && !to.isBefore(k.to())
                && queries.uploadsBefore(component, k.to()) == k.uploadsBefore()) {
            List<TestHistory> joined = join(k, queries.spanHistories(component, k.to(), to, maxRunsPerTest), from,
                    maxRunsPerTest);
            if (joined != null) {
                extended.incrementAndGet();
                put(component, new Kept(from, to, uploadsBefore, joined, facts(joined)));
                return joined;
            }
        }
        List<TestHistory> all = queries.testHistories(component, from, to, maxRunsPerTest);
        put(component, new Kept(from, to, uploadsBefore, all, facts(all)));
        return all;
    }

    /**
     * What the analyses of the component keep for the next one, while its histories are kept; a new, empty memory
     * when they are not (then nothing can be reused: every history is read again).
     */
    synchronized Memory memory(String component) {
        return kept.containsKey(component) ? memories.computeIfAbsent(component, c -> new Memory()) : new Memory();
    }

    /** How many reads were served by extending kept histories (for tests that check the path is taken). */
    long extended() {
        return extended.get();
    }

    /** The kept histories moved to {@code from} and extended by the span's; {@code null} when a full read is needed. */
    private static List<TestHistory> join(Kept k, List<TestHistory> span, Instant from, int maxRuns) {
        Map<String, TestHistory> recent = new HashMap<>();
        for (TestHistory h : span) {
            recent.put(h.testId(), h);
        }
        List<TestHistory> out = new ArrayList<>(k.histories().size());
        for (TestHistory h : k.histories()) {
            List<TestRunFact> runs = new ArrayList<>(h.runs().size() + 1);
            for (TestRunFact f : h.runs()) {
                if (!f.job().startedAt().isBefore(from)) {
                    runs.add(f);
                }
            }
            long runsEver = h.runsEver();
            TestHistory added = recent.remove(h.testId());
            if (added == null && runs.size() == h.runs().size()) {
                out.add(h); // unchanged: the same object, so that what was worked out from it can be reused
                continue;
            }
            if (added != null) {
                runs.addAll(added.runs());
                runsEver += added.runsEver(); // the span's runs, counted by the span read
                if (runs.size() > maxRuns) {
                    runs = new ArrayList<>(runs.subList(runs.size() - maxRuns, runs.size()));
                }
            }
            if (!runs.isEmpty()) {
                out.add(new TestHistory(h.testId(), h.component(), h.suite(), h.name(), runs, runsEver, h.firstSeen()));
            }
        }
        return recent.isEmpty() ? out : null;
    }

    private static long facts(List<TestHistory> histories) {
        long n = 0;
        for (TestHistory h : histories) {
            n += h.runs().size();
        }
        return n;
    }

    private synchronized Kept get(String component) {
        return kept.get(component);
    }

    private synchronized void put(String component, Kept k) {
        Kept old = kept.remove(component);
        if (old != null) {
            keptFacts -= old.facts();
        }
        if (k.facts() > MAX_FACTS) {
            memories.remove(component);
            return;
        }
        kept.put(component, k);
        keptFacts += k.facts();
        for (var it = kept.entrySet().iterator(); keptFacts > MAX_FACTS && it.hasNext(); ) {
            var eldest = it.next();
            if (!eldest.getKey().equals(component)) {
                keptFacts -= eldest.getValue().facts();
                memories.remove(eldest.getKey());
                it.remove();
            }
        }
    }
}
