package io.testhealth.collector;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What to do when a test needs something from outside the repository that this machine does not have: skip with
 * one line that names what is missing and how to get it, or fail when {@code CI=true}.
 *
 * <p>A newcomer's clone should pass with only Java and Maven, so a missing corpus or tool skips (the JUnit
 * assumption makes the test count as skipped, and the printed line shows in Maven's output, where the skip reason
 * alone would not). In CI a skip would hide a hole, so there the same gap fails the test.
 */
public final class Prerequisites {

    /** The lines already printed by this JVM: a class whose every test skips for one reason says it once. */
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private Prerequisites() {
    }

    /**
     * Returns when {@code present}; otherwise skips the running test (or fails it in CI) with one line.
     *
     * @param present   whether the machine has it
     * @param test      who needs it, e.g. {@code "CorpusConformanceTest"}
     * @param missing   what is missing, with where it was looked for
     * @param howToGetIt what to do to run the test
     */
    public static void require(boolean present, String test, String missing, String howToGetIt) {
        if (present) {
            return;
        }
        String why = missing + ": " + howToGetIt;
        if (inCi()) {
            Assertions.fail(test + " cannot run: " + why + " (CI=true, so a missing prerequisite fails)");
        }
        // Maven's console lists skipped counts but not their reasons: this line is what a newcomer reads.
        String line = "SKIPPED " + test + ": " + why;
        if (SAID.add(line)) {
            System.out.println(line);
        }
        Assumptions.abort(why);
    }

    /** Whether this run is CI's, where nothing may be skipped: the {@code CI} environment variable is {@code true}. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }
}
