import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { CollectorNotFoundError, testHealthApiRef } from '../../api';
import { FakeTestHealthApi, teamScorecard, teams } from '../../__fixtures__';
import { TeamTestHealthContent } from './TeamTestHealthContent';
import { rootRouteRef } from '../../routes';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-checkout' },
  spec: { type: 'team', children: [] },
};

const render = (api: FakeTestHealthApi) =>
  renderInTestApp(
    <TestApiProvider apis={[[testHealthApiRef, api]]}>
      <EntityProvider entity={group}>
        <TeamTestHealthContent />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/test-health': rootRouteRef,
      },
    },
  );

describe('TeamTestHealthContent', () => {
  it('shows the team scorecard and its components ranked', async () => {
    await render(new FakeTestHealthApi());
    expect(await screen.findByTestId('team-flaky-count')).toHaveTextContent(
      String(teamScorecard.metrics.flakyTests),
    );
    expect(screen.getAllByTestId('grade')[0]).toHaveTextContent(
      teamScorecard.grade,
    );
    expect(
      screen
        .getAllByTestId('team-component')
        .map(e => e.textContent)
        .sort(),
    ).toEqual(
      teamScorecard.components
        .map(c => c.component.replace('component:default/', ''))
        .sort(),
    );
    expect(
      screen.getByText('Team scorecard, failing checks first'),
    ).toBeInTheDocument();
  });

  it('says the team is unknown and lists the teams the collector knows', async () => {
    await render(
      new FakeTestHealthApi({
        error: new CollectorNotFoundError(
          'team group:default/team-checkout has no test results yet.',
        ),
        teams: teams.filter(t => t.name !== 'team-checkout'),
      }),
    );
    expect(
      await screen.findByText(
        'The collector does not know team "team-checkout"',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/team-platform/)).toBeInTheDocument();
  });
});
