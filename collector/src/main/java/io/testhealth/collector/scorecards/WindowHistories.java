package io.testhealth.collector.scorecards;

import io.testhealth.collector.analysis.PerTestMemo;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.analysis.durations.TestDurations;
import io.testhealth.collector.analysis.flakiness.FlakinessAnalyzer;
import io.testhealth.collector.analysis.pyramid.Classification;
import io.testhealth.collector.store.HistoryQueries;
import io.testhealth.collector.store.HistoryQueries.UploadsCovered;
import io.testhealth.collector.store.HistoryQueries.WindowRead;
import io.testhealth.collector.store.support.HistoryReader;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The histories a component's last recompute read, kept so that the next recompute reads only what was stored since:
 * exactly the list {@link HistoryQueries#testHistories} would return for the new window, or a full read.
 *
 * <p>The kept histories cover {@code [from, to)} and know the uploads they were read from. The next read for
 * {@code [from', to')} with {@code from' >= from} and {@code to' >= to} reads only the runs those uploads did not have
 * ({@link HistoryQueries#addedRuns}): every run that started at or after {@code to}, and the runs of uploads stored
 * since for job runs that started before (another batch of a job run's tests, a late upload). Each test's runs are
 * merged in the database's order (start, then run id), runs before {@code from'} are dropped, the latest
 * {@code maxRunsPerTest} kept, and the added runs counted in {@code runsEver}; a test the kept histories do not have
 * takes its place in test-id order, with its totals from the store. It falls back to a full read when the result
 * could differ from one:
 * <ul>
 *   <li>the store cannot tell the added runs apart (an upload read is gone, one was stored for a job run that started
 *       before the window, too many were added);</li>
 *   <li>an added run is of a job run a test's kept history already has (its rows would have to be merged with the
 *       kept ones into one run), or started at the same moment as a kept run of the test (the database orders those by
 *       run id, in its collation);</li>
 *   <li>an added run is older than every kept run of a test whose kept runs were cut to {@code maxRunsPerTest}: it may
 *       be one of the runs cut, already counted; or more than {@code maxRunsPerTest} runs of a kept test were added
 *       (those cut from the added ones could not be checked);</li>
 *   <li>the window moved back, the most runs per test changed, or nothing is kept.</li>
 * </ul>
 * Each read, full or added, sees one consistent state of the store together with the uploads it covered, so an upload
 * committed while it reads is either in both or in neither.
 *
 * <p>Bounded: histories are kept for the components recomputed last, up to a number of test runs in all that takes
 * about a fifth of the heap ({@link #budgetFor}); a component with more is read in full each time. Callers hold the
 * component's recompute lock.
 */
final class WindowHistories {

    /**
     * What one kept test run costs in the heap, measured ({@code jmap -histo:live} during the trace benchmark): the
     * {@link TestRunFact} (64 bytes), its boxed duration and cost (24 each), its slot in the history's list; the
     * strings and job runs it refers to are shared with the other runs of its job.
     */
    static final long BYTES_PER_FACT = 120;

    /** The least kept whatever the heap: a component of 2,000 tests at 200 runs each. */
    static final long MIN_FACTS = 400_000;

    private final long maxFacts;

    private record Kept(int maxRuns, UploadsCovered uploads, List<TestHistory> histories, Set<String> tests,
                        long facts) {
        static Kept of(int maxRuns, UploadsCovered uploads, List<TestHistory> histories) {
            return new Kept(maxRuns, uploads, histories, testIds(histories), WindowHistories.facts(histories));
        }

        Instant from() {
            return uploads.from();
        }

        Instant to() {
            return uploads.to();
        }
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
    private final AtomicLong fullReads = new AtomicLong();
    private long keptFacts;

    /** Kept histories sized for this JVM's heap. */
    WindowHistories(HistoryQueries queries) {
        this(queries, budgetFor(Runtime.getRuntime().maxMemory()));
    }

    /** @param maxFacts the most test runs kept, over every component kept */
    WindowHistories(HistoryQueries queries, long maxFacts) {
        this.queries = queries;
        this.maxFacts = maxFacts;
    }

    /**
     * The test runs to keep with a heap of {@code maxHeapBytes}: a fifth of it, and never less than
     * {@link #MIN_FACTS}. Why proportional: a component whose histories do not fit is read in full on every upload,
     * the whole window streamed from the store (seconds for millions of results), so the cap decides which
     * components get an upload's cost rather than their history's; a fixed number sized for a 256 MB heap would
     * put that cliff at 2,000 tests for a collector given gigabytes.
     */
    static long budgetFor(long maxHeapBytes) {
        return Math.max(MIN_FACTS, maxHeapBytes / 5 / BYTES_PER_FACT);
    }

    /** The most test runs kept, over every component kept. */
    long maxFacts() {
        return maxFacts;
    }

    /**
     * The tests of the component that ran in {@code [from, to)}, as {@link HistoryQueries#testHistories} lists them.
     *
     * @param full whether to read it all again whatever is kept (a rebuild), keeping what was read
     */
    List<TestHistory> read(String component, Instant from, Instant to, int maxRunsPerTest, boolean full) {
        Kept k = full ? null : get(component);
        if (k != null && k.maxRuns() == maxRunsPerTest && !from.isBefore(k.from()) && !to.isBefore(k.to())) {
            Optional<WindowRead> added = queries.addedRuns(component, k.uploads(), k.tests(), from, to,
                    maxRunsPerTest);
            List<TestHistory> joined = added.isPresent()
                    ? join(k.histories(), added.get().histories(), from, maxRunsPerTest)
                    : null;
            if (joined != null) {
                extended.incrementAndGet();
                put(component, Kept.of(maxRunsPerTest, added.get().uploads(), joined));
                return joined;
            }
        }
        WindowRead all = queries.windowRead(component, from, to, maxRunsPerTest);
        fullReads.incrementAndGet();
        put(component, Kept.of(maxRunsPerTest, all.uploads(), all.histories()));
        return all.histories();
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

    /** How many reads read the whole window (for tests that check the path is not taken). */
    long fullReads() {
        return fullReads.get();
    }

    /**
     * The kept histories moved to {@code from} and merged with the added ones (both ordered by test id); {@code null}
     * when only a full read gives the right list.
     */
    private static List<TestHistory> join(List<TestHistory> kept, List<TestHistory> added, Instant from,
                                          int maxRuns) {
        List<TestHistory> out = new ArrayList<>(kept.size() + added.size());
        int i = 0;
        int j = 0;
        while (i < kept.size() || j < added.size()) {
            int order = i == kept.size() ? 1 : j == added.size() ? -1
                    : HistoryReader.BY_TEST_ID.compare(kept.get(i), added.get(j));
            if (order > 0) {
                out.add(added.get(j++)); // a test the kept histories do not have, with its totals
                continue;
            }
            TestHistory h = kept.get(i++);
            TestHistory a = order == 0 ? added.get(j++) : null;
            List<TestRunFact> runs = new ArrayList<>(h.runs().size() + (a == null ? 0 : a.runs().size()));
            for (TestRunFact f : h.runs()) {
                if (!f.job().startedAt().isBefore(from)) {
                    runs.add(f);
                }
            }
            if (a == null) {
                if (runs.size() == h.runs().size()) {
                    out.add(h); // unchanged: the same object, so that what was worked out from it can be reused
                } else if (!runs.isEmpty()) {
                    out.add(new TestHistory(h.testId(), h.component(), h.suite(), h.name(), runs, h.runsEver(),
                            h.firstSeen()));
                }
                continue;
            }
            if (a.runsEver() > a.runs().size()) {
                return null; // more runs added than are kept: the ones cut could not be checked against the kept
            }
            if (h.runs().size() >= maxRuns && startsBefore(a.runs().get(0), h.runs().get(0))) {
                return null; // may be a run cut from the kept history, already counted in its runsEver
            }
            runs = merged(runs, a.runs());
            if (runs == null) {
                return null;
            }
            if (runs.size() > maxRuns) {
                runs = runs.subList(runs.size() - maxRuns, runs.size());
            }
            Instant firstSeen = h.firstSeen().isAfter(a.firstSeen()) ? a.firstSeen() : h.firstSeen();
            out.add(new TestHistory(h.testId(), h.component(), h.suite(), h.name(), runs, h.runsEver() + a.runsEver(),
                    firstSeen));
        }
        return out;
    }

    /**
     * Two lists of a test's runs, each oldest first, as one in the database's order; {@code null} when a run of one
     * started at the same moment as a run of the other (the same job run, or an order that only the database's
     * collation of run ids decides).
     */
    private static List<TestRunFact> merged(List<TestRunFact> kept, List<TestRunFact> added) {
        List<TestRunFact> out = new ArrayList<>(kept.size() + added.size());
        int i = 0;
        int j = 0;
        while (i < kept.size() || j < added.size()) {
            if (i == kept.size()) {
                out.add(added.get(j++));
            } else if (j == added.size()) {
                out.add(kept.get(i++));
            } else {
                int order = kept.get(i).job().startedAt().compareTo(added.get(j).job().startedAt());
                if (order == 0) {
                    return null;
                }
                out.add(order < 0 ? kept.get(i++) : added.get(j++));
            }
        }
        return out;
    }

    private static boolean startsBefore(TestRunFact a, TestRunFact b) {
        return !a.job().startedAt().isAfter(b.job().startedAt());
    }

    private static Set<String> testIds(List<TestHistory> histories) {
        Set<String> ids = new HashSet<>(histories.size() * 2);
        for (TestHistory h : histories) {
            ids.add(h.testId());
        }
        return Collections.unmodifiableSet(ids);
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
        if (k.facts() > maxFacts) {
            memories.remove(component);
            return;
        }
        kept.put(component, k);
        keptFacts += k.facts();
        for (var it = kept.entrySet().iterator(); keptFacts > maxFacts && it.hasNext(); ) {
            var eldest = it.next();
            if (!eldest.getKey().equals(component)) {
                keptFacts -= eldest.getValue().facts();
                memories.remove(eldest.getKey());
                it.remove();
            }
        }
    }
}
