import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { rootRouteRef } from '../../routes';
import { Entity } from '@backstage/catalog-model';
import {
  CollectorNotFoundError,
  CollectorUnavailableError,
  testHealthApiRef,
} from '../../api';
import { FakeTestHealthApi, scorecard } from '../../__fixtures__';
import { EntityTestHealthCard } from './EntityTestHealthCard';


const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments' },
  spec: {},
};

const render = (api: FakeTestHealthApi) =>
  renderInTestApp(
    <TestApiProvider apis={[[testHealthApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityTestHealthCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/test-health': rootRouteRef,
      },
    },
  );

describe('EntityTestHealthCard', () => {
  it('shows grade, flaky count and pyramid at a glance', async () => {
    await render(new FakeTestHealthApi());
    expect(await screen.findByTestId('card-flaky-count')).toHaveTextContent(
      String(scorecard.metrics.flakyTests),
    );
    expect(screen.getByTestId('grade')).toHaveTextContent(scorecard.grade);
    expect(
      screen.getByRole('img', { name: /Test pyramid/ }),
    ).toBeInTheDocument();
  });

  it("links to the component's Tests tab and says the CI time lost", async () => {
    await render(new FakeTestHealthApi());
    await screen.findByTestId('card-flaky-count');
    expect(
      screen.getByRole('link', { name: /See every test and check/ }),
    ).toHaveAttribute('href', '/catalog/default/component/payments/tests');
    // scorecard.json: 383.119 s = 6.39 min over 209 job runs.
    expect(screen.getByTestId('card-time-lost')).toHaveTextContent(
      '6 min of CI lost to them in 209 job runs',
    );
  });

  it('says in a few words that the collector has no results for the component', async () => {
    await render(
      new FakeTestHealthApi({
        error: new CollectorNotFoundError(
          'component component:default/payments has no test results yet.',
        ),
      }),
    );
    expect(await screen.findByTestId('card-no-results')).toHaveTextContent(
      'No test results for "payments" yet',
    );
    expect(screen.getByText(/has no test results yet/)).toBeInTheDocument();
    expect(screen.queryByText(/curl -X POST/)).not.toBeInTheDocument();
  });

  it('says what to configure when the collector is unreachable', async () => {
    await render(
      new FakeTestHealthApi({
        error: new CollectorUnavailableError(
          'refused',
          'unreachable',
          'http://x',
        ),
      }),
    );
    expect(
      await screen.findByText(/The Test Health collector is unreachable/),
    ).toBeInTheDocument();
  });
});
