import { once } from 'node:events';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import {
  Scorecard,
  SubjectSummary,
} from '@testhealth/backstage-plugin-test-health-common';
import scorecardJson from '../__fixtures__/scorecard.json';
import teamsJson from '../__fixtures__/teams.json';
import {
  createTestHealthFactRetriever,
  createTestHealthTeamFactRetriever,
  TestHealthFactRetrieverOptions,
} from './testHealthFactRetriever';
import { ENTITY_FIELDS } from './catalogPages';

const paymentsScorecard = scorecardJson as unknown as Scorecard;

const entity = (
  kind: 'Component' | 'Group',
  name: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: {},
});

/** A list entry of the collector, as `GET /api/v1/components` gives it. */
const summary = (
  name: string,
  grade: string,
  tests: number,
  flakyTests: number,
): SubjectSummary => ({
  name,
  namespace: 'default',
  ref: `component:default/${name}`,
  team: 'group:default/team-checkout',
  grade,
  level: 'none',
  tests,
  flakyTests,
  brokenTests: 0,
  lastRunAt: '2026-11-25T14:35:00Z',
  components: null,
});

/**
 * A collector on a real port: its component list, each known component's scorecard (the
 * payments fixture under the component's name) after `delayMs`, a scorecard that never comes
 * for the components in `hang`; it counts requests per path and the most scorecards in flight.
 */
class FakeCollector {
  readonly requests = new Map<string, number>();
  inFlight = 0;
  maxInFlight = 0;
  private server?: Server;

  constructor(
    private readonly known: SubjectSummary[],
    private readonly options: { delayMs?: number; hang?: string[] } = {},
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.answer(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop() {
    this.server?.closeAllConnections();
    this.server?.close();
  }

  private async answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, 'http://collector');
    this.requests.set(url.pathname, (this.requests.get(url.pathname) ?? 0) + 1);
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/v1/components') {
      json(this.known);
      return;
    }
    if (url.pathname === '/api/v1/teams') {
      json(teamsJson);
      return;
    }
    const match = /^\/api\/v1\/components\/([^/]+)\/scorecard$/.exec(
      url.pathname,
    );
    const component =
      match && this.known.find(k => k.name === decodeURIComponent(match[1]));
    if (!component) {
      res.writeHead(404).end();
      return;
    }
    if (this.options.hang?.includes(component.name)) {
      return; // never answers
    }
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise(resolve =>
      setTimeout(resolve, this.options.delayMs ?? 0),
    );
    this.inFlight--;
    json({ ...paymentsScorecard, name: component.name, ref: component.ref });
  }
}

function context(): FactRetrieverContext & {
  logger: ReturnType<typeof mockServices.logger.mock>;
} {
  return {
    config: mockServices.rootConfig(),
    discovery: mockServices.discovery(),
    logger: mockServices.logger.mock(),
    auth: mockServices.auth(),
    urlReader: mockServices.urlReader.mock(),
  };
}

/** A catalog served from memory, its calls counted: how the retriever reads it is the point. */
function countedCatalog(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const queryEntities = jest.spyOn(catalog, 'queryEntities');
  const getEntities = jest.spyOn(catalog, 'getEntities');
  return { catalog, queryEntities, getEntities };
}

describe('createTestHealthFactRetriever', () => {
  let collector: FakeCollector | undefined;
  afterEach(async () => {
    await collector?.stop();
    collector = undefined;
  });

  async function run(
    entities: Entity[],
    known: SubjectSummary[],
    fake: { delayMs?: number; hang?: string[] },
    options: Partial<TestHealthFactRetrieverOptions> = {},
  ) {
    collector = new FakeCollector(known, fake);
    const collectorBaseUrl = await collector.start();
    const counted = countedCatalog(entities);
    const retriever = createTestHealthFactRetriever({
      catalog: counted.catalog,
      collectorBaseUrl,
      ...options,
    });
    const ctx = context();
    const started = Date.now();
    const facts = await retriever.handler({
      ...ctx,
      entityFilter: retriever.entityFilter,
    });
    return { facts, ctx, counted, elapsedMs: Date.now() - started, collector };
  }

  // 2,500 components, two of which the collector knows: payments (by annotation) and inventory
  // (by name); the collector also knows shipping, which the catalog has not.
  const bigCatalog = Array.from({ length: 2_500 }, (_, i) => {
    if (i === 1_234)
      return entity('Component', 'payments-service', {
        'testhealth.io/component': 'payments',
      });
    if (i === 2_001) return entity('Component', 'inventory');
    return entity('Component', `service-${String(i).padStart(4, '0')}`);
  });
  const knownToCollector = [
    summary('payments', 'F', 231, 3),
    summary('inventory', 'C', 120, 1),
    summary('shipping', 'B', 80, 0),
  ];

  it('pages through the catalog with only the fields it reads, and asks the collector once for its list and then only for the components it knows', async () => {
    const {
      facts,
      counted,
      collector: fake,
    } = await run(bigCatalog, knownToCollector, {});

    // 2,500 entities in pages of 500: five pages, never the whole catalog at once
    expect(counted.getEntities).not.toHaveBeenCalled();
    expect(counted.queryEntities).toHaveBeenCalledTimes(5);
    for (const [request] of counted.queryEntities.mock.calls) {
      expect(request).toMatchObject({ fields: ENTITY_FIELDS, limit: 500 });
    }
    expect(Object.fromEntries(fake.requests)).toEqual({
      '/api/v1/components': 1,
      '/api/v1/components/payments/scorecard': 1,
      '/api/v1/components/inventory/scorecard': 1,
    });

    expect(facts.map(f => f.entity.name).sort()).toEqual([
      'inventory',
      'payments-service',
    ]);
    const payments = facts.find(f => f.entity.name === 'payments-service')!;
    expect(payments.entity).toEqual({
      kind: 'Component',
      namespace: 'default',
      name: 'payments-service',
    });
    // the values of src/__fixtures__/scorecard.json
    expect(payments.facts).toEqual({
      grade: 'F',
      level: 'none',
      tests: 231,
      flakyTests: 3,
      brokenTests: 0,
      flakyTestRatio: 0.012987012987012988,
      passRate: 0.8995215311004785,
      prFeedbackP95Minutes: 17.05,
      e2eP50Minutes: 16.85,
      topHeaviness: 0,
      classificationCoverage: 1,
    });
  }, 30_000);

  it('asks for scorecards at most `concurrency` at a time', async () => {
    const catalog = Array.from({ length: 12 }, (_, i) =>
      entity('Component', `c${i}`),
    );
    const known = catalog.map(e => summary(e.metadata.name, 'A', 10, 0));
    const { facts, collector: fake } = await run(
      catalog,
      known,
      { delayMs: 100 },
      { concurrency: 3 },
    );
    expect(facts).toHaveLength(12);
    expect(fake.maxInFlight).toBe(3);
  }, 30_000);

  it('gives up on a scorecard that does not come within the time-out, and publishes the others', async () => {
    const { facts, elapsedMs, ctx } = await run(
      bigCatalog,
      knownToCollector,
      { hang: ['inventory'] },
      { requestTimeoutMs: 500 },
    );
    expect(elapsedMs).toBeLessThan(5_000);
    expect(
      facts.find(f => f.entity.name === 'payments-service')!.facts
        .flakyTestRatio,
    ).toBe(0.012987012987012988);
    // the hanging component keeps what the collector's list said of it
    expect(facts.find(f => f.entity.name === 'inventory')!.facts).toEqual({
      grade: 'C',
      level: 'none',
      tests: 120,
      flakyTests: 1,
      brokenTests: 0,
    });
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /component:default\/inventory.*did not answer within 500 ms/,
      ),
    );
  }, 10_000);
});

describe('createTestHealthTeamFactRetriever', () => {
  it("publishes each team's grade, level and counts from one request, for the Groups that are teams of the collector", async () => {
    const collector = new FakeCollector([]);
    const collectorBaseUrl = await collector.start();
    try {
      const { catalog } = countedCatalog([
        entity('Group', 'team-checkout'),
        entity('Group', 'fulfilment', {
          'testhealth.io/team': 'team-fulfilment',
        }),
        entity('Group', 'marketing'),
        entity('Component', 'team-platform'),
      ]);
      const retriever = createTestHealthTeamFactRetriever({
        catalog,
        collectorBaseUrl,
      });
      const facts = await retriever.handler({
        ...context(),
        entityFilter: retriever.entityFilter,
      });

      expect(Object.fromEntries(collector.requests)).toEqual({
        '/api/v1/teams': 1,
      });
      // the values of src/__fixtures__/teams.json
      expect(
        facts.sort((a, b) => a.entity.name.localeCompare(b.entity.name)),
      ).toEqual([
        {
          entity: { kind: 'Group', namespace: 'default', name: 'fulfilment' },
          facts: {
            grade: 'D',
            level: 'none',
            tests: 416,
            flakyTests: 5,
            brokenTests: 1,
            components: 2,
          },
        },
        {
          entity: {
            kind: 'Group',
            namespace: 'default',
            name: 'team-checkout',
          },
          facts: {
            grade: 'D',
            level: 'none',
            tests: 365,
            flakyTests: 6,
            brokenTests: 1,
            components: 2,
          },
        },
      ]);
      for (const fact of facts) {
        expect(Object.keys(retriever.schema)).toEqual(
          expect.arrayContaining(Object.keys(fact.facts)),
        );
      }
    } finally {
      await collector.stop();
    }
  });
});
