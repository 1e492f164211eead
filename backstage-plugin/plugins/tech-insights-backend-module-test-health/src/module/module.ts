import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createTestHealthFactRetriever } from '../service/testHealthFactRetriever';

/**
 * Adds the Test Health fact retriever to Tech Insights.
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
        providers.addFactRetrievers({
          testHealthFactRetriever: createTestHealthFactRetriever({
            catalog,
            collectorBaseUrl: config.getOptionalString(
              'testHealth.collector.baseUrl',
            ),
          }),
        });
      },
    });
  },
});
