package io.testhealth.collector;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code docker/}'s files as Docker and Compose would, so that tests can run the collector the way the
 * container runs it: the runtime stage's {@code ENV} and {@code ENTRYPOINT}, and a compose service's environment
 * and command with {@code ${VAR:-default}} resolved.
 */
final class ComposeFiles {

    /** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME-default}}; {@code $$} is a literal dollar. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?}");

    private final Path docker;
    private final Map<String, Object> compose;

    private ComposeFiles(Path docker, Map<String, Object> compose) {
        this.docker = docker;
        this.compose = compose;
    }

    /** The {@code docker/} folder of the repository the tests run in. */
    static ComposeFiles load() {
        Path docker = repository().resolve("docker");
        try {
            Map<String, Object> compose = new Yaml().load(Files.readString(docker.resolve("compose.yaml")));
            return new ComposeFiles(docker, compose);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: Maven runs the collector's tests in {@code collector/}. */
    static Path repository() {
        return Path.of("").toAbsolutePath().getParent();
    }

    Path folder() {
        return docker;
    }

    /**
     * A service's {@code environment} as the container gets it, variables resolved with none set in the shell (so
     * every default applies).
     */
    Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> resolved = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> resolved.put(k.toString(), v == null ? "" : interpolate(v.toString())));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] kv = entry.toString().split("=", 2);
                resolved.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : "");
            }
        }
        return resolved;
    }

    /** A service's {@code command} as a list of arguments, variables resolved. */
    List<String> command(String service) {
        Object command = service(service).get("command");
        List<String> args = new ArrayList<>();
        if (command instanceof List<?> list) {
            list.forEach(a -> args.add(interpolate(a.toString())));
        } else if (command != null) {
            throw new IllegalStateException("the command of " + service + " is a string; the tests read a list");
        }
        return args;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Object service = services.get(name);
        if (!(service instanceof Map)) {
            throw new IllegalStateException("docker/compose.yaml has no service " + name);
        }
        return (Map<String, Object>) service;
    }

    /** Compose's interpolation with an empty shell environment: {@code ${X:-d}} and {@code ${X-d}} are {@code d}. */
    static String interpolate(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else if (m.group(2) != null) {
                replacement = m.group(3);
            } else {
                throw new IllegalStateException("${" + m.group(1) + "} has no default in docker/compose.yaml: "
                        + "compose would pass an empty value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The Dockerfile's instructions of its last stage (the runtime image), continuation lines joined. */
    List<String> runtimeInstructions() {
        List<String> stage = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(docker.resolve("Dockerfile"))) {
                String trimmed = line.strip();
                if (current.isEmpty() && (trimmed.startsWith("#") || trimmed.isEmpty())) {
                    continue;
                }
                if (trimmed.startsWith("#")) {
                    continue; // a comment between continuation lines
                }
                if (trimmed.endsWith("\\")) {
                    current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                    continue;
                }
                current.append(trimmed);
                String instruction = current.toString();
                current.setLength(0);
                if (instruction.regionMatches(true, 0, "FROM ", 0, 5)) {
                    stage.clear();
                }
                stage.add(instruction);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stage;
    }

    /** The runtime image's {@code ENV} variables (the {@code KEY=value} form). */
    Map<String, String> imageEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String instruction : runtimeInstructions()) {
            if (instruction.startsWith("ENV ")) {
                for (String pair : instruction.substring(4).trim().split("\\s+")) {
                    String[] kv = pair.split("=", 2);
                    if (kv.length != 2) {
                        throw new IllegalStateException("ENV without '=' in docker/Dockerfile: " + instruction);
                    }
                    env.put(kv[0], kv[1]);
                }
            }
        }
        return env;
    }

    /** The exec form (a JSON array) of the runtime image's last instruction {@code name}, e.g. ENTRYPOINT. */
    List<String> execForm(String name) {
        List<String> found = null;
        for (String instruction : runtimeInstructions()) {
            if (instruction.startsWith(name + " ")) {
                String json = instruction.substring(name.length()).trim();
                if (name.equals("HEALTHCHECK")) {
                    json = json.substring(json.indexOf(" CMD ") + 5).trim();
                }
                try {
                    found = List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, String[].class));
                } catch (IOException e) {
                    throw new IllegalStateException(name + " in docker/Dockerfile is not in exec form: " + json, e);
                }
            }
        }
        if (found == null) {
            throw new IllegalStateException("docker/Dockerfile's runtime stage has no " + name);
        }
        return found;
    }
}
