package io.testhealth.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow clients, over real sockets: clients that trickle their bodies a byte at a time do not keep other uploads or
 * reads from being answered, a client that stops sending is answered 408 and its spooled bytes go, and one client
 * cannot have more uploads in progress than its cap.
 *
 * <p>The answers that must come are awaited with a generous deadline: the test asserts that they come, not how
 * fast. Before this was fixed every upload and read ran on one pool of 8 threads and a body was read by a thread
 * that waited for each byte, so 8 trickling clients stopped uploads and reads until they finished.
 */
@MicronautTest
@OnEachStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SlowClientsTest implements TestPropertyProvider {

    /** More trickling clients than the collector used to have threads for every request (8). */
    private static final int SLOW_CLIENTS = 50;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /** Far above any answer on a loaded machine, far below "never". */
    private static final Duration ANSWER_DEADLINE = Duration.ofSeconds(60);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Socket> sockets = new ArrayList<>();
    private ScheduledExecutorService trickle;
    /** Where the test's own requests wait, so that one that never returns fails the test instead of hanging it. */
    private final ExecutorService waiting = Executors.newCachedThreadPool();
    private Path spool;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            spool = Files.createTempDirectory("testhealth-slow-clients-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("testhealth.ingest.spool-dir", spool.toString(),
                "testhealth.ingest.body-idle-timeout", IDLE_TIMEOUT.toMillis() + "ms",
                "testhealth.ingest.max-concurrent-uploads-per-client", "2");
    }

    @AfterEach
    void closeSockets() throws IOException {
        if (trickle != null) {
            trickle.shutdownNow();
        }
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    @Test
    void tricklingClientsDoNotStopOtherUploadsNorReads() throws Exception {
        List<OutputStream> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            // each its own token (ignored by an open collector, but each its own client for the per-client cap)
            slow.add(startUpload("slow-client-" + i, "slow", 10_000_000));
        }
        // a byte each, every 300 ms: never idle for the 2 s time-out, and far from done
        trickle = Executors.newSingleThreadScheduledExecutor();
        trickle.scheduleWithFixedDelay(() -> slow.forEach(out -> {
            try {
                out.write(' ');
                out.flush();
            } catch (IOException ignored) {
                // a client the collector has dropped: nothing to trickle
            }
        }), 300, 300, TimeUnit.MILLISECONDS);
        // the slow bodies are being received: at least as many as the old shared pool had threads
        awaitTrue(() -> spoolFiles().size() >= 8, "slow uploads spooling, seen " + spoolFiles());

        CollectorClient client = new CollectorClient(server.getURL());
        String report = "<testsuite name=\"Fast\"><testcase classname=\"Fast\" name=\"a\" time=\"0.1\"/>"
                + "<testcase classname=\"Fast\" name=\"b\" time=\"0.2\"><failure message=\"boom\"/></testcase></testsuite>";
        CollectorClient.Reply upload = within(() -> client.upload("component=fast&uploadId=" + UUID.randomUUID(),
                report.getBytes(StandardCharsets.UTF_8), "application/xml"));
        assertEquals(201, upload.status(), upload.json().toString());
        assertEquals(2, upload.count("tests"));
        assertEquals(1, upload.count("failed"));

        CollectorClient.Text read = within(() -> client.get("/api/v1/components", "application/json"));
        assertEquals(200, read.status(), read.body());
        // every slow body still arriving (some connections may be taken after the fast upload was answered): none
        // was refused or timed out to make room
        awaitTrue(() -> spoolFiles().size() == SLOW_CLIENTS, "all " + SLOW_CLIENTS + " slow uploads spooling, seen "
                + spoolFiles().size());
    }

    @Test
    void aClientThatStopsSendingIsAnswered408AndItsBytesAreDeleted() throws Exception {
        OutputStream out = startUpload("silent-client", "silent", 1_000_000);
        out.write("<testsuite name=\"Silent\">".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Socket socket = sockets.get(sockets.size() - 1);
        Answer answer = within(() -> readAnswer(socket));
        assertEquals(408, answer.status(), answer.body().toString());
        assertEquals("request-timeout", answer.body().path("error").asText());
        assertTrue(answer.body().path("message").asText().contains("testhealth.ingest.body-idle-timeout"),
                answer.body().toString());
        assertEquals(List.of(), spoolFiles());
    }

    @Test
    void aClientOverItsCapIsAnswered429WithRetryAfter() throws Exception {
        startUpload("capped-client", "capped", 1_000_000).flush();
        startUpload("capped-client", "capped", 1_000_000).flush();
        awaitTrue(() -> spoolFiles().size() == 2, "two uploads of the client spooling, seen " + spoolFiles());
        startUpload("capped-client", "capped", 5);
        Socket third = sockets.get(sockets.size() - 1);
        third.getOutputStream().write("<a/>\n".getBytes(StandardCharsets.UTF_8));
        Answer answer = within(() -> readAnswer(third));
        assertEquals(429, answer.status(), answer.body().toString());
        assertEquals("too-many-uploads", answer.body().path("error").asText());
        assertTrue(answer.body().path("message").asText().contains("testhealth.ingest.max-concurrent-uploads-per-client"),
                answer.body().toString());
        assertEquals(String.valueOf(UploadSlots.RETRY_AFTER_SECONDS), answer.headers().get("retry-after"));
        // another client is not affected by this one's cap
        CollectorClient.Reply other = new CollectorClient(server.getURL()).upload("component=capped&uploadId=" + UUID.randomUUID(),
                "<testsuite><testcase classname=\"C\" name=\"t\"/></testsuite>".getBytes(StandardCharsets.UTF_8),
                "application/xml", "Authorization", "Bearer another-client");
        assertEquals(201, other.status(), other.json().toString());
    }

    /** Opens an upload over a socket of its own: the request line and headers, no body yet. */
    private OutputStream startUpload(String token, String component, long contentLength) throws IOException {
        Socket socket = new Socket(server.getHost(), server.getPort());
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/uploads?component=" + component + "&uploadId=" + UUID.randomUUID() + " HTTP/1.1\r\n"
                + "Host: " + server.getHost() + ":" + server.getPort() + "\r\n"
                + "Content-Type: application/xml\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return out;
    }

    private record Answer(int status, Map<String, String> headers, JsonNode body) {
    }

    /** Reads one HTTP answer: status line, headers (names in lower case), a JSON body of Content-Length bytes. */
    private static Answer readAnswer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
            byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
            return new Answer(status, headers, JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String s = head.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s.substring(0, s.length() - 4);
            }
        }
        throw new IOException("the connection closed before an answer: " + head.toString(StandardCharsets.US_ASCII));
    }

    private <T> T within(Supplier<T> call) throws Exception {
        return CompletableFuture.supplyAsync(call, waiting).get(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + ANSWER_DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + ANSWER_DEADLINE + ": " + what);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private List<String> spoolFiles() {
        try (Stream<Path> files = Files.list(spool)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
