package io.testhealth.collector.ownership;

import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.analysis.TestRunFact;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the team of each component and the owner of each test, by the order the package documents.
 *
 * <p>The declarations are read by {@link #reload()}, which the analysis refresh calls; a declaration that cannot be
 * read is logged and left out rather than stopping the analysis, since ownership only sharpens the reports.
 */
@Singleton
public final class OwnershipResolver {

    private static final Logger LOG = LoggerFactory.getLogger(OwnershipResolver.class);

    private final OwnershipConfiguration config;
    private volatile Catalog catalog = Catalog.empty();
    private volatile Codeowners codeowners = Codeowners.empty();

    public OwnershipResolver(OwnershipConfiguration config) {
        this.config = config;
    }

    /** A resolver over fixed declarations, for tests and tools that run without configuration. */
    public static OwnershipResolver of(Catalog catalog, Codeowners codeowners) {
        OwnershipResolver r = new OwnershipResolver(new OwnershipConfiguration(null, null, null, null));
        r.catalog = catalog;
        r.codeowners = codeowners;
        return r;
    }

    /** Reads the catalog folder, the catalog API and the CODEOWNERS file again. */
    public void reload() {
        Catalog next = Catalog.empty();
        if (config.catalogPath() != null && !config.catalogPath().isBlank()) {
            try {
                next = next.and(Catalog.readFolder(Path.of(config.catalogPath())));
            } catch (IOException e) {
                LOG.warn("Cannot read the catalog folder {} (testhealth.ownership.catalog-path): {}", config.catalogPath(), e.toString());
            }
        }
        if (config.catalogApiUrl() != null && !config.catalogApiUrl().isBlank()) {
            try {
                next = next.and(Catalog.fetch(URI.create(config.catalogApiUrl()), config.catalogApiToken(), Duration.ofSeconds(10)));
            } catch (IOException e) {
                LOG.warn("Cannot read the Backstage catalog at {} (testhealth.ownership.catalog-api-url): {}", config.catalogApiUrl(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        catalog = next;
        if (config.codeownersPath() != null && !config.codeownersPath().isBlank()) {
            try {
                codeowners = Codeowners.read(Path.of(config.codeownersPath()));
            } catch (IOException e) {
                LOG.warn("Cannot read CODEOWNERS at {} (testhealth.ownership.codeowners-path): {}", config.codeownersPath(), e.toString());
            }
        }
    }

    /**
     * The team of a component: the team its uploads name, else the catalog's owner, else empty.
     *
     * @param uploadTeam the team named by the component's latest upload that named one, or empty
     */
    public String teamOf(String component, String uploadTeam) {
        if (uploadTeam != null && !uploadTeam.isBlank()) {
            return GroupRef.normalise(uploadTeam);
        }
        return catalog.ownerOf(component).orElse("");
    }

    /** The owner of every test: its Allure {@code owner} label, else CODEOWNERS of its file, else the component's team. */
    public Map<String, String> ownersOf(List<TestHistory> tests, String componentTeam) {
        Map<String, String> owners = new HashMap<>();
        for (TestHistory h : tests) {
            owners.put(h.testId(), ownerOf(h, componentTeam));
        }
        return owners;
    }

    private String ownerOf(TestHistory h, String componentTeam) {
        TestRunFact last = h.lastRun();
        if (last != null) {
            List<String> owner = last.labels().get("owner");
            if (owner != null && !owner.isEmpty() && !owner.get(0).isBlank()) {
                return owner.get(0).strip();
            }
            for (String path : new String[]{first(last.labels().get("file")), last.reportFile()}) {
                if (path != null && !path.isBlank()) {
                    List<String> owners = codeowners.ownersOf(path).orElse(List.of());
                    if (!owners.isEmpty()) {
                        return GroupRef.normalise(owners.get(0));
                    }
                }
            }
        }
        return componentTeam;
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
