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
    static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    /** One dashboard file. */
    record Dashboard(Path file, JsonNode json) {
        String uid() {
            return json.path("uid").asText();
        }

        List<JsonNode> panels() {
            List<JsonNode> out = new ArrayList<>();
            json.path("panels").forEach(p -> {
                out.add(p);
                p.path("panels").forEach(out::add);
            });
            return out;
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

    /** The datasource uid of a target, else of its panel. */
    static String datasourceOf(JsonNode panel, JsonNode target) {
        String uid = target.path("datasource").path("uid").asText("");
        return uid.isEmpty() ? panel.path("datasource").path("uid").asText("") : uid;
    }

    /** The variables a query refers to. */
    static List<String> variablesIn(String query) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(query);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The query with every variable replaced; fails on a variable without a value. */
    static String substitute(String query, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(query);
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
