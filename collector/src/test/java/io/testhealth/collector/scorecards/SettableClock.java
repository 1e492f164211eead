package io.testhealth.collector.scorecards;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves forward, never back, as the uploads it replays move on. */
public final class SettableClock extends Clock {

    private Instant now;
    private Runnable atNextRead;

    public SettableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock to {@code t}, unless that is in its past. */
    public void at(Instant t) {
        if (t.isAfter(now)) {
            now = t;
        }
    }

    /**
     * Runs {@code action} once, inside the next read of the clock, after that read's answer is taken: what the code
     * under test does right after it reads the time happens after {@code action}, as a commit racing it would.
     */
    public void atNextRead(Runnable action) {
        atNextRead = action;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant answer = now;
        Runnable action = atNextRead;
        if (action != null) {
            atNextRead = null;
            action.run();
        }
        return answer;
    }
}
