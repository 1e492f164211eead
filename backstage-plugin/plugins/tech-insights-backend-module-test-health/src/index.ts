/**
 * Tech Insights facts from Test Health.
 *
 * @packageDocumentation
 */
import { techInsightsModuleTestHealth } from './module/module';

export { techInsightsModuleTestHealth };
export {
  createTestHealthFactRetriever,
  createTestHealthTeamFactRetriever,
  factsOf,
  summaryFactsOf,
  testHealthFactSchema,
  testHealthTeamFactSchema,
  COLLECTOR_BASE_URL_CONFIG,
} from './service/testHealthFactRetriever';
export type { TestHealthFactRetrieverOptions } from './service/testHealthFactRetriever';

/** The module, for `backend.add(import('@testhealth/backstage-plugin-tech-insights-backend-module-test-health'))`. */
export default techInsightsModuleTestHealth;
