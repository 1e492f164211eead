package io.testhealth.collector.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Grafana would trip over, checked without Grafana: every datasource a dashboard names is provisioned (through
 * its datasource variable), every variable resolves, every panel has a query and a unit, every metric queried exists
 * in the catalogue, data links lead to existing dashboards, and the provisioned dashboard path is where
 * docker/compose.yaml mounts the dashboards. The JSON itself is typed by the Foundation SDK that writes it
 * (dashboards/src), and dashboards/ checks that the committed files are what it writes.
 */
final class DashboardStructureTest {

    static final Pattern METRIC = Pattern.compile("\\btesthealth_[a-z0-9_]+");
    /** A grade or level series (a check's level too), whose numbers stand for letters and medals. */
    private static final Pattern GRADE = Pattern.compile("\\btesthealth_(team|component)_grade\\b|grade_value");
    private static final Pattern LEVEL = Pattern.compile("\\btesthealth_(team|component)_(check_)?level\\b|level_value");
    /** The read-only views of db/postgres/V5__grafana_views.sql, documented in collector/README.md. */
    private static final Set<String> SQL_VIEWS = Set.of("testhealth_report_tests", "testhealth_scorecard_history");
    private static final Pattern SQL_SOURCE = Pattern.compile("(?i)\\b(?:FROM|JOIN)\\s+([\\w.]+)");
    private static final Pattern DASHBOARD_URL = Pattern.compile("^/d/([\\w-]+)");
    private static final Pattern LINK_VARIABLE = Pattern.compile("[?&]var-(\\w+)=");

    @Test
    void everyPanelQueriesAProvisionedDatasourceAndKnownMetricsWithDefinedVariables() throws IOException {
        Dashboards dashboards = Dashboards.load();
        Map<String, String> datasources = provisionedDatasources(dashboards.root());
        Set<String> catalogue = Set.copyOf(Metric.seriesNames());
        List<String> problems = new ArrayList<>();
        Set<String> uids = new HashSet<>();
        for (Dashboards.Dashboard d : dashboards.all()) {
            if (d.uid().isBlank() || !uids.add(d.uid())) {
                problems.add(d + ": missing or repeated uid '" + d.uid() + "'");
            }
            if (!"monday".equals(d.json().path("weekStart").asText())) {
                problems.add(d + ": weekStart is not monday");
            }
            Set<String> defined = new HashSet<>();
            for (JsonNode v : d.variables()) {
                String where = d + " variable $" + v.path("name").asText();
                switch (v.path("type").asText()) {
                    case "datasource" -> {
                        // Importable anywhere: the variable lists the datasources of its type; provisioned, it
                        // starts on ours.
                        String current = v.path("current").path("value").asText("");
                        if (!v.path("query").asText("").equals(datasources.get(current))) {
                            problems.add(where + ": starts on '" + current + "', not a provisioned datasource of type "
                                    + v.path("query").asText());
                        }
                    }
                    case "query" -> check(d, where, v.path("query").path("query").asText(v.path("definition").asText("")),
                            v.path("datasource"), defined, datasources, catalogue, problems);
                    case "textbox" -> {
                        if (v.path("query").asText("").isBlank()) {
                            problems.add(where + ": a text box without a default");
                        }
                    }
                    default -> problems.add(where + ": unexpected type " + v.path("type").asText());
                }
                defined.add(v.path("name").asText());
            }
            if (d.panels().isEmpty()) {
                problems.add(d + ": no panels");
            }
            Set<Integer> ids = new HashSet<>();
            d.json().path("panels").forEach(p -> {
                if (!ids.add(p.path("id").asInt(-1))) {
                    problems.add(d + " panel '" + p.path("title").asText() + "': repeated id");
                }
            });
            for (JsonNode p : d.panels()) {
                String where = d + " panel '" + p.path("title").asText() + "'";
                if (!p.path("targets").isArray() || p.path("targets").isEmpty()) {
                    problems.add(where + ": no query");
                }
                Set<String> refIds = new HashSet<>();
                for (JsonNode t : p.path("targets")) {
                    if (!refIds.add(t.path("refId").asText(""))) {
                        problems.add(where + ": a query without refId, or a repeated one");
                    }
                    check(d, where + " target " + t.path("refId").asText(), Dashboards.queryOf(t),
                            Dashboards.datasourceOf(p, t), defined, datasources, catalogue, problems);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * Readable at a glance: every panel has a unit, tables of Prometheus series hide Time/job/instance, grades show
     * as letters and levels as medal names, and every dashboard groups its panels in rows.
     */
    @Test
    void everyPanelHasAUnitTablesHideScrapeColumnsAndGradesAndLevelsAreNamed() {
        List<String> problems = new ArrayList<>();
        for (Dashboards.Dashboard d : Dashboards.load().all()) {
            if (d.rows().size() < 2) {
                problems.add(d + ": panels are not grouped in rows per topic " + d.rows());
            }
            for (JsonNode p : d.panels()) {
                String where = d + " panel '" + p.path("title").asText() + "'";
                if (p.path("fieldConfig").path("defaults").path("unit").asText("").isBlank()) {
                    problems.add(where + ": no unit");
                }
                String queries = queries(p);
                if ("table".equals(p.path("type").asText()) && METRIC.matcher(queries).find()
                        && "prometheus".equals(p.path("datasource").path("type").asText())) {
                    JsonNode hidden = StreamSupport.stream(p.path("transformations").spliterator(), false)
                            .filter(t -> "organize".equals(t.path("id").asText())).findFirst()
                            .map(t -> t.path("options").path("excludeByName")).orElse(null);
                    for (String column : List.of("Time", "job", "instance")) {
                        if (hidden == null || !hidden.path(column).asBoolean(false)) {
                            problems.add(where + ": shows the column " + column);
                        }
                    }
                }
                String mapped = p.path("fieldConfig").toString();
                if (GRADE.matcher(queries).find() && !(mapped.contains("\"text\":\"A\"") && mapped.contains("\"text\":\"F\""))) {
                    problems.add(where + ": shows grades as numbers, not letters");
                }
                if (LEVEL.matcher(queries).find() && !(mapped.contains("\"text\":\"Gold\"") && mapped.contains("\"text\":\"below Bronze\""))) {
                    problems.add(where + ": shows levels as numbers, not medal names");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * Organisation to team to component: every data link into a Test Health dashboard names an existing one and sets
     * only variables it has; the component dashboard links to the component's Backstage page.
     */
    @Test
    void dataLinksLeadFromTheOrganisationToATeamToAComponentAndToBackstage() {
        Dashboards dashboards = Dashboards.load();
        Map<String, Dashboards.Dashboard> byUid = new HashMap<>();
        dashboards.all().forEach(d -> byUid.put(d.uid(), d));
        List<String> problems = new ArrayList<>();
        Set<String> linked = new HashSet<>();
        for (Dashboards.Dashboard d : dashboards.all()) {
            for (JsonNode l : withUrl(d.json(), new ArrayList<>())) {
                collectLinks(l, d, byUid, linked, problems);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(linked.containsAll(List.of("testhealth-overview->testhealth-team", "testhealth-overview->testhealth-component",
                "testhealth-team->testhealth-component")), "organisation -> team -> component links: " + linked);
        JsonNode backstage = StreamSupport.stream(byUid.get("testhealth-component").json().path("links").spliterator(), false)
                .filter(l -> l.path("url").asText().contains("/catalog/${namespace}/component/${component}")).findFirst()
                .orElse(null);
        assertTrue(backstage != null && backstage.path("url").asText().startsWith("${backstage}"),
                "the component dashboard links to ${backstage}/catalog/${namespace}/component/${component}");
    }

    private static void collectLinks(JsonNode l, Dashboards.Dashboard from, Map<String, Dashboards.Dashboard> byUid,
                                     Set<String> linked, List<String> problems) {
        Matcher m = DASHBOARD_URL.matcher(l.path("url").asText(""));
        if (!m.find()) {
            return;
        }
        Dashboards.Dashboard to = byUid.get(m.group(1));
        if (to == null) {
            problems.add(from + ": link '" + l.path("title").asText() + "' to unknown dashboard " + m.group(1));
            return;
        }
        linked.add(from.uid() + "->" + to.uid());
        Matcher v = LINK_VARIABLE.matcher(l.path("url").asText());
        while (v.find()) {
            if (to.variable(v.group(1)).isMissingNode()) {
                problems.add(from + ": link '" + l.path("title").asText() + "' sets $" + v.group(1) + ", which "
                        + to + " does not have");
            }
        }
    }

    /** Every object of the tree with a {@code url}: dashboard links, and data links wherever a panel sets them. */
    private static List<JsonNode> withUrl(JsonNode node, List<JsonNode> out) {
        if (node.isObject() && node.path("url").isTextual()) {
            out.add(node);
        }
        node.forEach(child -> withUrl(child, out));
        return out;
    }

    private static String queries(JsonNode panel) {
        StringBuilder out = new StringBuilder();
        panel.path("targets").forEach(t -> out.append(Dashboards.queryOf(t)).append('\n'));
        return out.toString();
    }

    @Test
    void theProvisionedDashboardPathIsWhereComposeMountsTheDashboards() throws IOException {
        Dashboards dashboards = Dashboards.load();
        Map<String, Object> provider = yaml(dashboards.root().resolve("provisioning/dashboards/testhealth.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) provider.get("providers")).get(0);
        @SuppressWarnings("unchecked")
        String path = (String) ((Map<String, Object>) first.get("options")).get("path");
        String compose = Files.readString(dashboards.root().resolveSibling("docker").resolve("compose.yaml"));
        assertTrue(compose.contains("../dashboards/testhealth:" + path),
                "docker/compose.yaml must mount ../dashboards/testhealth at " + path);
        assertTrue(compose.contains("../dashboards/provisioning:/etc/grafana/provisioning"),
                "docker/compose.yaml must mount the provisioning folder");
        assertEquals(4, dashboards.all().size(), "organisation, team, component and collector dashboards");
    }

    private static void check(Dashboards.Dashboard d, String where, String query, JsonNode datasource,
                              Set<String> defined, Map<String, String> datasources, Set<String> catalogue,
                              List<String> problems) {
        if (query.isBlank()) {
            problems.add(where + ": empty query");
            return;
        }
        String uid = Dashboards.resolvedUid(d, datasource);
        String type = datasource.path("type").asText("");
        if (!datasources.containsKey(uid) || !datasources.get(uid).equals(type)) {
            problems.add(where + ": datasource " + datasource + " is not a provisioned one of its type " + datasources);
        }
        for (String v : Dashboards.variablesIn(query)) {
            if (!defined.contains(v) && !Dashboards.BUILT_INS.containsKey(v)) {
                problems.add(where + ": $" + v + " is not a variable defined before it");
            }
        }
        if (!"prometheus".equals(type)) {
            // SQL reads the collector's documented views only, never its tables (whose JSON is the collector's own).
            Matcher from = SQL_SOURCE.matcher(query);
            while (from.find()) {
                if (!SQL_VIEWS.contains(from.group(1))) {
                    problems.add(where + ": reads " + from.group(1) + ", not one of the views for Grafana " + SQL_VIEWS);
                }
            }
            return;
        }
        Matcher m = METRIC.matcher(query);
        while (m.find()) {
            if (!catalogue.contains(m.group())) {
                problems.add(where + ": " + m.group() + " is not in the metric catalogue (Metric)");
            }
        }
    }

    /** Provisioned datasources: uid to type. */
    @SuppressWarnings("unchecked")
    static Map<String, String> provisionedDatasources(Path root) throws IOException {
        Map<String, Object> file = yaml(root.resolve("provisioning/datasources/testhealth.yaml"));
        Map<String, String> uids = new HashMap<>();
        for (Map<String, Object> ds : (List<Map<String, Object>>) file.get("datasources")) {
            uids.put((String) ds.get("uid"), (String) ds.get("type"));
        }
        return uids;
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return new Yaml().load(r);
        }
    }
}
