import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { testHealthApiRef, TestHealthClient } from './api';
import { rootRouteRef, testRouteRef } from './routes';

/** The Test Health plugin (classic frontend system). @public */
export const testHealthPlugin = createPlugin({
  id: 'test-health',
  apis: [
    createApiFactory({
      api: testHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new TestHealthClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef, test: testRouteRef },
});

/** The "Tests" tab of a component. @public */
export const EntityTestHealthContent = testHealthPlugin.provide(
  createRoutableExtension({
    name: 'EntityTestHealthContent',
    component: () =>
      import('./components/EntityTestHealthContent').then(
        m => m.EntityTestHealthContent,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The overview card of a component. @public */
export const EntityTestHealthCard = testHealthPlugin.provide(
  createComponentExtension({
    name: 'EntityTestHealthCard',
    component: {
      lazy: () =>
        import('./components/EntityTestHealthCard').then(
          m => m.EntityTestHealthCard,
        ),
    },
  }),
);

/** The team scorecard of a Group entity. @public */
export const EntityTeamTestHealthContent = testHealthPlugin.provide(
  createComponentExtension({
    name: 'EntityTeamTestHealthContent',
    component: {
      lazy: () =>
        import('./components/TeamTestHealthContent').then(
          m => m.TeamTestHealthContent,
        ),
    },
  }),
);

/** The organisation page, mounted at `/test-health`, with each test's page at `tests/:testId` under it. @public */
export const TestHealthPage = testHealthPlugin.provide(
  createRoutableExtension({
    name: 'TestHealthPage',
    component: () =>
      import('./components/TestHealthPage').then(m => m.TestHealthPage),
    mountPoint: rootRouteRef,
  }),
);
