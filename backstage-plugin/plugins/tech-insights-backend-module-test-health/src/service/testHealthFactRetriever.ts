import {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  collectorComponentOf,
  Scorecard,
} from '@testhealth/backstage-plugin-test-health-common';

/** The config key of the collector's base URL. @public */
export const COLLECTOR_BASE_URL_CONFIG = 'testHealth.collector.baseUrl';

/** The facts this retriever publishes per entity. @public */
export const testHealthFactSchema = {
  grade: { type: 'string', description: 'Test Health grade, A (best) to F' },
  level: {
    type: 'string',
    description: 'Test Health level: Gold, Silver, Bronze or none',
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

/** @public */
export interface TestHealthFactRetrieverOptions {
  catalog: CatalogService;
  /** Overrides `testHealth.collector.baseUrl` */
  collectorBaseUrl?: string;
}

function checkValue(scorecard: Scorecard, id: string): number | undefined {
  const value = scorecard.checks.find(c => c.id === id)?.value;
  return value === null || value === undefined ? undefined : value;
}

/** The facts of one scorecard; a fact whose value the collector lacks is left out. @public */
export function factsOf(scorecard: Scorecard): TechInsightFact['facts'] {
  const facts: TechInsightFact['facts'] = {
    grade: scorecard.grade,
    level: scorecard.level,
  };
  const numbers: Record<string, number | null | undefined> = {
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

async function fetchScorecard(
  baseUrl: string,
  entity: Entity,
): Promise<Scorecard | undefined> {
  const { name, namespace } = collectorComponentOf(entity);
  const url = `${baseUrl.replace(/\/$/, '')}/api/v1/components/${encodeURIComponent(name)}/scorecard?namespace=${encodeURIComponent(namespace)}`;
  const response = await fetch(url);
  if (response.status === 404) {
    return undefined;
  }
  if (!response.ok) {
    throw new Error(`${url} answered HTTP ${response.status}`);
  }
  return (await response.json()) as Scorecard;
}

/**
 * A Tech Insights fact retriever: for each Component in the catalog, the facts of its Test Health
 * scorecard, read from the collector. Components the collector has no results for get no facts.
 * @public
 */
export function createTestHealthFactRetriever(
  options: TestHealthFactRetrieverOptions,
): FactRetriever {
  return {
    id: 'testHealthFactRetriever',
    version: '0.1.0',
    title: 'Test Health',
    description:
      'Grade, level, flakiness, pass rate, feedback times and pyramid shape from the Test Health collector',
    entityFilter: [{ kind: 'component' }],
    schema: testHealthFactSchema,
    handler: async (ctx: FactRetrieverContext): Promise<TechInsightFact[]> => {
      const baseUrl =
        options.collectorBaseUrl ??
        ctx.config.getString(COLLECTOR_BASE_URL_CONFIG);
      const { items } = await options.catalog.getEntities(
        { filter: ctx.entityFilter ?? [{ kind: 'component' }] },
        { credentials: await ctx.auth.getOwnServiceCredentials() },
      );
      const facts: TechInsightFact[] = [];
      for (const entity of items) {
        try {
          const scorecard = await fetchScorecard(baseUrl, entity);
          if (!scorecard) {
            ctx.logger.debug(
              `No Test Health results for ${entity.metadata.name}`,
            );
            continue;
          }
          facts.push({
            entity: {
              kind: entity.kind,
              namespace: entity.metadata.namespace ?? 'default',
              name: entity.metadata.name,
            },
            facts: factsOf(scorecard),
          });
        } catch (e) {
          ctx.logger.warn(
            `Test Health facts of ${entity.metadata.name} failed: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      }
      return facts;
    },
  };
}
