package io.testhealth.collector;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock of the application, UTC: beans that go by the time take it, so that a test replaces this
 * bean (a clock it moves) instead of each bean keeping a constructor of its own for tests.
 */
@Factory
final class SystemClock {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
