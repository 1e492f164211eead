package io.testhealth.collector.scorecards;

import io.micronaut.context.BeanContext;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.json.JsonMapper;
import io.testhealth.collector.ingest.IngestLimits;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ownership.OwnershipResolver;
import io.testhealth.collector.store.AnalysisRepository;
import io.testhealth.collector.store.HistoryQueries;
import io.testhealth.collector.store.TestHistoryStore;

import java.time.Clock;

/**
 * Scorecard services built by hand from a test's context, on its store, reading a clock the test sets: one that
 * brings reports up to date as uploads are stored (as the collector's own does), and one that only rebuilds them, to
 * compare with.
 */
final class HandBuiltScorecards {

    private final TestHistoryStore store;
    private final HistoryQueries queries;
    private final AnalysisRepository repository;
    private final OwnershipResolver ownership;
    private final AnalysisConfiguration config;
    private final JsonMapper json;

    HandBuiltScorecards(BeanContext context) {
        this.store = context.getBean(TestHistoryStore.class);
        this.queries = context.getBean(HistoryQueries.class);
        this.repository = context.getBean(AnalysisRepository.class);
        this.ownership = context.getBean(OwnershipResolver.class);
        this.config = context.getBean(AnalysisConfiguration.class);
        this.json = context.getBean(JsonMapper.class);
    }

    /**
     * A service whose reports are brought up to date after each upload of {@code ingest()}, as in the collector.
     *
     * @param service the scorecards
     * @param ingest  stores uploads, noting each commit for the service's freshness
     */
    record Updating(ScorecardService service, IngestService ingest) {
    }

    Updating updating(Clock clock) {
        ReportFreshness freshness = new ReportFreshness(config);
        ScorecardService service = new ScorecardService(queries, repository, ownership, config, json, clock,
                ApplicationEventPublisher.noOp(), ApplicationEventPublisher.noOp(), freshness);
        return new Updating(service, new IngestService(store, IngestLimits.defaults(), freshness::onApplicationEvent));
    }

    /** A service that recomputes every report from the stored history when asked to refresh. */
    ScorecardService rebuilding(Clock clock) {
        return new ScorecardService(queries, repository, ownership, config, json, clock);
    }

    JsonMapper json() {
        return json;
    }
}
