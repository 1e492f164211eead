import {
  Integrations,
  Quarantine,
  QuarantineRequest,
  Scorecard,
  SubjectSummary,
  TestDetail,
  TestSpans,
  TestsPage,
  Trends,
  WeeklyReport,
} from '@testhealth/backstage-plugin-test-health-common';
import { CollectorNotFoundError, TestHealthApi } from '../api';
import scorecardJson from './scorecard.json';
import flakyJson from './flaky.json';
import slowestJson from './slowest.json';
import teamJson from './team.json';
import teamsJson from './teams.json';
import weeklyJson from './weekly.json';
import trendsJson from './trends.json';
import teamTrendsJson from './team-trends.json';
import integrationsJson from './integrations.json';

/** Answers of the demo collector, recorded from its API. */
export const scorecard = scorecardJson as unknown as Scorecard;
export const flaky = flakyJson as unknown as TestsPage;
export const slowest = slowestJson as unknown as TestsPage;
export const teamScorecard = teamJson as unknown as Scorecard;
export const teams = teamsJson as unknown as SubjectSummary[];
export const weekly = weeklyJson as unknown as WeeklyReport;
export const trends = trendsJson as unknown as Trends;
export const teamTrends = teamTrendsJson as unknown as Trends;
export const integrations = integrationsJson as unknown as Integrations;

/** A fake collector: answers from the fixtures, or fails with the error it is given. */
export class FakeTestHealthApi implements TestHealthApi {
  quarantines: Quarantine[] = [];
  quarantineCalls: Array<{ testId: string; request: QuarantineRequest }> = [];
  releaseCalls: string[] = [];

  constructor(
    private readonly options: {
      error?: Error;
      components?: SubjectSummary[];
      teams?: SubjectSummary[];
      scorecard?: Scorecard;
      pending?: boolean;
      /** Scorecard reads answered with `no-report-yet` before the report is there */
      analysing?: number;
    } = {},
  ) {}

  private answer<T>(value: T): Promise<T> {
    if (this.options.pending) return new Promise<T>(() => {});
    if (this.options.error) return Promise.reject(this.options.error);
    return Promise.resolve(value);
  }

  getComponents() {
    return Promise.resolve(this.options.components ?? []);
  }
  scorecardCalls = 0;

  getComponentScorecard() {
    this.scorecardCalls += 1;
    if (this.scorecardCalls <= (this.options.analysing ?? 0)) {
      return Promise.reject(this.analysingError());
    }
    return this.answer(this.options.scorecard ?? scorecard);
  }
  getComponentTrends() {
    // Trends exist once the report does: the collector answers both from the same analysis.
    if (this.scorecardCalls <= (this.options.analysing ?? 0)) {
      return Promise.reject(this.analysingError());
    }
    return this.answer(trends);
  }
  private analysingError() {
    return new CollectorNotFoundError(
      'component:default/payments has uploads; its first report is being computed.',
      'no-report-yet',
      0.05,
    );
  }
  getTeamTrends() {
    return this.answer(teamTrends);
  }
  getComponentTests(_c: unknown, query?: { state?: string }) {
    return this.answer(query?.state === 'all' ? slowest : flaky);
  }
  getComponentQuarantines() {
    return this.answer(this.quarantines);
  }
  getComponentIntegrations() {
    return this.answer(integrations);
  }
  /** No test details in these fixtures: the test page's tests give their own. */
  getTest(testId: string): Promise<TestDetail> {
    return Promise.reject(
      new CollectorNotFoundError(`no test with id ${testId}`, 'not-found'),
    );
  }
  /** No spans in these fixtures: the spans section's tests give their own. */
  getTestSpans(testId: string): Promise<TestSpans> {
    return this.answer({ testId, component: scorecard.ref, keptDays: 14, runs: [] });
  }
  getTeams() {
    if (this.options.error && !this.options.teams) return this.answer(teams);
    return Promise.resolve(this.options.teams ?? teams);
  }
  getTeamScorecard() {
    return this.answer(teamScorecard);
  }
  getWeeklyReport() {
    return this.answer(weekly);
  }
  quarantineTest(testId: string, request: QuarantineRequest) {
    this.quarantineCalls.push({ testId, request });
    const test = flaky.tests.find(t => t.testId === testId)!;
    const q: Quarantine = {
      component: flaky.component,
      testId,
      suite: test.suite,
      name: test.name,
      ...request,
      createdAt: new Date().toISOString(),
      expired: false,
    };
    this.quarantines = [...this.quarantines, q];
    return Promise.resolve(q);
  }
  releaseTest(testId: string) {
    this.releaseCalls.push(testId);
    this.quarantines = this.quarantines.filter(q => q.testId !== testId);
    return Promise.resolve();
  }
}
