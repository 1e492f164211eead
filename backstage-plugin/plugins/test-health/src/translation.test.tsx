import { screen } from '@testing-library/react';
import {
  createFrontendModule,
  createTranslationMessages,
} from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { flaky } from './__fixtures__';
import { testHealthTranslationRef } from './alpha';
import { QuarantineDialog } from './components/QuarantineDialog';
import { FailureGroups } from './components/TestPage/FailureGroups';

const test = flaky.tests[0];

const dialog = (
  <QuarantineDialog
    test={test}
    open
    onClose={() => {}}
    onSubmit={async () => {}}
  />
);

/** An app module of the new frontend system that rewords some of the plugin's messages. */
function wordingModule(messages: {
  [key in keyof typeof testHealthTranslationRef.T]?: string;
}) {
  return createFrontendModule({
    pluginId: 'app',
    extensions: [
      TranslationBlueprint.make({
        name: 'test-health-wording',
        params: {
          resource: createTranslationMessages({
            ref: testHealthTranslationRef,
            messages,
          }),
        },
      }),
    ],
  });
}

describe('testHealthTranslationRef', () => {
  it('shows the English words by default', async () => {
    await renderInTestApp(dialog);
    expect(
      await screen.findByRole('heading', { name: `Quarantine ${test.name}` }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
  });

  it("shows an app's own words where the app overrides them", async () => {
    // How an app of the new frontend system rewords the plugin: a translation extension.
    const wording = wordingModule({
      'quarantineDialog.title': 'Put {{name}} in quarantine',
      'quarantineDialog.cancel': 'Keep it running',
    });
    await renderInTestApp(dialog, { features: [wording] });
    expect(
      await screen.findByRole('heading', {
        name: `Put ${test.name} in quarantine`,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Keep it running' }),
    ).toBeInTheDocument();
    // the words it does not override stay
    expect(
      screen.getByRole('button', { name: 'Quarantine' }),
    ).toBeInTheDocument();
  });

  it("rewords the test page's failure causes where the app overrides them", async () => {
    const failures = <FailureGroups groups={[]} />;
    const english = await renderInTestApp(failures);
    expect(
      await screen.findByText('Failures by cause (0)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No failure in its recent runs.'),
    ).toBeInTheDocument();
    english.unmount();

    await renderInTestApp(failures, {
      features: [
        wordingModule({
          'failureGroups.title': 'Causes of failure: {{groups}}',
          'failureGroups.empty': 'It has not failed lately.',
        }),
      ],
    });
    expect(await screen.findByText('Causes of failure: 0')).toBeInTheDocument();
    expect(screen.getByText('It has not failed lately.')).toBeInTheDocument();
    expect(screen.queryByText('Failures by cause (0)')).not.toBeInTheDocument();
    // the words it does not override stay
    expect(
      screen.getAllByRole('columnheader', { name: 'Failure' }).length,
    ).toBeGreaterThan(0);
  });
});
