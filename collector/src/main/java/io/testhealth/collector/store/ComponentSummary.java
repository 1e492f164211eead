package io.testhealth.collector.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A component as the history knows it.
 *
 * @param component full reference, {@code component:namespace/name}
 * @param team      the team named by its latest upload that named one, or empty
 * @param lastRunAt start of its latest job run
 * @param runs      how many job runs it has
 */
public record ComponentSummary(String component, String team, Instant lastRunAt, long runs) {
    public ComponentSummary {
        Objects.requireNonNull(component, "component");
        team = team == null ? "" : team;
    }
}
