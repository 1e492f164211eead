import { createApiRef } from '@backstage/core-plugin-api';
import {
  CollectorSubject,
  Integrations,
  Quarantine,
  QuarantineRequest,
  Scorecard,
  SubjectSummary,
  TestSort,
  TestDetail,
  TestSpans,
  TestState,
  TestsPage,
  Trends,
  WeeklyReport,
} from '@testhealth/backstage-plugin-test-health-common';

/** Which tests of a component to list. @public */
export interface TestQuery {
  state?: TestState | 'all';
  sort?: TestSort;
  limit?: number;
}

/**
 * Reads the Test Health collector. The default client goes through Backstage's proxy
 * (`proxy.endpoints['/test-health']`); register another implementation to replace it.
 * @public
 */
export interface TestHealthApi {
  getComponents(): Promise<SubjectSummary[]>;
  getComponentScorecard(component: CollectorSubject): Promise<Scorecard>;
  getComponentTests(
    component: CollectorSubject,
    query?: TestQuery,
  ): Promise<TestsPage>;
  getComponentQuarantines(component: CollectorSubject): Promise<Quarantine[]>;
  /** The component's integration map: edges seen in trace data, the tests on each, contract coverage. */
  getComponentIntegrations(component: CollectorSubject): Promise<Integrations>;
  /** One test: its verdict, latest runs, failures grouped by fingerprint and quarantine. */
  getTest(testId: string): Promise<TestDetail>;
  /** Weekly points, oldest first, ending with the current week (8 weeks unless told). */
  getComponentTrends(
    component: CollectorSubject,
    weeks?: number,
  ): Promise<Trends>;
  getTeams(): Promise<SubjectSummary[]>;
  getTeamScorecard(team: CollectorSubject): Promise<Scorecard>;
  getTeamTrends(team: CollectorSubject, weeks?: number): Promise<Trends>;
  getWeeklyReport(): Promise<WeeklyReport>;
  quarantineTest(
    testId: string,
    request: QuarantineRequest,
  ): Promise<Quarantine>;
  releaseTest(testId: string): Promise<void>;
  /** The raw spans kept of a test's latest runs (10 unless told), latest first. */
  getTestSpans(testId: string, limit?: number): Promise<TestSpans>;
}

/** @public */
export const testHealthApiRef = createApiRef<TestHealthApi>({
  id: 'plugin.test-health.service',
});
