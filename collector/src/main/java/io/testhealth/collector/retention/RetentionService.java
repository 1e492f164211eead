package io.testhealth.collector.retention;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.testhealth.collector.scorecards.AnalysisConfiguration;
import io.testhealth.collector.scorecards.ScorecardService;
import io.testhealth.collector.store.ExpiredRows;
import io.testhealth.collector.store.RetentionRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Deletes the history past the retention period: job runs that started before the cut, one transaction of at most
 * {@code batch-results} result rows after another until none is left, then the integration edges last seen before
 * the cut, then the raw spans of test runs older than {@code spans-days}, {@code batch-results} rows a transaction.
 * Deleting raw spans touches nothing they implied: results (with the observed layer in their labels) and edges
 * follow the results' period.
 *
 * <p>Short transactions keep uploads flowing: on PostgreSQL a batch holds row locks only on the runs it deletes (an
 * upload to one of those, which only a late or retried upload of an expired run can be, waits for it); on DuckDB it
 * holds the store's commit lock, so uploads keep appending and wait at most one batch for their commit. What a pass
 * leaves for later (a failure, a restart) the next pass deletes: each batch stands alone.
 *
 * <p>A pass that deleted uploads ends with a rebuild of every report ({@link ScorecardService#refreshAll}): a report
 * extends the histories kept from its previous recompute unless an upload it read is gone or the component's count of
 * uploads for job runs before the window changed, and a pass that deletes n uploads of a component before the window,
 * followed by n late uploads to job runs that also started before it, would leave the count as it was and the late
 * uploads unread until the daily rebuild. The rebuild reads every history
 * again, after the deletions.
 *
 * <p>The quarantine history ({@code quarantine_events}) is never deleted: it is the record of who quarantined or
 * released a test and why, a row per change made by a person, and it is asked about most when the test's runs are
 * gone (collector/README.md, "Retention").
 *
 * <p>A retried upload of a job run that has expired finds no receipt (it went with the run), so it is stored again as
 * a new upload, and the next pass deletes it again. The analyses never read it: it is older than anything they read
 * ({@link RetentionPeriod}).
 */
@Singleton
public final class RetentionService {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionService.class);

    private final RetentionRepository store;
    private final RetentionConfiguration config;
    private final AnalysisConfiguration analysis;
    private final IntSupplier windowDays;
    private final ApplicationEventPublisher<RowsExpired> events;
    private final Clock clock;
    private final Runnable afterDeletion;
    /** One pass at a time: the daily pass and the one after start may meet. */
    private final ReentrantLock running = new ReentrantLock();

    @Inject
    public RetentionService(RetentionRepository store, RetentionConfiguration config, AnalysisConfiguration analysis,
                            ScorecardService scorecards, ApplicationEventPublisher<RowsExpired> events) {
        this(store, config, analysis, () -> scorecards.thresholds().windowDays(), events, Clock.systemUTC(),
                scorecards::refreshAll);
    }

    /**
     * @param windowDays    the scorecard window in days, read at each pass (the thresholds file may change)
     * @param afterDeletion what runs after a pass that deleted an upload: the rebuild of every report
     */
    public RetentionService(RetentionRepository store, RetentionConfiguration config, AnalysisConfiguration analysis,
                            IntSupplier windowDays, ApplicationEventPublisher<RowsExpired> events, Clock clock,
                            Runnable afterDeletion) {
        this.store = store;
        this.config = config;
        this.analysis = analysis;
        this.windowDays = windowDays;
        this.events = events;
        this.clock = clock;
        this.afterDeletion = afterDeletion;
    }

    /** The period kept now. */
    public RetentionPeriod period() {
        return RetentionPeriod.of(config.resultsDays(), analysis, windowDays.getAsInt());
    }

    /** Days test runs' raw spans are kept ({@code testhealth.retention.spans-days}). */
    public int spansDays() {
        return config.spansDays();
    }

    /**
     * The moment before which raw spans have expired, as of {@code now}: {@code spans-days} back, but never before
     * the job runs' cut. Spans so never outlive the run their rows name (a pass deletes runs, then spans), and no
     * index on a span row's run is needed to delete them with it.
     */
    public Instant spansCut(Instant now) {
        return now.minus(Duration.ofDays(Math.min(config.spansDays(), period().days())));
    }

    /**
     * Runs a pass, unless one is running already.
     *
     * @return what it deleted; empty when another pass was running
     * @throws io.testhealth.collector.store.StoreException when the store fails (what was deleted before stays
     *                                                      deleted and was counted)
     */
    public Optional<RetentionPass> expire() {
        if (!running.tryLock()) {
            LOG.info("A retention pass is running already; not starting another");
            return Optional.empty();
        }
        try {
            return Optional.of(pass());
        } finally {
            running.unlock();
        }
    }

    private RetentionPass pass() {
        long start = System.nanoTime();
        RetentionPeriod period = period();
        Instant cut = period.cut(clock.instant());
        ExpiredRows total = ExpiredRows.NONE;
        int transactions = 0;
        while (true) {
            ExpiredRows batch = store.expireRuns(cut, config.batchResults());
            if (batch.runs() == 0) {
                break;
            }
            transactions++;
            total = total.plus(batch);
            events.publishEvent(new RowsExpired(batch, 0));
        }
        long edges = store.expireEdges(cut);
        if (edges > 0) {
            events.publishEvent(new RowsExpired(ExpiredRows.NONE, edges));
        }
        Instant spansCut = spansCut(clock.instant());
        long spans = 0;
        while (true) {
            long batch = store.expireSpans(spansCut, config.batchResults());
            if (batch == 0) {
                break;
            }
            spans += batch;
            events.publishEvent(new RowsExpired(ExpiredRows.spans(batch), 0));
        }
        RetentionPass pass = new RetentionPass(cut, total, edges, spansCut, spans, transactions,
                Duration.ofNanos(System.nanoTime() - start));
        LOG.info("Retention ({} days): deleted {} job runs started before {} with {} uploads, {} test results and {}"
                        + " attempts in {} transaction(s), and {} integration edges; raw spans ({} days): {} test runs'"
                        + " spans started before {}; in {} ms", period.days(), total.runs(), cut, total.uploads(),
                total.testResults(), total.testAttempts(), transactions, edges, config.spansDays(), spans, spansCut,
                pass.took().toMillis());
        if (total.uploads() > 0) {
            afterDeletion.run();
        }
        return pass;
    }
}
