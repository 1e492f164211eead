package io.testhealth.uploader.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * The collector's HTTP API as the uploader uses it: the upload and the quarantine list, each sent again by the
 * {@link RetryPolicy} after a network error or an answer that asks for it.
 *
 * <p>An upload is safe to send again because every sending carries the same {@code uploadId}: the collector stores
 * the first one that arrives and answers the others {@code 200} with {@code duplicate: true}, counting nothing
 * twice, even when the first sending was stored and only its answer was lost.
 */
public final class CollectorClient {

    private final URI base;
    private final String token;
    private final RetryPolicy retry;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base    the collector's address, e.g. {@code https://testhealth.example.com}
     * @param token   a write token (sent as {@code Authorization: Bearer}), or {@code null}
     * @param retry   when to send again
     * @param timeout how long one sending may take, answer included
     */
    public CollectorClient(URI base, String token, RetryPolicy retry, Duration timeout) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.token = token;
        this.retry = retry;
        this.timeout = timeout;
        // HTTP/1.1: on plain http the default would first ask to upgrade to HTTP/2, which proxies in CI often mangle.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** An answer of the collector: its status and body, and how many sendings it took. */
    public record Answer(int status, String body, int sendings) {
    }

    /** No answer worth having after every sending: what went wrong the last time. */
    public static final class Unavailable extends Exception {
        private final int sendings;

        public Unavailable(String message, int sendings) {
            super(message);
            this.sendings = sendings;
        }

        public int sendings() {
            return sendings;
        }
    }

    /**
     * Sends a tar.gz body to {@code POST /api/v1/uploads}.
     *
     * @param query    the upload's parameters, {@code uploadId} included
     * @param body     the tar.gz file
     * @param size     its size
     * @param sent     told how many bytes of the current sending have gone
     * @param retrying told the number of each sending after the first, before it goes
     * @return the first answer that is not worth another sending (any 2xx or 4xx, or the last 5xx)
     */
    public Answer upload(Map<String, String> query, Path body, long size, LongConsumer sent, IntConsumer retrying)
            throws Unavailable {
        URI uri = base.resolve("api/v1/uploads?" + queryString(query));
        return send(() -> authorised(HttpRequest.newBuilder(uri))
                .header("Content-Type", "application/gzip")
                .POST(ProgressBody.of(body, size, sent)).build(), retrying);
    }

    /** {@code GET} of a path under the collector's address (with its query), as JSON. */
    public Answer get(String pathAndQuery, IntConsumer retrying) throws Unavailable {
        URI uri = base.resolve(pathAndQuery.startsWith("/") ? pathAndQuery.substring(1) : pathAndQuery);
        return send(() -> authorised(HttpRequest.newBuilder(uri)).header("Accept", "application/json").GET().build(),
                retrying);
    }

    /** The collector's address, ending in {@code /}. */
    public URI base() {
        return base;
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder b) {
        b.timeout(timeout).header("User-Agent", "test-health-uploader");
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token.strip());
        }
        return b;
    }

    private Answer send(java.util.function.Supplier<HttpRequest> request, IntConsumer retrying) throws Unavailable {
        String last = null;
        for (int n = 1; n <= retry.attempts(); n++) {
            if (n > 1) {
                retrying.accept(n);
            }
            Duration wait = null;
            try {
                HttpResponse<String> r = http.send(request.get(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (!RetryPolicy.retryable(r.statusCode()) || n == retry.attempts()) {
                    return new Answer(r.statusCode(), r.body(), n);
                }
                last = "HTTP " + r.statusCode() + summary(r.body());
                wait = retryAfter(r.headers().firstValue("Retry-After").orElse(null));
            } catch (IOException e) {
                last = describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted", n);
            }
            if (n < retry.attempts()) {
                Duration d = retry.delayBefore(n + 1);
                if (wait != null && wait.compareTo(d) > 0) {
                    d = wait.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : wait;
                }
                LockSupport.parkNanos(d.toNanos());
            }
        }
        throw new Unavailable(last, retry.attempts());
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long s = Long.parseLong(header.strip());
            return s >= 0 ? Duration.ofSeconds(s) : null;
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the policy's own wait will do
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.net.ConnectException) {
            return "cannot connect (" + (m == null ? "refused" : m) + ")";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        return kind + (m == null ? "" : ": " + m);
    }

    private static String summary(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip().replaceAll("\\s+", " ");
        return ": " + (b.length() > 200 ? b.substring(0, 200) + "…" : b);
    }

    /** {@code a=1&b=2}, each value URL-encoded. */
    public static String queryString(Map<String, String> query) {
        StringJoiner j = new StringJoiner("&");
        query.forEach((k, v) -> j.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }
}
