import { useMemo } from 'react';
import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import {
  alertApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid, Typography } from '@material-ui/core';
import {
  collectorComponentOf,
  TestRow,
} from '@testhealth/backstage-plugin-test-health-common';
import { testHealthApiRef } from '../../api';
import { ChecksTable } from '../shared/ChecksTable';
import { CollectorError } from '../shared/CollectorErrorPanel';
import { GradeBadge } from '../shared/GradeBadge';
import { PyramidChart } from '../shared/PyramidChart';
import { SubjectTrends } from '../shared/TrendsCard';
import { duration, percent, shortRef } from '../shared/format';
import { QuarantineInput } from '../QuarantineDialog';
import { FlakyRow, FlakyTestsTable } from './FlakyTestsTable';
import { useSubjectReport } from '../shared/useSubjectReport';

const testCell = (t: TestRow) => (
  <>
    <Typography variant="body2">{t.name}</Typography>
    <Typography
      variant="caption"
      color="textSecondary"
      style={{ wordBreak: 'break-word' }}
    >
      {t.suite}
    </Typography>
  </>
);

const slowColumns: TableColumn<TestRow>[] = [
  { title: 'Test', width: '50%', render: testCell },
  { title: 'Layer', field: 'layer' },
  { title: 'p50', render: t => duration(t.p50Seconds) },
  { title: 'p95', render: t => duration(t.p95Seconds) },
  { title: 'Footprint', render: t => duration(t.footprintSeconds) },
];

const regressionColumns: TableColumn<TestRow>[] = [
  { title: 'Test', width: '40%', render: testCell },
  {
    title: 'Median before → after',
    render: t =>
      t.durationRegression
        ? `${duration(t.durationRegression.beforeMedianSeconds)} → ${duration(t.durationRegression.afterMedianSeconds)}`
        : '–',
  },
  {
    title: 'Ratio',
    render: t =>
      t.durationRegression ? `×${t.durationRegression.ratio.toFixed(2)}` : '–',
  },
  {
    title: 'Since commit',
    render: t => t.durationRegression?.startedAtCommit.slice(0, 8) ?? '–',
  },
];

/** The "Tests" tab of a component: scorecard, pyramid, flaky, slow tests and trends. */
export const EntityTestHealthContent = () => {
  const { entity } = useEntity();
  const api = useApi(testHealthApiRef);
  const identityApi = useApi(identityApiRef);
  const alertApi = useApi(alertApiRef);
  const subject = useMemo(() => collectorComponentOf(entity), [entity]);

  const { state, trends } = useSubjectReport({
    load: async () => {
      const [scorecard, flaky, quarantines, slowest] = await Promise.all([
        api.getComponentScorecard(subject),
        api.getComponentTests(subject, {
          state: 'flaky',
          sort: 'impact',
          limit: 50,
        }),
        api.getComponentQuarantines(subject),
        api.getComponentTests(subject, {
          state: 'all',
          sort: 'duration',
          limit: 10,
        }),
      ]);
      return { scorecard, flaky, quarantines, slowest };
    },
    loadTrends: () => api.getComponentTrends(subject),
    known: () => api.getComponents().then(list => list.map(c => c.name)),
    deps: [api, subject.name, subject.namespace],
  });

  if (state.loading && !state.value) {
    return <Progress />;
  }
  if (state.error) {
    return (
      <CollectorError error={state.error} kind="component" subject={subject} />
    );
  }
  if (!state.value) {
    return <Progress />;
  }
  if (!state.value.found) {
    return (
      <CollectorError
        error={state.value.error}
        kind="component"
        subject={subject}
        known={state.value.known}
      />
    );
  }

  const { scorecard, flaky, quarantines, slowest } = state.value.report;
  const byTest = new Map(quarantines.map(q => [q.testId, q]));
  const rows: FlakyRow[] = flaky.tests.map(t => ({
    ...t,
    quarantine: byTest.get(t.testId),
  }));

  const quarantine = async (test: TestRow, input: QuarantineInput) => {
    const { userEntityRef } = await identityApi.getBackstageIdentity();
    await api.quarantineTest(test.testId, {
      by: userEntityRef,
      reason: input.reason,
      ticket: input.ticket,
      expiresAt: input.expires ? `${input.expires}T23:59:59Z` : null,
    });
    alertApi.post({
      message: `Quarantined ${test.name}`,
      severity: 'success',
      display: 'transient',
    });
    state.retry();
  };
  const release = async (test: TestRow) => {
    try {
      await api.releaseTest(test.testId);
      alertApi.post({
        message: `Released ${test.name}`,
        severity: 'success',
        display: 'transient',
      });
      state.retry();
    } catch (e) {
      alertApi.post({
        message: `Could not release ${test.name}: ${e instanceof Error ? e.message : String(e)}`,
        severity: 'error',
      });
    }
  };

  const team = scorecard.team;

  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={5}>
        <InfoCard
          title="Test Health"
          subheader={`${scorecard.ref} · window ${scorecard.window}`}
        >
          <GradeBadge
            grade={scorecard.grade}
            level={scorecard.level}
            size="large"
          />
          <Typography
            variant="body1"
            style={{ marginTop: 16 }}
            data-testid="summary"
          >
            {scorecard.summary}
          </Typography>
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ marginTop: 8 }}
          >
            {scorecard.metrics.tests} tests ·{' '}
            <span data-testid="flaky-count">
              {scorecard.metrics.flakyTests}
            </span>{' '}
            flaky · {scorecard.metrics.brokenTests} broken ·{' '}
            {scorecard.metrics.quarantinedTests} quarantined · pass rate{' '}
            {percent(scorecard.metrics.passRate)} · time lost to flakes{' '}
            {duration(scorecard.metrics.timeLostToFlakesSeconds)}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            Team {shortRef(team)} · last run{' '}
            {scorecard.lastRunAt?.slice(0, 16).replace('T', ' ') ?? '–'} ·
            thresholds {scorecard.thresholdVersion}
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard
          title="Test pyramid"
          subheader="Layers against the target profile"
        >
          <PyramidChart pyramid={scorecard.pyramid} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <ChecksTable
          checks={scorecard.checks}
          title={`Scorecard checks (${scorecard.checks.length})`}
        />
      </Grid>
      <Grid item xs={12}>
        <FlakyTestsTable
          rows={rows}
          total={flaky.total}
          onQuarantine={quarantine}
          onRelease={release}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table<TestRow>
          title="Slowest tests"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={slowColumns}
          data={slowest.tests}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Table<TestRow>
          title="Duration regressions"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={regressionColumns}
          data={scorecard.durationRegressions}
          emptyContent={
            <Typography variant="body2" style={{ padding: 16 }}>
              No sustained rise in test durations.
            </Typography>
          }
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <SubjectTrends
          trends={trends}
          title="Trends"
          kind="component"
          subject={subject}
        />
      </Grid>
    </Grid>
  );
};
