import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  CatalogApi,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { Integrations } from '@testhealth/backstage-plugin-test-health-common';
import { testHealthApiRef } from '../../api';
import { FakeTestHealthApi } from '../../__fixtures__';
import { CatalogRefsProvider } from '../shared/links';
import { IntegrationMapCard } from './IntegrationMap';

const edgeTest = (
  testId: string,
  name: string,
  over: Partial<Integrations['edges'][0]['tests'][0]> = {},
) => ({
  component: 'component:default/payments',
  testId,
  suite: 'com.acme.payments.PaymentsRepositoryIT',
  name,
  observedLayer: 'integration' as const,
  layer: 'integration' as const,
  state: 'healthy' as const,
  lastStatus: 'passed',
  contract: null,
  lastSeenAt: '2026-12-04T10:00:00Z',
  ...over,
});

/**
 * payments calls PostgreSQL (7 tests: 5 shown, 2 folded), fraud-check (one test, observed e2e
 * while declared integration; also seen in staging) and Kafka (staging only); checkout-web calls
 * payments (staging only); a Pact test covers payments → ledger.
 */
const map: Integrations = {
  component: 'component:default/payments',
  edges: [
    {
      caller: 'checkout-web',
      kind: 'service',
      target: 'payments',
      protocols: ['http'],
      tested: false,
      hasContract: false,
      observedIn: ['staging'],
      lastSeenAt: '2026-12-04T09:00:00Z',
      tests: [],
    },
    {
      caller: 'payments',
      kind: 'database',
      target: 'postgresql',
      protocols: ['postgresql'],
      tested: true,
      hasContract: false,
      observedIn: ['staging'],
      lastSeenAt: '2026-12-04T10:00:00Z',
      tests: [1, 2, 3, 4, 5, 6, 7].map(i =>
        edgeTest(`db${i}`, `persistsCharge${i}`),
      ),
    },
    {
      caller: 'payments',
      kind: 'messaging',
      target: 'kafka',
      protocols: ['kafka'],
      tested: false,
      hasContract: false,
      observedIn: ['staging'],
      lastSeenAt: '2026-12-04T09:00:00Z',
      tests: [],
    },
    {
      caller: 'payments',
      kind: 'service',
      target: 'fraud-check',
      protocols: ['http'],
      tested: true,
      hasContract: false,
      observedIn: ['staging'],
      lastSeenAt: '2026-12-04T10:00:00Z',
      tests: [
        edgeTest('fc1', 'persistsCharge1', {
          observedLayer: 'e2e',
          state: 'flaky',
          lastStatus: 'failed',
        }),
      ],
    },
    {
      caller: 'payments',
      kind: 'service',
      target: 'ledger',
      protocols: ['http', 'pact'],
      tested: true,
      hasContract: true,
      observedIn: [],
      lastSeenAt: '2026-12-04T10:00:00Z',
      tests: [
        edgeTest('pact1', 'recordsCharge', {
          suite: 'com.acme.payments.LedgerPactTest',
          contract: 'pact',
        }),
      ],
    },
  ],
  untestedIntegrationPoints: 2,
  contractCoverage: {
    edges: 5,
    edgesWithContract: 1,
    share: 0.2,
    serviceEdges: 3,
    serviceEdgesWithContract: 1,
    serviceShare: 1 / 3,
  },
};

class MapApi extends FakeTestHealthApi {
  constructor(private readonly given: Integrations) {
    super();
  }
  getComponentIntegrations() {
    return Promise.resolve(this.given);
  }
}

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
});

/** The catalog knows checkout-web (by its name) and nothing called fraud-check or ledger. */
const catalogApi = {
  getEntities: async () => ({
    items: [entity('checkout-web'), entity('payments-service')],
  }),
} as unknown as CatalogApi;

function render(integrations: Integrations) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [testHealthApiRef, new MapApi(integrations)],
        [catalogApiRef, catalogApi],
      ]}
    >
      <CatalogRefsProvider>
        <IntegrationMapCard
          subject={{ name: 'payments', namespace: 'default' }}
        />
      </CatalogRefsProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('IntegrationMapCard', () => {
  it('lists each edge with its other end, untested ones and missing contracts marked', async () => {
    await render(map);
    expect(await screen.findByTestId('integration-summary')).toHaveTextContent(
      // 7 database tests + fc1 + pact1 = 9 distinct tests
      '5 integration edges seen in trace data, 2 untested; 9 tests exercise them.',
    );
    expect(screen.getByTestId('contract-coverage')).toHaveTextContent(
      '1 of 5 edges covered by a contract test (20%); service-to-service: 1 of 3 (33%).',
    );
    expect(
      screen.getAllByTestId('integration-peer').map(e => e.textContent),
    ).toEqual(['checkout-web', 'postgresql', 'kafka', 'fraud-check', 'ledger']);
    const rows = screen
      .getAllByTestId('integration-peer')
      .map(p => p.closest('tr')!);
    expect(within(rows[0]).getByTestId('edge-warning')).toHaveTextContent(
      'Untested: no test exercised it; only seen in staging.',
    );
    expect(within(rows[1]).queryByTestId('edge-warning')).toBeNull();
    expect(within(rows[1]).getByTestId('edge-contract')).toHaveTextContent(
      'none (a database has no consumer contract)',
    );
    expect(within(rows[3]).getByTestId('edge-warning')).toHaveTextContent(
      'No contract test covers it.',
    );
    expect(within(rows[4]).getByTestId('edge-contract')).toHaveTextContent(
      'pact',
    );
    expect(within(rows[4]).queryByTestId('edge-warning')).toBeNull();
  });

  it('links a peer the catalog knows to its entity, and leaves the others as text', async () => {
    await render(map);
    const peers = await screen.findAllByTestId('integration-peer');
    expect(await within(peers[0]).findByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout-web',
    );
    expect(within(peers[3]).queryByRole('link')).toBeNull();
    expect(within(peers[1]).queryByRole('link')).toBeNull();
  });

  it("shows each edge's tests with their layer, observed layer and state, linked to their pages", async () => {
    await render(map);
    const peers = await screen.findAllByTestId('integration-peer');
    const fraud = peers[3].closest('tr')!;
    const line = within(fraud).getByTestId('edge-test');
    expect(line).toHaveTextContent(
      'com.acme.payments.PaymentsRepositoryIT · integration (observed e2e) · flaky · last failed',
    );
    expect(within(line).getByRole('link')).toHaveAttribute(
      'href',
      '/test-health/tests/fc1',
    );
    // 7 tests on the database edge: 5 shown, 2 folded behind "2 more"
    const db = peers[1].closest('tr')!;
    expect(within(db).getAllByTestId('edge-test')).toHaveLength(7);
    expect(within(db).getByText('2 more')).toBeInTheDocument();
    expect(
      within(peers[4].closest('tr')!).getByText('contract: pact'),
    ).toBeInTheDocument();
  });

  it('says in plain words how to send traces when there is no edge', async () => {
    await render({
      ...map,
      edges: [],
      untestedIntegrationPoints: 0,
      contractCoverage: {
        edges: 0,
        edgesWithContract: 0,
        share: null,
        serviceEdges: 0,
        serviceEdgesWithContract: 0,
        serviceShare: null,
      },
    });
    expect(await screen.findByTestId('integrations-empty')).toHaveTextContent(
      'No trace data for payments yet: export its tests\' OpenTelemetry spans to the collector\'s /v1/traces with OTEL_SERVICE_NAME=payments (README, "Sending test traces").',
    );
  });
});
