import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The words the Test Health plugin shows, for an app to translate or reword (in the new frontend
 * system with a `TranslationBlueprint` of `createTranslationMessages({ ref:
 * testHealthTranslationRef, messages })`; in a classic app with `__experimentalTranslations`).
 * Grouped by component. `{{name}}` marks a value the plugin fills in. Not yet covered: the Tests
 * tab's other tables, the test page, the team and organisation pages, and the shared panels,
 * which still show English.
 * @alpha
 */
export const testHealthTranslationRef = createTranslationRef({
  id: 'test-health',
  messages: {
    entityCard: {
      title: 'Test Health',
      deepLink: 'See every test and check',
      analysingFirstUploads: 'Analysing the first uploads of "{{name}}"',
      noResultsYet: 'No test results for "{{name}}" yet',
      flakyOfTests: 'flaky of {{tests}} tests',
      timeLost: '{{time}} of CI lost to them in {{jobRuns}} job runs',
    },
    flakyTests: {
      title: 'Flaky tests, most costly first ({{total}})',
      empty: 'No flaky tests in this window.',
      columns: {
        test: 'Test',
        whatHappened: 'What happened',
        flakyShare: 'Flaky share',
        timeLost: 'CI time lost',
        owner: 'Owner',
        quarantine: 'Quarantine',
      },
      filters: {
        owner: 'Owner',
        layer: 'Layer',
        quarantine: 'Quarantine',
        quarantined: 'quarantined',
        notQuarantined: 'not quarantined',
      },
      unknownLayer: 'unknown',
      flakyShareTooltip:
        'Flakiness score {{score}}: the estimated share of its runs that are flaky, 95% interval {{lower}} to {{upper}}',
      quarantineButton: 'Quarantine',
      releaseButton: 'Release',
      quarantinedChip: 'quarantined',
      expiredChip: 'expired',
      noTicket: 'no ticket',
      quarantineTooltip: '{{reason}} — {{ticket}}, by {{by}}',
      quarantineTooltipUntil:
        '{{reason}} — {{ticket}}, by {{by}}, until {{until}}',
      permissionNeeded:
        'Quarantining needs the {{permission}} permission on {{entityRef}}',
    },
    quarantineDialog: {
      title: 'Quarantine {{name}}',
      explanation:
        "{{suite}}. A quarantined test keeps running and being measured; CI reads the component's quarantine list to skip or ignore it.",
      reason: 'Reason',
      ticket: 'Ticket',
      ticketHelp: 'Recommended: the quarantine hygiene check asks for a ticket',
      expires: 'Expires',
      cancel: 'Cancel',
      submit: 'Quarantine',
    },
  },
});
