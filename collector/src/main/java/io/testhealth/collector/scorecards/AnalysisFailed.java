package io.testhealth.collector.scorecards;

/**
 * Published when a component's report could not be recomputed (its last good report stays), so that the failure is
 * counted where operators look.
 *
 * @param component full reference
 * @param failure   the failure, with the attempts in a row and the next attempt
 */
public record AnalysisFailed(String component, AnalysisFailure failure) {
}
