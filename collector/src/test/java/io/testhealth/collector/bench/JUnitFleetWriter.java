package io.testhealth.collector.bench;

import io.testhealth.collector.bench.FleetHistory.Execution;
import io.testhealth.collector.bench.FleetHistory.JobRun;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a job run of a {@link FleetHistory} as Maven Surefire writes JUnit 5 results: one {@code <testsuites>}
 * file per job run, one {@code <testsuite>} per test class, with failures and errors carrying a stack trace and the
 * test's output, retried passes as {@code <flakyFailure>}, disabled tests as {@code <skipped>}.
 */
final class JUnitFleetWriter {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private JUnitFleetWriter() {
    }

    /** Writes {@code run} to {@code file}; returns the bytes written. */
    static long write(JobRun run, Path file) throws IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
            List<Execution> suite = new ArrayList<>();
            for (Execution e : run.executions()) {
                if (!suite.isEmpty() && !suite.get(0).test().qualifiedClass().equals(e.test().qualifiedClass())) {
                    suite(out, run, suite);
                    suite.clear();
                }
                suite.add(e);
            }
            suite(out, run, suite);
            out.write("</testsuites>\n");
        }
        return Files.size(file);
    }

    private static void suite(Writer out, JobRun run, List<Execution> cases) throws IOException {
        long failures = cases.stream().filter(c -> c.outcome() == FleetHistory.Outcome.FAILED).count();
        long errors = cases.stream().filter(c -> c.outcome() == FleetHistory.Outcome.ERROR).count();
        long skipped = cases.stream().filter(c -> c.outcome() == FleetHistory.Outcome.SKIPPED).count();
        long millis = cases.stream().mapToLong(Execution::durationMillis).sum();
        out.write(String.format(Locale.ROOT, "  <testsuite name=\"%s\" time=\"%s\" tests=\"%d\" errors=\"%d\""
                        + " skipped=\"%d\" failures=\"%d\" timestamp=\"%s\" hostname=\"%s\">\n",
                cases.get(0).test().qualifiedClass(), seconds(millis), cases.size(), errors, skipped, failures,
                TIMESTAMP.format(Instant.ofEpochMilli(cases.get(0).startMillis())), run.host()));
        out.write(properties(run));
        for (Execution c : cases) {
            out.write("    <testcase name=\"");
            out.write(escape(c.test().junitName()));
            out.write("\" classname=\"");
            out.write(c.test().qualifiedClass());
            out.write("\" time=\"");
            out.write(seconds(c.durationMillis()));
            switch (c.outcome()) {
                case PASSED -> {
                    if (c.test().method().hashCode() % 10 == 0) {
                        out.write("\">\n      <system-out><![CDATA[");
                        out.write(log(c));
                        out.write("]]></system-out>\n    </testcase>\n");
                    } else {
                        out.write("\"/>\n");
                    }
                }
                case SKIPPED -> out.write("\">\n      <skipped message=\"disabled until the new pricing rules ship\"/>\n    </testcase>\n");
                case FAILED -> failure(out, c, "failure", "org.opentest4j.AssertionFailedError");
                case ERROR -> failure(out, c, "error", "java.lang.NullPointerException");
                case PASSED_ON_RETRY -> {
                    out.write("\">\n      <flakyFailure message=\"");
                    out.write(escape(c.message()));
                    out.write("\" type=\"org.opentest4j.AssertionFailedError\">\n        <stackTrace><![CDATA[");
                    out.write(stackTrace(c, "org.opentest4j.AssertionFailedError"));
                    out.write("]]></stackTrace>\n        <system-out><![CDATA[");
                    out.write(log(c));
                    out.write("]]></system-out>\n      </flakyFailure>\n    </testcase>\n");
                }
                default -> throw new IllegalStateException("unknown outcome " + c.outcome());
            }
        }
        out.write("  </testsuite>\n");
    }

    /** The JVM's system properties, which Surefire writes into every suite (most of a real report's bytes). */
    private static String properties(JobRun run) {
        String[][] props = {
                {"java.runtime.name", "OpenJDK Runtime Environment"}, {"java.vm.version", "17.0.15+6-Debian-1deb12u1"},
                {"java.vm.vendor", "Debian"}, {"java.vendor.url", "https://tracker.debian.org/openjdk-17"},
                {"path.separator", ":"}, {"java.vm.name", "OpenJDK 64-Bit Server VM"}, {"user.country", "US"},
                {"sun.java.launcher", "SUN_STANDARD"}, {"java.vm.specification.name", "Java Virtual Machine Specification"},
                {"user.dir", "/builds/acme/shop"}, {"java.runtime.version", "17.0.15+6-Debian-1deb12u1"},
                {"basedir", "/builds/acme/shop"}, {"os.arch", "amd64"}, {"java.io.tmpdir", "/tmp"},
                {"line.separator", "&#10;"}, {"java.vm.specification.vendor", "Oracle Corporation"}, {"os.name", "Linux"},
                {"surefire.test.class.path", "/builds/acme/shop/target/test-classes:/builds/acme/shop/target/classes:"
                        + "/root/.m2/repository/org/junit/jupiter/junit-jupiter-api/5.14.0/junit-jupiter-api-5.14.0.jar:"
                        + "/root/.m2/repository/org/opentest4j/opentest4j/1.3.0/opentest4j-1.3.0.jar:"
                        + "/root/.m2/repository/org/assertj/assertj-core/3.27.3/assertj-core-3.27.3.jar"},
                {"java.library.path", "/usr/java/packages/lib:/usr/lib/x86_64-linux-gnu/jni:/lib/x86_64-linux-gnu"},
                {"maven.home", "/usr/share/maven"}, {"java.specification.name", "Java Platform API Specification"},
                {"java.class.version", "61.0"}, {"os.version", "6.1.0-28-cloud-amd64"}, {"user.home", "/root"},
                {"user.timezone", "UTC"}, {"file.encoding", "UTF-8"}, {"java.specification.version", "17"},
                {"user.name", "gitlab-runner"}, {"java.home", "/usr/lib/jvm/java-17-openjdk-amd64"},
                {"java.version", "17.0.15"}, {"hostname", run.host()}, {"ci.pipeline.id", run.pipeline()},
                {"git.commit", run.commit()}};
        StringBuilder b = new StringBuilder(4096).append("    <properties>\n");
        for (String[] p : props) {
            b.append("      <property name=\"").append(p[0]).append("\" value=\"").append(p[1]).append("\"/>\n");
        }
        return b.append("    </properties>\n").toString();
    }

    private static void failure(Writer out, Execution c, String element, String type) throws IOException {
        out.write("\">\n      <" + element + " message=\"");
        out.write(escape(c.message()));
        out.write("\" type=\"" + type + "\"><![CDATA[");
        out.write(stackTrace(c, type));
        out.write("]]></" + element + ">\n      <system-out><![CDATA[");
        out.write(log(c));
        out.write("]]></system-out>\n    </testcase>\n");
    }

    /** A plausible stack trace of a failure in this test: the same for every job run, as real ones are. */
    static String stackTrace(Execution c, String type) {
        String cls = c.test().qualifiedClass();
        return type + ": " + c.message() + "\n"
                + "\tat org.junit.jupiter.api.AssertionUtils.fail(AssertionUtils.java:55)\n"
                + "\tat org.junit.jupiter.api.AssertEquals.assertEquals(AssertEquals.java:182)\n"
                + "\tat " + cls + "." + c.test().method() + "(" + c.test().className() + ".java:"
                + (40 + Math.floorMod(c.test().method().hashCode(), 300)) + ")\n"
                + "\tat java.base/java.lang.reflect.Method.invoke(Method.java:568)\n"
                + "\tat org.junit.platform.commons.util.ReflectionUtils.invokeMethod(ReflectionUtils.java:728)\n";
    }

    /** The lines a test logs while it runs. */
    static String log(Execution c) {
        String at = TIMESTAMP.format(Instant.ofEpochMilli(c.startMillis()));
        return at + " INFO  " + c.test().className() + " - starting " + c.test().method() + "\n"
                + at + " DEBUG " + c.test().feature() + " - request id=" + Long.toHexString(c.startMillis()) + "\n"
                + at + " INFO  " + c.test().className() + " - done in " + c.durationMillis() + " ms\n";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
