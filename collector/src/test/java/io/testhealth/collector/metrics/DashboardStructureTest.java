package io.testhealth.collector.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Grafana would trip over, checked without Grafana: every datasource a dashboard names is provisioned, every
 * variable resolves, every panel has a query, every metric queried exists in the catalogue, and the provisioned
 * dashboard path is where docker/compose.yaml mounts the dashboards.
 */
final class DashboardStructureTest {

    private static final Pattern METRIC = Pattern.compile("\\btesthealth_[a-z0-9_]+");

    @Test
    void everyPanelQueriesAProvisionedDatasourceAndKnownMetricsWithDefinedVariables() throws IOException {
        Dashboards dashboards = Dashboards.load();
        Set<String> datasources = provisionedDatasourceUids(dashboards.root());
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
                String query = v.path("query").path("query").asText(v.path("definition").asText(""));
                check(d + " variable $" + v.path("name").asText(), query, v.path("datasource").path("uid").asText(""),
                        defined, datasources, catalogue, problems);
                defined.add(v.path("name").asText());
            }
            if (d.panels().isEmpty()) {
                problems.add(d + ": no panels");
            }
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : d.panels()) {
                String where = d + " panel '" + p.path("title").asText() + "'";
                if (!ids.add(p.path("id").asInt(-1))) {
                    problems.add(where + ": repeated id");
                }
                if (!p.path("targets").isArray() || p.path("targets").isEmpty()) {
                    problems.add(where + ": no query");
                }
                for (JsonNode t : p.path("targets")) {
                    check(where + " target " + t.path("refId").asText(), Dashboards.queryOf(t),
                            Dashboards.datasourceOf(p, t), defined, datasources, catalogue, problems);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
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

    private static void check(String where, String query, String datasource, Set<String> defined,
                              Set<String> datasources, Set<String> catalogue, List<String> problems) {
        if (query.isBlank()) {
            problems.add(where + ": empty query");
            return;
        }
        if (!datasources.contains(datasource)) {
            problems.add(where + ": datasource uid '" + datasource + "' is not provisioned " + datasources);
        }
        for (String v : Dashboards.variablesIn(query)) {
            if (!defined.contains(v) && !Dashboards.BUILT_INS.containsKey(v)) {
                problems.add(where + ": $" + v + " is not a variable defined before it");
            }
        }
        Matcher m = METRIC.matcher(query);
        while (m.find()) {
            if (!catalogue.contains(m.group())) {
                problems.add(where + ": " + m.group() + " is not in the metric catalogue (Metric)");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> provisionedDatasourceUids(Path root) throws IOException {
        Map<String, Object> file = yaml(root.resolve("provisioning/datasources/testhealth.yaml"));
        Set<String> uids = new HashSet<>();
        for (Map<String, Object> ds : (List<Map<String, Object>>) file.get("datasources")) {
            uids.add((String) ds.get("uid"));
        }
        return uids;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return new Yaml().load(r);
        }
    }
}
