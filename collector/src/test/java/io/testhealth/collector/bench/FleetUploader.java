package io.testhealth.collector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A CI fleet's side of the HTTP API: uploads job runs to {@code POST /api/v1/uploads} and waits until the
 * component's scorecard covers them.
 *
 * <p>"Covers" is read from the answer, never assumed: the scorecard's {@code metrics.jobRuns} counts the job runs
 * in the window that the report was computed from, so waiting for it to reach the number of job runs sent cannot end
 * before the last upload is in the report, whether the collector refreshes reports on a timer or as it answers.
 * The sent job runs must therefore be distinct job runs in the window with no infrastructure incident among them
 * (which {@link FleetHistory} makes sure of).
 */
final class FleetUploader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(20);

    /**
     * One upload: a job run's report file.
     *
     * @param run         the job run it reports (its metadata goes into the query)
     * @param body        the file sent as the body
     * @param contentType {@code application/xml} or {@code application/zip}
     */
    record Upload(FleetHistory.JobRun run, Path body, String contentType) {
    }

    /**
     * What sending took.
     *
     * @param firstByteNanos    {@link System#nanoTime()} just before the first request was sent
     * @param lastAnsweredNanos {@code nanoTime} when the last answer had arrived
     * @param latenciesNanos    each upload's time from sending to its answer
     * @param storedResults     the sum of the answers' {@code testResults}
     */
    record Sent(long firstByteNanos, long lastAnsweredNanos, long[] latenciesNanos, long storedResults) {
    }

    /**
     * The first scorecard that covered the job runs.
     *
     * @param atNanos  {@code nanoTime} when its answer had arrived
     * @param jobRuns  its {@code metrics.jobRuns}
     * @param tests    its {@code metrics.tests}
     * @param requests scorecard requests made until then
     */
    record Coverage(long atNanos, long jobRuns, long tests, int requests) {
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    /** A client of an open collector, sending no token. */
    FleetUploader(URI base) {
        this(base, null);
    }

    /** A client sending {@code Authorization: Bearer token} with each upload (the collector counts uploads in
     *  progress per token, so each CI system of a fleet has its own). */
    FleetUploader(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Sends the uploads one after another, as a CI fleet's jobs finishing one by one; each must be answered 201. */
    Sent sendAll(String component, List<Upload> uploads) throws IOException, InterruptedException {
        long[] latencies = new long[uploads.size()];
        long stored = 0;
        long first = System.nanoTime();
        for (int i = 0; i < uploads.size(); i++) {
            long t0 = System.nanoTime();
            stored += send(component, uploads.get(i));
            latencies[i] = System.nanoTime() - t0;
        }
        return new Sent(first, System.nanoTime(), latencies, stored);
    }

    /** Sends one upload; returns the test results the collector says it stored. */
    long send(String component, Upload upload) throws IOException, InterruptedException {
        FleetHistory.JobRun run = upload.run();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("component", component);
        query.put("pipeline", run.pipeline());
        query.put("job", "test");
        query.put("branch", run.branch());
        query.put("commit", run.commit());
        query.put("startedAt", run.startedAt().toString());
        query.put("finishedAt", run.finishedAt().toString());
        query.put("filename", upload.body().getFileName().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/uploads?" + encode(query)))
                .header("Content-Type", upload.contentType())
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofFile(upload.body()));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("upload of " + upload.body().getFileName() + " to " + component
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).path("testResults").asLong();
    }

    /**
     * Asks for the component's scorecard until its {@code metrics.jobRuns} reaches {@code jobRuns}; 404 (no report
     * yet) counts as not covered.
     */
    Coverage awaitCoverage(String component, long jobRuns, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/components/"
                        + URLEncoder.encode(component, StandardCharsets.UTF_8) + "/scorecard"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int requests = 0;
        long seen = -1;
        while (true) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long at = System.nanoTime();
            requests++;
            if (response.statusCode() == 200) {
                JsonNode metrics = JSON.readTree(response.body()).path("metrics");
                seen = metrics.path("jobRuns").asLong(-1);
                if (seen >= jobRuns) {
                    return new Coverage(at, seen, metrics.path("tests").asLong(), requests);
                }
            } else if (response.statusCode() != 404) {
                throw new IllegalStateException("scorecard of " + component + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            if (at > deadline) {
                throw new IllegalStateException("the scorecard of " + component + " did not cover " + jobRuns
                        + " job runs within " + timeout + " (last seen: " + seen + ")");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String encode(Map<String, String> query) {
        return query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The nearest-rank percentile ({@code ceil(p/100 * n)}-th smallest) of {@code nanos}, in milliseconds. */
    static double percentileMillis(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }
}
