package io.testhealth.collector.store;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The store's part of {@code GET /health}: {@code DOWN} (and the endpoint 503) while the database does not answer,
 * so that a supervisor or load balancer sees an outage that uploads are being refused for.
 *
 * <p>The details name the store and whether it answered, never the driver's message, which may carry host names and
 * users; the log has it. Reads of the stored reports keep being served from memory meanwhile.
 */
@Singleton
final class StoreHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    static final String NAME = "store";
    private static final Logger LOG = LoggerFactory.getLogger(StoreHealthIndicator.class);

    private final HistoryDatabase database;

    StoreHealthIndicator(HistoryDatabase database) {
        this.database = database;
    }

    @Override
    protected HealthResult getHealthResult() {
        boolean reachable;
        try {
            database.ping();
            reachable = true;
        } catch (StoreException e) {
            LOG.warn("Health check: the {} store does not answer", database.kind(), e);
            reachable = false;
        }
        return HealthResult.builder(NAME, reachable ? HealthStatus.UP : HealthStatus.DOWN)
                .details(getHealthInformation(reachable)).build();
    }

    /** Not called: {@link #getHealthResult()} decides the status and the details together. */
    @Override
    protected Map<String, Object> getHealthInformation() {
        throw new UnsupportedOperationException("the result is built by getHealthResult");
    }

    private Map<String, Object> getHealthInformation(boolean reachable) {
        return Map.of("kind", database.kind(), "reachable", reachable);
    }

    @Override
    protected String getName() {
        return NAME;
    }
}
