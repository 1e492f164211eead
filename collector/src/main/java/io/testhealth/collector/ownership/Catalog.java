package io.testhealth.collector.ownership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The owners of components as a Backstage catalog declares them: {@code spec.owner} of every {@code Component}
 * entity, from {@code catalog-info.yaml} files and, optionally, from the catalog API.
 */
public final class Catalog {

    private static final Catalog EMPTY = new Catalog(Map.of());

    private final Map<String, String> ownerByComponent;

    private Catalog(Map<String, String> ownerByComponent) {
        this.ownerByComponent = Map.copyOf(ownerByComponent);
    }

    /** A catalog that declares nothing. */
    public static Catalog empty() {
        return EMPTY;
    }

    /** The owning group of a component ({@code component:ns/name}), as a full group reference. */
    public Optional<String> ownerOf(String component) {
        return Optional.ofNullable(ownerByComponent.get(component));
    }

    /** Every component the catalog declares an owner for. */
    public Map<String, String> owners() {
        return ownerByComponent;
    }

    /** This catalog with the entries of {@code other} added where this one has none. */
    public Catalog and(Catalog other) {
        Map<String, String> all = new HashMap<>(other.ownerByComponent);
        all.putAll(ownerByComponent);
        return new Catalog(all);
    }

    /**
     * Reads every YAML file below a folder (each may hold several documents, as {@code catalog-info.yaml} files do).
     * Files that are not valid YAML are skipped: a catalog folder often holds other files too.
     */
    public static Catalog readFolder(Path folder) throws IOException {
        Map<String, String> owners = new HashMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).filter(Catalog::isYaml).toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                        if (doc instanceof Map<?, ?> entity) {
                            add(owners, entity);
                        }
                    }
                } catch (org.yaml.snakeyaml.error.YAMLException notYaml) {
                    // not an entity file; a catalog folder may hold other YAML too
                }
            }
        }
        return new Catalog(owners);
    }

    /**
     * Reads the Component entities of a Backstage catalog API ({@code GET <base>/entities?filter=kind=component}),
     * with a bearer token when one is given.
     */
    public static Catalog fetch(URI catalogApi, String token, Duration timeout) throws IOException, InterruptedException {
        URI uri = URI.create(catalogApi.toString().replaceAll("/+$", "") + "/entities?filter=kind=component");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(timeout).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the Backstage catalog at " + uri + " answered " + response.statusCode());
        }
        JsonNode entities = new ObjectMapper().readTree(response.body());
        JsonNode items = entities.isArray() ? entities : entities.path("items");
        Map<String, String> owners = new HashMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (JsonNode e : items) {
            add(owners, mapper.convertValue(e, Map.class));
        }
        return new Catalog(owners);
    }

    private static void add(Map<String, String> owners, Map<?, ?> entity) {
        if (!"component".equals(String.valueOf(entity.get("kind")).toLowerCase(Locale.ROOT))) {
            return;
        }
        Map<?, ?> metadata = entity.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> spec = entity.get("spec") instanceof Map<?, ?> s ? s : Map.of();
        Object name = metadata.get("name");
        Object owner = spec.get("owner");
        if (name == null || owner == null) {
            return;
        }
        Object ns = metadata.get("namespace");
        String namespace = ns == null ? "default" : ns.toString();
        Map<?, ?> annotations = metadata.get("annotations") instanceof Map<?, ?> a ? a : Map.of();
        Object mapped = annotations.get("testhealth.io/component");
        String component = mapped != null ? mapped.toString() : name.toString();
        String ref = component.startsWith("component:") ? component.toLowerCase(Locale.ROOT)
                : ("component:" + (component.contains("/") ? component : namespace + "/" + component)).toLowerCase(Locale.ROOT);
        owners.put(ref, GroupRef.normalise(owner.toString()));
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** For tests: a catalog of the given owners. */
    static Catalog of(Map<String, String> owners) {
        return new Catalog(owners);
    }

    /** Components the catalog knows, in no order. */
    public List<String> components() {
        return List.copyOf(ownerByComponent.keySet());
    }
}
