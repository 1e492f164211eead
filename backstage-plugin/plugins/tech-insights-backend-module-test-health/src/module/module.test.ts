import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  FactRetriever,
  FactRetrieverContext,
  techInsightsFactRetrieversExtensionPoint,
} from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import {
  Scorecard,
  SubjectSummary,
} from '@testhealth/backstage-plugin-test-health-common';
import testHealthModule from '..';
import {
  CollectorProcess,
  startDemoCollector,
} from '@internal/test-health-collector-testing';

const component = (name: string, annotation?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: annotation
      ? { 'testhealth.io/component': annotation }
      : undefined,
  },
  spec: { type: 'service', owner: 'team-checkout', lifecycle: 'production' },
});

describe('techInsightsModuleTestHealth', () => {
  let collector: CollectorProcess;

  beforeAll(async () => {
    // The demo history loads in 1–2 min on a quiet machine, several on a busy one.
    collector = await startDemoCollector({ timeoutMs: 540_000 });
    // Facts and scorecards are compared: both must come from the demo's final reports.
    await collector.settled();
  }, 600_000);

  afterAll(async () => {
    await collector?.stop();
  }, 60_000);

  it("publishes each component's facts as the collector computes them", async () => {
    const retrievers: FactRetriever[] = [];
    let context: FactRetrieverContext | undefined;
    // Stands in for the Tech Insights backend: takes the retrievers from the extension point.
    const techInsights = createBackendPlugin({
      pluginId: 'tech-insights',
      register(env) {
        env.registerExtensionPoint(techInsightsFactRetrieversExtensionPoint, {
          addFactRetrievers(added) {
            retrievers.push(...Object.values(added));
          },
        });
        env.registerInit({
          deps: {
            config: coreServices.rootConfig,
            discovery: coreServices.discovery,
            logger: coreServices.logger,
            auth: coreServices.auth,
            urlReader: coreServices.urlReader,
          },
          async init(deps) {
            context = deps;
          },
        });
      },
    });

    await startTestBackend({
      features: [
        techInsights,
        // the default export, as `backend.add(import('...'))` takes it
        testHealthModule,
        catalogServiceMock.factory({
          entities: [
            component('payments-service', 'payments'),
            component('inventory'),
            component('billing'),
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'team-checkout', namespace: 'default' },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: { testHealth: { collector: { baseUrl: collector.baseUrl } } },
        }),
      ],
    });

    expect(retrievers.map(r => r.id)).toEqual([
      'testHealthFactRetriever',
      'testHealthTeamFactRetriever',
    ]);
    const [retriever] = retrievers;
    const facts = await retriever.handler({
      ...context!,
      entityFilter: retriever.entityFilter,
    });

    // billing is unknown to the collector: no facts.
    expect(facts.map(f => f.entity.name).sort()).toEqual([
      'inventory',
      'payments-service',
    ]);

    for (const [entityName, collectorName] of [
      ['payments-service', 'payments'],
      ['inventory', 'inventory'],
    ]) {
      const sc = (await (
        await fetch(
          `${collector.baseUrl}/api/v1/components/${collectorName}/scorecard`,
        )
      ).json()) as Scorecard;
      const fact = facts.find(f => f.entity.name === entityName)!;
      expect(fact.entity).toEqual({
        kind: 'Component',
        namespace: 'default',
        name: entityName,
      });
      expect(fact.facts.grade).toBe(sc.grade);
      expect(fact.facts.level).toBe(sc.level);
      expect(fact.facts.flakyTestRatio).toBe(
        sc.checks.find(c => c.id === 'flaky-test-ratio')!.value,
      );
      expect(fact.facts.passRate).toBe(sc.metrics.passRate);
      expect(fact.facts.tests).toBe(sc.metrics.tests);
      expect(fact.facts.flakyTests).toBe(sc.metrics.flakyTests);
      expect(fact.facts.brokenTests).toBe(sc.metrics.brokenTests);
      expect(fact.facts.topHeaviness).toBe(sc.pyramid.topHeaviness);
      expect(fact.facts.classificationCoverage).toBe(
        sc.pyramid.classificationCoverage,
      );
      const e2e = sc.checks.find(c => c.id === 'e2e-duration')!.value;
      expect(fact.facts.e2eP50Minutes).toBe(e2e ?? undefined);
      const pr = sc.checks.find(c => c.id === 'pr-feedback-time')!.value;
      expect(fact.facts.prFeedbackP95Minutes).toBe(pr ?? undefined);
    }
    // The team retriever: the Group's facts as the collector's team list gives them.
    const teamRetriever = retrievers[1];
    const teamFacts = await teamRetriever.handler({
      ...context!,
      entityFilter: teamRetriever.entityFilter,
    });
    const teams = (await (
      await fetch(`${collector.baseUrl}/api/v1/teams`)
    ).json()) as SubjectSummary[];
    const checkout = teams.find(t => t.name === 'team-checkout')!;
    expect(teamFacts).toEqual([
      {
        entity: { kind: 'Group', namespace: 'default', name: 'team-checkout' },
        facts: {
          grade: checkout.grade,
          level: checkout.level,
          tests: checkout.tests,
          flakyTests: checkout.flakyTests,
          brokenTests: checkout.brokenTests,
          components: checkout.components!.length,
        },
      },
    ]);

    // Every fact the retriever publishes is in its schema.
    for (const fact of facts) {
      for (const name of Object.keys(fact.facts)) {
        expect(Object.keys(retriever.schema)).toContain(name);
      }
    }
  }, 60_000);
});
