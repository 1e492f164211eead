package io.testhealth.collector.store;

import java.time.Instant;

/**
 * Deletes history older than a cut, for the retention pass ({@code retention.RetentionService}).
 *
 * <p>The unit of deletion is the whole job run: its {@code runs} row, every upload's receipt and every result and
 * attempt of it go in one transaction, so no reader ever sees half an upload, nor a receipt whose results are gone,
 * nor results without their receipt. A job run belongs to the past by when it started ({@code runs.started_at}), the
 * moment the analyses window by, so what is deleted is exactly what no window reaches any more.
 */
public interface RetentionRepository {

    /**
     * Deletes, in one transaction, the oldest job runs that started before {@code cut}, with all their rows: as many
     * whole runs as fit into {@code maxResults} result rows by their receipts' counts, and always at least one (a run
     * larger than that is deleted alone, in one transaction as it was written). Uploads being written meanwhile are
     * not held up, except a commit to one of the runs being deleted, which waits for this transaction and then stores
     * the run anew.
     *
     * @param maxResults result rows a transaction may delete, 1 or more (attempt rows come along with their results)
     * @return what was deleted; {@link ExpiredRows#NONE} when no run started before the cut
     */
    ExpiredRows expireRuns(Instant cut, int maxResults);

    /**
     * Deletes the integration edges last seen before {@code cut} (what spans implied, kept as long as the results).
     *
     * @return edges deleted
     */
    long expireEdges(Instant cut);

    /**
     * Deletes, in one transaction, the oldest raw spans of test runs whose test span started before {@code cut}:
     * about {@code maxRows} rows (each a test run's spans), oldest first, more only where several share the last
     * start. Results, job runs and edges stay: they are what the spans implied and are kept by their own period. A
     * span row whose job run was deleted before is no longer read ({@link SpanRepository}) and goes here too: the
     * retention pass never gives spans a later cut than runs.
     *
     * @param maxRows rows a transaction deletes, 1 or more
     * @return rows deleted; 0 when none is older than the cut
     */
    long expireSpans(Instant cut, int maxRows);
}
