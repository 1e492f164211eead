import { screen } from '@testing-library/react';
import { rest } from 'msw';
import { setupServer } from 'msw/node';
import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  createExtensionTester,
  registerMswTestHooks,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import testHealthFrontendPlugin from './alpha';
import { flaky, scorecard, slowest, teams, weekly } from './__fixtures__';

// The app of these tests discovers the proxy under backend.baseUrl, as a real app does: the
// requests below reach the collector's API only through the plugin's own utility API extension.
const backend = 'http://backstage.test';
const collector = `${backend}/api/proxy/test-health/api/v1`;
const config = { backend: { baseUrl: backend } };
const server = setupServer();

const annotated: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-service',
    namespace: 'default',
    annotations: { 'testhealth.io/component': 'payments' },
  },
  spec: { type: 'service', owner: 'team-checkout' },
};
const plain: Entity = {
  ...annotated,
  metadata: { name: 'billing', namespace: 'default' },
};
const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-checkout', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

// The plugin is typed as any overridable plugin, so the data of its extensions is typed here.
type Tester = ReturnType<typeof createExtensionTester>;
const filterOf = (tester: Tester) =>
  tester.get(EntityContentBlueprint.dataRefs.filterFunction) as unknown as (
    entity: Entity,
  ) => boolean;
const cardFilterOf = (tester: Tester) =>
  tester.get(EntityCardBlueprint.dataRefs.filterFunction) as unknown as (
    entity: Entity,
  ) => boolean;

describe('Test Health in the new frontend system', () => {
  registerMswTestHooks(server);

  beforeEach(() => {
    server.use(
      rest.get(`${collector}/components/payments/scorecard`, (_req, res, ctx) =>
        res(ctx.json(scorecard)),
      ),
      rest.get(`${collector}/components/payments/tests`, (req, res, ctx) =>
        res(
          ctx.json(
            req.url.searchParams.get('state') === 'flaky' ? flaky : slowest,
          ),
        ),
      ),
      rest.get(
        `${collector}/components/payments/quarantine`,
        (_req, res, ctx) => res(ctx.json([])),
      ),
      rest.get(`${collector}/teams`, (_req, res, ctx) => res(ctx.json(teams))),
      rest.get(`${collector}/reports/weekly`, (_req, res, ctx) =>
        res(ctx.json(weekly)),
      ),
    );
  });

  it('serves the organisation page at /test-health through its own API extension', async () => {
    renderTestApp({
      features: [testHealthFrontendPlugin],
      config,
      initialRouteEntries: ['/test-health'],
    });
    const shown = await screen.findAllByTestId(
      'org-team',
      {},
      { timeout: 10000 },
    );
    expect(shown.map(e => e.textContent).sort()).toEqual(
      teams.map(t => t.name).sort(),
    );
    expect(
      screen.getByText(new RegExp(`Weekly review ${weekly.week}`)),
    ).toBeInTheDocument();
  });

  it('shows the Tests tab on annotated components only, at the path "tests"', () => {
    const tester = createExtensionTester(
      testHealthFrontendPlugin.getExtension('entity-content:test-health'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('tests');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Tests');
    const filter = filterOf(tester);
    expect(filter(annotated)).toBe(true);
    expect(filter(plain)).toBe(false);
    expect(filter(group)).toBe(false);
  });

  it('shows the tab on every component when the app configures its filter so', () => {
    // The configuration the plugin's README gives for apps that match components by name.
    const tester = createExtensionTester(
      testHealthFrontendPlugin.getExtension('entity-content:test-health'),
      { config: { filter: { kind: 'component' } } },
    );
    const filter = filterOf(tester);
    expect(filter(plain)).toBe(true);
    expect(filter(annotated)).toBe(true);
    expect(filter(group)).toBe(false);
  });

  it('renders the Tests tab with the grade and flaky tests the collector reports', async () => {
    const tester = createExtensionTester(
      testHealthFrontendPlugin.getExtension('entity-content:test-health'),
    );
    renderInTestApp(
      <EntityProvider entity={annotated}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        features: [testHealthFrontendPlugin],
        config,
      },
    );
    expect(
      await screen.findByTestId('flaky-count', {}, { timeout: 10000 }),
    ).toHaveTextContent(String(scorecard.metrics.flakyTests));
    const names = await screen.findAllByTestId('flaky-test-name');
    expect(names.map(n => n.textContent)).toEqual(flaky.tests.map(t => t.name));
  });

  it('offers the overview card for annotated components and the team tab for groups', () => {
    const card = createExtensionTester(
      testHealthFrontendPlugin.getExtension('entity-card:test-health'),
    );
    expect(cardFilterOf(card)(annotated)).toBe(true);
    expect(cardFilterOf(card)(plain)).toBe(false);
    const team = createExtensionTester(
      testHealthFrontendPlugin.getExtension('entity-content:test-health/team'),
    );
    expect(team.get(coreExtensionData.routePath)).toBe('test-health');
    expect(filterOf(team)(group)).toBe(true);
    expect(filterOf(team)(annotated)).toBe(false);
  });
});
