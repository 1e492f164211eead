import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  createTestHealthFactRetriever,
  createTestHealthTeamFactRetriever,
} from '../service/testHealthFactRetriever';

/**
 * Adds the Test Health fact retrievers to Tech Insights: components and teams.
 * @public
 */
export const techInsightsModuleTestHealth = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'test-health',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: techInsightsFactRetrieversExtensionPoint,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ providers, catalog, config }) {
        const options = {
          catalog,
          collectorBaseUrl: config.getOptionalString(
            'testHealth.collector.baseUrl',
          ),
        };
        providers.addFactRetrievers({
          testHealthFactRetriever: createTestHealthFactRetriever(options),
          testHealthTeamFactRetriever:
            createTestHealthTeamFactRetriever(options),
        });
      },
    });
  },
});
