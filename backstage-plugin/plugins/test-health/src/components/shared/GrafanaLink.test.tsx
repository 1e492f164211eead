import { screen } from '@testing-library/react';
import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { GrafanaLink, grafanaDashboardUrl } from './GrafanaLink';

describe('grafanaDashboardUrl', () => {
  it('opens the component dashboard on its namespace, team and name, with the way back to Backstage', () => {
    expect(
      grafanaDashboardUrl(
        'https://grafana.example/',
        {
          dashboard: 'component',
          component: 'component:default/payments',
          team: 'group:default/team-checkout',
        },
        'https://backstage.example',
      ),
    ).toBe(
      'https://grafana.example/d/testhealth-component?var-namespace=default&var-team=team-checkout' +
        '&var-component=payments&var-backstage=https%3A%2F%2Fbackstage.example',
    );
  });

  it('opens the team dashboard on the team name, and the organisation without variables', () => {
    expect(
      grafanaDashboardUrl('http://grafana:3000', {
        dashboard: 'team',
        team: 'group:shop/team-cart',
      }),
    ).toBe('http://grafana:3000/d/testhealth-team?var-team=team-cart');
    expect(
      grafanaDashboardUrl('http://grafana:3000', { dashboard: 'overview' }),
    ).toBe('http://grafana:3000/d/testhealth-overview');
  });

  it('gives no link without an http(s) base URL', () => {
    const team = { dashboard: 'team', team: 'group:default/a' } as const;
    expect(grafanaDashboardUrl(undefined, team)).toBeUndefined();
    expect(grafanaDashboardUrl('', team)).toBeUndefined();
    expect(grafanaDashboardUrl('ftp://grafana.example', team)).toBeUndefined();
  });
});

describe('GrafanaLink', () => {
  const target = {
    dashboard: 'team',
    team: 'group:default/team-checkout',
  } as const;

  it('links to the dashboard when Grafana is configured', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            configApiRef,
            mockApis.config({
              data: {
                testHealth: { grafana: { baseUrl: 'https://grafana.example' } },
              },
            }),
          ],
        ]}
      >
        <GrafanaLink target={target} what="checks over time" />
      </TestApiProvider>,
    );
    expect(screen.getByTestId('grafana-link')).toHaveAttribute(
      'href',
      'https://grafana.example/d/testhealth-team?var-team=team-checkout',
    );
  });

  it('shows nothing when Grafana is not configured', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[configApiRef, mockApis.config()]]}>
        <GrafanaLink target={target} what="checks over time" />
      </TestApiProvider>,
    );
    expect(screen.queryByTestId('grafana-link')).toBeNull();
  });
});
