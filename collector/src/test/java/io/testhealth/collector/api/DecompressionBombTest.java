package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Small uploads that expand enormously, in every packaging the collector opens: each is refused with 413 naming the
 * ratio limit and its setting, quickly, and leaves nothing stored. The bombs are generated here: a report whose
 * {@code system-out} is mebibytes of spaces, which gzip and deflate shrink about a thousand times.
 */
@MicronautTest
final class DecompressionBombTest {

    private static final int MIB = 1 << 20;
    private static final String HEAD = "<testsuite name=\"B\"><testcase classname=\"B\" name=\"t\"><system-out>";
    private static final String TAIL = "</system-out></testcase></testsuite>";

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    @Test
    void aGzipEncodedBodyIsOpenedWithinTheBudget() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            writeReport(out, 64);
        }
        assertRefused(gz.toByteArray(), "application/xml", "Content-Encoding", "gzip");
    }

    @Test
    void aTarGzEntryIsOpenedWithinTheBudget() throws IOException {
        ByteArrayOutputStream tgz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(tgz))) {
            TarArchiveEntry entry = new TarArchiveEntry("build/test-results/test/TEST-B.xml");
            entry.setSize(HEAD.length() + 64L * MIB + TAIL.length());
            tar.putArchiveEntry(entry);
            writeReport(tar, 64);
            tar.closeArchiveEntry();
        }
        assertRefused(tgz.toByteArray(), "application/gzip");
    }

    @Test
    void zipEntriesOfOneMebibyteEachAddUpInTheBudget() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (int i = 0; i < 48; i++) {
                out.putNextEntry(new ZipEntry("surefire-reports/TEST-B" + i + ".xml"));
                writeReport(out, 1);
                out.closeEntry();
            }
        }
        assertRefused(zip.toByteArray(), "application/zip");
    }

    @Test
    void aTarGzSentWithContentEncodingGzipIsRead() throws IOException {
        String report = "<testsuite name=\"G\"><testcase classname=\"G\" name=\"one\" time=\"0.5\"/>"
                + "<testcase classname=\"G\" name=\"two\" time=\"0.25\"/></testsuite>";
        byte[] xml = report.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream tgz = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(tgz))) {
            TarArchiveEntry entry = new TarArchiveEntry("test-results/TEST-G.xml");
            entry.setSize(xml.length);
            tar.putArchiveEntry(entry);
            tar.write(xml);
            tar.closeArchiveEntry();
        }
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(twice)) {
            out.write(tgz.toByteArray());
        }
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=bombs", twice.toByteArray(),
                "application/gzip", "Content-Encoding", "gzip");
        assertEquals(201, r.status(), r.json().toString());
        assertEquals(2, r.count("tests"));
        assertEquals(0.75, r.json().path("durationSeconds").asDouble());
    }

    @Test
    void encodingsTheBudgetCannotOpenAreRefusedByName() throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (OutputStream out = new java.util.zip.DeflaterOutputStream(deflated)) {
            writeReport(out, 1);
        }
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=bombs", deflated.toByteArray(),
                "application/xml", "Content-Encoding", "deflate");
        assertEquals(415, r.status(), r.json().toString());
        assertEquals("unsupported-format", r.text("error"));
        assertTrue(r.text("message").contains("deflate"), r.text("message"));
    }

    private void assertRefused(byte[] body, String contentType, String... headers) {
        String id = "bomb-" + UUID.randomUUID();
        long before = StoredRows.count(store, "test_results");
        long started = System.nanoTime();
        CollectorClient.Reply r = new CollectorClient(server.getURL()).upload("component=bombs&uploadId=" + id, body,
                contentType, headers);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertAll(
                () -> assertTrue(body.length < MIB, "a bomb is small: " + body.length + " bytes"),
                () -> assertEquals(413, r.status(), r.json().toString()),
                () -> assertEquals("too-large", r.text("error")),
                () -> assertTrue(r.text("message").contains("testhealth.ingest.max-compression-ratio")
                        && r.text("message").contains("200"), r.text("message")),
                () -> assertTrue(seconds < 20, "answered in " + seconds + " s"),
                () -> assertEquals(0, StoredRows.count(store, "uploads", "upload_id", id)),
                () -> assertEquals(before, StoredRows.count(store, "test_results")));
    }

    /** A JUnit report whose system-out is {@code mebibytes} MiB of spaces. */
    private static void writeReport(OutputStream out, int mebibytes) throws IOException {
        out.write(HEAD.getBytes(StandardCharsets.UTF_8));
        byte[] spaces = " ".repeat(MIB).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < mebibytes; i++) {
            out.write(spaces);
        }
        out.write(TAIL.getBytes(StandardCharsets.UTF_8));
    }
}
