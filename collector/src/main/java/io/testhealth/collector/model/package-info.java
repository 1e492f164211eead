/**
 * The test-history domain: what a CI upload says about its tests, as immutable values.
 *
 * <p>No framework types live here, so every other capability (ingest formats, stores, analysis,
 * API) can share these records without depending on each other. The entry point is
 * {@link io.testhealth.collector.model.TestResult}: one test's run within one CI job run, with
 * every attempt that the report recorded.
 */
package io.testhealth.collector.model;
