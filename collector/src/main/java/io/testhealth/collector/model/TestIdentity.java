package io.testhealth.collector.model;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes a test the same test across runs: its suite (class or Allure suite path) and name, with the
 * parameters of a parameterized invocation kept apart as the invocation key.
 *
 * <p>The identity deliberately ignores the report format, so a test uploaded once as JUnit XML and once as
 * Allure results is one test. The component is not part of this record; {@link #testId(ComponentRef)} adds it.
 *
 * @param suite      the class or suite, possibly empty
 * @param name       the test's name without its parameters
 * @param invocation the parameters of this invocation ({@code [1]}, {@code a=1, b=2}), empty when not parameterized
 */
public record TestIdentity(String suite, String name, String invocation) {

    /** A trailing bracket group: {@code test(String)[2]}, {@code test_add[1-2-3]}. */
    private static final Pattern TRAILING_PARAMS = Pattern.compile("^(.+?)\\s*\\[(.*)]$", Pattern.DOTALL);
    /** A JUnit 5 display name that starts with the invocation index: {@code [1] input=foo}, {@code [2]}. */
    private static final Pattern LEADING_INDEX = Pattern.compile("^\\[(\\d+)]\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern INDEX_ONLY = Pattern.compile("\\d+");

    public TestIdentity {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(invocation, "invocation");
    }

    /**
     * Splits a reported test name into name and invocation key.
     *
     * <p>{@code test(String)[1]} becomes name {@code test(String)}, invocation {@code 1}; a display name like
     * {@code [1] input=foo} keeps its text as the invocation key; a name that is only an index ({@code [3]})
     * stays the name, because nothing else would tell the tests of one class apart.
     */
    public static TestIdentity fromReportedName(String suite, String reportedName) {
        String s = suite == null ? "" : suite.strip();
        String n = reportedName == null ? "" : reportedName.strip();
        if (n.indexOf('[') < 0) {
            return new TestIdentity(s, n, ""); // the common case, without regular expressions
        }
        Matcher leading = LEADING_INDEX.matcher(n);
        if (leading.matches()) {
            return new TestIdentity(s, n, "");
        }
        Matcher trailing = TRAILING_PARAMS.matcher(n);
        if (trailing.matches() && balanced(trailing.group(2))) {
            return new TestIdentity(s, trailing.group(1).strip(), trailing.group(2));
        }
        return new TestIdentity(s, n, "");
    }

    /** Whether the reported name is only an invocation index ({@code [1]}, {@code [2] }), which is unstable across runs. */
    public boolean isIndexOnly() {
        if (name.indexOf('[') < 0 && invocation.isEmpty()) {
            return false;
        }
        Matcher leading = LEADING_INDEX.matcher(name);
        return (leading.matches() && leading.group(2).isEmpty()) || (!invocation.isEmpty() && INDEX_ONLY.matcher(invocation).matches());
    }

    /**
     * The stable id of this test within a component: 16 hex characters of SHA-256 over component, suite and name.
     * The invocation is not part of it: all invocations of a parameterized test are one test.
     */
    public String testId(ComponentRef component) {
        return hash(component + "\u001f" + suite + "\u001f" + name);
    }

    private static boolean balanced(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    static String hash(String text) {
        return HexFormat.of().formatHex(FailureFingerprint.Sha256.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
    }
}
