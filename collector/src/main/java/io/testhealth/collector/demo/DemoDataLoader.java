package io.testhealth.collector.demo;

import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.model.ReportFormat;
import io.testhealth.collector.store.TestHistoryStore;
import io.testhealth.collector.traces.TraceIngest;
import io.testhealth.collector.traces.otlp.OtlpJsonDecoder;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads the generated demo history through the ingest path, once per store: reports through {@link IngestService} as
 * uploads are, trace data through {@link TraceIngest} as OTLP/JSON exports are.
 */
@Singleton
public final class DemoDataLoader {

    /** Where the demo's OTLP/JSON export requests go: the receivers' path, or a test's. */
    @FunctionalInterface
    interface TraceSink {
        void export(byte[] otlpJson);
    }

    /** Fixed, so the demo is the same on every machine. */
    static final long SEED = 20261126L;
    static final int DAYS = 28;

    private static final Logger LOG = LoggerFactory.getLogger(DemoDataLoader.class);

    private final IngestService ingest;
    private final TestHistoryStore store;
    private final Clock clock;
    private final TraceSink traces;

    public DemoDataLoader(IngestService ingest, TestHistoryStore store, TraceIngest traces) {
        this(ingest, store, Clock.systemUTC(), through(traces));
    }

    /** Exports decoded and received as {@code POST /v1/traces} receives OTLP/JSON. */
    static TraceSink through(TraceIngest traces) {
        return otlpJson -> traces.receive(OtlpJsonDecoder.decode(otlpJson, traces::checkSpanCount), ReportFormat.OTLP,
                Optional.empty());
    }

    DemoDataLoader(IngestService ingest, TestHistoryStore store, Clock clock, TraceSink traces) {
        this.ingest = ingest;
        this.store = store;
        this.clock = clock;
        this.traces = traces;
    }

    /**
     * Loads the demo history ending now, unless a demo history is already stored.
     *
     * @return the number of uploads loaded (0 when the demo was there already)
     */
    public long loadIfEmpty() {
        DemoHistoryGenerator generator = new DemoHistoryGenerator(SEED, DAYS, clock.instant().truncatedTo(ChronoUnit.DAYS));
        AtomicLong loaded = new AtomicLong();
        AtomicLong results = new AtomicLong();
        AtomicLong exports = new AtomicLong();
        boolean[] first = {true};
        try {
            generator.generate(upload -> {
                if (upload.spans()) {
                    traces.export(upload.body());
                    exports.incrementAndGet();
                } else {
                    load(upload, first, loaded, results);
                }
            });
        } catch (AlreadyLoaded e) {
            LOG.info("Demo history already loaded; nothing added");
            return 0;
        }
        LOG.info("Demo history loaded: {} uploads, {} test results, {} OTLP trace exports, {} days", loaded.get(),
                results.get(), exports.get(), DAYS);
        return loaded.get();
    }

    private void load(DemoHistoryGenerator.DemoUpload upload, boolean[] first, AtomicLong loaded, AtomicLong results) {
        if (first[0]) {
            first[0] = false;
            if (store.findUpload(upload.metadata().key()).isPresent()) {
                throw new AlreadyLoaded();
            }
        }
        UploadPart part = spool(upload);
        try {
            results.addAndGet(ingest.ingest(upload.metadata(), List.of(part), Optional.empty()).counts().tests());
            loaded.incrementAndGet();
        } finally {
            part.delete();
        }
    }

    private UploadPart spool(DemoHistoryGenerator.DemoUpload upload) {
        try {
            return UploadPart.spool(upload.fileName(), new ByteArrayInputStream(upload.body()), Long.MAX_VALUE, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The demo history is in the store already: stops the generator at its first upload. */
    private static final class AlreadyLoaded extends RuntimeException {
        AlreadyLoaded() {
            super(null, null, false, false);
        }
    }
}
