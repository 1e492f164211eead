package io.testhealth.collector.retention;

import io.testhealth.collector.store.ExpiredRows;

import java.time.Duration;
import java.time.Instant;

/**
 * What one retention pass did.
 *
 * @param cut              job runs that started before it were deleted, and edges last seen before it
 * @param history          rows deleted per table
 * @param integrationEdges integration edges deleted
 * @param spansCut         test runs whose test span started before it lost their raw spans
 * @param testSpans        test runs' raw span rows deleted past {@code spans-days}
 * @param transactions     transactions that deleted job runs (each at most {@code batch-results} result rows, or one
 *                         job run)
 * @param took             how long the pass took
 */
public record RetentionPass(Instant cut, ExpiredRows history, long integrationEdges, Instant spansCut, long testSpans,
                            int transactions, Duration took) {
}
