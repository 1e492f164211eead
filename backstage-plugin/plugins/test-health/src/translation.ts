import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * The words the Test Health plugin shows, for an app to translate or reword: in the new frontend
 * system with a `TranslationBlueprint` of `createTranslationMessages({ ref, messages })`, in a
 * classic app with `__experimentalTranslations`. Grouped by component; `{{name}}` marks a value
 * the plugin fills in. Covered: the overview card,
 * the Tests tab (its own words, the flaky table, the quarantine dialog), the team page, the
 * organisation page. Not yet covered: the test page, the organisation's KPI cards, and the shared
 * panels (checks table, pyramid,
 * trends, integration map, filters, error panels, plain-word sentences), which still show English.
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
    entityContent: {
      title: 'Test Health',
      subheader: '{{ref}} · window {{window}}',
      metrics:
        '{{tests}} tests · {{flaky}} flaky · {{broken}} broken · {{quarantined}} quarantined · pass rate {{passRate}} · CI time lost to flaky tests {{timeLost}} in {{jobRuns}} job runs',
      team: 'Team',
      lastRun: 'last run {{lastRun}} · thresholds {{thresholds}}',
      grafanaWhat:
        'checks and pyramid over time, wall times, its slowest tests',
      pyramidTitle: 'Test pyramid',
      pyramidSubheader: 'Layers against the target profile',
      checksTitle:
        'Scorecard checks, failing first ({{failing}} of {{total}} fail)',
      slowestTitle: 'Slowest tests',
      regressionsTitle: 'Duration regressions',
      noRegressions: 'No sustained rise in test durations.',
      trendsTitle: 'Trends',
      allTestsTitle: 'All tests ({{tests}})',
      allTestsCount: '{{shown}} of {{total}}',
      regressionTooltip:
        'Medians before and after compared with a rank test: p = {{p}}',
      quarantined: 'Quarantined {{name}}',
      released: 'Released {{name}}',
      releaseFailed: 'Could not release {{name}}: {{error}}',
      columns: {
        test: 'Test',
        layer: 'Layer',
        state: 'State',
        owner: 'Owner',
        runs: 'Runs',
        timeLost: 'CI time lost',
        p50: 'p50',
        p95: 'p95',
        footprint: 'Footprint',
        whatHappened: 'What happened',
      },
    },
    teamContent: {
      title: 'Team {{name}}',
      subheader: '{{ref}} · window {{window}}',
      metrics:
        '{{tests}} tests · {{flaky}} flaky · pass rate {{passRate}} · CI time lost to flaky tests {{timeLost}} in {{jobRuns}} job runs',
      grafanaWhat: 'checks over time and every component of the team',
      componentsTitle: 'Components, worst first ({{components}})',
      checksTitle: 'Team scorecard, failing checks first',
      pyramidTitle: 'Team test pyramid',
      trendsTitle: 'Trends',
      columns: {
        rank: '#',
        component: 'Component',
        grade: 'Grade',
        tests: 'Tests',
        flaky: 'Flaky',
      },
    },
    organisationPage: {
      title: 'Test Health',
      subtitle: 'Can your tests be trusted?',
      contentTitle: 'Organisation',
      emptyTitle: 'No test results yet',
      emptyDescription:
        'The collector has no uploads yet. Upload JUnit/Allure reports from CI with POST /api/v1/uploads?component=NAME&team=TEAM; teams show here a few seconds later.',
      week: 'Week {{week}}, against the week before',
      weekInProgress: 'Week {{week}} (in progress), against the week before',
      teamsTitle: 'Teams, worst first ({{teams}})',
      flakiestTitle: "Flakiest tests of {{week}}, in the weekly review's order",
      reviewTitle: 'Weekly review {{week}}',
      reviewTitleInProgress: 'Weekly review {{week}} (week in progress)',
      wholeOrganisation: 'The whole organisation.',
      wasLastWeek: 'was {{grade}} last week',
      scoreTooltip:
        'Bayesian flakiness score: the estimated share of its runs that are flaky',
      columns: {
        rank: '#',
        team: 'Team',
        grade: 'Grade',
        components: 'Components',
        tests: 'Tests',
        flaky: 'Flaky',
        broken: 'Broken',
        test: 'Test',
        component: 'Component',
        owner: 'Owner',
        score: 'Score',
        timeLost: 'CI time lost',
      },
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
