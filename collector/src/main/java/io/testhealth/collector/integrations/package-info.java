/**
 * The integration map of a component: the service-to-service and service-to-dependency edges its traces show, the
 * tests that exercise each (with layer, state and contract), the untested integration points (edges seen only in
 * observed environments), and the share of edges a contract test covers. Built from what
 * {@link io.testhealth.collector.traces.TraceIngest} recorded ({@code store.IntegrationRepository}); entry point
 * {@link io.testhealth.collector.integrations.IntegrationMap}.
 */
package io.testhealth.collector.integrations;
