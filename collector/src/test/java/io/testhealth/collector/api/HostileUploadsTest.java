package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile uploads, each made by the test itself (no stored fixture), through the HTTP server on each store: each is
 * answered with its status and error code within a bounded time, and a refused one leaves no row of its component
 * (uploads, job runs, results). Inputs that are odd rather than hostile (UTF-16, a lying Content-Type) are read, and
 * what is stored is checked instead.
 *
 * <p>The network XXE cases point at a socket this test listens on: nothing may ever connect to it.
 */
@MicronautTest
@OnEachStore
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class HostileUploadsTest {

    /** Longest answer to any hostile upload; the slowest (the bombs) take well under a second alone. */
    private static final Duration BOUND = Duration.ofSeconds(15);
    private static final String PASSING = "<testsuite name=\"S\"><testcase classname=\"com.acme.T\" name=\"ok\" time=\"0.1\"/></testsuite>";

    /** Where the network entities point; {@link #nothingConnected()} checks nobody came. */
    private static ServerSocket trap;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    /**
     * One hostile upload.
     *
     * @param name        what it is, for the report
     * @param query       extra query parameters, or empty
     * @param contentType as sent
     * @param body        the bytes, made on demand (the bombs are not kept in memory between cases)
     * @param status      the expected status
     * @param error       the expected error code, or {@code null} when the upload is read (then {@code results} tests
     *                    are expected to be stored)
     * @param results     test results expected stored when read
     */
    record Hostile(String name, String query, String contentType, IntFunction<byte[]> body, int status, String error,
                   int results) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void openTrap() throws IOException {
        trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        trap.setSoTimeout(100);
        Thread watcher = new Thread(() -> {
            while (!trap.isClosed()) {
                try (Socket s = trap.accept()) {
                    CONNECTIONS.incrementAndGet();
                } catch (SocketTimeoutException e) {
                    // keep waiting
                } catch (IOException e) {
                    return;
                }
            }
        }, "xxe-trap");
        watcher.setDaemon(true);
        watcher.start();
    }

    @AfterAll
    static void nothingConnected() throws IOException {
        trap.close();
        assertEquals(0, CONNECTIONS.get(), "an external entity or DTD was fetched");
    }

    static Stream<Hostile> hostileUploads() {
        String url = "http://127.0.0.1:" + trap.getLocalPort() + "/evil";
        List<Hostile> all = new ArrayList<>();
        // XML entities
        all.add(xml("XXE file entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
                + "<testsuite><testcase classname=\"a\" name=\"&e;\"/></testsuite>", 400, "malformed-report"));
        all.add(xml("XXE network entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY e SYSTEM \"" + url + "\">]>\n"
                + "<testsuite><testcase classname=\"a\" name=\"&e;\"/></testsuite>", 400, "malformed-report"));
        // a DTD is ignored, never fetched (the trap checks): the parameter entity is not expanded, and what is left
        // is an empty suite (read as such) or a report (read)
        all.add(xml("XXE parameter entity", "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]>\n"
                + "<testsuite/>", 201, null, 0));
        all.add(xml("external DTD", "<?xml version=\"1.0\"?>\n<!DOCTYPE testsuite SYSTEM \"" + url + "\">\n" + PASSING,
                201, null, 1));
        all.add(xml("billion laughs", billionLaughs(), 400, "malformed-report"));
        all.add(xml("quadratic blow-up", "<?xml version=\"1.0\"?>\n<!DOCTYPE t [<!ENTITY a \"" + "x".repeat(50_000) + "\">]>\n"
                + "<testsuite><testcase classname=\"q\" name=\"" + "&a;".repeat(50_000) + "\"/></testsuite>", 400, "malformed-report"));
        // structure
        // XML is read as a stream of events, so depth costs nothing: 100,000 nested suites without a test are an empty report
        all.add(xml("100,000-deep XML", "<testsuites>".repeat(100_000) + "</testsuites>".repeat(100_000), 201, null, 0));
        all.add(json("100,000-deep JSON", "{\"name\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}", 400, "malformed-report"));
        // encodings and bytes
        all.add(new Hostile("invalid UTF-8", "", "application/xml", n -> concat(bytes("<testsuite><testcase classname=\"a\" name=\""),
                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, bytes("\"/></testsuite>")), 400, "malformed-report", 0));
        all.add(new Hostile("NUL byte in XML", "", "application/xml", n -> bytes("<testsuite><testcase classname=\"a\" name=\"x\0y\"/></testsuite>"),
                400, "malformed-report", 0));
        all.add(new Hostile("UTF-16 with BOM", "", "application/xml", n -> concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                PASSING.getBytes(StandardCharsets.UTF_16BE)), 201, null, 1));
        all.add(new Hostile("UTF-16 without BOM, declared", "", "application/xml",
                n -> ("<?xml version=\"1.0\" encoding=\"UTF-16LE\"?>" + PASSING).getBytes(StandardCharsets.UTF_16LE), 201, null, 1));
        // archives
        all.add(new Hostile("flat zip bomb", "", "application/zip", n -> zipOfSpaces(40, 4 << 20), 413, "too-large", 0));
        // an archive inside an archive is never opened: it is no report
        all.add(new Hostile("nested zip bomb", "", "application/zip",
                n -> zip("outer/inner.zip", zipOfSpaces(40, 4 << 20)), 422, "no-reports", 0));
        all.add(new Hostile("zip slip", "", "application/zip", n -> zip("../../etc/TEST-slip.xml", bytes(PASSING)), 400, "hostile-archive", 0));
        all.add(new Hostile("absolute path in zip", "", "application/zip", n -> zip("/etc/TEST-abs.xml", bytes(PASSING)), 400, "hostile-archive", 0));
        all.add(new Hostile("drive path in zip", "", "application/zip", n -> zip("C:\\reports\\TEST-c.xml", bytes(PASSING)), 400, "hostile-archive", 0));
        all.add(new Hostile("tar symlink to /etc/passwd", "", "application/x-tar",
                n -> tar(link("TEST-passwd.xml", "/etc/passwd", TarArchiveEntry.LF_SYMLINK)), 422, "no-reports", 0));
        all.add(new Hostile("tar hard link", "", "application/x-tar",
                n -> tar(link("TEST-hard.xml", "/etc/shadow", TarArchiveEntry.LF_LINK)), 422, "no-reports", 0));
        all.add(new Hostile("truncated gzip", "", "application/gzip", n -> cut(gzip(bytes(PASSING.repeat(50))), 0.5), 400, "malformed-report", 0));
        all.add(new Hostile("truncated zip", "", "application/zip", n -> cut(zip("TEST-a.xml", bytes(PASSING.repeat(50))), 0.6), 400, "malformed-report", 0));
        all.add(new Hostile("truncated tar", "", "application/x-tar", n -> cut(tarOf("TEST-a.xml", bytes(PASSING.repeat(50))), 0.4), 400, "malformed-report", 0));
        // a Content-Type that lies is not believed: the bytes say what they are
        all.add(new Hostile("zip sent as XML", "", "application/xml", n -> zip("TEST-a.xml", bytes(PASSING)), 201, null, 1));
        all.add(new Hostile("XML sent as zip", "", "application/zip", n -> bytes(PASSING), 201, null, 1));
        // numbers and times
        all.add(xml("time 1e400", "<testsuite><testcase classname=\"a\" name=\"t\" time=\"1e400\"/></testsuite>", 201, null, 1));
        all.add(xml("time -0", "<testsuite><testcase classname=\"a\" name=\"t\" time=\"-0\"/></testsuite>", 201, null, 1));
        all.add(xml("time Long.MIN", "<testsuite><testcase classname=\"a\" name=\"t\" time=\"" + Long.MIN_VALUE + "\"/></testsuite>", 201, null, 1));
        all.add(json("Allure start 1e400", allure("1e400", "1000"), 400, "malformed-report"));
        all.add(json("Allure start Long.MIN", allure(String.valueOf(Long.MIN_VALUE), "1000"), 201, null, 1));
        all.add(json("Allure stop in year 999999999", allure("1000", "31556889832780799999"), 400, "malformed-report"));
        all.add(xml("suite timestamp in year 999999999", "<testsuite timestamp=\"+999999999-12-31T23:59:59\">"
                + "<testcase classname=\"a\" name=\"t\"/></testsuite>", 201, null, 1));
        all.add(new Hostile("startedAt in year 999999999", "&startedAt=%2B999999999-12-31T23:59:59Z", "application/xml",
                n -> bytes(PASSING), 400, "invalid-request", 0));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileUploads")
    void isAnsweredInBoundedTimeAndARefusalStoresNothing(Hostile h) {
        String component = "hostile-" + UUID.randomUUID().toString().substring(0, 8);
        String id = "h-" + UUID.randomUUID();
        byte[] body = h.body().apply(0);
        long start = System.nanoTime();
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=" + component + "&uploadId=" + id
                + "&filename=" + (h.contentType().contains("json") ? "1-result.json" : "TEST-h.xml") + h.query(), body, h.contentType());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String ref = "component:default/" + component;
        assertAll(h.name(),
                () -> assertEquals(h.status(), r.status(), r.json().toString()),
                () -> assertEquals(h.error() == null ? "" : h.error(), r.text("error"), r.json().toString()),
                () -> assertTrue(took.compareTo(BOUND) < 0, "took " + took),
                () -> assertFalse(r.json().toString().contains("root:x:0"), "a file's content came back"),
                () -> assertEquals(h.error() == null ? 1 : 0, StoredRows.count(store, "uploads", "component", ref)),
                () -> assertEquals(h.error() == null ? 1 : 0, StoredRows.count(store, "runs", "component", ref)),
                () -> assertEquals(h.results(), StoredRows.count(store, "test_results", "component", ref)));
    }

    private static Hostile xml(String name, String xml, int status, String error) {
        return new Hostile(name, "", "application/xml", n -> bytes(xml), status, error, 0);
    }

    private static Hostile xml(String name, String xml, int status, String error, int results) {
        return new Hostile(name, "", "application/xml", n -> bytes(xml), status, error, results);
    }

    private static Hostile json(String name, String json, int status, String error) {
        return new Hostile(name, "", "application/json", n -> bytes(json), status, error, 0);
    }

    private static Hostile json(String name, String json, int status, String error, int results) {
        return new Hostile(name, "", "application/json", n -> bytes(json), status, error, results);
    }

    private static String allure(String start, String stop) {
        return "{\"uuid\":\"u1\",\"historyId\":\"h1\",\"name\":\"t\",\"fullName\":\"a.T.t\",\"status\":\"passed\","
                + "\"start\":" + start + ",\"stop\":" + stop + ",\"labels\":[]}";
    }

    private static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return dtd.append("]>\n<testsuite><testcase classname=\"a\" name=\"&lol10;\"/></testsuite>").toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] cut(byte[] whole, double keep) {
        return Arrays.copyOf(whole, (int) (whole.length * keep));
    }

    private static byte[] zip(String entry, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(content);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * {@code entries} report files of {@code size} spaces after an opening tag: each compresses about 1000 times, and is
     * well-formed (zeros would be refused as malformed before any budget counts them).
     */
    private static byte[] zipOfSpaces(int entries, int size) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        Arrays.fill(zeros, (byte) ' ');
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int e = 0; e < entries; e++) {
                out.putNextEntry(new ZipEntry("TEST-" + e + ".xml"));
                out.write(bytes("<testsuite><system-out>"));
                for (int written = 0; written < size; written += zeros.length) {
                    out.write(zeros);
                }
                out.write(bytes("</system-out></testsuite>"));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static TarArchiveEntry link(String name, String target, byte flag) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag);
        e.setLinkName(target);
        return e;
    }

    private static byte[] tar(TarArchiveEntry... entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (TarArchiveEntry e : entries) {
                out.putArchiveEntry(e);
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] tarOf(String name, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(content.length);
            out.putArchiveEntry(e);
            out.write(content);
            out.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
