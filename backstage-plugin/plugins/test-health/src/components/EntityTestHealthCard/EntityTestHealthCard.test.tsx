import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
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
