package io.testhealth.collector.scorecards;

import io.testhealth.collector.analysis.durations.Percentile;
import io.testhealth.collector.analysis.durations.Percentiles;
import io.testhealth.collector.scorecards.Scorecard.CheckResult;
import io.testhealth.collector.scorecards.Scorecard.Status;
import io.testhealth.collector.scorecards.ScorecardThresholds.Threshold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Judges {@link ScorecardFacts} against {@link ScorecardThresholds}: the one place where checks, levels and grades
 * are decided.
 *
 * <ul>
 *   <li>A check without enough data says "insufficient data" and neither passes nor fails: ratios need
 *       {@value #MIN_RUNS} runs (or pipelines, or tests), the default-branch pass rate {@value #MIN_DEFAULT_BRANCH_RUNS}
 *       runs, the p95 of PR feedback 20 pipelines and the p50 of E2E duration 5 runs (nearest rank).</li>
 *   <li>Flake age and quarantine hygiene have data whenever tests ran: no open flake and no quarantine are the best
 *       values (0 days), not missing ones.</li>
 *   <li>Silver and Gold of the pyramid check also need the pyramid to be ordered; Silver and Gold of quarantine
 *       hygiene also need every quarantine to have a ticket and an expiry.</li>
 *   <li>Level: the highest level that every check with data reaches; Silver and Gold need at least
 *       {@code min-checks-for-silver-and-gold} checks with data. Grade: A Gold, B Silver, C Bronze, D below Bronze on
 *       one or two checks, F on more.</li>
 * </ul>
 */
public final class ScorecardCalculator {

    static final int MIN_RUNS = 10;
    static final int MIN_DEFAULT_BRANCH_RUNS = 5;

    private final ScorecardThresholds thresholds;

    public ScorecardCalculator(ScorecardThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** The thresholds this calculator judges by. */
    public ScorecardThresholds thresholds() {
        return thresholds;
    }

    /** The scorecard of a subject from its facts, as of {@code now}. */
    public Scorecard score(String subject, ScorecardFacts f, Instant now) {
        List<CheckResult> checks = new ArrayList<>();
        checks.add(ratio(CheckId.FLAKY_TEST_RATIO, f.flakyTests(), f.testsRun(), MIN_RUNS, "tests are flaky", f));
        checks.add(ratio(CheckId.FLAKY_RUN_RATE, f.jobRunsWithFlakyTestRuns(), f.jobRuns(), MIN_RUNS,
                "job runs had a flaky test run" + incidents(f), f));
        checks.add(ratio(CheckId.PIPELINES_BROKEN_BY_FLAKES, f.pipelinesBrokenByFlakes(), f.pipelines(), MIN_RUNS,
                "pipelines failed only because of flaky tests", f));
        checks.add(ratio(CheckId.DEFAULT_BRANCH_PASS_RATE, f.defaultBranchPassedJobRuns(), f.defaultBranchJobRuns(),
                MIN_DEFAULT_BRANCH_RUNS, "job runs on the default branch passed" + incidents(f), f));
        checks.add(flakeAge(f));
        checks.add(quarantine(f));
        checks.add(percentile(CheckId.PR_FEEDBACK_TIME, f.prPipelineWallMinutes(), Percentile.P95,
                Percentiles.P95_MIN_SAMPLES, "p95 wall time of pipelines on other branches than the default", f));
        checks.add(percentile(CheckId.E2E_DURATION, f.e2eJobWallMinutes(), Percentile.P50, Percentiles.P50_MIN_SAMPLES,
                "median wall time of E2E job runs", f));
        checks.add(pyramid(f));
        checks.add(withLayerDisagreements(ratio(CheckId.CLASSIFICATION_OWNERSHIP_COVERAGE, f.testsClassifiedAndOwned(),
                f.testsKnown(), 1, "tests have a known layer and an owner", f), f));
        return decide(subject, checks, now);
    }

    private Scorecard decide(String subject, List<CheckResult> checks, Instant now) {
        List<CheckResult> withData = checks.stream().filter(c -> c.status() != Status.INSUFFICIENT_DATA).toList();
        if (withData.isEmpty()) {
            return new Scorecard(subject, Level.NONE, "-", thresholds.version(), thresholds.windowDays(), now, checks,
                    "Insufficient data: no check has enough runs in the last " + thresholds.windowDays() + " days yet.");
        }
        Level lowest = withData.stream().map(CheckResult::level).min(Comparator.naturalOrder()).orElse(Level.NONE);
        Level level = lowest;
        if (level.compareTo(Level.SILVER) >= 0 && withData.size() < thresholds.minChecksForSilverAndGold()) {
            level = Level.BRONZE;
        }
        long belowBronze = withData.stream().filter(c -> c.level() == Level.NONE).count();
        String grade = switch (level) {
            case GOLD -> "A";
            case SILVER -> "B";
            case BRONZE -> "C";
            case NONE -> belowBronze <= 2 ? "D" : "F";
        };
        return new Scorecard(subject, level, grade, thresholds.version(), thresholds.windowDays(), now, checks,
                summary(level, lowest, withData));
    }

    private String summary(Level level, Level lowest, List<CheckResult> withData) {
        if (level == Level.GOLD) {
            return "Gold: every one of the " + withData.size() + " checks with data meets its Gold threshold.";
        }
        if (level != lowest) {
            return level.label() + ": the checks would reach " + lowest.label() + ", but only " + withData.size()
                    + " have data and Silver and Gold need " + thresholds.minChecksForSilverAndGold() + ".";
        }
        List<String> holding = withData.stream().filter(c -> c.level() == level).map(CheckResult::name).toList();
        return (level == Level.NONE ? "Below Bronze" : level.label()) + ", held back by: " + String.join(", ", holding) + ".";
    }

    private CheckResult ratio(CheckId id, long part, long whole, long minimum, String what, ScorecardFacts f) {
        Threshold t = thresholds.checks().get(id);
        if (whole < minimum) {
            return insufficient(id, t, "Only " + whole + " in the window; " + minimum + " are needed.");
        }
        double value = (double) part / whole;
        Level level = t.levelOf(value);
        String explanation = part + " of " + whole + " " + what + " (" + percent(value) + ")" + examples(id, f) + ". "
                + aim(t, level);
        return new CheckResult(id, t.name(), value, t.unit(), t, status(level), level, explanation);
    }

    private CheckResult flakeAge(ScorecardFacts f) {
        CheckId id = CheckId.FLAKE_AGE;
        Threshold t = thresholds.checks().get(id);
        if (f.testsRun() == 0) {
            return insufficient(id, t, "No test ran in the window.");
        }
        if (f.flakeAgesDays().isEmpty()) {
            return new CheckResult(id, t.name(), 0.0, t.unit(), t, Status.PASS, Level.GOLD, "No flaky test is open.");
        }
        double median = Percentiles.nearestRank(f.flakeAgesDays(), Percentile.P50).orElse(0);
        Level level = t.levelOf(median);
        return new CheckResult(id, t.name(), median, t.unit(), t, status(level), level, "The " + f.flakeAgesDays().size()
                + " open flaky tests have been flaky for a median of " + days(median) + examples(CheckId.FLAKY_TEST_RATIO, f)
                + ". " + aim(t, level));
    }

    private CheckResult quarantine(ScorecardFacts f) {
        CheckId id = CheckId.QUARANTINE_HYGIENE;
        Threshold t = thresholds.checks().get(id);
        if (f.quarantined() == 0) {
            return new CheckResult(id, t.name(), 0.0, t.unit(), t, f.testsRun() == 0 ? Status.INSUFFICIENT_DATA : Status.PASS,
                    f.testsRun() == 0 ? Level.NONE : Level.GOLD, "No test is quarantined.");
        }
        double oldest = f.quarantineAgesDays().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        Level level = t.levelOf(oldest);
        boolean complete = f.quarantinedWithTicketAndExpiry() == f.quarantined();
        String capped = "";
        if (!complete && level.compareTo(Level.BRONZE) > 0) {
            level = Level.BRONZE;
            capped = " Silver and Gold need a ticket and an expiry on every quarantine.";
        }
        return new CheckResult(id, t.name(), oldest, t.unit(), t, status(level), level, f.quarantined()
                + " tests are quarantined, the oldest for " + days(oldest) + "; " + f.quarantinedWithTicketAndExpiry()
                + " have a ticket and an expiry" + examples(id, f) + "." + capped + " " + aim(t, level));
    }

    private CheckResult percentile(CheckId id, List<Double> minutes, Percentile p, int minimum, String what, ScorecardFacts f) {
        Threshold t = thresholds.checks().get(id);
        OptionalDouble value = Percentiles.nearestRank(minutes, p, minimum);
        if (value.isEmpty()) {
            return insufficient(id, t, minutes.size() + " runs with a known wall time; " + minimum
                    + " are needed. Send startedAt and finishedAt with uploads to measure wall time.");
        }
        Level level = t.levelOf(value.getAsDouble());
        return new CheckResult(id, t.name(), value.getAsDouble(), t.unit(), t, status(level), level,
                String.format(Locale.ROOT, "The %s is %.1f min over %d runs. ", what, value.getAsDouble(), minutes.size())
                        + aim(t, level));
    }

    private CheckResult pyramid(ScorecardFacts f) {
        CheckId id = CheckId.PYRAMID_TOP_HEAVINESS;
        Threshold t = thresholds.checks().get(id);
        if (f.topHeaviness() == null) {
            return insufficient(id, t, "Too few tests have a known layer to judge the pyramid.");
        }
        double th = f.topHeaviness();
        Level level = t.levelOf(th);
        String capped = "";
        if (!Boolean.TRUE.equals(f.ordered()) && level.compareTo(Level.BRONZE) > 0) {
            level = Level.BRONZE;
            capped = " It is not ordered (unit ≥ integration ≥ e2e), which Silver and Gold need.";
        }
        return new CheckResult(id, t.name(), th, t.unit(), t, status(level), level, String.format(Locale.ROOT,
                "Top-heaviness is %.2f (0 = no heavier at the top than the target profile).", th) + capped + " " + aim(t, level));
    }

    private CheckResult insufficient(CheckId id, Threshold t, String why) {
        return new CheckResult(id, t.name(), null, t.unit(), t, Status.INSUFFICIENT_DATA, Level.NONE,
                "Insufficient data: " + why);
    }

    private static Status status(Level level) {
        return level == Level.NONE ? Status.FAIL : Status.PASS;
    }

    /** What the next level needs, in the check's unit. */
    /**
     * The coverage check with the tests whose declared layer their spans contradict added to its explanation. They are
     * shown, not graded: the check's value and level stay those of coverage, since the declaration may be the right
     * one (the spans of one request see only the calls made inside the test's own process) and only the team can
     * settle which is wrong.
     */
    private static CheckResult withLayerDisagreements(CheckResult coverage, ScorecardFacts f) {
        if (f.layerDisagreements() == 0) {
            return coverage;
        }
        List<ScorecardFacts.LayerDisagreement> shown = f.layerDisagreementExamples();
        String tests = f.layerDisagreements() == 1 ? "1 test's declared layer is not the one its spans show"
                : f.layerDisagreements() + " tests' declared layers are not the ones their spans show";
        String sentence = tests + " (not graded): " + String.join(", ",
                shown.stream().map(ScorecardFacts.LayerDisagreement::describe).toList())
                + (f.layerDisagreements() > shown.size() ? ", …" : "") + ".";
        return new CheckResult(coverage.id(), coverage.name(), coverage.value(), coverage.unit(), coverage.threshold(),
                coverage.status(), coverage.level(), coverage.explanation() + " " + sentence);
    }

    private static String aim(Threshold t, Level level) {
        if (level == Level.GOLD) {
            return "Meets Gold (" + bound(t, Level.GOLD) + ").";
        }
        Level next = Level.values()[level.ordinal() + 1];
        return (level == Level.NONE ? "Below Bronze" : "Meets " + level.label()) + "; " + next.label() + " needs "
                + bound(t, next) + ".";
    }

    private static String bound(Threshold t, Level level) {
        String op = t.higherIsBetter() ? "≥ " : "≤ ";
        double v = t.of(level);
        return op + switch (t.unit()) {
            case "ratio" -> t.name().startsWith("Pyramid") ? String.format(Locale.ROOT, "%.2f", v) : percent(v);
            case "days" -> days(v);
            default -> String.format(Locale.ROOT, "%.0f min", v);
        };
    }

    private static String examples(CheckId id, ScorecardFacts f) {
        List<String> names = f.examples().getOrDefault(id, List.of());
        return names.isEmpty() ? "" : ": " + String.join(", ", names) + (names.size() == ScorecardFacts.EXAMPLES ? ", …" : "");
    }

    private static String incidents(ScorecardFacts f) {
        return f.incidents() == 0 ? "" : " (" + f.incidents() + " infrastructure incidents excluded)";
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String days(double d) {
        return String.format(Locale.ROOT, "%.0f days", d);
    }
}
