package io.testhealth.collector.retention;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a retention pass daily and once shortly after start; it only triggers {@link RetentionService}.
 *
 * <p>Created with the application ({@code @Context}) so that the period kept is stated at start, with a warning when
 * the configured days were raised to what the analyses read, and bad settings stop the start.
 */
@Context
@Requires(property = RetentionConfiguration.PREFIX + ".enabled", notEquals = "false")
public final class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionService retention;

    public RetentionJob(RetentionService retention) {
        this.retention = retention;
        RetentionPeriod period = retention.period();
        if (period.raised()) {
            LOG.warn("testhealth.retention.results-days is {} but the analyses read {} days back ({}): keeping {} days"
                            + " of job runs and results", period.configured(), period.readDays(), period.reader(),
                    period.days());
        } else {
            LOG.info("Keeping {} days of job runs and results", period.days());
        }
        if (retention.spansDays() == 0) {
            LOG.info("Keeping no raw spans of test runs (testhealth.retention.spans-days is 0)");
        } else {
            LOG.info("Keeping {} days of test runs' raw spans (testhealth.retention.spans-days)", retention.spansDays());
        }
    }

    /** Daily, at a quiet hour (UTC) away from the reports' daily recompute at 00:10. */
    @Scheduled(cron = "${testhealth.retention.cron:0 40 1 * * *}", zoneId = "UTC")
    void daily() {
        run();
    }

    /** Once after start, so that a collector restarted every day still deletes. */
    @Scheduled(initialDelay = "${testhealth.retention.initial-delay:10m}")
    void afterStart() {
        run();
    }

    private void run() {
        try {
            retention.expire();
        } catch (RuntimeException e) {
            LOG.error("Retention pass failed; the next one continues where it stopped", e);
        }
    }
}
