package io.testhealth.collector.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Grafana alert rules provisioned from {@code dashboards/provisioning/alerting/testhealth.yaml} (written by
 * dashboards/src/alerts.ts), as the tests read them.
 *
 * @param file  the provisioning file
 * @param rules every rule of every group, as parsed YAML
 */
record AlertRules(Path file, Map<String, Object> root, List<Map<String, Object>> rules) {

    static AlertRules load(Dashboards dashboards) {
        Path file = dashboards.root().resolve("provisioning/alerting/testhealth.yaml");
        try {
            Map<String, Object> root = DashboardStructureTest.yaml(file);
            List<Map<String, Object>> rules = new ArrayList<>();
            for (Map<String, Object> group : maps(root.get("groups"))) {
                rules.addAll(maps(group.get("rules")));
            }
            return new AlertRules(file, root, rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PromQL of a rule's queries on Prometheus (not its expressions), by refId. */
    static Map<String, String> promql(Map<String, Object> rule) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Map<String, Object> q : maps(rule.get("data"))) {
            Object expr = map(q.get("model")).get("expr");
            if (expr != null) {
                out.put(String.valueOf(q.get("refId")), String.valueOf(expr));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
