package io.testhealth.collector.retention;

import io.testhealth.collector.scorecards.AnalysisConfiguration;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class RetentionPeriodTest {

    private static AnalysisConfiguration analysis(int lookbackDays, int episodeLookbackDays) {
        return new AnalysisConfiguration(200, lookbackDays, List.of("main"), Map.of(), Map.of(), null, 5,
                episodeLookbackDays, true);
    }

    @Test
    void thePeriodIsNeverShorterThanTheFurthestTheAnalysesRead() {
        assertAll(
                // The defaults: 90 days configured, episodes looked for 365 days back.
                () -> assertEquals(new RetentionPeriod(365, 90, 365, "testhealth.analysis.episode-lookback-days"),
                        RetentionPeriod.of(90, AnalysisConfiguration.defaults(), 28)),
                () -> assertEquals(new RetentionPeriod(400, 400, 365, "testhealth.analysis.episode-lookback-days"),
                        RetentionPeriod.of(400, AnalysisConfiguration.defaults(), 28)),
                // Episode lookback lowered to 90: 90 days kept, as configured.
                () -> assertEquals(new RetentionPeriod(90, 90, 90, "testhealth.analysis.episode-lookback-days"),
                        RetentionPeriod.of(90, analysis(60, 90), 28)),
                () -> assertEquals(new RetentionPeriod(60, 14, 60, "testhealth.analysis.lookback-days"),
                        RetentionPeriod.of(14, analysis(60, 30), 28)),
                () -> assertEquals(new RetentionPeriod(28, 7, 28, "the scorecard window"),
                        RetentionPeriod.of(7, analysis(20, 10), 28)));
    }

    @Test
    void raisedOnlyWhenTheAnalysesReadFurtherThanConfigured() {
        assertAll(
                () -> assertEquals(true, RetentionPeriod.of(90, AnalysisConfiguration.defaults(), 28).raised()),
                () -> assertEquals(false, RetentionPeriod.of(365, AnalysisConfiguration.defaults(), 28).raised()),
                () -> assertEquals(false, RetentionPeriod.of(90, analysis(60, 90), 28).raised()));
    }

    @Test
    void theCutIsThePeriodBeforeNow() {
        // 365 days before 2026-12-07 is 2025-12-07 (no 29 February in between).
        assertEquals(Instant.parse("2025-12-07T01:40:00Z"),
                new RetentionPeriod(365, 90, 365, "x").cut(Instant.parse("2026-12-07T01:40:00Z")));
    }

    @Test
    void spansAreKeptTheirDaysButNeverLongerThanTheJobRuns() {
        Instant now = Instant.parse("2026-12-07T01:40:00Z");
        // Job runs: 365 days with the defaults (the episode lookback); 90 with the episode lookback at 90.
        assertAll(
                () -> assertEquals(Instant.parse("2026-11-23T01:40:00Z"),
                        spansCut(14, AnalysisConfiguration.defaults()).spansCut(now)),
                () -> assertEquals(now.minus(java.time.Duration.ofDays(365)),
                        spansCut(500, AnalysisConfiguration.defaults()).spansCut(now)),
                () -> assertEquals(Instant.parse("2026-09-08T01:40:00Z"), spansCut(120, analysis(60, 90)).spansCut(now)),
                () -> assertEquals(now, spansCut(0, AnalysisConfiguration.defaults()).spansCut(now)));
    }

    private static RetentionService spansCut(int spansDays, AnalysisConfiguration analysis) {
        return new RetentionService(null, new RetentionConfiguration(true, 90, 10_000, spansDays), analysis, () -> 28,
                io.micronaut.context.event.ApplicationEventPublisher.noOp(), java.time.Clock.systemUTC(), () -> { });
    }

    @Test
    void settingsBelowOneAreRefused() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> new RetentionConfiguration(true, 0, 10_000, 14)),
                () -> assertThrows(IllegalArgumentException.class, () -> new RetentionConfiguration(true, 90, 0, 14)),
                () -> assertThrows(IllegalArgumentException.class, () -> new RetentionConfiguration(true, 90, 10_000, -1)));
    }
}
