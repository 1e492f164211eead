package io.testhealth.collector.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How long raw history is kept, under {@code testhealth.retention}.
 *
 * @param enabled      whether the scheduled passes run (default true): daily at {@code testhealth.retention.cron}
 *                     ({@code 0 40 1 * * *}, UTC) and once {@code testhealth.retention.initial-delay} (10 minutes)
 *                     after start. Off, nothing is ever deleted
 * @param resultsDays  days a job run is kept after it started, with its receipts, results and attempts (default 90);
 *                     an integration edge is kept as long after its last sighting. Raised, with a warning, to what
 *                     the analyses read when shorter ({@link RetentionPeriod})
 * @param batchResults result rows one transaction deletes at most (default 10,000), whole job runs at a time; a job
 *                     run with more results is deleted alone; also the span rows (test runs' spans) one transaction
 *                     deletes
 * @param spansDays    days the raw spans of a test run are kept after its test span started (default 14); 0 keeps
 *                     none (they are not written, and a pass deletes those stored before). What they implied stays
 *                     with the results: the observed layer in the results' labels, the integration edges. Not raised
 *                     by the analyses, which do not read raw spans; a value longer than the period job runs are kept
 *                     ({@link RetentionPeriod}) keeps them as long as the runs
 */
@ConfigurationProperties(RetentionConfiguration.PREFIX)
public record RetentionConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                                     @Bindable(defaultValue = "90") int resultsDays,
                                     @Bindable(defaultValue = "10000") int batchResults,
                                     @Bindable(defaultValue = "14") int spansDays) {

    /** The settings' prefix. */
    public static final String PREFIX = "testhealth.retention";

    /**
     * @throws IllegalArgumentException when a number is below 1 (spans-days: below 0)
     */
    public RetentionConfiguration {
        if (resultsDays < 1) {
            throw new IllegalArgumentException(PREFIX + ".results-days must be 1 or more, got " + resultsDays);
        }
        if (batchResults < 1) {
            throw new IllegalArgumentException(PREFIX + ".batch-results must be 1 or more, got " + batchResults);
        }
        if (spansDays < 0) {
            throw new IllegalArgumentException(PREFIX + ".spans-days must be 0 (keep none) or more, got " + spansDays);
        }
    }

    /** Whether raw spans of test runs are kept at all ({@code spans-days} above 0). */
    public boolean keepsSpans() {
        return spansDays > 0;
    }

    /** The defaults, for use without Micronaut. */
    public static RetentionConfiguration defaults() {
        return new RetentionConfiguration(true, 90, 10_000, 14);
    }
}
