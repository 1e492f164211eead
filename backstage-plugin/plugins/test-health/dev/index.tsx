import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Grid } from '@material-ui/core';
import {
  EntityTeamTestHealthContent,
  EntityTestHealthCard,
  EntityTestHealthContent,
  TestHealthPage,
  testHealthPlugin,
} from '../src';
import {
  componentEntity,
  DEMO_COMPONENTS,
  groupEntity,
  unknownEntity,
} from './catalog';

const app = createDevApp().registerPlugin(testHealthPlugin);

app.addPage({ path: '/test-health', title: 'Test Health', element: <TestHealthPage /> });

for (const [name, team] of DEMO_COMPONENTS) {
  app.addPage({
    path: `/component/${name}`,
    title: name,
    element: (
      <EntityProvider entity={componentEntity(name, team)}>
        <Grid container spacing={3} style={{ padding: 24 }}>
          <Grid item xs={12} md={4}>
            <EntityTestHealthCard />
          </Grid>
          <Grid item xs={12}>
            <EntityTestHealthContent />
          </Grid>
        </Grid>
      </EntityProvider>
    ),
  });
}

for (const team of ['team-checkout', 'team-fulfilment', 'team-platform']) {
  app.addPage({
    path: `/group/${team}`,
    title: team,
    element: (
      <EntityProvider entity={groupEntity(team)}>
        <div style={{ padding: 24 }}>
          <EntityTeamTestHealthContent />
        </div>
      </EntityProvider>
    ),
  });
}

app.addPage({
  path: '/component/billing',
  title: 'billing (unknown)',
  element: (
    <EntityProvider entity={unknownEntity}>
      <div style={{ padding: 24 }}>
        <EntityTestHealthContent />
      </div>
    </EntityProvider>
  ),
});

app.render();
