package io.testhealth.collector.analysis;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class DefaultBranchesTest {

    private final DefaultBranches defaults = new DefaultBranches(Set.of("main", "master"));

    @Test
    void bothSpellingsOfABranchAreTheSameBranch() {
        assertAll(
                () -> assertTrue(defaults.contains("main")),
                () -> assertTrue(defaults.contains("refs/heads/main"), "GitHub's GITHUB_REF"),
                () -> assertTrue(defaults.contains(" master ")),
                () -> assertFalse(defaults.contains("feature/main")),
                () -> assertFalse(defaults.contains("refs/tags/main"), "a tag is no branch"),
                () -> assertFalse(defaults.contains("refs/heads/feature")),
                () -> assertFalse(defaults.contains("")),
                () -> assertFalse(defaults.contains(null)));
    }
}
