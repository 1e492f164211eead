package io.testhealth.uploader.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    @Test
    void waitsDoubleUpToTheLongest() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofSeconds(2), Duration.ofSeconds(15));
        assertEquals(Duration.ofSeconds(2), p.delayBefore(2));
        assertEquals(Duration.ofSeconds(4), p.delayBefore(3));
        assertEquals(Duration.ofSeconds(8), p.delayBefore(4));
        assertEquals(Duration.ofSeconds(15), p.delayBefore(5));
    }

    @Test
    void serverErrorsTimeoutsAndThrottlingAreRetriedRefusalsAreNot() {
        assertTrue(RetryPolicy.retryable(503));
        assertTrue(RetryPolicy.retryable(429));
        assertTrue(RetryPolicy.retryable(408));
        assertFalse(RetryPolicy.retryable(400));
        assertFalse(RetryPolicy.retryable(409));
        assertFalse(RetryPolicy.retryable(201));
    }
}
