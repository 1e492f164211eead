// The new frontend system, as an adopter's app would install Test Health: the catalog plugin's
// entity pages, our plugin's /alpha extensions (Tests tab, overview card, team tab, /test-health),
// and a guest sign-in against the backend's guest provider.
import { createApp } from '@backstage/frontend-defaults';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { SignInPage } from '@backstage/core-components';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import testHealthPlugin from '@testhealth/backstage-plugin-test-health/alpha';

const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: {
        loader: async () => props => <SignInPage {...props} providers={['guest']} />,
      },
    }),
  ],
});

export default createApp({
  features: [catalogPlugin, testHealthPlugin, signInModule],
});
