import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Entity } from '@backstage/catalog-model';
import {
  testHealthApiRef,
  CollectorNotFoundError,
  CollectorUnavailableError,
} from '../../api';
import {
  FakeTestHealthApi,
  flaky,
  integrations,
  scorecard,
  teams,
  trends,
} from '../../__fixtures__';
import { EntityTestHealthContent } from './EntityTestHealthContent';
import { rootRouteRef } from '../../routes';
import { splitExplanation } from '../shared/plainWords';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-service',
    annotations: { 'testhealth.io/component': 'payments' },
  },
  spec: {},
};

function render(
  api: FakeTestHealthApi,
  permission:
    AuthorizeResult.ALLOW | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [testHealthApiRef, api],
        [
          identityApiRef,
          mockApis.identity({ userEntityRef: 'user:default/jo' }),
        ],
        [permissionApiRef, mockApis.permission({ authorize: permission })],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityTestHealthContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/test-health': rootRouteRef,
      },
    },
  );
}

describe('EntityTestHealthContent', () => {
  it('shows grade, level, the ten checks and the flaky tests by impact', async () => {
    await render(new FakeTestHealthApi());
    expect(await screen.findByTestId('summary')).toHaveTextContent(
      scorecard.summary,
    );
    expect(screen.getAllByTestId('grade')[0]).toHaveTextContent(
      scorecard.grade,
    );
    expect(screen.getByTestId('flaky-count')).toHaveTextContent(
      String(scorecard.metrics.flakyTests),
    );
    for (const check of scorecard.checks) {
      expect(screen.getAllByText(check.name).length).toBeGreaterThan(0);
      expect(
        screen.getAllByText(splitExplanation(check.explanation).sentence)
          .length,
      ).toBeGreaterThan(0);
    }
    expect(
      screen.getAllByTestId('flaky-test-name').map(e => e.textContent),
    ).toEqual(flaky.tests.map(t => t.name));
    expect(
      screen.getByText(`Flaky tests, most costly first (${flaky.total})`),
    ).toBeInTheDocument();
  });

  it("shows the component's integration map from trace data", async () => {
    await render(new FakeTestHealthApi());
    // integrations.json: payments calls PostgreSQL (its 40 integration tests), fraud-check (5 of
    // them) and Kafka (staging only); checkout-web calls it (staging only): 4 edges, 2 untested,
    // 40 distinct tests; no contract test: 0 of 4, service edges 0 of 2.
    expect(await screen.findByTestId('integration-summary')).toHaveTextContent(
      '4 integration edges seen in trace data, 2 untested; 40 tests exercise them.',
    );
    expect(screen.getByTestId('contract-coverage')).toHaveTextContent(
      '0 of 4 edges covered by a contract test (0%); service-to-service: 0 of 2 (0%).',
    );
    expect(
      screen.getAllByTestId('integration-peer').map(e => e.textContent),
    ).toEqual(['checkout-web', 'postgresql', 'kafka', 'fraud-check']);
    expect(screen.getAllByTestId('edge-test')).toHaveLength(
      integrations.edges.reduce((n, e) => n + e.tests.length, 0),
    );
  });

  it('lists failing checks first and says what happened before any threshold', async () => {
    await render(new FakeTestHealthApi());
    await screen.findByTestId('summary');
    // scorecard.json: 3 checks fail (flaky-run rate, pipelines broken by flakes, default-branch
    // pass rate; 2nd to 4th in its order): they come first.
    const failing = scorecard.checks.filter(c => c.status === 'fail');
    const sentences = screen
      .getAllByTestId('check-sentence')
      .map(e => e.textContent);
    expect(failing).toHaveLength(3);
    expect(sentences.slice(0, failing.length)).toEqual(
      failing.map(c => splitExplanation(c.explanation).sentence),
    );
    expect(sentences[0]).toBe(
      '32 of 209 job runs had a flaky test run (15.3%).',
    );
    expect(screen.getAllByTestId('check-items')[0]).toHaveTextContent(
      '5 listed, more not shown',
    );
  });

  it('says the CI time lost in CI units with the job runs it comes from', async () => {
    await render(new FakeTestHealthApi());
    await screen.findByTestId('summary');
    // scorecard.json: timeLostToFlakesSeconds 383.119 s = 6.39 min, over 209 job runs.
    expect(screen.getByTestId('time-lost')).toHaveTextContent(/^6 min$/);
    expect(screen.getByTestId('time-lost').parentElement).toHaveTextContent(
      'CI time lost to flaky tests 6 min in 209 job runs',
    );
  });

  it('links each flaky test to its page and its owner to the catalog', async () => {
    await render(new FakeTestHealthApi());
    const names = await screen.findAllByTestId('flaky-test-name');
    expect(within(names[0]).getByRole('link')).toHaveAttribute(
      'href',
      `/test-health/tests/${flaky.tests[0].testId}`,
    );
    const row = names[0].closest('tr')!;
    expect(
      within(row)
        .getAllByRole('link')
        .map(a => a.getAttribute('href')),
    ).toContain('/catalog/default/group/team-checkout');
  });

  it('marks a check with insufficient data', async () => {
    const checks = scorecard.checks.map(c =>
      c.id === 'pr-feedback-time'
        ? {
            ...c,
            value: null,
            status: 'insufficient_data' as const,
            explanation:
              'Insufficient data: 12 runs with a known wall time; 20 are needed.',
          }
        : { ...c, status: 'pass' as const },
    );
    await render(
      new FakeTestHealthApi({ scorecard: { ...scorecard, checks } }),
    );
    await screen.findByTestId('summary');
    expect(screen.getAllByText('insufficient data')).toHaveLength(1);
    expect(
      screen.getByText(
        'Insufficient data: 12 runs with a known wall time; 20 are needed.',
      ),
    ).toBeInTheDocument();
  });

  it('draws the pyramid against the target profile with the unclassified tests', async () => {
    await render(new FakeTestHealthApi());
    await screen.findByTestId('summary');
    expect(
      screen.getByRole('img', { name: /Test pyramid: E2E/ }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('pyramid-unknown')).toHaveTextContent(
      `${scorecard.pyramid.unknown.tests} of`,
    );
    expect(screen.getByText(/dashed: target profile/)).toHaveTextContent(
      scorecard.pyramid.profile.name,
    );
  });

  it('quarantines a flaky test with reason, ticket and expiry', async () => {
    const api = new FakeTestHealthApi();
    await render(api);
    const first = flaky.tests[0];
    const row = (await screen.findAllByTestId('flaky-test-name'))[0].closest(
      'tr',
    )!;
    await userEvent.click(
      within(row).getByRole('button', { name: 'Quarantine' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByTestId('quarantine-reason'),
      'times out on CI',
    );
    await userEvent.type(
      within(dialog).getByTestId('quarantine-ticket'),
      'PAY-1',
    );
    await userEvent.clear(within(dialog).getByTestId('quarantine-expires'));
    await userEvent.type(
      within(dialog).getByTestId('quarantine-expires'),
      '2030-01-31',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Quarantine' }),
    );
    await waitFor(() => expect(api.quarantineCalls).toHaveLength(1));
    expect(api.quarantineCalls[0]).toEqual({
      testId: first.testId,
      request: {
        by: 'user:default/jo',
        reason: 'times out on CI',
        ticket: 'PAY-1',
        expiresAt: '2030-01-31T23:59:59Z',
      },
    });
    expect(await screen.findByTestId('quarantine-state')).toHaveTextContent(
      'quarantined',
    );
  }, 30_000);

  it('releases a quarantined test', async () => {
    const api = new FakeTestHealthApi();
    await api.quarantineTest(flaky.tests[0].testId, {
      by: 'u',
      reason: 'r',
      ticket: 't',
      expiresAt: null,
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Release' }),
    );
    await waitFor(() =>
      expect(api.releaseCalls).toEqual([flaky.tests[0].testId]),
    );
    await waitFor(() =>
      expect(screen.queryByTestId('quarantine-state')).not.toBeInTheDocument(),
    );
  }, 30_000);

  it("shows the component's own weekly trends, a grade per week", async () => {
    await render(new FakeTestHealthApi());
    const grades = await screen.findByTestId('trend-grades');
    expect(grades).toHaveTextContent(
      trends.points.map(p => p.grade ?? '–').join(' → '),
    );
    expect(
      within(screen.getByRole('table', { name: 'trends' })).getByText(
        'PR feedback p95',
      ),
    ).toBeInTheDocument();
  });

  it('says the first uploads are being analysed, then shows the report without a reload', async () => {
    const api = new FakeTestHealthApi({ analysing: 2 });
    await render(api);
    expect(
      await screen.findByText(
        'Analysing the first uploads of component "payments"',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByTestId('summary', {}, { timeout: 5000 }),
    ).toHaveTextContent(scorecard.summary);
    expect(api.scorecardCalls).toBe(3);
    expect(await screen.findByTestId('trend-grades')).toHaveTextContent(
      trends.points.map(p => p.grade ?? '–').join(' → '),
    );
  });

  it('shows a progress bar while loading', async () => {
    await render(new FakeTestHealthApi({ pending: true }));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says how to upload when the collector has no results yet', async () => {
    await render(
      new FakeTestHealthApi({
        error: new CollectorNotFoundError(
          'component component:default/payments has no test results yet.',
        ),
      }),
    );
    expect(
      await screen.findByText('No test results for component "payments" yet'),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText(/uploads\?component=payments/).length,
    ).toBeGreaterThan(0);
  });

  it('says the component is unknown to the collector and lists the known ones', async () => {
    await render(
      new FakeTestHealthApi({
        error: new CollectorNotFoundError('no results.'),
        components: teams.map(t => ({ ...t, name: `${t.name}-svc` })),
      }),
    );
    expect(
      await screen.findByText(
        'The collector does not know component "payments"',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/team-checkout-svc/)).toBeInTheDocument();
  });

  it('says what to configure when the collector is unreachable', async () => {
    await render(
      new FakeTestHealthApi({
        error: new CollectorUnavailableError(
          'connection refused',
          'unreachable',
          'http://x',
        ),
      }),
    );
    expect(
      await screen.findByText(/The Test Health collector is unreachable/),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/proxy.endpoints/).length).toBeGreaterThan(0);
  });

  it('says what to configure when the proxy is misconfigured', async () => {
    await render(
      new FakeTestHealthApi({
        error: new CollectorUnavailableError(
          'HTML',
          'misconfigured',
          'http://x',
        ),
      }),
    );
    expect(
      await screen.findByText(/The Test Health proxy is misconfigured/),
    ).toBeInTheDocument();
  });
});
