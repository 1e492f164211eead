package io.testhealth.collector.analysis.flakiness;

import io.testhealth.collector.analysis.JobRun;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import io.testhealth.collector.model.Outcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small builder of test histories: runs one after another, each on a new commit and pipeline unless told. */
final class Histories {

    static final Instant NOW = Instant.parse("2026-03-30T12:00:00Z");
    static final String COMPONENT = "component:default/shop";
    static final String ASSERTION = "org.opentest4j.AssertionFailedError";

    private Histories() {
    }

    /** A job run of {@link #COMPONENT} on branch main, job "test". */
    static JobRun job(String pipeline, int attempt, String commit, String environment, Instant startedAt) {
        return new JobRun(pipeline + "/" + attempt + "/" + environment, COMPONENT, "team-a", pipeline, "test", attempt,
                environment, "main", commit, startedAt);
    }

    /** A run with a 2 s final attempt; a FLAKY run had one failed 2 s attempt before it. */
    static TestRunFact fact(JobRun job, Outcome outcome, String failureType, String failureMessage, String fingerprint) {
        boolean failedOnce = outcome == Outcome.FLAKY || outcome == Outcome.FAILED || outcome == Outcome.ERROR;
        int attempts = outcome == Outcome.FLAKY ? 2 : 1;
        return new TestRunFact(job, outcome, attempts, failedOnce ? 1 : 0, 2.0, 2.0 * attempts,
                failedOnce ? failureType : "", failedOnce ? failureMessage : "", failedOnce ? fingerprint : "",
                null, Map.of(), "target/surefire-reports/TEST-x.xml");
    }

    static TestRunFact fact(JobRun job, Outcome outcome) {
        return fact(job, outcome, ASSERTION, "expected: <1> but was: <2>", "fp-assert");
    }

    static Builder test(String name) {
        return new Builder(name);
    }

    /** The instant one hour after the last run of the history. */
    static Instant justAfter(TestHistory h) {
        return h.lastRun().job().startedAt().plus(Duration.ofHours(1));
    }

    static final class Builder {
        private final String name;
        private final List<TestRunFact> runs = new ArrayList<>();
        private Instant at = NOW.minus(Duration.ofDays(20));
        private Duration step = Duration.ofHours(4);
        private String environment = "linux";
        private String branch = "main";
        private String pinnedCommit;
        private int seq;
        private Long runsEver;
        private JobRun lastJob;

        private Builder(String name) {
            this.name = name;
        }

        Builder startingAt(Instant start) {
            this.at = start;
            return this;
        }

        Builder every(Duration step) {
            this.step = step;
            return this;
        }

        Builder inEnvironment(String environment) {
            this.environment = environment;
            return this;
        }

        Builder onBranch(String branch) {
            this.branch = branch;
            return this;
        }

        /** All following runs test this commit. */
        Builder onCommit(String commit) {
            this.pinnedCommit = commit;
            return this;
        }

        /** Each following run tests a commit of its own. */
        Builder onNewCommits() {
            this.pinnedCommit = null;
            return this;
        }

        Builder runsEver(long runsEver) {
            this.runsEver = runsEver;
            return this;
        }

        Builder passes(int k) {
            return times(k, Outcome.PASSED);
        }

        Builder fails(int k) {
            return times(k, Outcome.FAILED);
        }

        Builder flakes(int k) {
            return times(k, Outcome.FLAKY);
        }

        Builder times(int k, Outcome outcome) {
            for (int i = 0; i < k; i++) {
                run(outcome);
            }
            return this;
        }

        /** One run in a pipeline of its own, then the clock moves on by the step. */
        Builder run(Outcome outcome) {
            seq++;
            String commit = pinnedCommit != null ? pinnedCommit : String.format("c%06d", seq);
            JobRun job = new JobRun(name + "-p" + seq + "/1", COMPONENT, "team-a", "p" + seq, "test", 1, environment,
                    branch, commit, at);
            add(job, outcome);
            at = at.plus(step);
            return this;
        }

        /** The CI job of the previous run re-run (attempt + 1) on the same commit and environment, soon after. */
        Builder rerun(Outcome outcome) {
            JobRun p = lastJob;
            JobRun job = new JobRun(name + "-" + p.pipeline() + "/" + (p.attempt() + 1), COMPONENT, "team-a",
                    p.pipeline(), p.job(), p.attempt() + 1, p.environment(), p.branch(), p.commit(),
                    p.startedAt().plus(Duration.ofMinutes(30)));
            add(job, outcome);
            return this;
        }

        /** A run in a given job run (shared with other tests). */
        Builder in(JobRun job, Outcome outcome) {
            add(job, outcome);
            return this;
        }

        private void add(JobRun job, Outcome outcome) {
            runs.add(fact(job, outcome));
            lastJob = job;
        }

        TestHistory build() {
            List<TestRunFact> ordered = runs.stream()
                    .sorted(java.util.Comparator.comparing((TestRunFact f) -> f.job().startedAt())).toList();
            Instant first = ordered.isEmpty() ? NOW : ordered.get(0).job().startedAt();
            return new TestHistory(name, COMPONENT, "com.acme.shop.CartTest", name, ordered,
                    runsEver != null ? runsEver : ordered.stream().filter(TestRunFact::counts).count(), first);
        }
    }
}
