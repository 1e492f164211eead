package io.testhealth.uploader.cli;

import io.testhealth.uploader.http.Json;
import io.testhealth.uploader.testing.CollectorProcess;
import io.testhealth.uploader.testing.DroppingProxy;
import io.testhealth.uploader.testing.Reports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The uploader's command line against the repository's collector, started as a process: the metadata each CI
 * system's environment gives, the patterns, the gzip body, a retry after a dropped answer that counts once, a
 * collector that is down, the dry run, the answer's report change, and the quarantine list.
 */
class UploadAgainstCollectorTest {

    @TempDir
    static Path tmp;
    static CollectorProcess collector;

    @BeforeAll
    static void start() throws IOException {
        collector = CollectorProcess.start(Files.createDirectories(tmp.resolve("collector")));
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(Map<String, String> env, Path dir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--dir");
        all.add(dir.toString());
        int exit = Main.run(all.toArray(String[]::new), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Object json(String path) {
        var r = collector.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return Json.parse(r.body());
    }

    /** The stored runs of the component's tests: the test list, then each test's detail. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> runsOf(String component) {
        List<Map<String, Object>> runs = new ArrayList<>();
        List<Object> tests = (List<Object>) Json.at(json("api/v1/components/" + component + "/tests"), "tests");
        for (Object t : tests) {
            runs.addAll((List<Map<String, Object>>) Json.at(json("api/v1/tests/" + Json.at(t, "testId")), "runs"));
        }
        return runs;
    }

    /**
     * Each CI system's environment, with the variable names its documentation gives, and what the collector must
     * store from it: pipeline, job, attempt, branch, commit, run link.
     */
    static Stream<Object[]> ciSystems() {
        return Stream.of(
                new Object[] {"github", Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
                        "GITHUB_REF_NAME", "42/merge", "GITHUB_HEAD_REF", "feature/ledger", "GITHUB_RUN_ID", "9876543210",
                        "GITHUB_RUN_ATTEMPT", "2", "GITHUB_JOB", "unit-tests", "GITHUB_REPOSITORY", "acme/payments",
                        "GITHUB_SERVER_URL", "https://github.com"),
                        List.of("9876543210", "unit-tests", 2L, "feature/ledger", "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678",
                                "https://github.com/acme/payments/actions/runs/9876543210")},
                new Object[] {"gitlab", Map.of("GITLAB_CI", "true", "CI_COMMIT_SHA", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c",
                        "CI_COMMIT_REF_NAME", "main", "CI_PIPELINE_ID", "1234567", "CI_JOB_NAME", "test:jdk17",
                        "CI_JOB_URL", "https://gitlab.example.com/acme/payments/-/jobs/555", "CI_PROJECT_PATH", "acme/payments"),
                        List.of("1234567", "test:jdk17", 1L, "main", "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c",
                                "https://gitlab.example.com/acme/payments/-/jobs/555")},
                new Object[] {"jenkins", Map.of("JENKINS_URL", "https://ci.example.com/", "BUILD_NUMBER", "153",
                        "BUILD_TAG", "jenkins-payments-main-153", "JOB_NAME", "payments/main", "JOB_BASE_NAME", "main",
                        "STAGE_NAME", "Test", "GIT_COMMIT", "ce9a3c1404e8c91be604088670e93434c4253f03",
                        "GIT_BRANCH", "origin/release-2", "BUILD_URL", "https://ci.example.com/job/payments/job/main/153/"),
                        List.of("jenkins-payments-main-153", "Test", 1L, "release-2", "ce9a3c1404e8c91be604088670e93434c4253f03",
                                "https://ci.example.com/job/payments/job/main/153/")},
                new Object[] {"buildkite", Map.of("BUILDKITE", "true", "BUILDKITE_COMMIT", "1111222233334444555566667777888899990000",
                        "BUILDKITE_BRANCH", "fix/rounding", "BUILDKITE_BUILD_ID", "0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b",
                        "BUILDKITE_STEP_KEY", "unit", "BUILDKITE_LABEL", ":junit: Unit", "BUILDKITE_RETRY_COUNT", "1",
                        "BUILDKITE_BUILD_URL", "https://buildkite.com/acme/payments/builds/88",
                        "BUILDKITE_JOB_ID", "0190a1b2-0000-4000-8000-000000000001", "BUILDKITE_REPO", "git@github.com:acme/payments.git"),
                        List.of("0190a1b2-c3d4-4e5f-8a9b-0c1d2e3f4a5b", "unit", 2L, "fix/rounding", "1111222233334444555566667777888899990000",
                                "https://buildkite.com/acme/payments/builds/88#0190a1b2-0000-4000-8000-000000000001")},
                new Object[] {"circleci", Map.of("CIRCLECI", "true", "CIRCLE_SHA1", "abcdefabcdefabcdefabcdefabcdefabcdefabcd",
                        "CIRCLE_BRANCH", "develop", "CIRCLE_WORKFLOW_ID", "6f1c2b9e-3a4d-4c5b-9e8f-7a6b5c4d3e2f",
                        "CIRCLE_JOB", "test", "CIRCLE_BUILD_URL", "https://circleci.com/gh/acme/payments/4711",
                        "CIRCLE_PROJECT_USERNAME", "acme", "CIRCLE_PROJECT_REPONAME", "payments"),
                        List.of("6f1c2b9e-3a4d-4c5b-9e8f-7a6b5c4d3e2f", "test", 1L, "develop", "abcdefabcdefabcdefabcdefabcdefabcdefabcd",
                                "https://circleci.com/gh/acme/payments/4711")},
                new Object[] {"azure", Map.of("TF_BUILD", "True", "BUILD_SOURCEVERSION", "9999888877776666555544443333222211110000",
                        "BUILD_SOURCEBRANCH", "refs/heads/main", "BUILD_BUILDID", "2024", "SYSTEM_JOBDISPLAYNAME", "Unit tests",
                        "SYSTEM_JOBATTEMPT", "3", "SYSTEM_COLLECTIONURI", "https://dev.azure.com/acme/",
                        "SYSTEM_TEAMPROJECT", "Payments Team", "BUILD_REPOSITORY_NAME", "payments"),
                        List.of("2024", "Unit tests", 3L, "main", "9999888877776666555544443333222211110000",
                                "https://dev.azure.com/acme/Payments%20Team/_build/results?buildId=2024")});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciSystems")
    void eachCiSystemsEnvironmentIsStoredAsTheRunsMetadata(String ci, Map<String, String> env, List<Object> expected)
            throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws-" + ci));
        Reports.junit(ws.resolve("target/surefire-reports/TEST-com.acme.LedgerTest.xml"), "com.acme.LedgerTest", 2, 0);
        Run r = run(env, ws, "--url", collector.uri().toString(), "--component", "ci-" + ci);
        assertEquals(0, r.exit(), r.out() + r.err());
        List<Map<String, Object>> runs = runsOf("ci-" + ci);
        assertEquals(2, runs.size(), "two tests, one run each: " + runs);
        Map<String, Object> stored = runs.get(0);
        assertEquals(expected, List.of(stored.get("pipeline"), stored.get("job"), ((Number) stored.get("attempt")).longValue(),
                stored.get("branch"), stored.get("commit"), stored.get("runUrl")));
    }

    @Test
    void patternsPickSurefireGradleAndAllureReportsAndNothingElse() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws-globs"));
        Reports.junit(ws.resolve("module-a/target/surefire-reports/TEST-com.acme.A.xml"), "com.acme.A", 3, 1);
        Reports.junit(ws.resolve("module-b/build/test-results/test/TEST-com.acme.B.xml"), "com.acme.B", 2, 0);
        Reports.allure(ws.resolve("allure-results"), "u1", "com.acme.C.loginWorks", "passed");
        Reports.allure(ws.resolve("allure-results"), "u2", "com.acme.C.logoutWorks", "failed");
        Reports.write(ws.resolve("allure-results/u2-attachment.txt"), "not a report");
        // Outside every pattern: must not be counted.
        Reports.junit(ws.resolve("module-a/target/other-reports/TEST-com.acme.D.xml"), "com.acme.D", 5, 0);

        Run r = run(Map.of(), ws, "--url", collector.uri().toString(), "--component", "globs",
                "**/surefire-reports/*.xml", "**/build/test-results/**/*.xml", "allure-results/");
        assertEquals(0, r.exit(), r.out() + r.err());
        // 4 + 2 JUnit test cases and 2 Allure results; failed: f0 of A and logoutWorks.
        assertTrue(r.out().contains("8 tests: 6 passed, 2 failed"), r.out());
        assertEquals(8L, ((Number) Json.at(json("api/v1/components/globs/tests?limit=100"), "total")).longValue());
    }

    @Test
    void theBodyIsGzipAndARetryAfterADroppedAnswerIsCountedOnce() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws-retry"));
        Reports.junit(ws.resolve("target/surefire-reports/TEST-com.acme.RetryTest.xml"), "com.acme.RetryTest", 4, 1);
        try (DroppingProxy proxy = new DroppingProxy(collector.port(), 1)) {
            Run r = run(Map.of(), ws, "--url", "http://127.0.0.1:" + proxy.port(), "--component", "retry",
                    "--pipeline", "p-1", "--job", "test", "--retry-delay", "0.05");
            assertEquals(0, r.exit(), r.out() + r.err());
            List<DroppingProxy.Seen> seen = proxy.seen();
            assertEquals(2, seen.size(), "the dropped sending, then the retry");
            assertAll(
                    () -> assertTrue(seen.get(0).dropped()),
                    () -> assertEquals(seen.get(0).requestLine(), seen.get(1).requestLine(), "same upload id and parameters"),
                    () -> assertTrue(seen.get(0).requestLine().contains("uploadId=upl-"), seen.get(0).requestLine()),
                    () -> assertEquals("application/gzip", seen.get(1).header("Content-Type")),
                    () -> assertEquals(0x1f, seen.get(1).body()[0] & 0xff, "gzip magic"),
                    () -> assertEquals(0x8b, seen.get(1).body()[1] & 0xff, "gzip magic"),
                    () -> assertTrue(r.out().contains("already uploaded: counted once"), r.out()));
        }
        List<Map<String, Object>> runs = runsOf("retry");
        assertEquals(5, runs.size(), "five tests stored once each, not twice: " + runs);
    }

    @Test
    void serviceUnavailableIsSentAgainUntilTheCollectorTakesIt() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws-503"));
        Reports.junit(ws.resolve("target/surefire-reports/TEST-com.acme.BusyTest.xml"), "com.acme.BusyTest", 2, 1);
        try (DroppingProxy proxy = new DroppingProxy(collector.port(), 2, 0)) {
            Run r = run(Map.of(), ws, "--url", "http://127.0.0.1:" + proxy.port(), "--component", "busy",
                    "--retry-delay", "0.05");
            assertEquals(0, r.exit(), r.out() + r.err());
            assertEquals(3, proxy.seen().size(), "503, 503, then stored");
            assertAll(
                    () -> assertTrue(r.out().contains("sending again (3 of 5)"), r.out()),
                    () -> assertTrue(r.out().contains("understood: junit, 3 tests: 2 passed, 1 failed"), r.out()));
        }
        assertEquals(3, runsOf("busy").size());
    }

    /** Output that does not compress (random text) makes a body over 1 MiB: progress lines, then the answer. */
    @Test
    void aLargeUploadShowsItsProgress() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws-large"));
        java.util.Random random = new java.util.Random(7);
        byte[] noise = new byte[1_300_000];
        random.nextBytes(noise);
        String out = java.util.Base64.getEncoder().encodeToString(noise);
        Reports.write(ws.resolve("target/surefire-reports/TEST-com.acme.BigTest.xml"),
                "<testsuite name=\"com.acme.BigTest\" tests=\"1\"><testcase classname=\"com.acme.BigTest\" name=\"logs\">"
                        + "<system-out>" + out + "</system-out></testcase></testsuite>");
        Run r = run(Map.of(), ws, "--url", collector.uri().toString(), "--component", "large");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertAll(
                () -> assertTrue(r.out().contains("  sent 50% ("), r.out()),
                () -> assertTrue(r.out().contains("  sent 100% ("), r.out()),
                () -> assertEquals(10, r.out().lines().filter(l -> l.startsWith("  sent ")).count(), "one line per tenth: " + r.out()),
                () -> assertTrue(r.out().contains("understood: junit, 1 tests: 1 passed"), r.out()));
    }

    @Test
    void aCollectorThatIsDownIsAWarningUnlessStrict() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws-down"));
        Reports.junit(ws.resolve("target/surefire-reports/TEST-com.acme.DownTest.xml"), "com.acme.DownTest", 1, 0);
        String closed = "http://127.0.0.1:" + CollectorProcess.freePort();
        Run lenient = run(Map.of(), ws, "--url", closed, "--component", "down", "--retries", "3", "--retry-delay", "0.01");
        assertEquals(0, lenient.exit(), lenient.err());
        assertTrue(lenient.err().contains("did not take the upload after 3 sending(s)"), lenient.err());
        Run strict = run(Map.of(), ws, "--url", closed, "--component", "down", "--retries", "2", "--retry-delay", "0.01", "--strict");
        assertEquals(1, strict.exit(), strict.err());
    }

    @Test
    void dryRunPrintsTheDetectedMetadataAndTheFilesAndSendsNothing() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws-dry"));
        Reports.junit(ws.resolve("target/surefire-reports/TEST-com.acme.DryTest.xml"), "com.acme.DryTest", 1, 0);
        Map<String, String> env = Map.of("GITLAB_CI", "true", "CI_COMMIT_SHA", "feedfacefeedfacefeedfacefeedfacefeedface",
                "CI_PIPELINE_ID", "77", "CI_JOB_NAME", "unit", "CI_PROJECT_PATH", "acme/dry-service");
        Run r = run(env, ws, "--url", collector.uri().toString(), "--dry-run", "--branch", "override-branch");
        assertEquals(0, r.exit(), r.err());
        assertAll(
                () -> assertTrue(r.out().contains("CI system: GitLab CI"), r.out()),
                () -> assertTrue(r.out().contains("component = dry-service"), r.out()),
                () -> assertTrue(r.out().contains("commit = feedfacefeedfacefeedfacefeedfacefeedface"), r.out()),
                () -> assertTrue(r.out().contains("branch = override-branch"), r.out()),
                () -> assertTrue(r.out().contains("target/surefire-reports/TEST-com.acme.DryTest.xml"), r.out()),
                () -> assertEquals(404, collector.get("api/v1/components/dry-service/scorecard").statusCode()));
    }

    @Test
    void theAnswerShowsWhatWasUnderstoodTheGradeAndTheComponentPage() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws-flaky"));
        // A Surefire rerun: failed, then passed in the same job: flaky.
        Reports.write(ws.resolve("target/surefire-reports/TEST-com.acme.FlakyTest.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="com.acme.FlakyTest" tests="2" failures="0" errors="0" skipped="0" time="0.3">
                  <testcase classname="com.acme.FlakyTest" name="steady" time="0.1"/>
                  <testcase classname="com.acme.FlakyTest" name="retried" time="0.2">
                    <flakyFailure message="timeout" type="java.util.concurrent.TimeoutException">at x</flakyFailure>
                  </testcase>
                </testsuite>
                """);
        Run r = run(Map.of(), ws, "--url", collector.uri().toString(), "--component", "flaky-demo",
                "--page-url", "https://backstage.example.com/catalog/{namespace}/component/{name}/tests");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertAll(
                () -> assertTrue(r.out().contains("understood: junit, 2 tests: 1 passed, 0 failed, 0 errors, 0 skipped, 1 flaky"), r.out()),
                () -> assertTrue(r.out().contains("grade: - (no report before) -> "), r.out()),
                () -> assertTrue(r.out().contains("component page: https://backstage.example.com/catalog/default/component/flaky-demo/tests"), r.out()));
    }

    /**
     * The pytest form, given to pytest itself: a project whose JUnit XML pytest writes, uploaded; one of its tests, which
     * always fails, quarantined; then pytest run again with the list leaves that test out and passes. pytest comes
     * from the machine ({@code .ci/run} installs Debian's {@code python3-pytest}); without it the test is skipped, or
     * fails under {@code CI=true}.
     */
    @Test
    void pytestDeselectsTheQuarantinedTestsWithTheListItself() throws Exception {
        if (pytest(tmp, "--version").exit() != 0) {
            String why = "python3 -m pytest is not installed (apt-get install python3-pytest, as root)";
            if ("true".equals(System.getenv("CI"))) {
                org.junit.jupiter.api.Assertions.fail(why);
            }
            System.out.println("SKIPPED the quarantine list given to pytest: " + why);
            org.junit.jupiter.api.Assumptions.assumeTrue(false, why);
        }
        Path project = Files.createDirectories(tmp.resolve("pytest-project"));
        Files.createDirectories(project.resolve("tests/api"));
        Files.writeString(project.resolve("tests/api/test_users.py"), """
                import pytest

                class TestLogin:
                    def test_expired_token(self):
                        assert 1 + 1 == 3, "races the clock"

                    def test_ok(self):
                        assert "ok".upper() == "OK"

                @pytest.mark.parametrize("n", [1, 2])
                def test_positive(n):
                    assert n > 0
                """);
        Run first = pytest(project, "-p", "no:cacheprovider", "--junitxml=reports/junit.xml", "tests");
        assertEquals(1, first.exit(), "one test fails before it is quarantined: " + first.out());

        assertEquals(0, run(Map.of(), project, "--url", collector.uri().toString(), "--component", "pytest-project",
                "reports/*.xml").exit());
        String id = null;
        for (Object t : (List<?>) Json.at(json("api/v1/components/pytest-project/tests"), "tests")) {
            if ("test_expired_token".equals(Json.at(t, "name"))) {
                id = (String) Json.at(t, "testId");
            }
        }
        assertTrue(id != null, "pytest's report named the failing test: " + json("api/v1/components/pytest-project/tests"));
        var put = collector.putJson("api/v1/tests/" + id + "/quarantine", "{\"by\":\"qa\",\"reason\":\"races the clock\"}");
        assertEquals(200, put.statusCode(), put.body());

        Path list = project.resolve("quarantine.txt");
        assertEquals(0, run(Map.of("TESTHEALTH_URL", collector.uri().toString()), project, "quarantine", "--component",
                "pytest-project", "--format", "pytest", "--output", list.toString()).exit());
        // As a CI step would: python3 -m pytest $(cat quarantine.txt) tests
        List<String> args = new ArrayList<>(List.of("-p", "no:cacheprovider"));
        args.addAll(List.of(Files.readString(list).trim().split("\\s+")));
        args.add("tests");
        Run second = pytest(project, args.toArray(String[]::new));
        assertAll(
                () -> assertEquals(0, second.exit(), second.out()),
                () -> assertTrue(second.out().contains("3 passed, 1 deselected"), second.out()));
    }

    /** Runs {@code python3 -m pytest} in {@code dir}, its output (both streams) read whole. */
    private static Run pytest(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-m", "pytest"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Run(-1, "", e.getMessage()); // no python3 at all
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out, "");
    }

    @Test
    void theQuarantineListComesInTheFormsOfSurefireGradleAndPytest() throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws-quarantine"));
        Reports.write(ws.resolve("target/surefire-reports/TEST-q.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="tests.api.test_users.TestLogin" tests="2">
                  <testcase classname="tests.api.test_users.TestLogin" name="test_expired_token" time="0.1"/>
                  <testcase classname="tests.api.test_users.TestLogin" name="test_ok" time="0.1"/>
                </testsuite>
                """);
        assertEquals(0, run(Map.of(), ws, "--url", collector.uri().toString(), "--component", "quarantined").exit());
        Object tests = json("api/v1/components/quarantined/tests");
        String id = null;
        for (Object t : (List<?>) Json.at(tests, "tests")) {
            if ("test_expired_token".equals(Json.at(t, "name"))) {
                id = (String) Json.at(t, "testId");
            }
        }
        var put = collector.putJson("api/v1/tests/" + id + "/quarantine", "{\"by\":\"qa\",\"reason\":\"races the clock\"}");
        assertEquals(200, put.statusCode(), put.body());

        Map<String, String> env = new HashMap<>(Map.of("TESTHEALTH_URL", collector.uri().toString()));
        assertEquals("!tests.api.test_users.TestLogin#test_expired_token\n",
                run(env, ws, "quarantine", "--component", "quarantined", "--format", "surefire").out());
        assertEquals("tests.api.test_users.TestLogin.test_expired_token\n",
                run(env, ws, "quarantine", "--component", "quarantined", "--format", "gradle").out());
        assertEquals("--deselect\ntests/api/test_users.py::TestLogin::test_expired_token\n",
                run(env, ws, "quarantine", "--component", "quarantined", "--format", "pytest").out());
        Path file = ws.resolve("out/quarantine.txt");
        assertEquals(0, run(env, ws, "quarantine", "--component", "quarantined", "--output", file.toString()).exit());
        assertEquals("tests.api.test_users.TestLogin#test_expired_token\n", Files.readString(file));
    }
}
