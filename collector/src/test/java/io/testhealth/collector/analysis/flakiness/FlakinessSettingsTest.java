package io.testhealth.collector.analysis.flakiness;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

final class FlakinessSettingsTest {

    @Test
    void defaultsAreThoseOfTheMetricsSpecification() {
        FlakinessSettings s = FlakinessSettings.defaults();

        assertAll(
                () -> assertEquals(Duration.ofDays(28), s.window()),
                () -> assertEquals(200, s.maxRuns()),
                () -> assertEquals(0.5, s.priorAlpha()),
                () -> assertEquals(49.5, s.priorBeta()),
                () -> assertEquals(0.01, s.priorMean(), 1e-15),
                () -> assertEquals(0.95, s.credibleMass()),
                () -> assertEquals(0.8, s.incidentFailureShare()),
                () -> assertEquals(10, s.incidentMinFailures()),
                () -> assertEquals(3, s.regressionMinRuns()),
                () -> assertEquals(2, s.regressionMinCommits()),
                () -> assertEquals(0.8, s.environmentFailureShare()),
                () -> assertEquals(0.95, s.environmentPassShare()),
                () -> assertEquals(5, s.newBelowRuns()),
                () -> assertEquals(0.8, s.brokenFailureShare()),
                () -> assertEquals(10, s.brokenLastRuns()),
                () -> assertEquals(20, s.statisticalMinRuns()),
                () -> assertEquals(0.05, s.statisticalMinFailureRate()),
                () -> assertEquals(0.8, s.statisticalMaxFailureRate()),
                () -> assertEquals(0.1, s.statisticalMinFlipRate()),
                () -> assertEquals(10, s.fixedCleanRuns()),
                () -> assertEquals(3.0, s.fixedRuleOfThree()),
                () -> assertEquals(Duration.ofDays(7), s.fixedQuietPeriod()),
                () -> assertEquals(Duration.ofDays(7), s.fixedHoldPeriod()),
                () -> assertEquals(Duration.ofDays(30), s.staleAfter()),
                () -> assertEquals(Set.of("main", "master"), s.defaultBranches()));
    }
}
