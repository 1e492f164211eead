package io.testhealth.collector.analysis.durations;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Wall-clock time of job runs, in seconds, by run id, for callers that know it.
 *
 * <p>The test facts carry no start and stop per test, so a job's wall time cannot be derived from them: summing test
 * durations gives test time, which is larger than wall time whenever tests run in parallel. Wall time therefore comes
 * from outside (CI spans, the upload's start and end) and is "unknown" for every run this map does not name.
 *
 * @param secondsByRunId wall time of each known job run, finite and positive
 */
public record JobWallTimes(Map<String, Double> secondsByRunId) {

    private static final JobWallTimes NONE = new JobWallTimes(Map.of());

    public JobWallTimes {
        secondsByRunId = Map.copyOf(Objects.requireNonNull(secondsByRunId, "secondsByRunId"));
        secondsByRunId.forEach((run, s) -> {
            if (!Double.isFinite(s) || s <= 0) {
                throw new IllegalArgumentException("wall time of run " + run + " must be positive, got " + s);
            }
        });
    }

    /** No wall time known: every job run's wall time and parallelism are reported as unknown. */
    public static JobWallTimes unknown() {
        return NONE;
    }

    /** The wall time of a job run, or empty when unknown. */
    public OptionalDouble of(String runId) {
        Double s = secondsByRunId.get(runId);
        return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
    }
}
