/**
 * Tech Insights facts from Test Health.
 *
 * @packageDocumentation
 */
export { techInsightsModuleTestHealth } from './module/module';
export {
  createTestHealthFactRetriever,
  factsOf,
  testHealthFactSchema,
  COLLECTOR_BASE_URL_CONFIG,
} from './service/testHealthFactRetriever';
export type { TestHealthFactRetrieverOptions } from './service/testHealthFactRetriever';
