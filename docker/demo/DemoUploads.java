import io.testhealth.collector.demo.DemoHistoryGenerator;
import io.testhealth.collector.model.UploadMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the collector's demo history to a running collector through its upload API, as CI jobs would: the compose
 * file's {@code demo} profile. Unlike {@code --demo}, which writes into the store of the process it starts, this
 * reaches the collector that Prometheus scrapes and the API serves, on any store and with any number of replicas.
 *
 * <p>Settings from the environment: {@code TESTHEALTH_COLLECTOR_URL} (required), {@code TESTHEALTH_UPLOAD_TOKEN}
 * (when writes are locked down), {@code TESTHEALTH_DEMO_DAYS} (default 28, as {@code --demo}). A collector that
 * already has components gets nothing: the demo is for an empty one, and a second run on a later day would add a
 * second history beside the first.
 */
public final class DemoUploads {

    /** The seed of {@code --demo}, so that both give the same history. */
    private static final long SEED = 20261126L;

    private DemoUploads() {
    }

    public static void main(String[] args) throws Exception {
        URI collector = URI.create(required("TESTHEALTH_COLLECTOR_URL").replaceAll("/+$", "") + "/");
        String token = System.getenv().getOrDefault("TESTHEALTH_UPLOAD_TOKEN", "");
        int days = Integer.parseInt(System.getenv().getOrDefault("TESTHEALTH_DEMO_DAYS", "28"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> components = http.send(HttpRequest.newBuilder(collector.resolve("api/v1/components"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (components.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/components answered " + components.statusCode() + ": " + components.body());
        }
        if (!components.body().replaceAll("\\s", "").matches("\\{\"components\":\\[]}|\\[]")) {
            System.out.println("The collector has components already; no demo history sent");
            return;
        }
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger exports = new AtomicInteger();
        Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
        new DemoHistoryGenerator(SEED, days, end).generate(upload -> {
            // Test spans go where an OpenTelemetry exporter sends them; reports go to the upload API.
            HttpRequest.Builder request = HttpRequest.newBuilder(collector.resolve(upload.spans() ? "v1/traces"
                            : "api/v1/uploads?" + query(upload)))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", upload.spans() ? "application/json" : "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(upload.body()));
            if (!token.isBlank()) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 201 && answer.statusCode() != 200) {
                    throw new IllegalStateException("upload " + sent.get() + " answered " + answer.statusCode() + ": " + answer.body());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            (upload.spans() ? exports : sent).incrementAndGet();
        });
        System.out.println("Demo history sent: " + sent.get() + " uploads, " + exports.get() + " trace exports, " + days
                + " days");
    }

    /** The upload's metadata as the API's query parameters. */
    static String query(DemoHistoryGenerator.DemoUpload upload) {
        UploadMetadata m = upload.metadata();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("component", m.component().toString());
        p.put("team", m.team());
        p.put("repository", m.repository());
        p.put("branch", m.branch());
        p.put("commit", m.commit());
        p.put("pipeline", m.pipeline());
        p.put("job", m.job());
        p.put("attempt", Integer.toString(m.attempt()));
        p.put("environment", m.environment());
        p.put("layer", m.layer() == null ? "" : m.layer().name().toLowerCase(java.util.Locale.ROOT));
        p.put("runUrl", m.runUrl());
        p.put("startedAt", m.startedAt() == null ? "" : m.startedAt().toString());
        p.put("finishedAt", m.finishedAt() == null ? "" : m.finishedAt().toString());
        p.put("uploadId", m.uploadId());
        p.put("filename", upload.fileName());
        StringJoiner q = new StringJoiner("&");
        p.forEach((k, v) -> {
            if (!v.isEmpty()) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }
}
