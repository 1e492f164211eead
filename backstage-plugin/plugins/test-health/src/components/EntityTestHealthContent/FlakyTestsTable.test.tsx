import { screen } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { flaky } from '../../__fixtures__';
import { FlakyTestsTable } from './FlakyTestsTable';

// Its own file: permission answers are cached per module, so an allowed user of another test
// file would leak into this one.
describe('FlakyTestsTable', () => {
  it('offers quarantine and release only to users with the quarantine permission', async () => {
    const calls: string[] = [];
    const rows = flaky.tests.map((t, i) =>
      i === 0 ? { ...t, quarantined: true } : t,
    );
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            permissionApiRef,
            mockApis.permission({
              authorize: request => {
                calls.push(request.permission.name);
                return AuthorizeResult.DENY;
              },
            }),
          ],
        ]}
      >
        <FlakyTestsTable
          rows={rows}
          total={rows.length}
          onQuarantine={async () => {}}
          onRelease={async () => {}}
        />
      </TestApiProvider>,
    );
    // Row buttons only: the column header of the same name is a sort label.
    const quarantine = (
      await screen.findAllByRole('button', { name: 'Quarantine' })
    ).filter(b => b.tagName === 'BUTTON');
    const release = screen.getAllByRole('button', { name: 'Release' });
    expect(quarantine.length).toBeGreaterThan(0);
    expect(release).toHaveLength(1);
    [...quarantine, ...release].forEach(b => expect(b).toBeDisabled());
    expect(await screen.findAllByTestId('quarantine-denied')).toHaveLength(
      quarantine.length + release.length,
    );
    expect(calls).toContain('test-health.test.quarantine');
  });

  it('links the pipeline a reason names to its CI run when the collector gives it', async () => {
    // a test of the fixture says "passed on retry in 19 runs, last in pipeline 1392"
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            permissionApiRef,
            mockApis.permission({ authorize: () => AuthorizeResult.DENY }),
          ],
        ]}
      >
        <FlakyTestsTable
          rows={flaky.tests}
          total={flaky.tests.length}
          onQuarantine={async () => {}}
          onRelease={async () => {}}
          pipelineRuns={{ '1392': 'https://ci.example/pipelines/1392' }}
        />
      </TestApiProvider>,
    );
    const links = await screen.findAllByTestId('pipeline-link');
    expect(links.length).toBeGreaterThan(0);
    links.forEach(a => {
      expect(a).toHaveTextContent(/^pipeline 1392/);
      expect(a).toHaveAttribute('href', 'https://ci.example/pipelines/1392');
    });
  });
});
