package io.testhealth.collector.scorecards;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.testhealth.collector.analysis.TestHistory;
import io.testhealth.collector.ingest.IngestService;
import io.testhealth.collector.ingest.UploadPart;
import io.testhealth.collector.model.ComponentRef;
import io.testhealth.collector.model.UploadMetadata;
import io.testhealth.collector.store.HistoryQueries;
import io.testhealth.collector.store.OnEachStore;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How many test runs the kept histories hold, and what happens to a component that does not fit: it is read in full
 * on every recompute, and one that fits is extended with what was stored since.
 */
@MicronautTest
@OnEachStore
@Property(name = "testhealth.analysis.refresh-on-start", value = "false")
@Property(name = "testhealth.analysis.refresh-delay", value = "3600")
final class KeptHistoriesBudgetTest {

    private static final String COMPONENT = "component:default/budgeted";
    private static final int MAX_RUNS = 200;

    @Inject
    BeanContext context;

    @TempDir
    Path spool;

    @Test
    void theBudgetIsAFifthOfTheHeapAtOneHundredTwentyBytesARunAndNeverBelowFourHundredThousand() {
        assertAll(
                // 268,435,456 / 5 / 120 = 447,392.4
                () -> assertEquals(447_392, WindowHistories.budgetFor(256L << 20)),
                // 1,073,741,824 / 5 / 120 = 1,789,569.7
                () -> assertEquals(1_789_569, WindowHistories.budgetFor(1L << 30)),
                // 67,108,864 / 600 = 111,848: under the floor
                () -> assertEquals(400_000, WindowHistories.budgetFor(64L << 20)));
    }

    @Test
    void aComponentOverTheBudgetIsReadInFullEachTimeAndOneWithinItIsExtended() throws Exception {
        HistoryQueries queries = context.getBean(HistoryQueries.class);
        IngestService ingest = context.getBean(IngestService.class);
        // 4 tests per job run: after the second, 8 runs of tests; a budget of 6 cannot keep them, one of 100 can
        WindowHistories small = new WindowHistories(queries, 6);
        WindowHistories large = new WindowHistories(queries, 100);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant from = now.minus(Duration.ofDays(60));
        Instant to = now.plus(Duration.ofHours(1));
        for (int run = 0; run < 3; run++) {
            store(ingest, "p" + run, now.minus(Duration.ofDays(10 - run)));
            List<TestHistory> full = queries.testHistories(COMPONENT, from, to, MAX_RUNS);
            assertEquals(full, small.read(COMPONENT, from, to, MAX_RUNS, false), "job run " + run + ", small budget");
            assertEquals(full, large.read(COMPONENT, from, to, MAX_RUNS, false), "job run " + run + ", large budget");
        }
        assertAll(
                // first: nothing kept, full (4 kept); second: extended to 8, which is over 6, so dropped; third: full
                () -> assertEquals(2, small.fullReads(), "small budget: full reads"),
                () -> assertEquals(1, small.extended(), "small budget: extended reads"),
                // first: full; second and third: extended (8, then 12 runs kept)
                () -> assertEquals(1, large.fullReads(), "large budget: full reads"),
                () -> assertEquals(2, large.extended(), "large budget: extended reads"));
    }

    private void store(IngestService ingest, String pipeline, Instant startedAt) throws Exception {
        UploadMetadata metadata = new UploadMetadata(ComponentRef.parse("budgeted"), "team-budgeted", "", "main",
                "commit-" + pipeline, pipeline, "test", 1, "jdk17", null, "", startedAt,
                startedAt.plus(Duration.ofMinutes(5)), "");
        StringBuilder xml = new StringBuilder("<testsuite name=\"com.acme.BudgetTest\">");
        for (int t = 0; t < 4; t++) {
            xml.append("<testcase classname=\"com.acme.BudgetTest\" name=\"test").append(t).append("\" time=\"0.")
                    .append(t + 1).append("\"/>");
        }
        xml.append("</testsuite>");
        UploadPart part = UploadPart.spool(spool, "TEST-budget.xml",
                new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE, 0);
        try {
            ingest.ingest(metadata, List.of(part), Optional.empty());
        } finally {
            part.delete();
        }
    }
}
