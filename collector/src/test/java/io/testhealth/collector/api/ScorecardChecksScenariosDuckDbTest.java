package io.testhealth.collector.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

/** The scorecard check scenarios on the in-memory DuckDB store of the test configuration. */
@MicronautTest
final class ScorecardChecksScenariosDuckDbTest extends ScorecardChecksScenarios {
}
