import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { TestDetail } from '@testhealth/backstage-plugin-test-health-common';
import { CollectorNotFoundError, testHealthApiRef } from '../../api';
import { FakeTestHealthApi } from '../../__fixtures__';
import { TestPage } from './TestPage';
import { entityRouteRef } from '@backstage/plugin-catalog-react';

const attempt = (number: number, status: string) => ({
  number,
  status,
  durationSeconds: 2,
  failureType: status === 'failed' ? 'java.lang.AssertionError' : '',
  failureMessage: status === 'failed' ? 'expected 3 items but was 2' : '',
});

/** A flaky test of `payments`: 3 runs on main (one flaky), 1 failed run on a feature branch. */
const detail: TestDetail = {
  component: 'component:default/payments',
  team: 'group:default/team-checkout',
  window: '28d',
  test: {
    testId: 'cafe0001',
    suite: 'com.acme.payments.CartTest',
    name: 'totalIncludesTax',
    layer: 'integration',
    layerSource: 'naming',
    state: 'flaky',
    reasons: [
      'passed on retry in 1 runs, last in pipeline 103',
      'score 20.0% (95% interval 3.0% to 55.0%) from 1 flaky of 4 runs',
    ],
    flakinessScore: 0.2,
    lower: 0.03,
    upper: 0.55,
    flakyRuns: 1,
    runs: 4,
    failedRuns: 1,
    timeLostSeconds: 5400,
    pipelinesBrokenAlone: 0,
    p50Seconds: 2,
    p95Seconds: 4.5,
    footprintSeconds: 10.5,
    lastRunAt: '2026-12-04T10:00:00Z',
    lastFlakyAt: '2026-12-03T10:00:00Z',
    owner: 'group:default/team-checkout',
    quarantined: true,
    durationRegression: null,
  },
  runs: [
    {
      runId: 'r4',
      pipeline: '104',
      job: 'it',
      attempt: 1,
      environment: '',
      branch: 'feature/tax',
      commit: 'dddd4444aaaa',
      startedAt: '2026-12-04T10:00:00Z',
      runUrl: 'https://ci.example/runs/104',
      invocation: '',
      outcome: 'failed',
      durationSeconds: 2,
      costSeconds: 2,
      failureType: 'java.lang.AssertionError',
      failureMessage: 'expected 3 items but was 2',
      attempts: [attempt(1, 'failed')],
    },
    {
      runId: 'r3',
      pipeline: '103',
      job: 'it',
      attempt: 1,
      environment: '',
      branch: 'main',
      commit: 'cccc3333aaaa',
      startedAt: '2026-12-03T10:00:00Z',
      runUrl: 'https://ci.example/runs/103',
      invocation: '',
      outcome: 'flaky',
      durationSeconds: 2,
      costSeconds: 4.5,
      failureType: 'java.lang.AssertionError',
      failureMessage: 'expected 3 items but was 2',
      attempts: [attempt(1, 'failed'), attempt(2, 'passed')],
    },
    {
      runId: 'r2',
      pipeline: '102',
      job: 'it',
      attempt: 1,
      environment: '',
      branch: 'main',
      commit: 'bbbb2222aaaa',
      startedAt: '2026-12-02T10:00:00Z',
      runUrl: '',
      invocation: '',
      outcome: 'passed',
      durationSeconds: 2,
      costSeconds: 2,
      failureType: '',
      failureMessage: '',
      attempts: [attempt(1, 'passed')],
    },
    {
      runId: 'r1',
      pipeline: '101',
      job: 'it',
      attempt: 1,
      environment: '',
      branch: 'main',
      commit: 'aaaa1111aaaa',
      startedAt: '2026-12-01T10:00:00Z',
      runUrl: 'https://ci.example/runs/101',
      invocation: '',
      outcome: 'passed',
      durationSeconds: 2,
      costSeconds: 2,
      failureType: '',
      failureMessage: '',
      attempts: [attempt(1, 'passed')],
    },
  ],
  failureGroups: [
    {
      fingerprint: 'f00d',
      type: 'java.lang.AssertionError',
      message: 'expected 3 items but was 2',
      failures: 2,
      firstSeen: '2026-12-03T10:00:00Z',
      lastSeen: '2026-12-04T10:00:00Z',
      latestRunId: 'r4',
      latestRunUrl: 'https://ci.example/runs/104',
      latestTrace:
        'java.lang.AssertionError: expected 3 items but was 2\n\tat com.acme.Cart.total(Cart.java:10)\n\tat com.acme.CartTest.totalIncludesTax(CartTest.java:20)',
    },
  ],
  quarantineHistory: [
    {
      action: 'quarantined',
      by: 'user:default/bob',
      reason: 'times out',
      ticket: '',
      expiresAt: null,
      at: '2026-11-20T09:00:00Z',
    },
    {
      action: 'released',
      by: '',
      reason: '',
      ticket: '',
      expiresAt: null,
      at: '2026-11-25T09:00:00Z',
    },
    {
      action: 'quarantined',
      by: 'user:default/ann',
      reason: 'fails on CI only',
      ticket: 'PAY-7',
      expiresAt: '2026-12-31T23:59:59Z',
      at: '2026-12-04T12:00:00Z',
    },
  ],
  quarantine: {
    component: 'component:default/payments',
    testId: 'cafe0001',
    suite: 'com.acme.payments.CartTest',
    name: 'totalIncludesTax',
    by: 'user:default/ann',
    reason: 'fails on CI only',
    ticket: 'PAY-7',
    expiresAt: '2026-12-31T23:59:59Z',
    createdAt: '2026-12-04T12:00:00Z',
    expired: false,
  },
};

class DetailApi extends FakeTestHealthApi {
  asked: string[] = [];
  constructor(private readonly given?: TestDetail) {
    super();
  }
  getTest(testId: string) {
    this.asked.push(testId);
    return this.given
      ? Promise.resolve(this.given)
      : Promise.reject(
          new CollectorNotFoundError(
            `no test with id ${testId} ran in the analysis window`,
            'not-found',
          ),
        );
  }
}

function render(api: DetailApi, testId: string) {
  return renderInTestApp(
    <TestApiProvider apis={[[testHealthApiRef, api]]}>
      <Routes>
        <Route path="/tests/:testId" element={<TestPage />} />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [`/tests/${testId}`],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('TestPage', () => {
  it('says what happened in words, with the time lost and the runs it comes from', async () => {
    const api = new DetailApi(detail);
    await render(api, 'cafe0001');
    expect(api.asked).toEqual(['cafe0001']);
    expect(await screen.findByTestId('test-what-happened')).toHaveTextContent(
      'Failed, then passed on a re-run of the same commit, once in 28 days (4 runs).',
    );
    // 5400 s = 1.5 h, in 1 flaky + 1 failed run.
    expect(screen.getByTestId('test-time-lost')).toHaveTextContent(
      'CI time lost: 1.5 CI h in 2 runs',
    );
    expect(screen.getByTestId('test-layer')).toHaveTextContent(
      'Layer integration, from a naming convention (*IT, e2e package)',
    );
    expect(screen.getByTestId('test-durations')).toHaveTextContent(
      'Median 2.0 s · p95 4.5 s · 10.5 s of CI over 4 runs',
    );
  });

  it('draws the runs by branch, oldest first, each linking to its CI run', async () => {
    await render(new DetailApi(detail), 'cafe0001');
    await screen.findByTestId('test-what-happened');
    const cells = screen.getAllByTestId('timeline-run');
    // Lane of the latest run first: feature/tax (r4), then main oldest first (r1, r2, r3).
    expect(cells.map(c => c.getAttribute('data-outcome'))).toEqual([
      'failed',
      'passed',
      'passed',
      'flaky',
    ]);
    expect(cells[3].closest('a')).toHaveAttribute(
      'href',
      'https://ci.example/runs/103',
    );
    expect(cells[2].closest('a')).toBeNull(); // r2 has no run URL
    expect(
      screen.getAllByTestId('run-link').map(a => a.getAttribute('href')),
    ).toEqual([
      'https://ci.example/runs/104',
      'https://ci.example/runs/103',
      'https://ci.example/runs/101',
    ]);
  });

  it('filters the runs by branch', async () => {
    await render(new DetailApi(detail), 'cafe0001');
    await screen.findByTestId('test-what-happened');
    expect(screen.getAllByTestId('run-outcome')).toHaveLength(4);
    await userEvent.click(
      within(screen.getByTestId('branch-filter')).getByRole('button'),
    );
    await userEvent.click(screen.getByRole('option', { name: 'feature/tax' }));
    expect(
      screen.getAllByTestId('run-outcome').map(e => e.textContent),
    ).toEqual(['failed']);
  });

  it('groups failures by cause and shows the quarantine with its author as a catalog link', async () => {
    await render(new DetailApi(detail), 'cafe0001');
    await screen.findByTestId('test-what-happened');
    expect(screen.getByTestId('failure-message')).toHaveTextContent(
      'expected 3 items but was 2',
    );
    expect(screen.getByTestId('failure-count')).toHaveTextContent('2');
    expect(screen.getByTestId('test-quarantine')).toHaveTextContent(
      'Quarantined since 2026-12-04 12:00 by ann: fails on CI only (PAY-7), until 2026-12-31.',
    );
    expect(
      within(screen.getByTestId('test-owner')).getByRole('link'),
    ).toHaveAttribute('href', '/catalog/default/group/team-checkout');
    expect(
      within(screen.getByTestId('test-component')).getByRole('link'),
    ).toHaveAttribute('href', '/catalog/default/component/payments');
  });

  it('links the pipeline a reason names to its CI run', async () => {
    await render(new DetailApi(detail), 'cafe0001');
    await screen.findByTestId('test-what-happened');
    const link = within(screen.getAllByTestId('test-reason')[0]).getByTestId('pipeline-link');
    expect(link).toHaveTextContent('pipeline 103');
    expect(link).toHaveAttribute('href', 'https://ci.example/runs/103');
  });

  it('folds the latest stack trace under its cause, with its frame count', async () => {
    await render(new DetailApi(detail), 'cafe0001');
    await screen.findByTestId('test-what-happened');
    const trace = screen.getByTestId('failure-trace');
    expect(trace.tagName).toBe('DETAILS');
    expect(trace).not.toHaveAttribute('open');
    expect(within(trace).getByText('Latest stack trace (2 frames)')).toBeInTheDocument();
    expect(screen.getByTestId('failure-trace-text').textContent).toBe(
      'java.lang.AssertionError: expected 3 items but was 2\n\tat com.acme.Cart.total(Cart.java:10)\n\tat com.acme.CartTest.totalIncludesTax(CartTest.java:20)',
    );
  });

  it('says when a cause has no stack trace', async () => {
    const withoutTrace: TestDetail = {
      ...detail,
      failureGroups: [{ ...detail.failureGroups![0], latestTrace: '' }],
    };
    await render(new DetailApi(withoutTrace), 'cafe0001');
    await screen.findByTestId('test-what-happened');
    expect(screen.queryByTestId('failure-trace')).toBeNull();
    expect(screen.getByText('No stack trace in its reports.')).toBeInTheDocument();
  });

  it('lists the quarantine history newest first, with who, why, ticket and end', async () => {
    await render(new DetailApi(detail), 'cafe0001');
    await screen.findByTestId('test-what-happened');
    expect(
      screen.getAllByTestId('quarantine-event').map(e => e.textContent),
    ).toEqual([
      '2026-12-04 12:00 · Quarantined by annfails on CI only · ticket PAY-7 · until 2026-12-31',
      '2026-11-25 09:00 · Released (by whom not recorded)',
      '2026-11-20 09:00 · Quarantined by bobtimes out · no ticket · no end date',
    ]);
  });

  it('says a test was never quarantined', async () => {
    await render(
      new DetailApi({ ...detail, quarantine: null, quarantineHistory: [] }),
      'cafe0001',
    );
    await screen.findByTestId('test-what-happened');
    expect(screen.getByTestId('quarantine-history-empty')).toHaveTextContent(
      'Never quarantined.',
    );
  });

  it('says the layer is not observed when no trace data names the test', async () => {
    await render(new DetailApi({ ...detail, observed: null }), 'cafe0001');
    expect(await screen.findByTestId('test-observed-layer')).toHaveTextContent(
      'Observed layer not observed, no trace data for this test',
    );
    expect(screen.queryByTestId('test-layer-disagrees')).toBeNull();
  });

  it('shows the observed layer beside the declared one, and says when they disagree', async () => {
    await render(
      new DetailApi({
        ...detail,
        observed: {
          layer: 'e2e',
          runs: 3,
          edges: 2,
          evidence: ['database postgresql', 'calls service fraud-check'],
          lastObservedAt: '2026-12-04T10:00:00Z',
        },
      }),
      'cafe0001',
    );
    expect(await screen.findByTestId('test-observed-layer')).toHaveTextContent(
      'Observed layer e2e, from the trace data of 3 runs and 2 integration edges: database postgresql, calls service fraud-check',
    );
    // declared integration (naming), observed e2e
    expect(screen.getByTestId('test-layer-disagrees')).toHaveTextContent(
      'declared integration, observed e2e',
    );
  });

  it('does not call an unknown observation a disagreement', async () => {
    await render(
      new DetailApi({
        ...detail,
        observed: {
          layer: 'unknown',
          runs: 1,
          edges: 0,
          evidence: [],
          lastObservedAt: '2026-12-04T10:00:00Z',
        },
      }),
      'cafe0001',
    );
    expect(await screen.findByTestId('test-observed-layer')).toHaveTextContent(
      'Observed layer unknown, from the trace data of 1 run: its spans show no call, and nothing says its calls would have been recorded',
    );
    expect(screen.queryByTestId('test-layer-disagrees')).toBeNull();
  });

  it('says when the collector knows no such test', async () => {
    await render(new DetailApi(), 'nope');
    expect(
      await screen.findByText(/No such test in the analysis window/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('no test with id nope ran in the analysis window'),
    ).toBeInTheDocument();
  });
});
