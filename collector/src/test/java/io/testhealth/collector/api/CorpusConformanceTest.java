package io.testhealth.collector.api;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.Prerequisites;
import io.testhealth.collector.store.OnEachStore;
import io.testhealth.collector.store.TestHistoryStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every report of the shared conformance corpus, uploaded through the real endpoint, is answered as the corpus
 * expects: exact counts for {@code expect=parse}, a located 400 that stores nothing for {@code expect=parse-error},
 * an "unsupported format" answer that names the format for {@code expect=reject}.
 *
 * <p>The corpus is read where it lies ({@code ../shared/corpus} beside the clone, system property
 * {@code testhealth.corpus}); it is never copied into the project.
 */
@MicronautTest
@OnEachStore
final class CorpusConformanceTest {

    @Inject
    EmbeddedServer server;

    @Inject
    TestHistoryStore store;

    /** One row of {@code expected.csv}. */
    private record Expectation(String file, String dialect, String expect, long tests, long failures, long errors,
                               long skipped, long flaky, double seconds) {
    }

    @Test
    void everyCorpusReportIsAnsweredAsExpected() throws IOException {
        Path corpus = corpus();
        List<Expectation> rows = expectations(corpus.resolve("expected.csv"));
        CollectorClient client = new CollectorClient(server.getURL());
        List<String> misses = new ArrayList<>();
        int i = 0;
        for (Expectation e : rows) {
            String uploadId = "corpus-" + (i++);
            byte[] body = Files.readAllBytes(corpus.resolve(e.file()));
            CollectorClient.Reply reply = client.upload("component=corpus&pipeline=" + uploadId + "&uploadId=" + uploadId
                    + "&filename=" + e.file().replace(' ', '+'), body, "application/octet-stream");
            String miss = check(e, reply, uploadId);
            if (miss != null) {
                misses.add(e.file() + " (" + e.dialect() + "): " + miss);
            }
        }
        int ok = rows.size() - misses.size();
        System.out.println("corpus: " + ok + "/" + rows.size() + " as expected");
        misses.forEach(m -> System.out.println("  miss: " + m));
        assertTrue(rows.size() >= 90, "the corpus should hold about 100 rows, found " + rows.size());
        assertEquals(List.of(), misses);
    }

    private String check(Expectation e, CollectorClient.Reply reply, String uploadId) {
        switch (e.expect()) {
            case "parse" -> {
                if (reply.status() != 201) {
                    return "expected 201, got " + reply.status() + " " + reply.json();
                }
                String got = reply.count("tests") + "/" + reply.count("failed") + "/" + reply.count("errors") + "/"
                        + reply.count("skipped") + "/" + reply.count("flaky");
                String want = e.tests() + "/" + e.failures() + "/" + e.errors() + "/" + e.skipped() + "/" + e.flaky();
                if (!got.equals(want)) {
                    return "tests/failed/errors/skipped/flaky " + got + ", expected " + want;
                }
                double seconds = reply.json().path("durationSeconds").asDouble();
                if (Math.abs(seconds - e.seconds()) > 0.0015) {
                    return "durationSeconds " + seconds + ", expected " + e.seconds();
                }
                long stored = StoredRows.count(store, "test_results", "upload_id", uploadId);
                long results = reply.json().path("testResults").asLong();
                return stored == results ? null : stored + " rows stored, receipt says " + results;
            }
            case "parse-error" -> {
                if (reply.status() != 400 || !reply.text("error").equals("malformed-report")) {
                    return "expected 400 malformed-report, got " + reply.status() + " " + reply.json();
                }
                if (reply.text("message").isBlank() || reply.text("file").isBlank()) {
                    return "error without message or file: " + reply.json();
                }
                if (e.file().endsWith(".xml") && reply.json().path("line").asInt() < 1) {
                    return "XML error without a line: " + reply.json();
                }
                return nothingStored(uploadId);
            }
            case "reject" -> {
                if (reply.status() != 415 || !reply.text("message").toLowerCase(Locale.ROOT).contains("unsupported format")) {
                    return "expected 415 unsupported format, got " + reply.status() + " " + reply.json();
                }
                return nothingStored(uploadId);
            }
            default -> {
                return "unknown expectation " + e.expect();
            }
        }
    }

    private String nothingStored(String uploadId) {
        long rows = StoredRows.count(store, "test_results", "upload_id", uploadId)
                + StoredRows.count(store, "uploads", "upload_id", uploadId);
        return rows == 0 ? null : rows + " rows stored for a refused upload";
    }

    /**
     * Where the corpus lies; a test that reads it is skipped with one line saying so when it is missing (fails in CI).
     */
    static Path corpus() {
        String configured = System.getProperty("testhealth.corpus", "../../shared/corpus");
        Path corpus = Path.of(configured).toAbsolutePath().normalize();
        Prerequisites.require(Files.isRegularFile(corpus.resolve("expected.csv")), "the corpus tests",
                "the conformance corpus of real reports is missing at " + corpus,
                "it is not part of the repository; put the project's shared corpus in ../shared/corpus beside the"
                        + " clone (as CI has it) or point -Dtesthealth.corpus=/path/to/corpus at it to run them");
        return corpus;
    }

    private static List<Expectation> expectations(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<Expectation> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = csvFields(line);
            String notes = f.get(11);
            String expect = notes.substring("expect=".length()).split("[;\\s]")[0];
            rows.add(new Expectation(f.get(0), f.get(3), expect, number(f.get(4)), number(f.get(5)), number(f.get(6)),
                    number(f.get(7)), number(f.get(8)), f.get(9).isEmpty() ? 0 : Double.parseDouble(f.get(9))));
        }
        return rows;
    }

    private static long number(String s) {
        return s.isEmpty() ? 0 : Long.parseLong(s);
    }

    /** Fields of one CSV line (RFC 4180 quoting). */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
