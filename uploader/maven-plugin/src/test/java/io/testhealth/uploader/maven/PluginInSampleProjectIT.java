package io.testhealth.uploader.maven;

import io.testhealth.uploader.http.Json;
import io.testhealth.uploader.testing.CollectorProcess;
import io.testhealth.uploader.testing.Reports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The plugin as a user meets it: a small project whose pom binds {@code test-health:upload} to {@code verify}, built
 * by {@code mvn} as a process against the plugin just packaged. The plugin and the uploader jar are put into a local
 * repository of the test's own; anything else comes from the user's local repository through a {@code file:} mirror,
 * so nothing is downloaded.
 */
class PluginInSampleProjectIT {

    static final String VERSION = "0.1.0-SNAPSHOT";

    @TempDir
    static Path tmp;
    static CollectorProcess collector;
    static Path settings;
    static Path project;
    static Path reportsOnly;

    @BeforeAll
    static void setUp() throws IOException {
        collector = CollectorProcess.start(Files.createDirectories(tmp.resolve("collector")));
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        Path module = Path.of("").toAbsolutePath();
        install(repo, "test-health-uploader-parent", null, module.resolve("../pom.xml"));
        install(repo, "test-health-uploader", Path.of(System.getProperty("testhealth.cli.jar")), module.resolve("../cli/pom.xml"));
        install(repo, "test-health-maven-plugin", Path.of(System.getProperty("testhealth.plugin.jar")), module.resolve("pom.xml"));
        String userRepo = Path.of(System.getProperty("testhealth.local.repo")).toUri().toString();
        settings = Files.writeString(tmp.resolve("settings.xml"), """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors><mirror><id>user-local</id><mirrorOf>*</mirrorOf><url>%s</url></mirror></mirrors>
                </settings>
                """.formatted(repo, userRepo));
        // A project with a real test class, built by the same plugin versions as this repository (all in the local
        // repository already): Surefire writes the reports the upload sends.
        project = Files.createDirectories(tmp.resolve("sample"));
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.acme</groupId>
                  <artifactId>sample-service</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>
                      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.2</version></plugin>
                      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                      <plugin>
                        <groupId>io.testhealth</groupId>
                        <artifactId>test-health-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <component>maven-sample</component>
                        </configuration>
                        <executions>
                          <execution>
                            <goals><goal>upload</goal></goals>
                          </execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(System.getProperty("testhealth.junit.version"), VERSION));
        Reports.write(project.resolve("src/test/java/com/acme/SampleTest.java"), """
                package com.acme;

                import org.junit.jupiter.api.Test;

                import static org.junit.jupiter.api.Assertions.assertEquals;

                class SampleTest {
                    @Test
                    void steady() {
                        assertEquals(4, 2 + 2);
                    }

                    @Test
                    void racesTheClock() {
                        assertEquals(1, 2, "fails on purpose: the test to quarantine");
                    }
                }
                """);
        // A project with reports only (pom packaging: nothing but the upload runs), for the collector that is down.
        reportsOnly = Files.createDirectories(tmp.resolve("reports-only"));
        Files.writeString(reportsOnly.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.acme</groupId>
                  <artifactId>reports-only</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.testhealth</groupId>
                        <artifactId>test-health-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration><component>reports-only</component></configuration>
                        <executions><execution><goals><goal>upload</goal></goals></execution></executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(VERSION));
        Reports.junit(reportsOnly.resolve("target/failsafe-reports/TEST-com.acme.SampleIT.xml"), "com.acme.SampleIT", 2, 0);
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    private static void install(Path repo, String artifact, Path jar, Path pom) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("io/testhealth/" + artifact + "/" + VERSION));
        Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            assertTrue(Files.isRegularFile(jar), jar + " is missing: this test runs after `package`");
            Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    record Build(int exit, String log) {
    }

    static Build mvn(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return mvn(project, env, args);
    }

    static Build mvn(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("testhealth.maven.home"), "bin", "mvn").toString(),
                "-B", "-s", settings.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        // The CI system's variables of this machine (CI=true...) must not leak into the sample build's detection.
        pb.environment().keySet().removeIf(k -> k.startsWith("GITHUB_") || k.startsWith("CI_") || k.equals("GITLAB_CI")
                || k.equals("JENKINS_URL") || k.equals("BUILDKITE") || k.equals("CIRCLECI") || k.equals("TF_BUILD")
                || k.startsWith("TESTHEALTH_") || k.equals("MAVEN_ARGS"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "mvn did not finish");
        return new Build(p.exitValue(), log);
    }

    @Test
    void verifyUploadsWhatSurefireWroteAndTheQuarantineListMakesSurefireSkipTheTest() throws Exception {
        Map<String, String> github = Map.of("GITHUB_ACTIONS", "true", "GITHUB_SHA", "5d41402abc4b2a76b9719d911017c592aaaa0001",
                "GITHUB_REF_NAME", "main", "GITHUB_RUN_ID", "31337", "GITHUB_RUN_ATTEMPT", "1", "GITHUB_JOB", "build",
                "GITHUB_REPOSITORY", "acme/sample-service", "GITHUB_SERVER_URL", "https://github.com");
        Build upload = mvn(github, "verify", "-Dmaven.test.failure.ignore=true", "-Dtesthealth.url=" + collector.uri());
        assertEquals(0, upload.exit(), upload.log());
        assertAll(
                () -> assertTrue(upload.log().contains("CI system: GitHub Actions"), upload.log()),
                () -> assertTrue(upload.log().contains("understood: junit, 2 tests: 1 passed, 1 failed"), upload.log()));
        var tests = collector.get("api/v1/components/maven-sample/tests?limit=100");
        assertEquals(200, tests.statusCode(), tests.body());
        Object list = Json.parse(tests.body());
        assertEquals(2L, ((Number) Json.at(list, "total")).longValue());
        String failing = null;
        for (Object t : (List<?>) Json.at(list, "tests")) {
            if (String.valueOf(Json.at(t, "name")).startsWith("racesTheClock")) {
                failing = (String) Json.at(t, "testId");
            }
        }
        Object detail = Json.parse(collector.get("api/v1/tests/" + failing).body());
        Object run = ((List<?>) Json.at(detail, "runs")).get(0);
        assertEquals(List.of("31337", "build", "main"), List.of(Json.at(run, "pipeline"), Json.at(run, "job"), Json.at(run, "branch")));

        assertEquals(200, collector.putJson("api/v1/tests/" + failing + "/quarantine",
                "{\"by\":\"qa\",\"reason\":\"order-dependent\"}").statusCode());
        Build quarantine = mvn(Map.of(), "test-health:quarantine", "-Dtesthealth.url=" + collector.uri(),
                "-Dtesthealth.component=maven-sample");
        assertEquals(0, quarantine.exit(), quarantine.log());
        String exclusions = Files.readString(project.resolve("target/test-health/quarantine.txt"));
        assertEquals("!com.acme.SampleTest#racesTheClock\n", exclusions);

        // Surefire reads the list: the quarantined test is skipped, the other one still runs, the build is green.
        Build skipping = mvn(Map.of(), "verify", "-Dtest=" + exclusions.strip(), "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dtesthealth.skip=true");
        assertEquals(0, skipping.exit(), skipping.log());
        assertTrue(skipping.log().contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), skipping.log());
    }

    @Test
    void aCollectorThatIsDownFailsTheBuildOnlyWhenStrict() throws Exception {
        String closed = "-Dtesthealth.url=http://127.0.0.1:" + CollectorProcess.freePort();
        Build lenient = mvn(reportsOnly, new HashMap<>(), "verify", closed, "-Dtesthealth.retries=1");
        assertEquals(0, lenient.exit(), lenient.log());
        assertTrue(lenient.log().contains("did not take the upload after 1 sending(s)"), lenient.log());
        Build strict = mvn(reportsOnly, new HashMap<>(), "verify", closed, "-Dtesthealth.retries=1", "-Dtesthealth.strict=true");
        assertNotEquals(0, strict.exit(), strict.log());
        assertTrue(strict.log().contains("the test reports did not reach the collector (UNAVAILABLE)"), strict.log());
    }
}
