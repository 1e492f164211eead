import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  OverridableFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  compatWrapper,
  convertLegacyRouteRefs,
} from '@backstage/core-compat-api';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { testHealthApiRef, TestHealthClient } from './api';
import { isTestHealthAvailable, isTestHealthTeam } from './conditions';
import { rootRouteRef, testRouteRef } from './routes';

/** The collector client as a utility API (replace it by overriding this extension). @alpha */
const testHealthApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: testHealthApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new TestHealthClient({ discoveryApi, fetchApi }),
    }),
});

/** The "Tests" tab of components annotated with `testhealth.io/component`. @alpha */
const testHealthEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'tests',
    title: 'Tests',
    filter: isTestHealthAvailable,
    loader: () =>
      import('./components/EntityTestHealthContent').then(m =>
        compatWrapper(<m.EntityTestHealthContent />),
      ),
  },
});

/** The team scorecard on Group pages. @alpha */
const testHealthTeamEntityContent = EntityContentBlueprint.make({
  name: 'team',
  params: {
    path: 'test-health',
    title: 'Test Health',
    filter: isTestHealthTeam,
    loader: () =>
      import('./components/TeamTestHealthContent').then(m =>
        compatWrapper(<m.TeamTestHealthContent />),
      ),
  },
});

/** The overview card: grade, flaky count and pyramid. @alpha */
const testHealthEntityCard = EntityCardBlueprint.make({
  params: {
    filter: isTestHealthAvailable,
    loader: () =>
      import('./components/EntityTestHealthCard').then(m =>
        compatWrapper(<m.EntityTestHealthCard />),
      ),
  },
});

/** The organisation page at `/test-health`, each test's page at `/test-health/tests/:testId`. @alpha */
const testHealthPage = PageBlueprint.make({
  params: {
    path: '/test-health',
    // The title and icon make the page's sidebar (nav) entry; the page draws its own header.
    title: 'Test Health',
    icon: <AssessmentIcon fontSize="inherit" />,
    noHeader: true,
    routeRef: convertLegacyRouteRefs({ root: rootRouteRef }).root,
    loader: () =>
      import('./components/TestHealthPage').then(m =>
        compatWrapper(<m.TestHealthPage />),
      ),
  },
});

/**
 * Test Health for the new frontend system. An app can override one of its extensions with
 * `testHealthFrontendPlugin.getExtension('entity-content:test-health').override(...)`.
 * @alpha
 */
export const testHealthFrontendPlugin: OverridableFrontendPlugin =
  createFrontendPlugin({
    pluginId: 'test-health',
    extensions: [
      testHealthApi,
      testHealthEntityContent,
      testHealthTeamEntityContent,
      testHealthEntityCard,
      testHealthPage,
    ],
    routes: convertLegacyRouteRefs({ root: rootRouteRef, test: testRouteRef }),
  });

// Apps using feature discovery load a plugin package's default export.
export default testHealthFrontendPlugin;
export { testHealthTranslationRef } from './translation';
