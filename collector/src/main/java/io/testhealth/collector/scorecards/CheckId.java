package io.testhealth.collector.scorecards;

/** The ten scorecard checks, in the order they are shown. Ids are the keys of the thresholds file. */
public enum CheckId {
    FLAKY_TEST_RATIO("flaky-test-ratio"),
    FLAKY_RUN_RATE("flaky-run-rate"),
    PIPELINES_BROKEN_BY_FLAKES("pipelines-broken-by-flakes"),
    DEFAULT_BRANCH_PASS_RATE("default-branch-pass-rate"),
    FLAKE_AGE("flake-age"),
    QUARANTINE_HYGIENE("quarantine-hygiene"),
    PR_FEEDBACK_TIME("pr-feedback-time"),
    E2E_DURATION("e2e-duration"),
    PYRAMID_TOP_HEAVINESS("pyramid-top-heaviness"),
    CLASSIFICATION_OWNERSHIP_COVERAGE("classification-ownership-coverage");

    private final String id;

    CheckId(String id) {
        this.id = id;
    }

    /** The id in the API and the thresholds file. */
    public String id() {
        return id;
    }
}
