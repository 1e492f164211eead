package io.testhealth.collector.analysis;

import java.util.Objects;
import java.util.Set;

/**
 * The branches a component's mainline is on ({@code main}, {@code master} by default), and the one rule for whether
 * a job run's branch is one of them.
 *
 * <p>CI systems spell a branch two ways: GitHub's {@code GITHUB_REF} is {@code refs/heads/main}, most others say
 * {@code main}. Both are the default branch; a job run uploaded with either must land on the same side of every
 * default-branch rule (regressions, the default-branch pass rate, PR feedback time).
 *
 * @param names the default branch names, without {@code refs/heads/}
 */
public record DefaultBranches(Set<String> names) {

    private static final String REFS_HEADS = "refs/heads/";

    public DefaultBranches {
        names = Set.copyOf(Objects.requireNonNull(names, "names"));
    }

    /** Whether {@code branch} (possibly {@code refs/heads/…}, possibly {@code null}) is a default branch. */
    public boolean contains(String branch) {
        if (branch == null) {
            return false;
        }
        String b = branch.strip();
        if (b.startsWith(REFS_HEADS)) {
            b = b.substring(REFS_HEADS.length());
        }
        return names.contains(b);
    }
}
