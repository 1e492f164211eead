package io.testhealth.collector.api;

import io.testhealth.collector.scorecards.AnalysisConfiguration;
import io.testhealth.collector.scorecards.HealthReport;
import io.testhealth.collector.scorecards.PendingReports;
import io.testhealth.collector.scorecards.ScorecardService;
import jakarta.inject.Singleton;

/**
 * The stored report of a component or team, or the error that says why there is none: the one place the read API
 * decides between "never heard of it" ({@code unknown-component}, {@code unknown-team}) and "its report is on its
 * way" ({@code no-report-yet}).
 */
@Singleton
final class SubjectReports {

    private final ScorecardService scorecards;
    private final PendingReports pending;
    private final int retryAfterSeconds;

    SubjectReports(ScorecardService scorecards, PendingReports pending, AnalysisConfiguration config) {
        this.scorecards = scorecards;
        this.pending = pending;
        this.retryAfterSeconds = Math.max(1, config.refreshDelay());
    }

    /**
     * A component's stored report.
     *
     * @param ref  full reference
     * @param name the name as the request gave it, for the message
     */
    HealthReport component(String ref, String name) {
        return scorecards.component(ref).orElseThrow(() -> componentAbsent(ref, name));
    }

    /**
     * A team's stored report.
     *
     * @param ref  full group reference
     * @param name the name as the request gave it, for the message
     */
    HealthReport team(String ref, String name) {
        return scorecards.team(ref).orElseThrow(() -> teamAbsent(ref, name));
    }

    /** Why a component has no report: its uploads wait for analysis, or there are none. */
    RuntimeException componentAbsent(String ref, String name) {
        if (pending.hasRuns(ref)) {
            var failure = scorecards.failure(ref);
            if (failure.isPresent()) {
                long wait = Math.max(1, java.time.Duration.between(java.time.Instant.now(), failure.get().nextAttemptAt()).toSeconds());
                return new NoReportYetException(ref + " has uploads, but their analysis failed (" + failure.get().error()
                        + "; " + failure.get().attempts() + " attempt(s) since " + failure.get().since()
                        + "): it is tried again in " + wait + " seconds.", (int) Math.min(Integer.MAX_VALUE, wait));
            }
            return new NoReportYetException(ref + " has uploads, but their analysis has not finished"
                    + " yet: ask again in " + retryAfterSeconds + " seconds.", retryAfterSeconds);
        }
        return new NotFoundException(NotFoundException.UNKNOWN_COMPONENT, "no upload has named "
                + ref + " yet: upload reports with POST /api/v1/uploads?component=" + name
                + " (a fresh upload shows here within seconds).");
    }

    /** Why a team has no report: its components' uploads wait for analysis, or no component belongs to it. */
    RuntimeException teamAbsent(String ref, String name) {
        if (pending.awaitsTeam(ref)) {
            return new NoReportYetException(ref + " has components with uploads, but their analysis has"
                    + " not finished yet: ask again in " + retryAfterSeconds + " seconds.", retryAfterSeconds);
        }
        return new NotFoundException(NotFoundException.UNKNOWN_TEAM, ref
                + " has no components with uploads yet: uploads name their team with team=" + name
                + ", or the Backstage catalog names it as a component's owner.");
    }
}
