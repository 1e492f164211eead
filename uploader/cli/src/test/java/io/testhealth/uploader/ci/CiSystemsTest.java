package io.testhealth.uploader.ci;

import io.testhealth.uploader.upload.RunMetadata;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CiSystemsTest {

    @Test
    void noCiVariablesDetectNothing() {
        assertTrue(CiSystems.detect(Map.of("HOME", "/root", "CI", "true")).isEmpty());
    }

    @Test
    void githubPushUsesTheRefNameAndAFirstAttempt() {
        RunMetadata m = CiSystems.GITHUB_ACTIONS.metadata(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF_NAME", "main",
                "GITHUB_HEAD_REF", "", "GITHUB_RUN_ATTEMPT", "1"));
        assertAll(() -> assertEquals("main", m.branch()), () -> assertEquals(1, m.attempt()));
    }

    @Test
    void jenkinsMultibranchPrefersTheBranchNameAndHasNoAttempt() {
        Map<String, String> env = Map.of("JENKINS_URL", "https://ci/", "BUILD_NUMBER", "7", "BRANCH_NAME", "PR-12",
                "CHANGE_BRANCH", "feature/x", "GIT_BRANCH", "origin/feature/x");
        assertEquals("Jenkins", CiSystems.detect(env).orElseThrow().name());
        RunMetadata m = CiSystems.JENKINS.metadata(env);
        assertAll(() -> assertEquals("feature/x", m.branch()), () -> assertNull(m.attempt()));
    }

    @Test
    void azurePullRequestUsesTheSourceBranch() {
        RunMetadata m = CiSystems.AZURE_PIPELINES.metadata(Map.of("TF_BUILD", "True",
                "BUILD_SOURCEBRANCH", "refs/pull/5/merge", "SYSTEM_PULLREQUEST_SOURCEBRANCH", "refs/heads/topic"));
        assertEquals("topic", m.branch());
    }

    @Test
    void buildkiteRetryCountZeroIsTheFirstAttemptAndGarbageIsNone() {
        assertEquals(1, CiSystems.BUILDKITE.metadata(Map.of("BUILDKITE_RETRY_COUNT", "0")).attempt());
        assertNull(CiSystems.BUILDKITE.metadata(Map.of("BUILDKITE_RETRY_COUNT", "x")).attempt());
    }

    @Test
    void flagsOverrideTheEnvironment() {
        RunMetadata env = CiSystems.CIRCLECI.metadata(Map.of("CIRCLE_BRANCH", "develop", "CIRCLE_JOB", "test"));
        RunMetadata m = env.overriddenBy(RunMetadata.EMPTY.with("branch", "release").with("attempt", "4"));
        assertAll(() -> assertEquals("release", m.branch()), () -> assertEquals("test", m.job()),
                () -> assertEquals(4, m.attempt()));
    }
}
