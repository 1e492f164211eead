import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { CollectorUnavailableError, testHealthApiRef } from '../../api';
import { FakeTestHealthApi, weekly } from '../../__fixtures__';
import { TestHealthPage } from './TestHealthPage';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { rootRouteRef } from '../../routes';

const render = (api: FakeTestHealthApi) =>
  renderInTestApp(
    <TestApiProvider apis={[[testHealthApiRef, api]]}>
      <TestHealthPage />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/test-health': rootRouteRef,
      },
    },
  );

describe('TestHealthPage', () => {
  it('ranks the teams worst first, as catalog links, and shows the weekly review', async () => {
    await render(new FakeTestHealthApi());
    const shown = await screen.findAllByTestId('org-team');
    // teams.json: team-checkout D with 6 flaky, team-fulfilment D with 5, team-platform B.
    expect(shown.map(e => e.textContent)).toEqual([
      'team-checkout',
      'team-fulfilment',
      'team-platform',
    ]);
    expect(within(shown[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/team-checkout',
    );
    expect(
      screen.getByText(new RegExp(`Weekly review ${weekly.week}`)),
    ).toBeInTheDocument();
  });

  it('heads the page with the KPIs and their change since last week', async () => {
    await render(new FakeTestHealthApi());
    // weekly.json, Organisation: flaky 12 → 14, time lost 342.684 s → 587.996 s, pass rate
    // 95.59% → 95.44%.
    expect(await screen.findByTestId('kpi-flaky-tests')).toHaveTextContent('14');
    expect(screen.getByTestId('kpi-flaky-tests-change')).toHaveTextContent(
      '+2 since last week (worse)',
    );
    expect(screen.getByTestId('kpi-time-lost')).toHaveTextContent('10 min');
    expect(screen.getByTestId('kpi-pass-rate-change')).toHaveTextContent(
      '−0.2 points since last week (worse)',
    );
    // Each sparkline says its scale: flaky tests went 5, 11, 12, 14.
    expect(screen.getAllByTestId('sparkline-scale')[0]).toHaveTextContent(
      '145',
    );
  });

  it('links the flakiest tests of the week to their pages', async () => {
    await render(new FakeTestHealthApi());
    const links = await screen.findAllByTestId('test-link');
    expect(links[0]).toHaveAttribute(
      'href',
      `/test-health/tests/${weekly.topFlaky[0].testId}`,
    );
  });

  it('says how to upload when the collector has no data yet', async () => {
    await render(new FakeTestHealthApi({ teams: [] }));
    expect(await screen.findByText('No test results yet')).toBeInTheDocument();
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
