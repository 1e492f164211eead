import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { testHealthPermissions } from '@testhealth/backstage-plugin-test-health-common';
import { CollectorQuarantineClient } from './service/CollectorQuarantineClient';
import { createRouter } from './service/router';

/**
 * Test Health's backend plugin: the permission-checked way to quarantine and release tests.
 * Reads keep going through the proxy; only writes, which change what CI skips, come here.
 * @public
 */
export const testHealthPlugin = createBackendPlugin({
  pluginId: 'test-health',
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({
        auditor,
        auth,
        catalog,
        config,
        httpAuth,
        httpRouter,
        logger,
        permissions,
        permissionsRegistry,
      }) {
        permissionsRegistry.addPermissions(testHealthPermissions);
        const collector = new CollectorQuarantineClient(
          config.getString('testHealth.collector.baseUrl'),
          config.getOptionalString('testHealth.collector.quarantineToken'),
        );
        httpRouter.use(
          await createRouter({
            auth,
            catalog,
            httpAuth,
            permissions,
            logger,
            auditor,
            collector,
          }),
        );
      },
    });
  },
});
