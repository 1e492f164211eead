import {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  collectorComponentOf,
  collectorTeamOf,
  Scorecard,
  SubjectSummary,
} from '@testhealth/backstage-plugin-test-health-common';
import { mapWithConcurrency } from './boundedConcurrency';
import { catalogPages } from './catalogPages';
import { CollectorReader } from './CollectorReader';

/** The config key of the collector's base URL. @public */
export const COLLECTOR_BASE_URL_CONFIG = 'testHealth.collector.baseUrl';

/** The facts this retriever publishes per component. @public */
export const testHealthFactSchema = {
  grade: { type: 'string', description: 'Test Health grade, A (best) to F' },
  level: {
    type: 'string',
    description: 'Test Health level: Gold, Silver, Bronze or none',
  },
  tests: {
    type: 'integer',
    description: 'Tests that ran in the analysis window',
  },
  flakyTests: {
    type: 'integer',
    description: 'Tests that are flaky in the analysis window',
  },
  brokenTests: {
    type: 'integer',
    description: 'Tests that fail on every run in the analysis window',
  },
  flakyTestRatio: {
    type: 'float',
    description: 'Share of tests that are flaky (0–1)',
  },
  passRate: {
    type: 'float',
    description: 'Share of job runs that passed (0–1)',
  },
  prFeedbackP95Minutes: {
    type: 'float',
    description: 'PR feedback time: pipeline wall time p95, minutes',
  },
  e2eP50Minutes: {
    type: 'float',
    description: 'Median wall time of E2E job runs, minutes',
  },
  topHeaviness: {
    type: 'float',
    description:
      'Pyramid top-heaviness against the target profile (0 = not top-heavy)',
  },
  classificationCoverage: {
    type: 'float',
    description: 'Share of tests with a known layer and owner (0–1)',
  },
} as const;

/** The facts the team retriever publishes per Group. @public */
export const testHealthTeamFactSchema = {
  grade: {
    type: 'string',
    description: "The team's Test Health grade, A (best) to F",
  },
  level: {
    type: 'string',
    description: "The team's Test Health level: Gold, Silver, Bronze or none",
  },
  tests: {
    type: 'integer',
    description:
      "Tests of the team's components that ran in the analysis window",
  },
  flakyTests: {
    type: 'integer',
    description: "Flaky tests of the team's components",
  },
  brokenTests: {
    type: 'integer',
    description: "Broken tests of the team's components",
  },
  components: {
    type: 'integer',
    description: 'Components of the team that the collector has results for',
  },
} as const;

/**
 * How the retrievers read the catalog and the collector. The defaults suit a catalog of tens of
 * thousands of entities and a collector on the same network.
 * @public
 */
export interface TestHealthFactRetrieverOptions {
  catalog: CatalogService;
  /** Overrides `testHealth.collector.baseUrl` */
  collectorBaseUrl?: string;
  /** Scorecards asked of the collector at once; default 4. */
  concurrency?: number;
  /** Time-out of each collector request in milliseconds; default 10 000. */
  requestTimeoutMs?: number;
  /** Catalog entities per page; default 500. */
  pageSize?: number;
}

const DEFAULTS = { concurrency: 4, requestTimeoutMs: 10_000, pageSize: 500 };

function checkValue(scorecard: Scorecard, id: string): number | undefined {
  const value = scorecard.checks.find(c => c.id === id)?.value;
  return value === null || value === undefined ? undefined : value;
}

/** The facts of a component's list entry: grade, level and counts. @public */
export function summaryFactsOf(
  summary: SubjectSummary,
): TechInsightFact['facts'] {
  return {
    grade: summary.grade,
    level: summary.level,
    tests: summary.tests,
    flakyTests: summary.flakyTests,
    brokenTests: summary.brokenTests,
  };
}

/** The facts of one scorecard; a fact whose value the collector lacks is left out. @public */
export function factsOf(scorecard: Scorecard): TechInsightFact['facts'] {
  const facts: TechInsightFact['facts'] = {
    grade: scorecard.grade,
    level: scorecard.level,
  };
  const numbers: Record<string, number | null | undefined> = {
    tests: scorecard.metrics.tests,
    flakyTests: scorecard.metrics.flakyTests,
    brokenTests: scorecard.metrics.brokenTests,
    flakyTestRatio: checkValue(scorecard, 'flaky-test-ratio'),
    passRate: scorecard.metrics.passRate,
    prFeedbackP95Minutes: checkValue(scorecard, 'pr-feedback-time'),
    e2eP50Minutes: checkValue(scorecard, 'e2e-duration'),
    topHeaviness: scorecard.pyramid.topHeaviness,
    classificationCoverage: scorecard.pyramid.classificationCoverage,
  };
  for (const [name, value] of Object.entries(numbers)) {
    if (value !== null && value !== undefined) {
      facts[name] = value;
    }
  }
  return facts;
}

function entityOf(entity: Entity): TechInsightFact['entity'] {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function settings(
  options: TestHealthFactRetrieverOptions,
  ctx: FactRetrieverContext,
) {
  const baseUrl =
    options.collectorBaseUrl ?? ctx.config.getString(COLLECTOR_BASE_URL_CONFIG);
  return {
    collector: new CollectorReader(
      baseUrl,
      options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
    ),
    concurrency: options.concurrency ?? DEFAULTS.concurrency,
    pageSize: options.pageSize ?? DEFAULTS.pageSize,
  };
}

/**
 * The catalog entities of a filter whose collector subject (`component:default/payments`) the
 * collector knows, each with the collector's list entry; the others are left out unasked.
 */
async function knownEntities(
  options: TestHealthFactRetrieverOptions,
  ctx: FactRetrieverContext,
  filter: NonNullable<FactRetrieverContext['entityFilter']>,
  known: SubjectSummary[],
  subjectOf: (entity: Entity) => string,
  pageSize: number,
): Promise<Array<{ entity: Entity; summary: SubjectSummary }>> {
  const byRef = new Map(known.map(s => [s.ref, s]));
  const found: Array<{ entity: Entity; summary: SubjectSummary }> = [];
  const credentials = await ctx.auth.getOwnServiceCredentials();
  for await (const page of catalogPages(
    options.catalog,
    filter,
    credentials,
    pageSize,
  )) {
    for (const entity of page) {
      const summary = byRef.get(subjectOf(entity));
      if (summary) {
        found.push({ entity, summary });
      }
    }
  }
  return found;
}

/**
 * A Tech Insights fact retriever: for each Component in the catalog that the collector has
 * results for, the facts of its Test Health scorecard. The collector is asked once for the
 * components it knows, then for each known component's scorecard, a few at a time and each
 * within a time-out; a component whose scorecard does not come keeps the facts of the list
 * (grade, level, counts) and the others are unaffected. Components the collector has no results
 * for get no facts and cost no request.
 * @public
 */
export function createTestHealthFactRetriever(
  options: TestHealthFactRetrieverOptions,
): FactRetriever {
  return {
    id: 'testHealthFactRetriever',
    version: '0.2.0',
    title: 'Test Health',
    description:
      'Grade, level, test counts, flakiness, pass rate, feedback times and pyramid shape from the Test Health collector',
    entityFilter: [{ kind: 'component' }],
    schema: testHealthFactSchema,
    handler: async (ctx: FactRetrieverContext): Promise<TechInsightFact[]> => {
      const { collector, concurrency, pageSize } = settings(options, ctx);
      const entities = await knownEntities(
        options,
        ctx,
        ctx.entityFilter ?? [{ kind: 'component' }],
        await collector.components(),
        entity => {
          const c = collectorComponentOf(entity);
          return `component:${c.namespace}/${c.name}`;
        },
        pageSize,
      );
      const scorecards = await mapWithConcurrency(
        entities,
        concurrency,
        ({ summary }) => collector.scorecard(summary.name, summary.namespace),
      );
      return entities.map(({ entity, summary }, i) => {
        const scorecard = scorecards[i];
        if ('error' in scorecard) {
          ctx.logger.warn(
            `Test Health scorecard of ${summary.ref} failed, publishing its grade and counts only: ${message(scorecard.error)}`,
          );
          return { entity: entityOf(entity), facts: summaryFactsOf(summary) };
        }
        return { entity: entityOf(entity), facts: factsOf(scorecard.value) };
      });
    },
  };
}

/**
 * A Tech Insights fact retriever for teams: for each Group in the catalog that is a team of the
 * collector (`testhealth.io/team`, else its name), the team's grade, level and counts, from one
 * request for all teams.
 * @public
 */
export function createTestHealthTeamFactRetriever(
  options: TestHealthFactRetrieverOptions,
): FactRetriever {
  return {
    id: 'testHealthTeamFactRetriever',
    version: '0.1.0',
    title: 'Test Health of teams',
    description:
      "A team's Test Health grade, level and test counts over its components, from the Test Health collector",
    entityFilter: [{ kind: 'group' }],
    schema: testHealthTeamFactSchema,
    handler: async (ctx: FactRetrieverContext): Promise<TechInsightFact[]> => {
      const { collector, pageSize } = settings(options, ctx);
      const entities = await knownEntities(
        options,
        ctx,
        ctx.entityFilter ?? [{ kind: 'group' }],
        await collector.teams(),
        entity => {
          const t = collectorTeamOf(entity);
          return `group:${t.namespace}/${t.name}`;
        },
        pageSize,
      );
      return entities.map(({ entity, summary }) => ({
        entity: entityOf(entity),
        facts: {
          ...summaryFactsOf(summary),
          components: summary.components?.length ?? 0,
        },
      }));
    },
  };
}
