/**
 * Allure 2 results ({@code allure-results/*-result.json}), read into Allure's own model classes.
 *
 * <p>The entry point is {@link io.testhealth.collector.ingest.allure.AllureResultParser}.
 */
package io.testhealth.collector.ingest.allure;
