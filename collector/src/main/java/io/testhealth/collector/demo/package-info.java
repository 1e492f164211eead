/**
 * A realistic history to look at before any CI job uploads: several teams and components, a few weeks of runs with
 * flaky tests, a regression that gets fixed, slow suites, an infrastructure incident, and all three pyramid layers.
 *
 * <p>The history is generated as real reports (Surefire and Failsafe JUnit XML, Allure results) and fed through the
 * same {@link io.testhealth.collector.ingest.IngestService} as every upload, so the demo exercises the real path. Trace
 * data (test spans of one component's integration job, staging traffic) goes as OTLP/JSON through the trace receivers'
 * {@link io.testhealth.collector.traces.TraceIngest}, for the integration map and the observed layers.
 * Entry point: {@link io.testhealth.collector.demo.DemoDataLoader}.
 */
package io.testhealth.collector.demo;
