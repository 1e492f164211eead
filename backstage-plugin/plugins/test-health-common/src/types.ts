/**
 * Types of the Test Health collector API (`/api/v1`), as served by the collector's
 * OpenAPI document `test-health-collector-v1.yml`. Only the fields the plugins read are typed.
 */

/** @public */
export type Level = 'Gold' | 'Silver' | 'Bronze' | 'none';

/** @public */
export type CheckStatus = 'pass' | 'fail' | 'insufficient_data';

/** @public */
export type TestState =
  'new' | 'healthy' | 'flaky' | 'broken' | 'fixed' | 'stale';

/** @public */
export type Layer = 'unit' | 'integration' | 'e2e' | 'unknown';

/** One row of `GET /api/v1/components` or `GET /api/v1/teams`. @public */
export interface SubjectSummary {
  name: string;
  namespace: string;
  ref: string;
  team: string | null;
  grade: string;
  level: Level;
  tests: number;
  flakyTests: number;
  brokenTests: number;
  lastRunAt: string | null;
  components: string[] | null;
}

/** @public */
export interface Threshold {
  better: 'lower' | 'higher';
  bronze: number;
  silver: number;
  gold: number;
}

/** One of the ten scorecard checks. @public */
export interface Check {
  id: string;
  name: string;
  value: number | null;
  unit: string;
  threshold: Threshold;
  status: CheckStatus;
  level: Level;
  explanation: string;
}

/** @public */
export interface Metrics {
  tests: number;
  flakyTests: number;
  brokenTests: number;
  quarantinedTests: number;
  jobRuns: number;
  passRate: number | null;
  flakyRunRate: number | null;
  timeLostToFlakesSeconds: number;
  footprintSeconds: number;
  states: Partial<Record<TestState, number>>;
}

/** @public */
export interface LayerView {
  tests: number;
  share: number;
  runShare: number;
  timeShare: number;
}

/** @public */
export interface ProfileView {
  name: string;
  unit: number;
  integration: number;
  e2e: number;
}

/** @public */
export interface PyramidView {
  unit: LayerView;
  integration: LayerView;
  e2e: LayerView;
  unknown: LayerView;
  contractTests: number;
  classificationCoverage: number | null;
  topHeaviness: number | null;
  ordered: boolean;
  profile: ProfileView;
  e2eSuite: string[];
}

/** A team's component, ranked in the team scorecard. @public */
export interface MemberRow {
  component: string;
  level: Level;
  grade: string;
  tests: number;
  flakyTests: number;
}

/** @public */
export interface SuiteRow {
  suite: string;
  tests: number;
  jobRuns: number;
  footprintSeconds: number;
  p50Seconds: number | null;
  p95Seconds: number | null;
}

/** @public */
export interface DurationRegression {
  beforeMedianSeconds: number;
  afterMedianSeconds: number;
  ratio: number;
  pValue: number;
  startedAtCommit: string;
  startedAt?: string | null;
}

/** One test of a component, as listed by `GET /api/v1/components/{name}/tests`. @public */
export interface TestRow {
  testId: string;
  suite: string;
  name: string;
  layer: Layer;
  /**
   * Where the layer came from: a declaration (`config_mapping`, `upload`, `allure_label`, `test_property`, `tag`,
   * `report_path`, `naming`) or, where none applies, the test's spans (`trace`); absent from older collectors.
   */
  layerSource?: string | null;
  state: TestState;
  reasons: string[];
  flakinessScore: number | null;
  lower: number | null;
  upper: number | null;
  flakyRuns: number;
  runs: number;
  failedRuns: number;
  timeLostSeconds: number;
  pipelinesBrokenAlone: number;
  p50Seconds: number | null;
  p95Seconds: number | null;
  footprintSeconds: number;
  lastRunAt: string | null;
  lastFlakyAt: string | null;
  /** For a flaky test, when its open flaky episode began (may lie before the 28-day window). */
  flakySince?: string | null;
  owner: string | null;
  quarantined: boolean;
  durationRegression: DurationRegression | null;
}

/** `GET /api/v1/components/{name}/scorecard` and `GET /api/v1/teams/{name}/scorecard`. @public */
export interface Scorecard {
  kind: 'component' | 'team' | string;
  name: string;
  namespace: string;
  ref: string;
  team: string | null;
  window: string;
  computedAt: string;
  lastRunAt: string | null;
  level: Level;
  grade: string;
  thresholdVersion: string;
  summary: string;
  checks: Check[];
  metrics: Metrics;
  pyramid: PyramidView;
  components: MemberRow[];
  slowestSuites: SuiteRow[];
  durationRegressions: TestRow[];
  /** Tests whose declared layer their spans contradict (shown, not graded); absent from older collectors. */
  layerDisagreements?: LayerDisagreements;
  /**
   * The CI run link of each pipeline that the checks' explanations and the tests' reasons name (its
   * newest job run with one), by pipeline; absent from collectors older than it.
   */
  pipelineRuns?: Record<string, string>;
}

/** A test whose declared layer is not the one its spans show. @public */
export interface LayerDisagreement {
  testId: string;
  /** Short name, `CartTest.adds`. */
  test: string;
  declared: Layer;
  /** What declared it, as {@link TestRow.layerSource} names it. */
  source: string;
  observed: Layer;
}

/** How many tests disagree, and the first five. @public */
export interface LayerDisagreements {
  tests: number;
  examples: LayerDisagreement[];
}

/** @public */
export type TestSort = 'impact' | 'duration' | 'footprint' | 'score' | 'name';

/** `GET /api/v1/components/{name}/tests`. @public */
export interface TestsPage {
  component: string;
  state: TestState | 'all';
  sort: TestSort;
  total: number;
  tests: TestRow[];
  /**
   * The CI run link of each pipeline the reasons name (its newest job run with one), by pipeline;
   * absent from collectors older than it.
   */
  pipelineRuns?: Record<string, string>;
}

/** One attempt of a run: 1 for the first, then each retry. @public */
export interface AttemptView {
  number: number;
  status: string;
  durationSeconds: number | null;
  failureType: string;
  failureMessage: string;
}

/** One run of a test in `GET /api/v1/tests/{testId}`. @public */
export interface RunView {
  runId: string;
  pipeline: string;
  job: string;
  attempt: number;
  environment: string;
  branch: string;
  commit: string;
  startedAt: string;
  runUrl: string;
  invocation: string;
  /** `passed`, `flaky` (passed after a retry), `failed`, `error`, `skipped` or `unknown`. */
  outcome: string;
  durationSeconds: number | null;
  costSeconds: number | null;
  failureType: string;
  failureMessage: string;
  declaredLayer?: string | null;
  observedLayer?: string | null;
  observedEvidence?: string[];
  attempts: AttemptView[];
}

/** A test's failures that share a fingerprint, with the latest run's message and link. @public */
export interface TestFailureGroup {
  fingerprint: string;
  type: string;
  message: string;
  failures: number;
  firstSeen: string;
  lastSeen: string;
  latestRunId: string;
  latestRunUrl: string;
  /**
   * The latest stack trace kept of this cause, cut to 8000 characters (with a `…[cut N chars #hash]`
   * marker) and redacted; empty when no report of it gave one; absent from collectors older than it.
   */
  latestTrace?: string;
}

/**
 * The layer a test's spans show it runs at: the heaviest seen in its runs exported as test spans and on
 * the integration edges its spans exercised. `unknown`: spans arrived, but nothing showed whether its
 * calls would have been recorded. @public
 */
export interface ObservedLayerView {
  layer: Layer;
  /** Of the runs the collector read, how many came from its test spans. */
  runs: number;
  /** How many integration edges its spans exercised. */
  edges: number;
  /** Why, in short sentences (`database postgresql`, `calls service payments`). */
  evidence: string[];
  lastObservedAt: string;
}

/** `GET /api/v1/tests/{testId}`: a test's verdict, latest runs (newest first), failures and quarantine. @public */
export interface TestDetail {
  component: string;
  /** Absent from collectors older than the test page. */
  team?: string | null;
  /** The analysis window of the verdict, `28d`; absent from collectors older than the test page. */
  window?: string;
  test: TestRow;
  runs: RunView[];
  failureGroups?: TestFailureGroup[];
  quarantine?: Quarantine | null;
  /**
   * The layer its spans show; `null` when none of its runs or edges came from trace data (not
   * observed, which says nothing of its layer); absent from collectors older than trace data.
   */
  observed?: ObservedLayerView | null;
  /** Every change of its quarantine, oldest first; absent from collectors older than the history. */
  quarantineHistory?: QuarantineEvent[];
  /** Whether raw spans of its runs are kept (`GET /api/v1/tests/{testId}/spans`); absent from older collectors. */
  spansKept?: boolean;
}

/**
 * One change of a test's quarantine: `quarantined`, `changed` (reason, ticket or expiry replaced) or
 * `released`. `by` is empty for a release whose caller did not say who; `reason` is empty for a release.
 * @public
 */
export interface QuarantineEvent {
  action: 'quarantined' | 'changed' | 'released';
  by: string;
  reason: string;
  ticket: string;
  expiresAt: string | null;
  at: string;
}

/** What an edge of the integration map calls. @public */
export type EdgeKind = 'service' | 'host' | 'database' | 'messaging';

/** A test whose spans exercised an edge. @public */
export interface EdgeTest {
  component: string;
  testId: string;
  suite: string;
  name: string;
  /** The layer its spans showed. */
  observedLayer: Layer | null;
  /** The layer its component's report classified it as; `null` when the report does not list it. */
  layer: Layer | null;
  /** Its state in that report; `null` when the report does not list it. */
  state: TestState | null;
  /** How its latest attempt on the edge ended (`passed`, `failed`, ...). */
  lastStatus: string | null;
  /** `pact`, `spring-cloud-contract`, `by-name`, or `null` for a test that is no contract test. */
  contract: string | null;
  lastSeenAt: string;
}

/** One edge of a component's integration map. @public */
export interface IntegrationEdge {
  /** The calling service. */
  caller: string;
  kind: EdgeKind;
  /** What it calls: a service, host, database or messaging system. */
  target: string;
  /** How (`http`, `grpc`, `postgresql`, `kafka`, `pact`, ...). */
  protocols: string[];
  /** Whether a test exercised it. */
  tested: boolean;
  /** Whether a contract test covers it. */
  hasContract: boolean;
  /** The observed environments it was seen in outside tests (`staging`, ...). */
  observedIn: string[];
  lastSeenAt: string;
  tests: EdgeTest[];
}

/** The share of edges a contract test covers; shares are `null` without edges to count. @public */
export interface ContractCoverage {
  edges: number;
  edgesWithContract: number;
  share: number | null;
  serviceEdges: number;
  serviceEdgesWithContract: number;
  serviceShare: number | null;
}

/** `GET /api/v1/components/{name}/integrations`. @public */
export interface Integrations {
  component: string;
  /** Ordered by caller, kind and target. */
  edges: IntegrationEdge[];
  /** Edges seen in observed environments that no test exercised. */
  untestedIntegrationPoints: number;
  contractCoverage: ContractCoverage;
}

/** Body of `PUT /api/v1/tests/{testId}/quarantine`. @public */
export interface QuarantineRequest {
  by: string;
  reason: string;
  ticket: string;
  expiresAt: string | null;
}

/** @public */
export interface Quarantine {
  component: string;
  testId: string;
  suite: string;
  name: string;
  by: string;
  reason: string;
  ticket: string;
  expiresAt: string | null;
  createdAt: string;
  expired: boolean;
}

/** @public */
export interface Trend {
  value: number | null;
  previous: number | null;
  delta: number | null;
  trend: Array<number | null>;
}

/** A team (or the organisation) in the weekly review's headline. @public */
export interface WeeklyHeadline {
  subject: string;
  name: string;
  organisation: boolean;
  grade: string;
  previousGrade: string | null;
  level: Level;
  previousLevel: Level | null;
  gradeTrend: Array<string | null>;
  tests: Trend;
  flakyTests: Trend;
  flakyRunRate: Trend;
  defaultBranchPassRate: Trend;
  timeLostToFlakesSeconds: Trend;
}

/** @public */
export interface WeeklyRanking {
  rank: number;
  team: string;
  name: string;
  grade: string;
  level: Level;
  previousGrade: string | null;
  previousLevel: Level | null;
  gradeChange: number;
  levelChange: number;
  components: number;
}

/** @public */
export interface WeeklyFlakyTest {
  component: string;
  team: string | null;
  testId: string;
  suite: string;
  name: string;
  owner: string | null;
  state: TestState;
  flakinessScore: number | null;
  timeLostSeconds: number;
  flakyRuns?: number;
  runs?: number;
  pipelinesBrokenAlone?: number;
}

/** `GET /api/v1/reports/weekly?format=json` (the fields the plugin reads). @public */
export interface WeeklyReport {
  week: string;
  start: string;
  end: string;
  complete: boolean;
  weeks: string[];
  headline: WeeklyHeadline[];
  ranking: WeeklyRanking[];
  topFlaky: WeeklyFlakyTest[];
  newFlaky: Array<{ owner: string | null; tests: WeeklyFlakyTest[] }>;
}

/** The pyramid's shares of tests in one week. @public */
export interface TrendPyramid {
  unit: number;
  integration: number;
  e2e: number;
  unknown: number;
}

/**
 * One ISO week of a subject's trends: its report as of the week's end (the current week: the
 * latest report, `complete: false`). Every number is `null` in a week without test results.
 * @public
 */
export interface TrendPoint {
  week: string;
  asOf: string;
  complete: boolean;
  grade: string | null;
  level: Level | null;
  tests: number | null;
  flakyTests: number | null;
  flakyRunRate: number | null;
  defaultBranchPassRate: number | null;
  timeLostToFlakesSeconds: number | null;
  prFeedbackP95Minutes: number | null;
  pyramid: TrendPyramid | null;
}

/** `GET /api/v1/components/{name}/trends` and `/teams/{name}/trends`. @public */
export interface Trends {
  kind: 'component' | 'team';
  ref: string;
  name: string;
  namespace: string;
  team: string | null;
  window: string;
  points: TrendPoint[];
}

/**
 * The `error` code of the collector's error bodies that the plugin acts on: a subject the
 * collector never heard of, one whose first reports are still being analysed, anything else
 * missing.
 * @public
 */
export type CollectorNotFoundCode =
  'unknown-component' | 'unknown-team' | 'no-report-yet' | 'not-found';
