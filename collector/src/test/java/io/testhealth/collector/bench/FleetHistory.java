package io.testhealth.collector.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The test results a CI fleet produces: the same suite of tests run by many job runs, with a few flaky, broken and
 * newly failing tests, skipped ones, parameterized ones and durations that vary from run to run.
 *
 * <p>Everything follows from the seed: the catalogue of tests and, for each job run, the outcome and duration of
 * every test (each job run draws from a generator seeded by the seed and its number, so one job run can be made
 * without the others). Both writers ({@link JUnitFleetWriter}, {@link AllureFleetWriter}) render the same results,
 * so that the two inputs of the end-to-end benchmark hold the same 100,000 results.
 */
final class FleetHistory {

    /** What kind of test this is, which decides how its outcome varies over job runs. */
    public enum Behaviour {
        /** Passes every time. */
        STABLE,
        /** Fails now and then on the same code (a few per cent of job runs), passing on retry half of the time. */
        FLAKY,
        /** Fails in every job run with the same assertion. */
        BROKEN,
        /** Passes until the last fifth of the job runs, then fails: a regression. */
        REGRESSED,
        /** Disabled: skipped every time. */
        DISABLED,
        /** Throws an unexpected exception in a few job runs (an error, not an assertion). */
        ERRATIC
    }

    /** The outcome of one test in one job run. */
    public enum Outcome {
        PASSED, FAILED, ERROR, SKIPPED,
        /** Failed first, then passed on retry in the same job run. */
        PASSED_ON_RETRY
    }

    /**
     * One test of the suite.
     *
     * @param packageName    Java package, also the Allure parent suite
     * @param className      simple class name
     * @param method         method name
     * @param parameter      the parameter of a parameterized test's invocation, or {@code null}
     * @param invocation     1-based index of the invocation of a parameterized test, 0 otherwise
     * @param feature        the product feature it covers (an Allure label)
     * @param behaviour      how its outcome varies
     * @param medianMillis   its typical duration
     */
    public record TestCase(String packageName, String className, String method, String parameter, int invocation,
                           String feature, Behaviour behaviour, long medianMillis) {

        /** The fully qualified class name. */
        public String qualifiedClass() {
            return packageName + "." + className;
        }

        /** The test's name as JUnit 5 under Surefire writes it: {@code method(Type)[n]} for an invocation. */
        public String junitName() {
            return parameter == null ? method + "()" : method + "(String)[" + invocation + "]";
        }
    }

    /**
     * One test in one job run.
     *
     * @param test           the test
     * @param outcome        what happened
     * @param durationMillis how long its last attempt took
     * @param startMillis    when it started, epoch milliseconds
     * @param message        the failure message, or {@code null} when it passed or was skipped
     */
    public record Execution(TestCase test, Outcome outcome, long durationMillis, long startMillis, String message) {
    }

    /**
     * One job run of the fleet: one upload.
     *
     * @param number     0-based
     * @param pipeline   the CI run id
     * @param branch     the branch it built
     * @param commit     the commit it built
     * @param startedAt  when the job started
     * @param finishedAt when it finished
     * @param host       the CI runner
     * @param executions one per test, in suite order
     */
    public record JobRun(int number, String pipeline, String branch, String commit, Instant startedAt,
                         Instant finishedAt, String host, List<Execution> executions) {
    }

    private static final String[] AREAS = {"payments", "ledger", "checkout", "catalog", "search", "accounts",
            "notifications", "shipping", "pricing", "reporting", "auth", "inventory"};
    private static final String[] KINDS = {"Service", "Repository", "Controller", "Mapper", "Validator", "Client",
            "Policy", "Calculator"};
    private static final String[] VERBS = {"rejects", "accepts", "rounds", "maps", "retries", "stores", "finds",
            "sorts", "parses", "renders", "expires", "merges", "charges", "refunds", "notifies"};
    private static final String[] OBJECTS = {"EmptyCart", "NegativeAmount", "ExpiredToken", "DuplicateOrder",
            "UnicodeName", "LargePage", "MissingCurrency", "ConcurrentUpdate", "LeapDay", "ZeroQuantity",
            "TimeoutFromUpstream", "StaleCache"};
    private static final Duration SPACING = Duration.ofMinutes(40);

    private final long seed;
    private final int jobRuns;
    private final List<TestCase> tests;
    private final Instant firstStart;

    /**
     * A fleet of {@code jobRuns} job runs of a suite of {@code testsPerRun} tests, the last of them started about
     * now (job runs are 40 minutes apart, so that every one of them lies in the collector's window).
     */
    public FleetHistory(long seed, int jobRuns, int testsPerRun, Instant now) {
        if (jobRuns < 1 || testsPerRun < 10) {
            throw new IllegalArgumentException("need at least 1 job run and 10 tests, got " + jobRuns + " x " + testsPerRun);
        }
        this.seed = seed;
        this.jobRuns = jobRuns;
        this.tests = catalogue(new Random(seed), testsPerRun);
        this.firstStart = now.minus(SPACING.multipliedBy(jobRuns)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** The suite, in the order every job run executes it. */
    public List<TestCase> tests() {
        return tests;
    }

    /** How many job runs the fleet makes. */
    public int jobRuns() {
        return jobRuns;
    }

    /** Job run {@code number} (0-based), made afresh on each call from the seed. */
    public JobRun jobRun(int number) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + number);
        Instant start = firstStart.plus(SPACING.multipliedBy(number));
        long clock = start.toEpochMilli() + 20_000;
        List<Execution> executions = new ArrayList<>(tests.size());
        boolean regressed = number >= jobRuns - Math.max(1, jobRuns / 5);
        for (TestCase t : tests) {
            long duration = Math.max(1, Math.round(t.medianMillis() * Math.exp(random.nextGaussian() * 0.25)));
            Outcome outcome;
            String message = null;
            switch (t.behaviour()) {
                case FLAKY -> {
                    if (random.nextDouble() < 0.08) {
                        outcome = random.nextBoolean() ? Outcome.PASSED_ON_RETRY : Outcome.FAILED;
                        message = "expected:<200> but was:<503> (upstream " + t.feature() + " timed out after "
                                + (1000 + random.nextInt(4000)) + " ms)";
                    } else {
                        outcome = Outcome.PASSED;
                    }
                }
                case BROKEN -> {
                    outcome = Outcome.FAILED;
                    message = "expected: <EUR 10.00> but was: <EUR 9.99>";
                }
                case REGRESSED -> {
                    outcome = regressed ? Outcome.FAILED : Outcome.PASSED;
                    message = regressed ? "expected: <true> but was: <false>" : null;
                }
                case DISABLED -> {
                    outcome = Outcome.SKIPPED;
                    duration = 0;
                }
                case ERRATIC -> {
                    if (random.nextDouble() < 0.05) {
                        outcome = Outcome.ERROR;
                        message = "Cannot invoke \"java.util.Map.get(Object)\" because \"this.cache\" is null";
                    } else {
                        outcome = Outcome.PASSED;
                    }
                }
                default -> outcome = Outcome.PASSED;
            }
            executions.add(new Execution(t, outcome, duration, clock, message));
            clock += duration + 1;
        }
        byte[] sha = new byte[20];
        new Random(seed ^ (number * 0x9E3779B97F4A7C15L)).nextBytes(sha);
        String branch = number % 5 == 4 ? "feature/checkout-" + (number / 5) : "main";
        return new JobRun(number, "build-" + (10_000 + number), branch, HexFormat.of().formatHex(sha), start,
                Instant.ofEpochMilli(clock + 5_000), "ci-runner-" + (number % 7 + 1), executions);
    }

    private static List<TestCase> catalogue(Random random, int size) {
        List<TestCase> tests = new ArrayList<>(size);
        int classNumber = 0;
        while (tests.size() < size) {
            String area = AREAS[classNumber % AREAS.length];
            String kind = KINDS[random.nextInt(KINDS.length)];
            String packageName = "com.acme." + area + (classNumber % 3 == 0 ? ".internal" : "");
            boolean integration = classNumber % 6 == 5;
            String className = capitalised(area) + kind + (integration ? "IT" : "Test") + (classNumber / AREAS.length);
            int methods = 4 + random.nextInt(20);
            for (int m = 0; m < methods && tests.size() < size; m++) {
                String method = VERBS[random.nextInt(VERBS.length)] + OBJECTS[random.nextInt(OBJECTS.length)] + m;
                long median = integration ? 300 + random.nextInt(3000) : Math.max(1, Math.round(Math.exp(random.nextGaussian() * 1.2 + 2.5)));
                Behaviour behaviour = behaviour(random);
                if (random.nextInt(8) == 0) {
                    int invocations = 2 + random.nextInt(6);
                    for (int i = 1; i <= invocations && tests.size() < size; i++) {
                        tests.add(new TestCase(packageName, className, method, OBJECTS[(m + i) % OBJECTS.length]
                                + "-" + i, i, area, behaviour, median));
                    }
                } else {
                    tests.add(new TestCase(packageName, className, method, null, 0, area, behaviour, median));
                }
            }
            classNumber++;
        }
        return List.copyOf(tests);
    }

    private static Behaviour behaviour(Random random) {
        int r = random.nextInt(1000);
        if (r < 15) {
            return Behaviour.FLAKY;
        }
        if (r < 17) {
            return Behaviour.BROKEN;
        }
        if (r < 19) {
            return Behaviour.REGRESSED;
        }
        if (r < 29) {
            return Behaviour.DISABLED;
        }
        if (r < 32) {
            return Behaviour.ERRATIC;
        }
        return Behaviour.STABLE;
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
