import { stringifyEntityRef } from '@backstage/catalog-model';
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
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid, Tooltip, Typography } from '@material-ui/core';
import {
  collectorComponentOf,
  TestRow,
} from '@testhealth/backstage-plugin-test-health-common';
import { testHealthApiRef } from '../../api';
import { ChecksTable } from '../shared/ChecksTable';
import { CollectorError } from '../shared/CollectorErrorPanel';
import { GradeBadge } from '../shared/GradeBadge';
import { LayerDisagreementsNote } from '../shared/LayerDisagreementsNote';
import { PyramidChart } from '../shared/PyramidChart';
import { SubjectTrends } from '../shared/TrendsCard';
import {
  ciTime,
  duration,
  percent,
  shortRef,
  windowDays,
} from '../shared/format';
import { FilterSpec, TableTitle, useFilters } from '../shared/Filters';
import { CatalogLink, CatalogRefsProvider, TestLink } from '../shared/links';
import { regressionText, timeLostText } from '../shared/plainWords';
import { QuarantineInput } from '../QuarantineDialog';
import { FlakyRow, FlakyTestsTable } from './FlakyTestsTable';
import { IntegrationMapCard } from './IntegrationMap';
import { useSubjectReport } from '../shared/useSubjectReport';
import { GrafanaLink } from '../shared/GrafanaLink';
import { testHealthTranslationRef } from '../../translation';

const testCell = (t: TestRow) => (
  <>
    <Typography variant="body2">
      <TestLink testId={t.testId}>{t.name}</TestLink>
    </Typography>
    <Typography
      variant="caption"
      color="textSecondary"
      style={{ wordBreak: 'break-word' }}
    >
      {t.suite}
    </Typography>
  </>
);

type Translate = ReturnType<
  typeof useTranslationRef<typeof testHealthTranslationRef.T>
>['t'];

const slowColumns = (tr: Translate): TableColumn<TestRow>[] => [
  { title: tr('entityContent.columns.test'), width: '50%', render: testCell },
  { title: tr('entityContent.columns.layer'), field: 'layer' },
  {
    title: tr('entityContent.columns.p50'),
    render: t => duration(t.p50Seconds),
  },
  {
    title: tr('entityContent.columns.p95'),
    render: t => duration(t.p95Seconds),
  },
  {
    title: tr('entityContent.columns.footprint'),
    render: t => duration(t.footprintSeconds),
  },
];

const regressionColumns = (tr: Translate): TableColumn<TestRow>[] => [
  { title: tr('entityContent.columns.test'), width: '40%', render: testCell },
  {
    title: tr('entityContent.columns.whatHappened'),
    render: t =>
      t.durationRegression ? (
        <Tooltip
          title={tr('entityContent.regressionTooltip', {
            p: t.durationRegression.pValue.toPrecision(2),
          })}
        >
          <span>{regressionText(tr, t.durationRegression)}</span>
        </Tooltip>
      ) : (
        '–'
      ),
  },
];

const allTestFilters = (tr: Translate): FilterSpec<TestRow>[] => [
  {
    id: 'state',
    label: tr('entityContent.columns.state'),
    value: t => t.state,
  },
  {
    id: 'layer',
    label: tr('entityContent.columns.layer'),
    value: t => t.layer,
  },
  {
    id: 'owner',
    label: tr('entityContent.columns.owner'),
    value: t => (t.owner ? shortRef(t.owner) : null),
  },
];

const allTestColumns = (tr: Translate): TableColumn<TestRow>[] => [
  {
    title: tr('entityContent.columns.test'),
    width: '35%',
    field: 'name',
    render: testCell,
  },
  { title: tr('entityContent.columns.state'), field: 'state', width: '8%' },
  { title: tr('entityContent.columns.layer'), field: 'layer', width: '8%' },
  {
    title: tr('entityContent.columns.owner'),
    field: 'owner',
    width: '12%',
    render: t => <CatalogLink entityRef={t.owner} />,
  },
  { title: tr('entityContent.columns.runs'), field: 'runs', width: '7%' },
  {
    title: tr('entityContent.columns.timeLost'),
    render: t => timeLostText(tr, t),
  },
  {
    title: tr('entityContent.columns.p95'),
    render: t => duration(t.p95Seconds),
  },
];

/** Every test of the component, most costly first, with search and filters. */
const AllTestsTable = ({
  tests,
  total,
}: {
  tests: TestRow[];
  total: number;
}) => {
  const { t } = useTranslationRef(testHealthTranslationRef);
  const filterSpecs = useMemo(() => allTestFilters(t), [t]);
  const filters = useFilters(tests, filterSpecs);
  return (
    <Table<TestRow>
      title={
        <TableTitle
          title={t('entityContent.allTestsTitle', {
            tests:
              tests.length < total
                ? t('entityContent.allTestsCount', {
                    shown: String(tests.length),
                    total: String(total),
                  })
                : String(total),
          })}
          filters={filters.bar}
        />
      }
      options={{
        paging: filters.rows.length > 10,
        pageSize: 10,
        search: true,
        padding: 'dense',
      }}
      columns={allTestColumns(t)}
      data={filters.rows}
    />
  );
};

/** The "Tests" tab of a component: scorecard, pyramid, flaky tests, all tests, integration map, slow tests and trends. */
export const EntityTestHealthContent = () => {
  const { entity } = useEntity();
  const { t } = useTranslationRef(testHealthTranslationRef);
  const api = useApi(testHealthApiRef);
  const identityApi = useApi(identityApiRef);
  const alertApi = useApi(alertApiRef);
  const subject = useMemo(() => collectorComponentOf(entity), [entity]);

  const { state, trends } = useSubjectReport({
    load: async () => {
      const [scorecard, flaky, quarantines, slowest, all] = await Promise.all([
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
        api.getComponentTests(subject, {
          state: 'all',
          sort: 'impact',
          limit: 500,
        }),
      ]);
      return { scorecard, flaky, quarantines, slowest, all };
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

  const { scorecard, flaky, quarantines, slowest, all } = state.value.report;
  const byTest = new Map(quarantines.map(q => [q.testId, q]));
  const rows: FlakyRow[] = flaky.tests.map(test => ({
    ...test,
    quarantine: byTest.get(test.testId),
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
      message: t('entityContent.quarantined', { name: test.name }),
      severity: 'success',
      display: 'transient',
    });
    state.retry();
  };
  const release = async (test: TestRow) => {
    try {
      await api.releaseTest(test.testId);
      alertApi.post({
        message: t('entityContent.released', { name: test.name }),
        severity: 'success',
        display: 'transient',
      });
      state.retry();
    } catch (e) {
      alertApi.post({
        message: t('entityContent.releaseFailed', {
          name: test.name,
          error: e instanceof Error ? e.message : String(e),
        }),
        severity: 'error',
      });
    }
  };

  const team = scorecard.team;

  return (
    <CatalogRefsProvider>
      <Grid container spacing={3} alignItems="stretch">
        <Grid item xs={12} md={5}>
          <InfoCard
            title={t('entityContent.title')}
            subheader={t('entityContent.subheader', {
              ref: scorecard.ref,
              window: scorecard.window,
            })}
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
              {t('entityContent.metrics', {
                tests: String(scorecard.metrics.tests),
                flaky: (
                  <span data-testid="flaky-count">
                    {scorecard.metrics.flakyTests}
                  </span>
                ),
                broken: String(scorecard.metrics.brokenTests),
                quarantined: String(scorecard.metrics.quarantinedTests),
                passRate: percent(scorecard.metrics.passRate),
                timeLost: (
                  <span data-testid="time-lost">
                    {ciTime(scorecard.metrics.timeLostToFlakesSeconds)}
                  </span>
                ),
                jobRuns: String(scorecard.metrics.jobRuns),
              })}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {t('entityContent.team')} <CatalogLink entityRef={team} /> ·{' '}
              {t('entityContent.lastRun', {
                lastRun:
                  scorecard.lastRunAt?.slice(0, 16).replace('T', ' ') ?? '–',
                thresholds: scorecard.thresholdVersion,
              })}
            </Typography>
            <GrafanaLink
              target={{
                dashboard: 'component',
                component: scorecard.ref,
                team,
              }}
              what={t('entityContent.grafanaWhat')}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <InfoCard
            title={t('entityContent.pyramidTitle')}
            subheader={t('entityContent.pyramidSubheader')}
          >
            <PyramidChart pyramid={scorecard.pyramid} />
            <LayerDisagreementsNote
              disagreements={scorecard.layerDisagreements}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <ChecksTable
            checks={scorecard.checks}
            title={t('entityContent.checksTitle', {
              failing: String(
                scorecard.checks.filter(c => c.status === 'fail').length,
              ),
              total: String(scorecard.checks.length),
            })}
            pipelineRuns={scorecard.pipelineRuns}
          />
        </Grid>
        <Grid item xs={12}>
          <FlakyTestsTable
            entityRef={stringifyEntityRef(entity)}
            rows={rows}
            total={flaky.total}
            onQuarantine={quarantine}
            onRelease={release}
            windowDays={windowDays(scorecard.window)}
            pipelineRuns={flaky.pipelineRuns ?? scorecard.pipelineRuns}
          />
        </Grid>
        <Grid item xs={12}>
          <AllTestsTable tests={all.tests} total={all.total} />
        </Grid>
        <Grid item xs={12}>
          <IntegrationMapCard subject={subject} />
        </Grid>
        <Grid item xs={12} md={6}>
          <Table<TestRow>
            title={t('entityContent.slowestTitle')}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={slowColumns(t)}
            data={slowest.tests}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <Table<TestRow>
            title={t('entityContent.regressionsTitle')}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={regressionColumns(t)}
            data={scorecard.durationRegressions}
            emptyContent={
              <Typography variant="body2" style={{ padding: 16 }}>
                {t('entityContent.noRegressions')}
              </Typography>
            }
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <SubjectTrends
            trends={trends}
            title={t('entityContent.trendsTitle')}
            kind="component"
            subject={subject}
          />
        </Grid>
      </Grid>
    </CatalogRefsProvider>
  );
};
