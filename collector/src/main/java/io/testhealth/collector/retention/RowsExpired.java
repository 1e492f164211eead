package io.testhealth.collector.retention;

import io.testhealth.collector.store.ExpiredRows;

/**
 * Published after each transaction of a retention pass, so that deleted rows are counted as they go (a pass that
 * fails half-way still counts what it deleted).
 *
 * @param history          job runs, receipts, results, attempts and raw span rows deleted
 * @param integrationEdges integration edges deleted
 */
public record RowsExpired(ExpiredRows history, long integrationEdges) {
}
