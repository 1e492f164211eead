package io.testhealth.collector.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provisioned alert rules as Grafana's file provisioning reads them, checked without Grafana: each rule's
 * condition is one of its queries, expressions refer to queries before them, the queries name the provisioned
 * Prometheus and metrics of the catalogue, states and durations are ones Grafana accepts, and each rule points at an
 * existing dashboard. Their PromQL runs on a real Prometheus in {@link DashboardQueriesTest}.
 */
final class AlertRulesStructureTest {

    private static final Set<String> NO_DATA_STATES = Set.of("OK", "NoData", "Alerting");
    private static final Set<String> ERROR_STATES = Set.of("OK", "Error", "Alerting");
    private static final Pattern DURATION = Pattern.compile("\\d+[smhd]");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Z])\\b");
    private static final String EXPRESSIONS = "__expr__";

    @Test
    void everyRuleIsWellFormedForGrafanaFileProvisioning() throws Exception {
        Dashboards dashboards = Dashboards.load();
        AlertRules alerts = AlertRules.load(dashboards);
        Map<String, String> datasources = DashboardStructureTest.provisionedDatasources(dashboards.root());
        Set<String> dashboardUids = dashboards.all().stream().map(Dashboards.Dashboard::uid).collect(Collectors.toSet());
        Set<String> catalogue = Set.copyOf(Metric.seriesNames());
        assertEquals(1, alerts.root().get("apiVersion"), "Grafana's provisioning apiVersion");
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> group : AlertRules.maps(alerts.root().get("groups"))) {
            for (String key : List.of("name", "folder", "interval")) {
                if (String.valueOf(group.getOrDefault(key, "")).isBlank()) {
                    problems.add("group " + group.get("name") + ": no " + key);
                }
            }
            if (!DURATION.matcher(String.valueOf(group.get("interval"))).matches()) {
                problems.add("group " + group.get("name") + ": interval is not a duration");
            }
        }
        Set<String> uids = new HashSet<>();
        for (Map<String, Object> rule : alerts.rules()) {
            String where = "rule '" + rule.get("title") + "'";
            if (!uids.add(String.valueOf(rule.get("uid"))) || String.valueOf(rule.get("uid")).length() > 40) {
                problems.add(where + ": uid missing, repeated or longer than Grafana's 40 characters");
            }
            Set<String> refIds = new HashSet<>();
            for (Map<String, Object> q : AlertRules.maps(rule.get("data"))) {
                String refId = String.valueOf(q.get("refId"));
                Map<String, Object> model = AlertRules.map(q.get("model"));
                String ds = String.valueOf(q.get("datasourceUid"));
                if (EXPRESSIONS.equals(ds)) {
                    Matcher m = REFERENCE.matcher(String.valueOf(model.get("expression")).replaceAll("^([A-Z])$", "\\$$1"));
                    boolean any = false;
                    while (m.find()) {
                        any = true;
                        if (!refIds.contains(m.group(1))) {
                            problems.add(where + " " + refId + ": refers to " + m.group(1) + ", not a query before it");
                        }
                    }
                    if (!any) {
                        problems.add(where + " " + refId + ": an expression that refers to no query");
                    }
                } else if (!"prometheus".equals(datasources.get(ds))) {
                    problems.add(where + " " + refId + ": datasource " + ds + " is not the provisioned Prometheus");
                } else {
                    Matcher m = DashboardStructureTest.METRIC.matcher(String.valueOf(model.get("expr")));
                    while (m.find()) {
                        if (!catalogue.contains(m.group())) {
                            problems.add(where + ": " + m.group() + " is not in the metric catalogue (Metric)");
                        }
                    }
                }
                if (!refId.equals(String.valueOf(model.get("refId")))) {
                    problems.add(where + " " + refId + ": its model says refId " + model.get("refId"));
                }
                refIds.add(refId);
            }
            if (!refIds.contains(String.valueOf(rule.get("condition")))) {
                problems.add(where + ": condition " + rule.get("condition") + " is none of its queries " + refIds);
            }
            if (!NO_DATA_STATES.contains(String.valueOf(rule.get("noDataState")))
                    || !ERROR_STATES.contains(String.valueOf(rule.get("execErrState")))) {
                problems.add(where + ": noDataState/execErrState not among " + NO_DATA_STATES + " / " + ERROR_STATES);
            }
            if (!DURATION.matcher(String.valueOf(rule.get("for"))).matches()) {
                problems.add(where + ": for is not a duration");
            }
            Map<String, Object> annotations = AlertRules.map(rule.get("annotations"));
            if (String.valueOf(annotations.getOrDefault("summary", "")).isBlank()) {
                problems.add(where + ": no summary");
            }
            if (!dashboardUids.contains(String.valueOf(annotations.get("__dashboardUid__")))) {
                problems.add(where + ": __dashboardUid__ " + annotations.get("__dashboardUid__") + " is no dashboard");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The three alerts issue 14 asks for: a stale report, a grade that dropped, ingest errors. */
    @Test
    void rulesWatchStaleReportsDroppedGradesAndIngestErrors() {
        String promql = AlertRules.load(Dashboards.load()).rules().stream()
                .flatMap(r -> AlertRules.promql(r).values().stream()).collect(Collectors.joining("\n"));
        for (String metric : List.of("testhealth_component_report_timestamp_seconds", "testhealth_component_grade",
                "testhealth_uploads_rejected_total", "testhealth_analysis_failing_components")) {
            assertTrue(promql.contains(metric), "no rule reads " + metric + ":\n" + promql);
        }
    }
}
