package io.testhealth.collector.api;

import io.micronaut.http.HttpRequest;
import io.testhealth.collector.ingest.ClientLimits;
import io.testhealth.collector.ingest.IngestException;
import io.testhealth.collector.scorecards.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The token bucket's arithmetic where the minute does not divide evenly: 7 a minute is one per 60/7 = 8.571 s.
 * Expected values by hand, in the comments.
 */
final class UploadRateTest {

    private static final Instant START = Instant.parse("2026-12-07T18:00:00Z");

    private final SettableClock clock = new SettableClock(START);
    private final UploadRate rate = new UploadRate(new ClientLimits(Duration.ofSeconds(30), 64, 7), clock);

    @Test
    void aBurstOfTheMinutesUploadsThenOnePerIntervalWithRetryAfterRoundedUp() {
        for (int i = 0; i < 7; i++) {
            rate.take(request("fleet"));
        }
        // the 8th waits for the first one's share: 8.571 s, said as 9
        assertEquals(9, refusal("fleet").retryAfterSeconds());
        clock.at(START.plusSeconds(8));
        assertEquals(1, refusal("fleet").retryAfterSeconds()); // 0.571 s left
        clock.at(START.plusSeconds(9));
        rate.take(request("fleet"));
        // the next one's share comes back at 2 × 8.571 = 17.143 s: 8.143 s from 9 s, said as 9
        assertEquals(9, refusal("fleet").retryAfterSeconds());
        assertEquals(IngestException.Reason.UPLOAD_RATE, refusal("fleet").reason());
    }

    @Test
    void aClientQuietForAMinuteHasItsWholeBurstAgain() {
        for (int i = 0; i < 7; i++) {
            rate.take(request("nightly"));
        }
        refusal("nightly");
        clock.at(START.plusSeconds(60));
        for (int i = 0; i < 7; i++) {
            rate.take(request("nightly"));
        }
        refusal("nightly");
    }

    @Test
    void oneAMinuteAllowsOneAndThenWaitsTheMinute() {
        UploadRate single = new UploadRate(new ClientLimits(Duration.ofSeconds(30), 64, 1), clock);
        single.take(request("solo"));
        IngestException e = assertThrows(IngestException.class, () -> single.take(request("solo")));
        assertEquals(60, e.retryAfterSeconds());
    }

    private IngestException refusal(String token) {
        return assertThrows(IngestException.class, () -> rate.take(request(token)));
    }

    private static HttpRequest<?> request(String token) {
        return HttpRequest.POST("/api/v1/uploads", "").bearerAuth(token);
    }
}
