package io.testhealth.uploader.ci;

import io.testhealth.uploader.upload.RunMetadata;

import java.util.Map;

/**
 * One CI system: how to recognise its jobs and what its environment says about the run. Each system keeps its
 * variable names here and nowhere else; the names are the ones each system documents (see uploader/README.md).
 */
public interface CiSystem {

    /** The system's name as printed, e.g. {@code GitHub Actions}. */
    String name();

    /** Whether the environment is one of this system's jobs. */
    boolean detects(Map<String, String> env);

    /** What the environment says about the run; fields it does not give stay {@code null}. */
    RunMetadata metadata(Map<String, String> env);

    /** A variable's value, or {@code null} when unset or blank. */
    static String var(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The first of the variables that is set. */
    static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = var(env, n);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A branch name without the {@code refs/heads/} of a full ref; tags and other refs are kept whole. */
    static String branchOf(String ref) {
        if (ref == null) {
            return null;
        }
        return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    }

    /** {@code n + 1} for a zero-based retry count, or {@code null} when it is not a number. */
    static Integer retryCountPlusOne(String n) {
        if (n == null) {
            return null;
        }
        try {
            int retries = Integer.parseInt(n);
            return retries >= 0 ? retries + 1 : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A positive number, or {@code null}. */
    static Integer positive(String n) {
        if (n == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(n);
            return v >= 1 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
