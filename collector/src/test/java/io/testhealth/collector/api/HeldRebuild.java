package io.testhealth.collector.api;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.testhealth.collector.store.HistoryDatabase;
import io.testhealth.collector.store.HistoryQueries;
import jakarta.inject.Singleton;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the rebuild of every report at its first step, the list of components (which only a rebuild of everything
 * asks for), until the test lets it go: a start-up rebuild that takes as long as the test likes, however small the
 * history. Only in contexts started with {@code testhealth.test.held-rebuild=true}
 * ({@link ReadsDuringStartUpRebuildTest}).
 */
@Factory
@Requires(property = "testhealth.test.held-rebuild", value = "true")
final class HeldRebuild {

    /** Longest hold: a test that never lets go does not keep the context from closing. */
    private static final long LONGEST_HOLD_SECONDS = 120;

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    /** Waits until a rebuild is held; whether one was within {@code seconds}. */
    boolean awaitHeld(long seconds) throws InterruptedException {
        return entered.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets the held rebuild (and any later one) go on. */
    void release() {
        released.countDown();
    }

    private void hold() throws InterruptedException {
        entered.countDown();
        released.await(LONGEST_HOLD_SECONDS, TimeUnit.SECONDS);
    }

    /** The store's history queries, with {@link HistoryQueries#components()} held; preferred over the store's own. */
    @Singleton
    @Primary
    @Bean(typed = HistoryQueries.class)
    HistoryQueries heldQueries(HistoryDatabase store) {
        return (HistoryQueries) Proxy.newProxyInstance(HistoryQueries.class.getClassLoader(),
                new Class<?>[] {HistoryQueries.class}, (proxy, method, args) -> {
                    if (method.getName().equals("components") && method.getParameterCount() == 0) {
                        hold();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
