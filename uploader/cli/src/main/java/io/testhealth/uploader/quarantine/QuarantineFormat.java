package io.testhealth.uploader.quarantine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The quarantine list in the form each test runner takes to skip tests. A test is its suite (a class, or a pytest
 * module path with classes) and its name, as the JUnit XML reported them.
 */
public enum QuarantineFormat {

    /** {@code suite#name}, one per line: the collector's own text form. */
    TEXT {
        @Override
        public String render(List<QuarantinedTest> tests) {
            return lines(tests.stream().map(t -> t.suite() + "#" + t.name()).toList());
        }
    },

    /**
     * One value for Surefire's (or Failsafe's) {@code -Dtest=}: each test excluded with {@code !Class#method}, the
     * multiple-pattern syntax of Surefire 2.19 and later. Parameters ({@code posts(int)[1]}) are cut to the method, so
     * every case of a quarantined method is skipped. Empty when nothing is quarantined: then leave {@code -Dtest} out.
     */
    SUREFIRE {
        @Override
        public String render(List<QuarantinedTest> tests) {
            String value = tests.stream().map(t -> "!" + t.suite() + "#" + method(t.name())).distinct()
                    .collect(Collectors.joining(","));
            return value.isEmpty() ? "" : value + "\n";
        }
    },

    /**
     * One pattern per line for Gradle's {@code filter.excludeTestsMatching}: {@code com.acme.LedgerTest.posts}, a
     * parameterised method as {@code posts*}.
     */
    GRADLE {
        @Override
        public String render(List<QuarantinedTest> tests) {
            return lines(tests.stream().map(t -> {
                String m = method(t.name());
                return t.suite() + "." + m + (m.equals(t.name()) ? "" : "*");
            }).distinct().toList());
        }
    },

    /**
     * {@code --deselect} arguments for pytest, one per line: the suite {@code tests.api.test_users.TestLogin} (pytest's
     * JUnit XML {@code classname}) becomes {@code tests/api/test_users.py::TestLogin}, the name is kept whole.
     */
    PYTEST {
        @Override
        public String render(List<QuarantinedTest> tests) {
            List<String> out = new ArrayList<>();
            for (QuarantinedTest t : tests) {
                out.add("--deselect");
                out.add(pytestNodeId(t.suite(), t.name()));
            }
            return lines(out);
        }
    };

    /** The list in this format. */
    public abstract String render(List<QuarantinedTest> tests);

    /** A format by its name on the command line. */
    public static QuarantineFormat parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format must be text, surefire, gradle or pytest, got '" + name + "'");
        }
    }

    /** The method of a test name: {@code posts} of {@code posts(int)} or {@code posts[2]}. */
    static String method(String name) {
        int cut = name.length();
        for (char c : new char[] {'(', '['}) {
            int i = name.indexOf(c);
            if (i > 0) {
                cut = Math.min(cut, i);
            }
        }
        return name.substring(0, cut);
    }

    /**
     * pytest's node id from the classname it writes into JUnit XML: the dotted module path, then the classes, which
     * start with an upper-case letter by pytest's own collection rule ({@code Test*}).
     */
    static String pytestNodeId(String suite, String name) {
        String[] parts = suite.split("\\.");
        int firstClass = parts.length;
        while (firstClass > 1 && !parts[firstClass - 1].isEmpty() && Character.isUpperCase(parts[firstClass - 1].charAt(0))) {
            firstClass--;
        }
        StringBuilder id = new StringBuilder(String.join("/", java.util.Arrays.copyOfRange(parts, 0, firstClass))).append(".py");
        for (int i = firstClass; i < parts.length; i++) {
            id.append("::").append(parts[i]);
        }
        return id.append("::").append(name).toString();
    }

    private static String lines(List<String> l) {
        return l.isEmpty() ? "" : String.join("\n", l) + "\n";
    }
}
