package io.testhealth.collector.analysis.flakiness;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The kind of cause a failure points to, read from its exception type and message by keyword rules.
 *
 * <p>This is the one place for those rules. They are a triage hint, not a diagnosis: the category tells a team
 * where to look first (a timeout, the network, the machine) and groups similar causes on a dashboard.
 */
public enum FailureCategory {
    /** Something took longer than allowed: socket or future timeouts, JUnit {@code assertTimeout}. */
    TIMEOUT,
    /** A remote end was not reachable: refused or reset connections, unknown hosts. */
    NETWORK,
    /** The code under test gave another result than expected. */
    ASSERTION,
    /** Threads interfered: concurrent modification, deadlocks, races. */
    CONCURRENCY,
    /** The machine ran out of something: memory, disk, file handles. */
    RESOURCE_EXHAUSTION,
    /** The test could not start properly: class path, ports, containers, permissions, fixtures. */
    ENVIRONMENT_SETUP,
    /** None of the rules matched. */
    OTHER;

    private enum Field { TYPE, MESSAGE }

    private record Rule(FailureCategory category, Field field, Pattern pattern) {
        boolean matches(String type, String message) {
            return pattern.matcher(field == Field.TYPE ? type : message).find();
        }
    }

    private static Rule rule(FailureCategory c, Field f, String regex) {
        return new Rule(c, f, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }

    /**
     * The rules in the order they are tried; the first match wins.
     *
     * <p>Timeouts come first because they are often wrapped in another type ({@code AssertionFailedError: execution
     * timed out}, {@code ConnectException: Connection timed out}) and a timeout is the more useful hint. Then the
     * exception type decides, because a message may quote anything (an assertion message mentioning "connection
     * refused" is still an assertion). Message keywords are the last resort, for reports without a type.
     */
    private static final List<Rule> RULES = List.of(
            rule(TIMEOUT, Field.TYPE, "(SocketTimeout|Timeout)Exception"),
            rule(TIMEOUT, Field.MESSAGE, "timed out|timeout\\b.*\\bexceeded"),
            rule(NETWORK, Field.TYPE, "ConnectException|UnknownHost|NoRouteToHost"),
            rule(ASSERTION, Field.TYPE, "AssertionError|AssertionFailedError|ComparisonFailure|AssertionFailure"),
            rule(CONCURRENCY, Field.TYPE, "ConcurrentModification|Deadlock"),
            rule(RESOURCE_EXHAUSTION, Field.TYPE, "OutOfMemoryError"),
            rule(ENVIRONMENT_SETUP, Field.TYPE, "ClassNotFound|NoClassDefFound|BindException"),
            rule(NETWORK, Field.MESSAGE, "connection (refused|reset)|UnknownHost"),
            rule(ASSERTION, Field.MESSAGE, "expected.*but was"),
            rule(CONCURRENCY, Field.MESSAGE, "ConcurrentModification|deadlock|\\brace\\b"),
            rule(RESOURCE_EXHAUSTION, Field.MESSAGE, "OutOfMemory|out of memory|no space left|too many open files"),
            rule(ENVIRONMENT_SETUP, Field.MESSAGE,
                    "ClassNotFound|NoClassDefFound|(port|address)\\b.*\\balready in use|docker|permission denied"
                            + "|BeforeAll|BeforeClass|\\bset ?up\\b"));

    /**
     * The category of a failure.
     *
     * @param type    the exception or failure type as reported, may be {@code null} or empty
     * @param message the failure message, may be {@code null} or empty
     * @return the first matching category of the rules above, {@link #OTHER} when none matches
     */
    public static FailureCategory of(String type, String message) {
        String t = type == null ? "" : type;
        String m = message == null ? "" : message;
        for (Rule r : RULES) {
            if (r.matches(t, m)) {
                return r.category();
            }
        }
        return OTHER;
    }
}
