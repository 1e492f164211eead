/**
 * Scorecards: ten checks against Bronze/Silver/Gold thresholds, the level and letter grade they add up to, and a
 * sentence per check saying why.
 *
 * <p>Entry point: {@link io.testhealth.collector.scorecards.ScorecardService}, which refreshes the stored reports
 * of components and teams. The rules live in pure classes: {@link io.testhealth.collector.scorecards.ScorecardFacts}
 * (what is measured, pooled for teams), {@link io.testhealth.collector.scorecards.ScorecardCalculator} (checks,
 * level, grade) and {@link io.testhealth.collector.scorecards.ScorecardThresholds} (the versioned numbers).
 */
package io.testhealth.collector.scorecards;
