package io.testhealth.collector.traces.otlp;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The trace receivers' own ports' rule for a body that stops arriving, the same as the HTTP port's
 * ({@code testhealth.ingest.body-idle-timeout}): a request whose body has not ended and has not grown for that long is
 * answered by the receiver's {@code onIdle} and let go.
 *
 * <p>Vert.x reads without a thread per request, so a stalled client blocks nobody; but it holds its connection and
 * what its body brought so far (up to the receiver's size limit, in memory) for as long as it likes. The watch is a
 * timer on the request's event loop that compares {@link HttpServerRequest#bytesRead()} between ticks, which works
 * alike for HTTP/1.1 and for the HTTP/2 streams of gRPC without taking over the request's own handlers. It stops
 * when the body ends (what follows, decoding and storing, is the collector's time, not the client's) or after
 * {@code onIdle} ran once.
 */
final class BodyIdleWatch {

    private static final Logger LOG = LoggerFactory.getLogger(BodyIdleWatch.class);
    /** Shortest tick: a short time-out (tests) still costs only a few checks a second. */
    private static final long SHORTEST_TICK_MILLIS = 50;

    private final Vertx vertx;
    private final long idleNanos;
    private final long tickMillis;

    /** @param idle the longest pause allowed in a body */
    BodyIdleWatch(Vertx vertx, Duration idle) {
        this.vertx = vertx;
        this.idleNanos = idle.toNanos();
        this.tickMillis = Math.max(SHORTEST_TICK_MILLIS, idle.toMillis() / 4);
    }

    /**
     * Watches the request's body until it ends; runs {@code onIdle} (on the event loop) when it stalls. Call before
     * the request's body is read.
     */
    void watch(HttpServerRequest request, Runnable onIdle) {
        if (request.isEnded()) {
            return;
        }
        long[] lastBytes = {request.bytesRead()};
        long[] lastProgress = {System.nanoTime()};
        vertx.setPeriodic(tickMillis, timer -> {
            if (request.isEnded() || request.response().ended() || request.response().closed()) {
                vertx.cancelTimer(timer);
                return;
            }
            long now = System.nanoTime();
            long bytes = request.bytesRead();
            if (bytes != lastBytes[0]) {
                lastBytes[0] = bytes;
                lastProgress[0] = now;
            } else if (now - lastProgress[0] >= idleNanos) {
                vertx.cancelTimer(timer);
                LOG.info("A trace request's body stopped arriving after {} bytes for {} ms; answered and dropped",
                        bytes, TimeUnit.NANOSECONDS.toMillis(idleNanos));
                onIdle.run();
            }
        });
    }

    /** The refusal's text, naming the setting. */
    static String message(Duration idle) {
        String pause = idle.toMillis() % 1000 == 0 ? idle.toSeconds() + " seconds" : idle.toMillis() + " ms";
        return "the request body stopped arriving for " + pause
                + " (testhealth.ingest.body-idle-timeout): the request was dropped, send it again";
    }
}
