package io.testhealth.collector.review;

import io.testhealth.collector.review.ReviewText.Unit;
import io.testhealth.collector.review.WeeklyReview.CheckMove;
import io.testhealth.collector.review.WeeklyReview.ComponentQuality;
import io.testhealth.collector.review.WeeklyReview.IncidentEntry;
import io.testhealth.collector.review.WeeklyReview.Kpis;
import io.testhealth.collector.review.WeeklyReview.OwnerTests;
import io.testhealth.collector.review.WeeklyReview.PyramidDrift;
import io.testhealth.collector.review.WeeklyReview.RegressionEntry;
import io.testhealth.collector.review.WeeklyReview.Shares;
import io.testhealth.collector.review.WeeklyReview.SubjectMove;
import io.testhealth.collector.review.WeeklyReview.SuiteEntry;
import io.testhealth.collector.review.WeeklyReview.TeamRank;
import io.testhealth.collector.review.WeeklyReview.TestEntry;
import io.testhealth.collector.review.WeeklyReview.Trend;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static io.testhealth.collector.review.ReviewText.NONE;
import static io.testhealth.collector.review.ReviewText.shortName;

/**
 * Renders a review as one self-contained HTML page: inline CSS, inline SVG sparklines for the four-week trends and
 * a stacked bar per team for its pyramid, no scripts and no external resources, so it can be mailed, archived or
 * opened offline and shows the same everywhere.
 *
 * <p>All text is escaped; report text (test names, owners, suites) comes from CI uploads and is not trusted.
 */
public final class WeeklyReviewHtml {

    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;color:#1f2328;padding:0 1rem}
            h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem}
            h3{font-size:1rem}.meta{color:#59636e}.none{color:#59636e;font-style:italic}
            table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#f6f8fa}td.num{text-align:right;white-space:nowrap}.up{color:#1a7f37}.down{color:#cf222e}
            .spark{vertical-align:middle}.bar{display:inline-block;vertical-align:middle}
            .legend span{display:inline-block;margin-right:1rem}.sw{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:middle}
            """;
    private static final String[] LAYER_COLOURS = {"#2da44e", "#0969da", "#bf3989", "#8c959f"};
    private static final String[] LAYER_NAMES = {"unit", "integration", "e2e", "unknown"};

    private WeeklyReviewHtml() {
    }

    /** The page. */
    public static String render(WeeklyReview r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Weekly test health review ")
                .append(esc(r.week())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>Weekly test health review: ").append(esc(r.week())).append("</h1>\n<p class=\"meta\">")
                .append(esc(ReviewText.day(r.start()) + " to " + ReviewText.day(r.end()) + " (UTC, Monday to Monday)"
                        + (r.complete() ? "" : ", week still running") + ". Reports as of " + ReviewText.minute(r.asOf())
                        + "; scope: " + (r.team() == null ? "all teams" : "team " + shortName(r.team()))
                        + (r.namespace() == null ? "" : ", namespace " + r.namespace())
                        + "; thresholds " + (r.thresholdVersion().isEmpty() ? NONE : r.thresholdVersion()) + "."))
                .append("</p>\n");

        section(h, "1. Headline KPIs");
        if (r.headline().isEmpty()) {
            none(h);
        } else {
            h.append("<p class=\"meta\">Trends show ").append(esc(String.join(", ", r.weeks()))).append(".</p>\n");
            head(h, "Team", "Grade", "Level", "Tests", "Flaky tests", "Flaky run rate", "Default-branch pass rate",
                    "Time lost to flakes");
            for (Kpis k : r.headline()) {
                h.append("<tr><td>").append(k.organisation() ? "<strong>" + esc(k.name()) + "</strong>" : esc(k.name()))
                        .append("</td><td>").append(esc(ReviewText.change(k.previousGrade(), k.grade(), null)))
                        .append("<br><span class=\"meta\">").append(esc(String.join(" → ",
                                k.gradeTrend().stream().map(g -> g == null ? NONE : g).toList()))).append("</span></td><td>")
                        .append(esc(ReviewText.change(k.previousLevel(), k.level(), null))).append("</td>");
                kpi(h, k.tests(), Unit.COUNT);
                kpi(h, k.flakyTests(), Unit.COUNT);
                kpi(h, k.flakyRunRate(), Unit.RATE);
                kpi(h, k.defaultBranchPassRate(), Unit.RATE);
                kpi(h, k.timeLostToFlakesSeconds(), Unit.SECONDS);
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }

        section(h, "2. Teams ranked");
        if (r.ranking().isEmpty()) {
            none(h);
        } else {
            h.append("<p class=\"legend\">");
            for (int i = 0; i < LAYER_NAMES.length; i++) {
                h.append("<span><span class=\"sw\" style=\"background:").append(LAYER_COLOURS[i]).append("\"></span>")
                        .append(LAYER_NAMES[i]).append("</span>");
            }
            h.append("</p>\n");
            head(h, "#", "Team", "Grade", "Level", "Δ grade", "Δ level", "Components", "Pyramid (share of tests)");
            for (TeamRank t : r.ranking()) {
                h.append("<tr><td class=\"num\">").append(t.rank()).append("</td><td>").append(esc(t.name()))
                        .append("</td><td>").append(esc(t.grade())).append("</td><td>").append(esc(t.level()))
                        .append("</td>").append(stepsCell(t.gradeChange())).append(stepsCell(t.levelChange()))
                        .append("<td class=\"num\">").append(t.components()).append("</td><td>")
                        .append(pyramidBar(t.pyramid())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        section(h, "3. Scorecard movements");
        if (r.movements().subjects().isEmpty() && r.movements().checks().isEmpty()) {
            none(h);
        }
        if (!r.movements().subjects().isEmpty()) {
            head(h, "Kind", "Name", "Team", "Level", "Grade", "Move");
            for (SubjectMove m : r.movements().subjects()) {
                cells(h, m.kind(), m.name(), shortName(m.team()), from(m.previousLevel(), m.level()),
                        from(m.previousGrade(), m.grade()),
                        m.direction().equals("up") ? "▲ up" : m.direction().equals("down") ? "▼ down" : m.direction());
            }
            h.append("</table>\n");
        }
        if (!r.movements().checks().isEmpty()) {
            head(h, "Kind", "Name", "Team", "Check", "Status", "Value");
            for (CheckMove c : r.movements().checks()) {
                cells(h, c.kind(), c.name(), shortName(c.team()), c.checkName(), c.previousStatus() + " → " + c.status(),
                        ReviewText.number(c.previousValue()) + " → " + ReviewText.number(c.value()) + " " + c.unit());
            }
            h.append("</table>\n");
        }

        section(h, "4. New flaky tests by owner");
        if (r.newFlaky().isEmpty()) {
            none(h);
        }
        for (OwnerTests o : r.newFlaky()) {
            h.append("<h3>").append(esc(ReviewText.ownerName(o.owner()))).append(" (").append(o.tests().size())
                    .append(")</h3>\n");
            tests(h, o.tests());
        }
        section(h, "5. Fixed");
        testsOrNone(h, r.fixed());
        section(h, "6. Re-flaked");
        testsOrNone(h, r.reflaked());
        section(h, "7. Top flaky tests by impact");
        testsOrNone(h, r.topFlaky());

        section(h, "8. Slowest suites and duration regressions");
        if (r.durations().slowestSuites().isEmpty()) {
            h.append("<p class=\"none\">No suite timings this week.</p>\n");
        } else {
            head(h, "Component", "Team", "Suite", "Tests", "p50", "p95", "Footprint");
            for (SuiteEntry s : r.durations().slowestSuites()) {
                cells(h, shortName(s.component()), shortName(s.team()), s.suite(), String.valueOf(s.tests()),
                        ReviewText.value(s.p50Seconds(), Unit.SECONDS), ReviewText.value(s.p95Seconds(), Unit.SECONDS),
                        ReviewText.seconds(s.footprintSeconds()));
            }
            h.append("</table>\n");
        }
        if (r.durations().regressions().isEmpty()) {
            h.append("<p class=\"none\">No duration regressions.</p>\n");
        } else {
            head(h, "Component", "Owner", "Test", "Before", "After", "Ratio", "Since");
            for (RegressionEntry g : r.durations().regressions()) {
                cells(h, shortName(g.component()), ReviewText.ownerName(g.owner()), g.name(),
                        ReviewText.seconds(g.beforeMedianSeconds()), ReviewText.seconds(g.afterMedianSeconds()),
                        String.format(Locale.ROOT, "×%.2f", g.ratio()), g.startedAtCommit() + " " + ReviewText.minute(g.startedAt()));
            }
            h.append("</table>\n");
        }

        section(h, "9. Pyramid drift");
        if (r.pyramidDrift().isEmpty()) {
            none(h);
        } else {
            head(h, "Component", "Team", "Last week", "This week", "Top-heaviness");
            for (PyramidDrift d : r.pyramidDrift()) {
                h.append("<tr><td>").append(esc(shortName(d.component()))).append("</td><td>").append(esc(shortName(d.team())))
                        .append("</td><td>").append(pyramidBar(d.previous())).append("</td><td>").append(pyramidBar(d.current()))
                        .append("</td><td>").append(esc(ReviewText.number(d.previousTopHeaviness()) + " → "
                                + ReviewText.number(d.topHeaviness()))).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        section(h, "10. Data quality");
        var q = r.dataQuality();
        if (q.components().isEmpty()) {
            h.append("<p class=\"none\">Every test has a layer and an owner, and no declared layer disagrees with its spans.</p>\n");
        } else {
            head(h, "Component", "Team", "Tests", "Unclassified", "Without owner", "Declared ≠ observed",
                    "Examples");
            for (ComponentQuality c : q.components()) {
                cells(h, shortName(c.component()), shortName(c.team()), String.valueOf(c.tests()),
                        String.valueOf(c.unclassified()), String.valueOf(c.withoutOwner()),
                        String.valueOf(c.layerDisagreements()), String.join(", ", c.examples()));
            }
            h.append("</table>\n");
        }
        if (q.incidents().isEmpty()) {
            h.append("<p class=\"none\">No infrastructure incidents this week.</p>\n");
        } else {
            head(h, "Started", "Component", "Pipeline", "Job", "Failed / tests");
            for (IncidentEntry i : q.incidents()) {
                cells(h, ReviewText.minute(i.startedAt()), shortName(i.component()), i.pipeline(), i.job(),
                        i.failed() + " / " + i.tests());
            }
            h.append("</table>\n");
        }
        h.append("<p>").append(q.componentsWithoutTeam().isEmpty() ? "Every component has a team."
                : esc("Components without a team: " + String.join(", ", q.componentsWithoutTeam()) + ".")).append("</p>\n");
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /** A KPI cell: value, Δ and a sparkline of the four weeks. */
    private static void kpi(StringBuilder h, Trend t, Unit unit) {
        String cls = t.delta() == null || t.delta() == 0 ? "" : t.delta() > 0 ? " up" : " down";
        h.append("<td class=\"num\">").append(esc(ReviewText.value(t.value(), unit))).append(" <span class=\"")
                .append(cls.strip()).append("\">").append(esc(ReviewText.delta(t.delta(), unit))).append("</span> ")
                .append(sparkline(t.trend(), esc(ReviewText.trend(t.trend(), unit)))).append("</td>");
    }

    /**
     * An inline SVG polyline of the values, oldest left; unknown weeks leave a gap. Scaled to its own minimum and
     * maximum, since it shows the direction, not the size.
     */
    static String sparkline(List<Double> values, String escapedTitle) {
        int width = 64;
        int height = 18;
        double min = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).max().orElse(0);
        StringBuilder svg = new StringBuilder("<svg class=\"spark\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\"><title>").append(escapedTitle).append("</title>");
        StringBuilder points = new StringBuilder();
        double step = values.size() < 2 ? 0 : (width - 4.0) / (values.size() - 1);
        for (int i = 0; i < values.size(); i++) {
            Double v = values.get(i);
            if (v == null) {
                svg.append(polyline(points));
                points.setLength(0);
                continue;
            }
            double x = 2 + i * step;
            double y = max == min ? height / 2.0 : 2 + (height - 4.0) * (max - v) / (max - min);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            if (i == values.size() - 1) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"#0969da\"/>", x, y));
            }
        }
        svg.append(polyline(points));
        return svg.append("</svg>").toString();
    }

    private static String polyline(StringBuilder points) {
        if (points.toString().strip().split(" ").length < 2) {
            return ""; // a single known week between gaps has no direction to draw
        }
        return "<polyline fill=\"none\" stroke=\"#0969da\" stroke-width=\"1.5\" points=\"" + points.toString().strip() + "\"/>";
    }

    /** A horizontal stacked bar of unit, integration, e2e and unknown shares. */
    static String pyramidBar(Shares s) {
        double[] shares = {s.unit(), s.integration(), s.e2e(), s.unknown()};
        int width = 200;
        StringBuilder svg = new StringBuilder("<svg class=\"bar\" width=\"")
                .append(width).append("\" height=\"14\" viewBox=\"0 0 ").append(width).append(" 14\" role=\"img\"><title>");
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < shares.length; i++) {
            title.append(i == 0 ? "" : ", ").append(LAYER_NAMES[i]).append(' ').append(ReviewText.percent(shares[i]));
        }
        svg.append(esc(title.toString())).append("</title><rect width=\"").append(width)
                .append("\" height=\"14\" fill=\"#f6f8fa\"/>");
        double x = 0;
        for (int i = 0; i < shares.length; i++) {
            double w = Math.max(0, shares[i]) * width;
            if (w > 0) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>",
                        x, w, LAYER_COLOURS[i]));
            }
            x += w;
        }
        return svg.append("</svg>").toString();
    }

    private static String stepsCell(Integer steps) {
        String cls = steps == null || steps == 0 ? "" : steps > 0 ? " up" : " down";
        return "<td class=\"num" + cls + "\">" + esc(ReviewText.steps(steps)) + "</td>";
    }

    private static void tests(StringBuilder h, List<TestEntry> tests) {
        head(h, "Component", "Owner", "Test", "State", "Flaky runs", "Time lost", "Pipelines broken alone");
        for (TestEntry t : tests) {
            cells(h, shortName(t.component()), ReviewText.ownerName(t.owner()), t.suite() + " › " + t.name(),
                    (t.previousState() == null ? NONE : t.previousState()) + " → " + t.state(),
                    t.flakyRuns() + " / " + t.runs(), ReviewText.seconds(t.timeLostSeconds()),
                    String.valueOf(t.pipelinesBrokenAlone()));
        }
        h.append("</table>\n");
    }

    private static void testsOrNone(StringBuilder h, List<TestEntry> tests) {
        if (tests.isEmpty()) {
            none(h);
        } else {
            tests(h, tests);
        }
    }

    private static String from(String before, String now) {
        return before == null || before.equals(now) ? now : before + " → " + now;
    }

    private static void section(StringBuilder h, String title) {
        h.append("<h2>").append(esc(title)).append("</h2>\n");
    }

    private static void none(StringBuilder h) {
        h.append("<p class=\"none\">None this week.</p>\n");
    }

    private static void head(StringBuilder h, String... headers) {
        h.append("<table>\n<tr>");
        for (String c : headers) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
    }

    /** One row of plain-text cells, each escaped here. */
    private static void cells(StringBuilder h, String... cells) {
        h.append("<tr>");
        for (String c : cells) {
            h.append("<td>").append(esc(c)).append("</td>");
        }
        h.append("</tr>\n");
    }

    /** Escapes text for element content and quoted attribute values. */
    static String esc(String text) {
        if (text == null) {
            return NONE;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
