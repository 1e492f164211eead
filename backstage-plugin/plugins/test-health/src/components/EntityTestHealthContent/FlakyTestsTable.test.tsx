import { screen, waitFor } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { flaky } from '../../__fixtures__';
import { FlakyTestsTable } from './FlakyTestsTable';

// Its own file: permission answers are cached per module (keyed by permission and entity), so an
// answer of another test file would leak into this one; the two tests below ask about two entities.
describe('FlakyTestsTable', () => {
  /** A policy as the permission API sees it: the owners of payments may quarantine its tests. */
  const ownersOfPayments = (calls: string[]) =>
    mockApis.permission({
      authorize: request => {
        const resourceRef =
          'resourceRef' in request ? request.resourceRef : undefined;
        calls.push(`${request.permission.name} on ${resourceRef}`);
        return resourceRef === 'component:default/payments'
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY;
      },
    });

  const renderTable = async (entityRef: string, calls: string[]) => {
    const rows = flaky.tests.map((t, i) =>
      i === 0 ? { ...t, quarantined: true } : t,
    );
    await renderInTestApp(
      <TestApiProvider apis={[[permissionApiRef, ownersOfPayments(calls)]]}>
        <FlakyTestsTable
          entityRef={entityRef}
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
    expect(quarantine.length).toBe(rows.length - 1);
    expect(release).toHaveLength(1);
    return [...quarantine, ...release];
  };

  it("asks for the quarantine permission on the table's entity, and disables the buttons where it is denied", async () => {
    const calls: string[] = [];
    const buttons = await renderTable('component:default/inventory', calls);
    await waitFor(() =>
      expect(screen.getAllByTestId('quarantine-denied')).toHaveLength(
        buttons.length,
      ),
    );
    buttons.forEach(b => expect(b).toBeDisabled());
    expect(screen.getAllByTestId('quarantine-denied')[0]).toHaveAttribute(
      'title',
      'Quarantining needs the test-health.test.quarantine permission on component:default/inventory',
    );
    expect(calls).toEqual([
      'test-health.test.quarantine on component:default/inventory',
    ]);
  });

  it('enables quarantine and release where the policy allows them on the entity', async () => {
    const calls: string[] = [];
    const buttons = await renderTable('component:default/payments', calls);
    await waitFor(() => buttons.forEach(b => expect(b).toBeEnabled()));
    expect(screen.queryAllByTestId('quarantine-denied')).toHaveLength(0);
    expect(calls).toEqual([
      'test-health.test.quarantine on component:default/payments',
    ]);
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
          entityRef="component:default/payments"
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
