package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upload bodies wait in the spool folder under the data folder while they arrive, and no spool file survives: not
 * an upload's (stored or refused), not a crashed process's (removed at start).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class UploadSpoolTest implements TestPropertyProvider {

    private static final String REPORT = "<testsuite name=\"S\"><testcase classname=\"S\" name=\"t\" time=\"0.5\"/></testsuite>";

    private Path spool;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            spool = Files.createTempDirectory("testhealth-spool-test-");
            // what a process killed during two transfers leaves, and a file that is not ours
            Files.writeString(spool.resolve("testhealth-upload-123.part"), "half a body");
            Files.writeString(spool.resolve("FUp_456.tmp"), "half a form part");
            Files.writeString(spool.resolve("notes.txt"), "the operator's");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("testhealth.ingest.spool-dir", spool.toString(), "testhealth.ingest.max-upload-bytes", "4000000");
    }

    @Test
    void spoolFilesOfAnEarlierProcessAreRemovedAtStart() {
        assertEquals(List.of("notes.txt"), spoolFiles());
    }

    @Test
    void aBodyWaitsInTheSpoolFolderWhileItArrivesAndIsRemovedAfter() throws Exception {
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(writer, 1 << 22);
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v1/uploads?component=spooled"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build();
        CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(request,
                HttpResponse.BodyHandlers.ofString());
        // a report whose captured output (2 MiB) arrives first: the framework hands on large bodies while they arrive
        byte[] head = ("<testsuite name=\"S\"><testcase classname=\"S\" name=\"t\" time=\"0.5\"><system-out>"
                + "x".repeat(2 << 20)).getBytes(StandardCharsets.UTF_8);
        writer.write(head);
        writer.flush();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (spoolFiles().stream().noneMatch(n -> n.startsWith("testhealth-upload-")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        List<String> during = spoolFiles();
        writer.write("</system-out></testcase></testsuite>".getBytes(StandardCharsets.UTF_8));
        writer.close();
        HttpResponse<String> r = answer.get();
        assertTrue(during.stream().anyMatch(n -> n.startsWith("testhealth-upload-") && n.endsWith(".part")), during.toString());
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(List.of("notes.txt"), spoolFiles());
    }

    @Test
    void refusedAndFormUploadsLeaveNothingBehind() {
        CollectorClient client = new CollectorClient(server.getURL());
        byte[] big = ("<testsuite>" + "<testcase classname=\"C\" name=\"t\"/>".repeat(120_000) + "</testsuite>")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(413, client.upload("component=spooled", big, "application/xml").status());
        assertEquals(400, client.upload("component=spooled", "<testsuite><testcase".getBytes(StandardCharsets.UTF_8),
                "application/xml").status());
        String boundary = "----spool" + UUID.randomUUID();
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"; filename=\"TEST-A.xml\"\r\n\r\n"
                + REPORT + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"b\"; filename=\"TEST-B.xml\"\r\n\r\n"
                + "not xml" + "\r\n--" + boundary + "--\r\n";
        assertEquals(400, client.upload("component=spooled", form.getBytes(StandardCharsets.UTF_8),
                "multipart/form-data; boundary=" + boundary).status());
        assertEquals(List.of("notes.txt"), spoolFiles());
    }

    private List<String> spoolFiles() {
        try (Stream<Path> files = Files.list(spool)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
