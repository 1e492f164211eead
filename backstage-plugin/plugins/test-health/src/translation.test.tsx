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

const test = flaky.tests[0];

const dialog = (
  <QuarantineDialog
    test={test}
    open
    onClose={() => {}}
    onSubmit={async () => {}}
  />
);

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
    const wording = createFrontendModule({
      pluginId: 'app',
      extensions: [
        TranslationBlueprint.make({
          name: 'test-health-wording',
          params: {
            resource: createTranslationMessages({
              ref: testHealthTranslationRef,
              messages: {
                'quarantineDialog.title': 'Put {{name}} in quarantine',
                'quarantineDialog.cancel': 'Keep it running',
              },
            }),
          },
        }),
      ],
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
});
