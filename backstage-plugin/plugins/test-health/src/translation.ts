import {
  createTranslationRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';

/**
 * The words the Test Health plugin shows, for an app to translate or reword: in the new frontend
 * system with a `TranslationBlueprint` of `createTranslationMessages({ ref, messages })`, in a
 * classic app with `__experimentalTranslations`. Grouped by component; `{{name}}` marks a value
 * the plugin fills in. Covered: the overview card, the Tests tab (its own words, the flaky table,
 * the quarantine dialog, the integration map), the team page, the organisation page with its KPI
 * cards, the test page, and the shared panels (checks table, pyramid, trends, filters, error
 * panels, grade badge, plain-word sentences). Still English: the counted nouns and units the
 * plugin fills in (`62 runs`, `twice`, `2.5 CI h`, from `format.ts`), a run's attempts, and what
 * the collector itself writes (states, reasons, check explanations).
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
    testPage: {
      headerTitle: 'Test',
      headerType: 'Test Health',
      headerComponent: 'Component',
      headerState: 'State',
      notFound: 'No such test in the analysis window',
      whatHappenedTitle: 'What happened',
      timeLost: 'CI time lost: {{time}}',
      howScored: 'How it was scored',
      scoreInterval:
        'Flakiness score {{score}}, 95% interval {{lower}} to {{upper}}.',
      durationTitle: 'Duration',
      durations:
        'Median {{p50}} · p95 {{p95}} · {{footprint}} of CI over {{runs}}',
      regressionTooltip:
        'Medians before and after the change compared with a rank test: p = {{p}}',
      noRegression: 'No sustained rise in its duration.',
      quarantineTitle: 'Quarantine',
      quarantinedSinceBy: 'Quarantined since {{since}} by',
      quarantineDetail: ': {{reason}} ({{ticket}}), {{end}}.',
      noTicket: 'no ticket',
      until: 'until {{date}}',
      expired: 'expired {{date}}',
      withoutEndDate: 'without an end date',
      quarantined: 'Quarantined.',
      notQuarantined: 'Not quarantined.',
      aboutTitle: 'About',
      component: 'Component',
      team: 'team',
      owner: 'Owner',
      layer: 'Layer',
      unknownLayer: 'unknown',
      layerFrom: 'from {{source}}',
      observedLayer: 'Observed layer',
      layerDisagrees: 'declared {{declared}}, observed {{observed}}',
      state: 'State',
      timelineTitle: 'Runs by branch (latest {{runs}})',
      timelineSubheader:
        'Oldest left. Hover a square for its commit, pipeline and attempts; click it to open the CI run.',
      runTooltip:
        '{{started}} · {{outcome}} · commit {{commit}} · pipeline {{pipeline}} · attempts: {{attempts}} · {{duration}}',
      runTooltipWithJob:
        '{{started}} · {{outcome}} · commit {{commit}} · pipeline {{pipeline}} job {{job}} · attempts: {{attempts}} · {{duration}}',
      runsTitle: 'Runs',
      runsCount: 'Runs ({{runs}})',
      branchFilter: 'Branch',
      allBranches: 'all branches',
      runLabel: 'pipeline {{pipeline}}',
      runLabelWithJob: 'pipeline {{pipeline}} · {{job}}',
      rerun: '{{label}} (re-run {{attempt}})',
      columns: {
        started: 'Started',
        branch: 'Branch',
        commit: 'Commit',
        ciRun: 'CI run',
        outcome: 'Outcome',
        attempts: 'Attempts',
        duration: 'Duration',
      },
    },
    quarantineHistory: {
      currentOnly: 'This collector keeps the current quarantine only.',
      never: 'Never quarantined.',
      quarantined: 'Quarantined',
      changed: 'Quarantine changed',
      released: 'Released',
      by: 'by',
      byUnknown: '(by whom not recorded)',
      ticket: 'ticket {{ticket}}',
      noTicket: 'no ticket',
      until: 'until {{date}}',
      noEndDate: 'no end date',
    },
    failureGroups: {
      title: 'Failures by cause ({{groups}})',
      empty: 'No failure in its recent runs.',
      explanation:
        'Failures with the same type, message (numbers and ids aside) and top stack frames are one cause. Its latest stack trace is kept up to 8000 characters, secrets taken out; the CI run has the rest.',
      noTrace: 'No stack trace in its reports.',
      latestTraceOneFrame: 'Latest stack trace (1 frame)',
      latestTrace: 'Latest stack trace ({{frames}} frames)',
      noMessage: '(no message)',
      noType: 'no type',
      fingerprintTooltip:
        'fingerprint {{fingerprint}}: type, message without run-specific numbers, top 3 stack frames',
      openInCi: 'open in CI',
      columns: {
        failure: 'Failure',
        runs: 'Runs',
        first: 'First',
        latest: 'Latest',
        latestRun: 'Latest run',
      },
    },
    testSpans: {
      title: 'Spans of recent runs',
      explanation:
        'What the test did in its latest runs with trace data: its span and the calls below it (spans are kept {{days}} days).',
      readFailed: 'The spans of its recent runs could not be read: {{error}}',
      run: 'Run',
      runOption: '{{started}} · pipeline {{pipeline}} · {{job}}',
      runOptionAttempt:
        '{{started}} · pipeline {{pipeline}} · {{job}} (attempt {{attempt}})',
      summary: '{{spans}}, test took {{duration}}',
      openInCi: 'open in CI',
      waterfallLabel: 'spans of the run in pipeline {{pipeline}}',
      noAttributes: 'no attributes',
      noName: '(no name)',
      bar: 'starts {{offset}} into the test, lasts {{duration}}',
      barError: 'starts {{offset}} into the test, lasts {{duration}}, error',
      barErrorMessage:
        'starts {{offset}} into the test, lasts {{duration}}, error: {{message}}',
      dropped: '{{spans}} below the test were not kept.',
      columns: {
        span: 'Span',
        service: 'Service',
        kind: 'Kind',
        offsetAndDuration: 'Offset and duration',
        duration: 'Duration',
      },
    },
    checksTable: {
      title: 'Checks',
      thresholds:
        'Bronze {{op}} {{bronze}} · Silver {{op}} {{silver}} · Gold {{op}} {{gold}}',
      levelTooltip: 'Thresholds: {{thresholds}}',
      levelTooltipWithVerdict: '{{verdict}} Thresholds: {{thresholds}}',
      belowBronze: 'below Bronze',
      listed: '{{items}} listed',
      listedMore: '{{items}} listed, more not shown',
      columns: {
        status: 'Status',
        check: 'Check',
        value: 'Value',
        whatHappened: 'What happened',
        level: 'Level',
      },
    },
    collectorError: {
      unreachable: 'The Test Health collector is unreachable',
      misconfigured: 'The Test Health proxy is misconfigured',
      proxyHelpBefore:
        "The plugin reads the collector through Backstage's proxy. Check that",
      proxyHelpIn: 'in',
      proxyHelpAfter:
        'points at a running collector, and that the backend can reach it:',
      analysing: 'Analysing the first uploads of {{kind}} "{{name}}"',
      asksAgain: '{{message}} This page asks again in {{seconds}} seconds.',
      unknown: 'The collector does not know {{kind}} "{{name}}"',
      noResults: 'No test results for {{kind}} "{{name}}" yet',
      knows:
        'It knows {{known}} {{kind}}s: {{names}}. If it names this one differently, set the annotation testhealth.io/{{kind}} on the entity.',
      resultsSoon:
        '{{message}} Results show here a few seconds after the first upload.',
      resultsSoonKnown:
        '{{message}} {{knows}} Results show here a few seconds after the first upload.',
      loadFailed: 'Test Health could not be loaded',
    },
    trends: {
      weekSoFar: '{{week}} (so far)',
      range: '{{first}} to {{last}}',
      measure: 'Measure',
      weeks: '{{weeks}} weeks',
      latest: 'Latest',
      grade: 'Grade',
      overWeeks: '{{label}} over {{weeks}} weeks',
      empty:
        'No weekly trend yet: trends start with the first week of uploads.',
      subjectNote:
        "Each week is the scorecard as of the week's end, over the analysis window before it.",
      series: {
        tests: 'Tests',
        flakyTests: 'Flaky tests',
        flakyRunRate: 'Flaky run rate',
        passRate: 'Default-branch pass rate',
        timeLost: 'Time lost to flakes',
        prFeedback: 'PR feedback p95',
        e2eShare: 'E2E share of tests',
      },
    },
    pyramid: {
      e2e: 'E2E',
      integration: 'Integration',
      unit: 'Unit',
      layerLabel: '{{layer}} {{share}} (target {{target}})',
      chartLabel: 'Test pyramid: {{layers}}',
      legend:
        'Filled: share of classified tests · dashed: target profile “{{profile}}”.',
      unclassified: '{{unknown}} of {{total}} tests unclassified',
      topHeaviness: 'top-heaviness {{value}}',
      contractTests: '{{tests}} contract tests',
    },
    filters: {
      all: 'all',
    },
    integrationMap: {
      title: 'Integration map',
      subheader:
        'What this component calls and what calls it, from trace data: the tests on each edge, with their declared and observed layer',
      loadFailed: 'The integration map could not be loaded: {{error}}',
      emptyBefore:
        "No trace data for {{name}} yet: export its tests' OpenTelemetry spans to the collector's",
      emptyWith: 'with',
      emptyAfter: '(README, "Sending test traces").',
      from: 'from {{caller}}',
      notInReport: 'not in the report',
      lastStatus: 'last {{status}}',
      contractChip: 'contract: {{contract}}',
      none: 'none',
      noConsumerContract: 'none (a {{kind}} has no consumer contract)',
      more: '{{tests}} more',
      tested: 'Tested.',
      testedSeenIn: 'Tested. Also seen in {{places}}.',
      columns: {
        edge: 'Edge',
        tests: 'Tests that exercise it',
        contract: 'Contract',
        attention: 'Needs attention',
        lastSeen: 'Last seen',
      },
    },
    checkStatus: {
      pass: 'pass',
      fail: 'fail',
      insufficientData: 'insufficient data',
    },
    grafanaLink: {
      open: 'Open in Grafana',
    },
    gradeBadge: {
      noGrade: 'No grade yet: no check has enough data.',
      meaning: '{{grade}} is {{level}}.',
      gold: 'Gold',
      silver: 'Silver',
      bronze: 'Bronze',
      belowBronze: 'below Bronze',
      fromLevel:
        'The letter is the level: A is Gold, B Silver, C Bronze; below Bronze, D when one or two checks miss Bronze and F when more do; "-" while no check has data.',
      tooltip: '{{meaning}} {{fromLevel}}',
      label: 'grade {{grade}}',
      labelWithMeaning: 'grade {{grade}}: {{meaning}}',
    },
    layerDisagreements: {
      intro:
        '{{tests}} declared in one layer ran as another in traces (shown, not graded):',
      declaredFrom: '{{declared}} from',
      spansShow: '{{source}}; its spans show {{observed}}',
      more: 'and {{tests}}',
    },
    plainWords: {
      window: 'in {{days}} days',
      flakyRetried:
        'Failed, then passed on a re-run of the same commit, {{times}} {{window}} ({{runs}}).',
      flakyEarlier:
        'Still counted as flaky from earlier runs: none of its {{runs}} {{window}} failed then passed.',
      broken:
        'Failed in {{failed}} of its {{runs}} {{window}}, re-runs did not help.',
      fixed:
        'Was unreliable, now passes: {{runs}} {{window}}, {{failed}} failed, {{flaky}} flaky.',
      new: 'New: ran {{times}} so far, too few to judge.',
      staleSince: 'Has not run since {{date}}.',
      stale: 'Has not run in the window.',
      healthy: 'Passed all {{runs}} {{window}}.',
      mixed: 'Ran {{times}} {{window}}: {{failed}} failed, {{flaky}} flaky.',
      timeLostIn: '{{time}} in {{runs}}',
      timeLostNone: 'none',
      brokeAlone: '{{lost}}; failed {{pipelines}} on its own',
      regression:
        'Runs {{ratio}}× slower since commit {{commit}}: median {{before}} before, {{after}} after.',
      regressionSince:
        'Runs {{ratio}}× slower since commit {{commit}} ({{date}}): median {{before}} before, {{after}} after.',
      notObserved: 'not observed',
      noTraceData: 'no trace data for this test',
      noCall:
        'its spans show no call, and nothing says its calls would have been recorded',
      and: '{{first}} and {{second}}',
      observedFrom: 'from the trace data of {{from}}',
      observedFromWhy: 'from the trace data of {{from}}: {{why}}',
    },
    integrationWords: {
      untestedSeenIn:
        'Untested: no test exercised it; only seen in {{places}}.',
      untested: 'Untested: no test exercised it; only seen outside tests.',
      noContract: 'No contract test covers it.',
      notInReport: 'not in the report',
      layerObserved: '{{declared}} (observed {{observed}})',
      noEdges: 'No edges to cover.',
      coverage:
        '{{covered}} of {{edges}} covered by a contract test ({{share}}).',
      coverageWithServices:
        '{{covered}} of {{edges}} covered by a contract test ({{share}}); service-to-service: {{serviceCovered}} of {{serviceEdges}} ({{serviceShare}}).',
      summary:
        '{{edges}} seen in trace data, {{untested}} untested; {{tests}} exercise them.',
    },
    layerSources: {
      none: 'no declaration or rule: unknown',
      config_mapping: "the collector's layer mapping",
      upload: "the upload's layer parameter",
      allure_label: 'an Allure layer label on the test',
      test_property: 'a layer property on the test case',
      tag: 'a tag on the test',
      report_path: "the report's path (surefire/failsafe)",
      naming: 'a naming convention (*IT, e2e package)',
      trace: 'seen in traces (what its spans touched; nothing was declared)',
    },
    kpis: {
      flakyTests: 'Flaky tests',
      timeLost: 'CI time lost to flaky tests',
      passRate: 'Default-branch pass rate',
      sinceLastWeek: '{{change}} since last week',
      pointsSinceLastWeek: '{{change}} points since last week',
      noPreviousWeek: 'no previous week',
      better: '{{change}} (better)',
      worse: '{{change}} (worse)',
      weeksTooltip: '{{first}} to {{last}}, one point per week',
      sparklineLabel: '{{label}} over {{weeks}} weeks',
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

/** The `t` of {@link testHealthTranslationRef}, for helpers that build words outside a component. */
export type TestHealthTranslate = ReturnType<
  typeof useTranslationRef<typeof testHealthTranslationRef.T>
>['t'];
