package io.testhealth.collector.store;

import io.testhealth.collector.model.EdgeSighting;

import java.util.Collection;
import java.util.List;

/**
 * The integration map's part of the store: one row per component, edge, test (or environment, for edges seen
 * outside tests), with when it was first and last seen, and the latest test status, layer and contract evidence.
 */
public interface IntegrationRepository {

    /**
     * Records sightings in one transaction. A sighting already recorded (same component, edge, test and environment)
     * widens its first/last seen and takes the newer one's status, layer and contract, so a resent export changes
     * nothing.
     */
    void recordSightings(Collection<EdgeSighting> sightings);

    /**
     * Every recorded sighting that concerns a component: its own (its tests' and its observed service's), and those of
     * other components whose edge has it as caller or as called service ({@code componentName}: the plain name, as
     * spans name services). {@code seenAt} of each is its last sighting.
     */
    List<EdgeSighting> sightingsOf(String component, String componentName);
}
