package io.testhealth.collector.analysis.flakiness;

/**
 * What a team may believe about a test, in the precedence {@code FlakinessAnalyzer} applies them.
 *
 * <p>Precedence, first match wins: STALE, NEW, BROKEN, FLAKY, FIXED, HEALTHY.
 */
public enum TestState {
    /** Fewer runs ever than {@link FlakinessSettings#newBelowRuns()}: too early to judge. */
    NEW,
    /** None of the other states: no evidence against the test. */
    HEALTHY,
    /** Passes and fails on the same code in the same environment (hard evidence or the statistical rule). */
    FLAKY,
    /** Fails (almost) always: over its last runs, since a commit (regression), or in one environment. */
    BROKEN,
    /** Was BROKEN or FLAKY and has since run clean long enough to show it; HEALTHY after the hold period. */
    FIXED,
    /** No run for {@link FlakinessSettings#staleAfter()}: the verdict would be about code that no longer runs. */
    STALE
}
