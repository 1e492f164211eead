package io.testhealth.collector.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The repository's Grafana dashboards as the tests read them: the folder comes from the system property
 * {@code testhealth.dashboards} (set by the collector's Surefire configuration to {@code dashboards/} at the root).
 */
record Dashboards(Path root, List<Dashboard> all) {

    /** Grafana's own variables, with the value the tests give them. */
    static final Map<String, String> BUILT_INS = Map.of("__rate_interval", "1m", "__interval", "1m", "__range", "1h");
    /**
     * Grafana's SQL macro for the dashboard's time range, as the tests expand it: the range the dashboards open on
     * (the last 30 days).
     */
    static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\((\\w+)\\)");
    static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    /** One dashboard file. */
    record Dashboard(Path file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        /** Every panel that shows data, rows left out (with the panels of collapsed rows). */
        List<JsonNode> panels() {
            List<JsonNode> out = new ArrayList<>();
            json.path("panels").forEach(p -> {
                if (!"row".equals(p.path("type").asText())) {
                    out.add(p);
                }
                p.path("panels").forEach(out::add);
            });
            return out;
        }

        /** The rows' titles, in order. */
        List<String> rows() {
            List<String> out = new ArrayList<>();
            json.path("panels").forEach(p -> {
                if ("row".equals(p.path("type").asText())) {
                    out.add(p.path("title").asText());
                }
            });
            return out;
        }

        /** The variable of that name, or a missing node. */
        JsonNode variable(String name) {
            return variables().stream().filter(v -> name.equals(v.path("name").asText())).findFirst()
                    .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        }

        List<JsonNode> variables() {
            List<JsonNode> out = new ArrayList<>();
            json.path("templating").path("list").forEach(out::add);
            return out;
        }

        @Override
        public String toString() {
            return file.getFileName().toString();
        }
    }

    static Dashboards load() {
        String property = System.getProperty("testhealth.dashboards");
        if (property == null || property.isBlank()) {
            throw new AssertionError("system property testhealth.dashboards is not set: run through Maven "
                    + "(collector/pom.xml sets it to the repository's dashboards/ folder)");
        }
        Path root = Path.of(property);
        Path folder = root.resolve("testhealth");
        if (!Files.isDirectory(folder)) {
            throw new AssertionError("no dashboards at " + folder);
        }
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(folder)) {
            List<Dashboard> all = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                all.add(new Dashboard(f, mapper.readTree(f.toFile())));
            }
            if (all.isEmpty()) {
                throw new AssertionError("no dashboard JSON in " + folder);
            }
            return new Dashboards(root, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The query text of a target: PromQL {@code expr} or SQL {@code rawSql}, empty when neither. */
    static String queryOf(JsonNode target) {
        String expr = target.path("expr").asText("");
        return expr.isBlank() ? target.path("rawSql").asText("") : expr;
    }

    /** The datasource of a target, else of its panel. */
    static JsonNode datasourceOf(JsonNode panel, JsonNode target) {
        return target.path("datasource").has("uid") ? target.path("datasource") : panel.path("datasource");
    }

    /**
     * The uid a datasource reference stands for when the dashboard opens: a variable ({@code ${datasource}}) stands
     * for its current value, the provisioned datasource.
     */
    static String resolvedUid(Dashboard d, JsonNode ref) {
        String uid = ref.path("uid").asText("");
        Matcher m = VARIABLE.matcher(uid);
        if (m.matches()) {
            JsonNode v = d.variable(m.group(1));
            return "datasource".equals(v.path("type").asText()) ? v.path("current").path("value").asText("") : "";
        }
        return uid;
    }

    /** The variables a query refers to. */
    static List<String> variablesIn(String query) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(TIME_FILTER.matcher(query).replaceAll("$1"));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The query with every variable and macro replaced; fails on a variable without a value. */
    static String substitute(String query, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(TIME_FILTER.matcher(query)
                .replaceAll("$1 BETWEEN now() - interval '30 days' AND now()"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.containsKey(m.group(1)) ? values.get(m.group(1)) : BUILT_INS.get(m.group(1));
            if (v == null) {
                throw new AssertionError("no value for $" + m.group(1) + " in " + query);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
