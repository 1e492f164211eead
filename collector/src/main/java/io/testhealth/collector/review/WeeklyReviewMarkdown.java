package io.testhealth.collector.review;

import io.testhealth.collector.review.ReviewText.Unit;
import io.testhealth.collector.review.WeeklyReview.CheckMove;
import io.testhealth.collector.review.WeeklyReview.ComponentQuality;
import io.testhealth.collector.review.WeeklyReview.IncidentEntry;
import io.testhealth.collector.review.WeeklyReview.Kpis;
import io.testhealth.collector.review.WeeklyReview.OwnerTests;
import io.testhealth.collector.review.WeeklyReview.PyramidDrift;
import io.testhealth.collector.review.WeeklyReview.RegressionEntry;
import io.testhealth.collector.review.WeeklyReview.SubjectMove;
import io.testhealth.collector.review.WeeklyReview.SuiteEntry;
import io.testhealth.collector.review.WeeklyReview.TeamRank;
import io.testhealth.collector.review.WeeklyReview.TestEntry;

import java.util.List;

import static io.testhealth.collector.review.ReviewText.NONE;
import static io.testhealth.collector.review.ReviewText.shortName;

/**
 * Renders a review as a Markdown document a team lead can paste into a wiki page or a chat: one heading per section,
 * GitHub-flavoured tables, and every Δ with its sign and an arrow.
 *
 * <p>Text from reports (test names, failure causes, owners) is escaped so that it cannot break a table or start
 * Markdown syntax of its own.
 */
public final class WeeklyReviewMarkdown {

    private WeeklyReviewMarkdown() {
    }

    /** The document. */
    public static String render(WeeklyReview r) {
        StringBuilder md = new StringBuilder();
        md.append("# Weekly test health review: ").append(r.week()).append("\n\n");
        md.append('_').append(ReviewText.day(r.start())).append(" to ").append(ReviewText.day(r.end()))
                .append(" (UTC, Monday to Monday)").append(r.complete() ? "" : ", week still running")
                .append(". Reports as of ").append(ReviewText.minute(r.asOf()))
                .append("; scope: ").append(r.team() == null ? "all teams" : "team " + esc(shortName(r.team())))
                .append(r.namespace() == null ? "" : ", namespace " + esc(r.namespace()))
                .append("; thresholds ").append(esc(r.thresholdVersion().isEmpty() ? NONE : r.thresholdVersion()))
                .append("._\n\n");

        section(md, "1. Headline KPIs");
        if (r.headline().isEmpty()) {
            none(md);
        } else {
            table(md, List.of("Team", "Grade", "Level", "Tests", "Flaky tests", "Flaky run rate",
                    "Default-branch pass rate", "Time lost to flakes"));
            for (Kpis k : r.headline()) {
                row(md, bold(k), ReviewText.change(k.previousGrade(), k.grade(), gradeSteps(k)),
                        ReviewText.change(k.previousLevel(), k.level(), levelSteps(k)),
                        ReviewText.withDelta(k.tests(), Unit.COUNT), ReviewText.withDelta(k.flakyTests(), Unit.COUNT),
                        ReviewText.withDelta(k.flakyRunRate(), Unit.RATE),
                        ReviewText.withDelta(k.defaultBranchPassRate(), Unit.RATE),
                        ReviewText.withDelta(k.timeLostToFlakesSeconds(), Unit.SECONDS));
            }
            md.append("\nFour-week trend (").append(String.join(" → ", r.weeks())).append("):\n\n");
            table(md, List.of("Team", "Grade", "Flaky tests", "Flaky run rate", "Default-branch pass rate",
                    "Time lost to flakes"));
            for (Kpis k : r.headline()) {
                row(md, bold(k), String.join(" → ", k.gradeTrend().stream().map(g -> g == null ? NONE : g).toList()),
                        ReviewText.trend(k.flakyTests().trend(), Unit.COUNT),
                        ReviewText.trend(k.flakyRunRate().trend(), Unit.RATE),
                        ReviewText.trend(k.defaultBranchPassRate().trend(), Unit.RATE),
                        ReviewText.trend(k.timeLostToFlakesSeconds().trend(), Unit.SECONDS));
            }
        }

        section(md, "2. Teams ranked");
        if (r.ranking().isEmpty()) {
            none(md);
        } else {
            table(md, List.of("#", "Team", "Grade", "Level", "Δ grade", "Δ level", "Components", "Pyramid (unit / integration / e2e / unknown)"));
            for (TeamRank t : r.ranking()) {
                row(md, String.valueOf(t.rank()), t.name(), t.grade(), t.level(), ReviewText.steps(t.gradeChange()),
                        ReviewText.steps(t.levelChange()), String.valueOf(t.components()),
                        ReviewText.percent(t.pyramid().unit()) + " / " + ReviewText.percent(t.pyramid().integration())
                                + " / " + ReviewText.percent(t.pyramid().e2e()) + " / " + ReviewText.percent(t.pyramid().unknown()));
            }
        }

        section(md, "3. Scorecard movements");
        if (r.movements().subjects().isEmpty() && r.movements().checks().isEmpty()) {
            none(md);
        } else {
            if (!r.movements().subjects().isEmpty()) {
                table(md, List.of("Kind", "Name", "Team", "Level", "Grade", "Move"));
                for (SubjectMove m : r.movements().subjects()) {
                    row(md, m.kind(), m.name(), shortName(m.team()), from(m.previousLevel(), m.level()),
                            from(m.previousGrade(), m.grade()), direction(m.direction()));
                }
                md.append('\n');
            }
            if (!r.movements().checks().isEmpty()) {
                table(md, List.of("Kind", "Name", "Team", "Check", "Status", "Value"));
                for (CheckMove c : r.movements().checks()) {
                    row(md, c.kind(), c.name(), shortName(c.team()), c.checkName(), c.previousStatus() + " → " + c.status(),
                            ReviewText.number(c.previousValue()) + " → " + ReviewText.number(c.value()) + " " + c.unit());
                }
            }
        }

        section(md, "4. New flaky tests by owner");
        if (r.newFlaky().isEmpty()) {
            none(md);
        }
        for (OwnerTests o : r.newFlaky()) {
            md.append("### ").append(esc(ReviewText.ownerName(o.owner()))).append(" (").append(o.tests().size())
                    .append(")\n\n");
            tests(md, o.tests());
            md.append('\n');
        }

        section(md, "5. Fixed");
        testsOrNone(md, r.fixed());
        section(md, "6. Re-flaked");
        testsOrNone(md, r.reflaked());
        section(md, "7. Top flaky tests by impact");
        testsOrNone(md, r.topFlaky());

        section(md, "8. Slowest suites and duration regressions");
        if (r.durations().slowestSuites().isEmpty()) {
            md.append("No suite timings this week.\n\n");
        } else {
            table(md, List.of("Component", "Team", "Suite", "Tests", "p50", "p95", "Footprint"));
            for (SuiteEntry s : r.durations().slowestSuites()) {
                row(md, shortName(s.component()), shortName(s.team()), s.suite(), String.valueOf(s.tests()),
                        ReviewText.value(s.p50Seconds(), Unit.SECONDS), ReviewText.value(s.p95Seconds(), Unit.SECONDS),
                        ReviewText.seconds(s.footprintSeconds()));
            }
            md.append('\n');
        }
        if (r.durations().regressions().isEmpty()) {
            md.append("No duration regressions.\n");
        } else {
            table(md, List.of("Component", "Owner", "Test", "Before", "After", "Ratio", "Since"));
            for (RegressionEntry g : r.durations().regressions()) {
                row(md, shortName(g.component()), ReviewText.ownerName(g.owner()), g.name(),
                        ReviewText.seconds(g.beforeMedianSeconds()), ReviewText.seconds(g.afterMedianSeconds()),
                        String.format(java.util.Locale.ROOT, "×%.2f", g.ratio()),
                        g.startedAtCommit() + " " + ReviewText.minute(g.startedAt()));
            }
        }

        section(md, "9. Pyramid drift");
        if (r.pyramidDrift().isEmpty()) {
            none(md);
        } else {
            table(md, List.of("Component", "Team", "Unit", "Integration", "E2E", "Unknown", "Top-heaviness"));
            for (PyramidDrift d : r.pyramidDrift()) {
                row(md, shortName(d.component()), shortName(d.team()),
                        share(d.previous().unit(), d.current().unit()),
                        share(d.previous().integration(), d.current().integration()),
                        share(d.previous().e2e(), d.current().e2e()),
                        share(d.previous().unknown(), d.current().unknown()),
                        ReviewText.number(d.previousTopHeaviness()) + " → " + ReviewText.number(d.topHeaviness()));
            }
        }

        section(md, "10. Data quality");
        var q = r.dataQuality();
        if (q.components().isEmpty()) {
            md.append("Every test has a layer and an owner, and no declared layer disagrees with its spans.\n\n");
        } else {
            table(md, List.of("Component", "Team", "Tests", "Unclassified", "Without owner", "Declared ≠ observed",
                    "Examples"));
            for (ComponentQuality c : q.components()) {
                row(md, shortName(c.component()), shortName(c.team()), String.valueOf(c.tests()),
                        String.valueOf(c.unclassified()), String.valueOf(c.withoutOwner()),
                        String.valueOf(c.layerDisagreements()), String.join(", ", c.examples()));
            }
            md.append('\n');
        }
        if (q.incidents().isEmpty()) {
            md.append("No infrastructure incidents this week.\n\n");
        } else {
            md.append("Infrastructure incidents (excluded from pass rates):\n\n");
            table(md, List.of("Started", "Component", "Pipeline", "Job", "Failed / tests"));
            for (IncidentEntry i : q.incidents()) {
                row(md, ReviewText.minute(i.startedAt()), shortName(i.component()), i.pipeline(), i.job(),
                        i.failed() + " / " + i.tests());
            }
            md.append('\n');
        }
        if (q.componentsWithoutTeam().isEmpty()) {
            md.append("Every component has a team.\n");
        } else {
            md.append("Components without a team: ")
                    .append(String.join(", ", q.componentsWithoutTeam().stream().map(c -> "`" + code(c) + "`").toList()))
                    .append(".\n");
        }
        return md.toString();
    }

    private static void tests(StringBuilder md, List<TestEntry> tests) {
        table(md, List.of("Component", "Owner", "Test", "State", "Flaky runs", "Time lost", "Pipelines broken alone"));
        for (TestEntry t : tests) {
            row(md, shortName(t.component()), ReviewText.ownerName(t.owner()), t.suite() + " › " + t.name(),
                    (t.previousState() == null ? NONE : t.previousState()) + " → " + t.state(),
                    t.flakyRuns() + " / " + t.runs(), ReviewText.seconds(t.timeLostSeconds()),
                    String.valueOf(t.pipelinesBrokenAlone()));
        }
    }

    private static void testsOrNone(StringBuilder md, List<TestEntry> tests) {
        if (tests.isEmpty()) {
            none(md);
        } else {
            tests(md, tests);
        }
    }

    private static String bold(Kpis k) {
        return k.organisation() ? k.name() + " (total)" : k.name();
    }

    private static Integer gradeSteps(Kpis k) {
        return k.previousGrade() == null ? null
                : WeeklyReviewBuilder.gradeRank(k.previousGrade()) - WeeklyReviewBuilder.gradeRank(k.grade());
    }

    private static Integer levelSteps(Kpis k) {
        return k.previousLevel() == null ? null
                : WeeklyReviewBuilder.levelRank(k.level()) - WeeklyReviewBuilder.levelRank(k.previousLevel());
    }

    private static String from(String before, String now) {
        return before == null || before.equals(now) ? now : before + " → " + now;
    }

    private static String share(double before, double now) {
        return ReviewText.percent(before) + " → " + ReviewText.percent(now);
    }

    private static String direction(String d) {
        return switch (d) {
            case "up" -> "▲ up";
            case "down" -> "▼ down";
            default -> d;
        };
    }

    private static void section(StringBuilder md, String title) {
        md.append("\n## ").append(title).append("\n\n");
    }

    private static void none(StringBuilder md) {
        md.append("_None this week._\n");
    }

    private static void table(StringBuilder md, List<String> headers) {
        md.append("| ").append(String.join(" | ", headers.stream().map(WeeklyReviewMarkdown::esc).toList())).append(" |\n");
        md.append("|").append("---|".repeat(headers.size())).append('\n');
    }

    /** One table row; every cell is escaped here, so callers pass plain text. */
    private static void row(StringBuilder md, String... cells) {
        md.append("|");
        for (String c : cells) {
            md.append(' ').append(esc(c)).append(" |");
        }
        md.append('\n');
    }

    /** Escapes what would end a cell or start Markdown or HTML in it. */
    static String esc(String text) {
        if (text == null) {
            return NONE;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').toCharArray()) {
            switch (ch) {
                case '|', '\\', '`', '*', '_', '[', ']', '<', '>', '#' -> out.append('\\').append(ch);
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static String code(String text) {
        return text.replace("`", "'");
    }
}
