package io.testhealth.collector.ownership;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

final class OwnershipTest {

    @Test
    void codeownersFollowsGitignorePatternsAndTheLastMatchWins() {
        Codeowners c = Codeowners.parse(List.of(
                "# comment", "* @acme/platform", "/payments/ @acme/checkout", "*.spec.ts @acme/web",
                "docs/**/*.md @acme/docs", "/payments/legacy/", "[Section]"));
        assertAll(
                () -> assertEquals(Optional.of(List.of("@acme/checkout")), c.ownersOf("payments/src/test/PayTest.java")),
                () -> assertEquals(Optional.of(List.of("@acme/web")), c.ownersOf("payments/ui/cart.spec.ts")),
                () -> assertEquals(Optional.of(List.of()), c.ownersOf("payments/legacy/OldTest.java"), "unassigned"),
                () -> assertEquals(Optional.of(List.of("@acme/docs")), c.ownersOf("docs/a/b/readme.md")),
                () -> assertEquals(Optional.of(List.of("@acme/platform")), c.ownersOf("./build.gradle")));
    }

    @Test
    void readsComponentOwnersFromCatalogFilesWithSeveralDocuments(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("svc"));
        Files.writeString(dir.resolve("svc/catalog-info.yaml"), """
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: payments
                spec:
                  owner: team-checkout
                ---
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: web
                  namespace: shop
                  annotations:
                    testhealth.io/component: checkout-web
                spec:
                  owner: group:shop/web-team
                ---
                kind: Group
                metadata:
                  name: team-checkout
                """);
        Files.writeString(dir.resolve("notes.yaml"), "::: not yaml [");
        Catalog catalog = Catalog.readFolder(dir);
        assertAll(
                () -> assertEquals(Optional.of("group:default/team-checkout"), catalog.ownerOf("component:default/payments")),
                () -> assertEquals(Optional.of("group:shop/web-team"), catalog.ownerOf("component:shop/checkout-web")),
                () -> assertEquals(2, catalog.owners().size()));
    }

    @Test
    void readsComponentOwnersFromTheBackstageCatalogApiWithItsToken() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/api/catalog/entities", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("[{\"kind\":\"Component\",\"metadata\":{\"name\":\"payments\",\"namespace\":\"default\"},"
                    + "\"spec\":{\"owner\":\"group:default/team-checkout\"}},"
                    + "{\"kind\":\"API\",\"metadata\":{\"name\":\"pay-api\"},\"spec\":{\"owner\":\"x\"}}]")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Catalog catalog = Catalog.fetch(java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/api/catalog"), "s3cret", java.time.Duration.ofSeconds(5));
            assertEquals(Optional.of("group:default/team-checkout"), catalog.ownerOf("component:default/payments"));
            assertEquals(1, catalog.owners().size(), "only Component entities");
            assertEquals(List.of("Bearer s3cret"), authorizations);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theUploadsTeamWinsOverTheCatalog() {
        OwnershipResolver r = OwnershipResolver.of(Catalog.of(java.util.Map.of("component:default/payments", "group:default/a")),
                Codeowners.empty());
        assertEquals("group:default/b", r.teamOf("component:default/payments", "b"));
        assertEquals("group:default/a", r.teamOf("component:default/payments", ""));
        assertEquals("", r.teamOf("component:default/other", ""));
    }
}
