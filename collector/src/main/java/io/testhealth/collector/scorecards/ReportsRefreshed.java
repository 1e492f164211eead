package io.testhealth.collector.scorecards;

import java.util.List;

/**
 * Published after the stored reports were recomputed, so that what is derived from them (the Prometheus gauges) is
 * brought up to date from the reports instead of recomputing anything.
 *
 * @param components every component's stored report, by reference
 * @param teams      every team's stored report, by reference
 */
public record ReportsRefreshed(List<HealthReport> components, List<HealthReport> teams) {

    public ReportsRefreshed {
        components = List.copyOf(components);
        teams = List.copyOf(teams);
    }
}
