package io.testhealth.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.testhealth.collector.store.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged collector with a quarter of a gibibyte of heap ({@code -Xmx256m}; out of memory, the JVM exits) takes
 * uploads four and sixteen times that size, made by the test as they are sent and never held whole by either side:
 * <ul>
 *   <li>a 1 GiB JUnit report (the default {@code max-upload-bytes}, exactly) is stored: 201 and every test, counted
 *   in the database;</li>
 *   <li>a body streamed without a length that would go on to 4 GiB is refused 413 {@code too-large} naming the setting
 *   once it crosses 1 GiB, long before its end, with nothing stored and nothing left in the spool.</li>
 * </ul>
 * Meanwhile {@code /health} answers every time it is asked. On PostgreSQL, so that the rows can be counted while the
 * collector runs.
 */
final class SmallHeapLargeUploadsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GIB = 1L << 30;
    /** Test cases of the 1 GiB report; each carries about 1 MiB of {@code system-out}, which is counted, not kept. */
    private static final int TESTS = 1_000;
    /** A guard against a hang on a loaded machine, not a measure: the upload takes some 10-30 s. */
    private static final Duration UPLOAD_DEADLINE = Duration.ofMinutes(5);
    /** Longest {@code /health} answer while a large body arrives. */
    private static final Duration HEALTH_BOUND = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String schema = TestPostgres.newSchema("large_it");

    @AfterEach
    void dropSchema() {
        TestPostgres.dropSchema(schema);
    }

    @Test
    void aOneGibibyteReportIsStoredAndABodyGoingOnPastTheLimitIsRefusedAtIt(@TempDir Path folder) throws Exception {
        int port = PackagedCollector.freePort();
        Process collector = PackagedCollector.start(folder, port, Map.of("testhealth.store.kind", "postgres",
                "testhealth.store.postgres.url", TestPostgres.url(), "testhealth.store.postgres.schema", schema),
                List.of("-Xmx256m"));
        try {
            PackagedCollector.awaitHealthy(http, port, Duration.ofSeconds(60), collector);

            HealthWatch health = new HealthWatch(port);
            long start = System.nanoTime();
            HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/uploads?component=large&uploadId=large-1&filename=TEST-large.xml"))
                    .timeout(UPLOAD_DEADLINE).header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedReport(GIB, TESTS)), GIB))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            health.stop();
            System.out.println("1 GiB upload answered " + stored.statusCode() + " in " + took.toMillis() + " ms; " + health);

            assertEquals(201, stored.statusCode(), stored.body());
            JsonNode answer = JSON.readTree(stored.body());
            assertEquals(TESTS, answer.path("testResults").asInt(), stored.body());
            assertEquals(TESTS, count("SELECT count(*) FROM test_results WHERE component = 'component:default/large'"));
            health.assertAllAnswered();
            assertTrue(collector.isAlive(), "the collector exited (out of memory?): see " + folder.resolve("collector.log"));

            Refusal refusal = streamPastTheLimit(port, 4 * GIB);
            System.out.println("Endless body answered after " + refusal.sent() + " bytes sent: " + refusal.head());
            assertTrue(refusal.head().startsWith("HTTP/1.1 413"), refusal.head() + refusal.body());
            assertEquals("too-large", JSON.readTree(refusal.body()).path("error").asText(), refusal.body());
            assertTrue(refusal.body().contains("testhealth.ingest.max-upload-bytes"), refusal.body());
            // refused as it crossed the limit, not after reading to the end
            assertTrue(refusal.sent() < GIB + (256L << 20), "answered only after " + refusal.sent() + " bytes");
            assertEquals(0, count("SELECT count(*) FROM uploads WHERE component = 'component:default/endless'"));
            assertEquals(0, count("SELECT count(*) FROM test_results WHERE component = 'component:default/endless'"));
            assertEquals(List.of(), spoolFiles(folder.resolve("spool")), "spool files left behind");
            assertTrue(collector.isAlive(), "the collector exited (out of memory?): see " + folder.resolve("collector.log"));
        } finally {
            collector.destroy();
            if (!collector.waitFor(30, TimeUnit.SECONDS)) {
                collector.destroyForcibly().waitFor();
            }
        }
    }

    /** What the collector answered to a body streamed on and on, and how much had been sent by then. */
    private record Refusal(String head, String body, long sent) {
    }

    /**
     * Sends a generated report of {@code size} bytes as HTTP/1.1 chunks (no length announced), from a thread of its
     * own, and reads the answer as it comes; the writer stops when the collector stops taking bytes.
     */
    private static Refusal streamPastTheLimit(int port, long size) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) UPLOAD_DEADLINE.toMillis());
            AtomicLong written = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (InputStream report = new GeneratedReport(size, (int) (size >> 20))) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /api/v1/uploads?component=endless&uploadId=endless-1&filename=TEST-endless.xml"
                            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/xml\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = new byte[1 << 20];
                    int n;
                    while (!stop.get() && (n = report.readNBytes(chunk, 0, chunk.length)) > 0) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk, 0, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        written.addAndGet(n);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the collector closed the connection after its answer: nothing more to send
                }
            });
            InputStream in = socket.getInputStream();
            int first = in.read();
            long sentWhenAnswered = written.get();
            stop.set(true);
            String head = readHead(in, first);
            int length = Integer.parseInt(head.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .findFirst().orElseThrow(() -> new AssertionError("no Content-Length: " + head)).substring(15).strip());
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            socket.close();
            writer.get(1, TimeUnit.MINUTES);
            return new Refusal(head, body, sentWhenAnswered);
        }
    }

    private static String readHead(InputStream in, int first) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b = first;
        while (b >= 0) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                break;
            }
            b = in.read();
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(); Statement s = c.createStatement()) {
            c.setSchema(schema);
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The spool's files, waiting a little for an upload's clean-up after its answer. */
    private static List<Path> spoolFiles(Path spool) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<Path> files;
            try (Stream<Path> s = Files.exists(spool) ? Files.list(spool) : Stream.empty()) {
                files = s.toList();
            }
            if (files.isEmpty() || System.nanoTime() > deadline) {
                return files;
            }
            Thread.sleep(100);
        }
    }

    /** Asks {@code /health} twice a second from a thread of its own until stopped, noting the slowest answer. */
    private final class HealthWatch {
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final AtomicInteger asked = new AtomicInteger();
        private final AtomicInteger notOk = new AtomicInteger();
        private final AtomicLong slowestMillis = new AtomicLong();
        private final CompletableFuture<Void> polling;

        HealthWatch(int port) {
            polling = CompletableFuture.runAsync(() -> {
                while (!stopped.get()) {
                    long start = System.nanoTime();
                    try {
                        int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                                .timeout(HEALTH_BOUND).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 200) {
                            notOk.incrementAndGet();
                        }
                    } catch (IOException e) {
                        notOk.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    asked.incrementAndGet();
                    slowestMillis.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), Math::max);
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
        }

        void stop() throws Exception {
            stopped.set(true);
            polling.get(1, TimeUnit.MINUTES);
        }

        void assertAllAnswered() {
            assertTrue(asked.get() > 0, "health was never asked");
            assertEquals(0, notOk.get(), "health answers that were not 200 in time: " + this);
        }

        @Override
        public String toString() {
            return "health asked " + asked + " times, " + notOk + " not 200 within " + HEALTH_BOUND + ", slowest "
                    + slowestMillis + " ms";
        }
    }

    /**
     * A JUnit report of exactly {@code size} bytes, made as it is read: {@code tests} test cases, each with an equal
     * share of the size as {@code system-out}, and the bytes the shares leave over as white space before the end tag.
     */
    static final class GeneratedReport extends InputStream {
        private static final byte[] HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"Large\">\n"
                .getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TAIL = "</testsuite>\n".getBytes(StandardCharsets.US_ASCII);

        private final int tests;
        private final long outputPerTest;
        private final long padding;
        private int next;
        private byte[] piece = HEAD;
        private int position;
        private boolean padded;
        private boolean ended;

        GeneratedReport(long size, int tests) {
            this.tests = tests;
            long frame = HEAD.length + TAIL.length + (long) tests * caseOf(0, 0).length;
            // the index in each name makes cases differ in length: allow for the longest, pad the rest
            long longestName = String.valueOf(tests).length();
            this.outputPerTest = (size - frame - tests * longestName) / tests;
            long cases = 0;
            for (int i = 0; i < tests; i++) {
                cases += caseOf(i, outputPerTest).length;
            }
            this.padding = size - HEAD.length - TAIL.length - cases;
            if (outputPerTest < 0 || padding < 0) {
                throw new IllegalArgumentException(size + " bytes are too few for " + tests + " test cases");
            }
        }

        private static byte[] caseOf(int index, long output) {
            String open = "<testcase classname=\"com.acme.Large\" name=\"t" + index + "\" time=\"0.01\"><system-out>";
            String close = "</system-out></testcase>\n";
            byte[] bytes = new byte[Math.toIntExact(open.length() + output + close.length())];
            byte[] o = open.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(o, 0, bytes, 0, o.length);
            Arrays.fill(bytes, o.length, o.length + (int) output, (byte) 'x');
            for (int i = o.length + 79; i < o.length + output; i += 80) {
                bytes[i] = '\n';
            }
            byte[] c = close.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(c, 0, bytes, bytes.length - c.length, c.length);
            return bytes;
        }

        private boolean advance() {
            while (position == piece.length) {
                if (next < tests) {
                    piece = caseOf(next++, outputPerTest);
                } else if (!padded) {
                    padded = true;
                    piece = new byte[Math.toIntExact(padding)];
                    Arrays.fill(piece, (byte) ' ');
                } else if (!ended) {
                    ended = true;
                    piece = TAIL;
                } else {
                    return false;
                }
                position = 0;
            }
            return true;
        }

        @Override
        public int read() {
            return advance() ? piece[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!advance()) {
                return -1;
            }
            int n = Math.min(len, piece.length - position);
            System.arraycopy(piece, position, b, off, n);
            position += n;
            return n;
        }
    }
}
