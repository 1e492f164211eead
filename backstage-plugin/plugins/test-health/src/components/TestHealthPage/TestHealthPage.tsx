import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Route, Routes } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Page,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Grid, Tooltip, Typography } from '@material-ui/core';
import {
  SubjectSummary,
  WeeklyFlakyTest,
  WeeklyReport,
} from '@testhealth/backstage-plugin-test-health-common';
import { testHealthApiRef } from '../../api';
import { CollectorError } from '../shared/CollectorErrorPanel';
import { GradeBadge } from '../shared/GradeBadge';
import { TrendsCard, trendsViewOfHeadline } from '../shared/TrendsCard';
import { gradeOrder, percent } from '../shared/format';
import { CatalogLink, CatalogRefsProvider, TestLink } from '../shared/links';
import { timeLostText } from '../shared/plainWords';
import { TestPage } from '../TestPage';
import { KpiCards } from './Kpis';
import { testHealthTranslationRef } from '../../translation';

type RankedTeam = SubjectSummary & {
  rank: number;
  previousGrade: string | null;
};

type Translate = ReturnType<
  typeof useTranslationRef<typeof testHealthTranslationRef.T>
>['t'];

const teamColumns = (tr: Translate): TableColumn<RankedTeam>[] => [
  { title: tr('organisationPage.columns.rank'), field: 'rank', width: '5%' },
  {
    title: tr('organisationPage.columns.team'),
    field: 'name',
    render: t => <CatalogLink entityRef={t.ref} testId="org-team" />,
  },
  {
    title: tr('organisationPage.columns.grade'),
    render: t => (
      <>
        <GradeBadge grade={t.grade} level={t.level} />
        {t.previousGrade && t.previousGrade !== t.grade && (
          <Typography variant="caption" style={{ marginLeft: 8 }}>
            {tr('organisationPage.wasLastWeek', { grade: t.previousGrade })}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: tr('organisationPage.columns.components'),
    render: t =>
      (t.components ?? []).map((c, i) => (
        <span key={c}>
          {i > 0 && ', '}
          <CatalogLink entityRef={c} defaultKind="component" />
        </span>
      )),
  },
  { title: tr('organisationPage.columns.tests'), field: 'tests' },
  { title: tr('organisationPage.columns.flaky'), field: 'flakyTests' },
  { title: tr('organisationPage.columns.broken'), field: 'brokenTests' },
];

const flakyColumns = (tr: Translate): TableColumn<WeeklyFlakyTest>[] => [
  {
    title: tr('organisationPage.columns.test'),
    field: 'name',
    render: t => (
      <>
        <TestLink testId={t.testId}>{t.name}</TestLink>
        <Typography variant="caption" color="textSecondary" component="div">
          {t.suite}
        </Typography>
      </>
    ),
  },
  {
    title: tr('organisationPage.columns.component'),
    field: 'component',
    render: t => (
      <CatalogLink entityRef={t.component} defaultKind="component" />
    ),
  },
  {
    title: tr('organisationPage.columns.owner'),
    field: 'owner',
    render: t => <CatalogLink entityRef={t.owner} />,
  },
  {
    title: tr('organisationPage.columns.score'),
    render: t => (
      <Tooltip title={tr('organisationPage.scoreTooltip')}>
        <span>{percent(t.flakinessScore)}</span>
      </Tooltip>
    ),
  },
  {
    title: tr('organisationPage.columns.timeLost'),
    render: t =>
      timeLostText(tr, {
        timeLostSeconds: t.timeLostSeconds,
        flakyRuns: t.flakyRuns ?? 0,
        pipelinesBrokenAlone: t.pipelinesBrokenAlone ?? 0,
      }),
  },
];

/** Teams worst first: lowest grade, then most flaky tests, then most broken. */
export function rankTeamsWorstFirst(
  teams: SubjectSummary[],
  report?: WeeklyReport,
): RankedTeam[] {
  const previous = new Map(
    (report?.ranking ?? []).map(r => [r.team, r.previousGrade]),
  );
  return [...teams]
    .sort(
      (a, b) =>
        gradeOrder(b.grade) - gradeOrder(a.grade) ||
        b.flakyTests - a.flakyTests ||
        b.brokenTests - a.brokenTests ||
        a.name.localeCompare(b.name),
    )
    .map((t, i) => ({
      ...t,
      rank: i + 1,
      previousGrade: previous.get(t.ref) ?? null,
    }));
}

/** The organisation page: headline KPIs, teams worst first, the week's flaky tests. */
export const OrganisationPage = () => {
  const { t } = useTranslationRef(testHealthTranslationRef);
  const api = useApi(testHealthApiRef);
  const state = useAsync(
    () => Promise.all([api.getTeams(), api.getWeeklyReport()]),
    [api],
  );

  let body;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    body = <CollectorError error={state.error} kind="team" />;
  } else if (state.value && state.value[0].length === 0) {
    body = (
      <EmptyState
        missing="data"
        title={t('organisationPage.emptyTitle')}
        description={t('organisationPage.emptyDescription')}
      />
    );
  } else if (state.value) {
    const [teams, report] = state.value;
    const organisation =
      report.headline.find(h => h.organisation) ?? report.headline[0];
    const ranked = rankTeamsWorstFirst(teams, report);
    body = (
      <Grid container spacing={3}>
        {organisation && (
          <>
            <Grid item xs={12}>
              <Typography variant="h6" data-testid="org-week">
                {report.complete
                  ? t('organisationPage.week', { week: report.week })
                  : t('organisationPage.weekInProgress', { week: report.week })}
              </Typography>
            </Grid>
            <KpiCards headline={organisation} weeks={report.weeks} />
          </>
        )}
        <Grid item xs={12}>
          <Table<RankedTeam>
            title={t('organisationPage.teamsTitle', {
              teams: String(ranked.length),
            })}
            options={{ paging: false, search: true, padding: 'dense' }}
            columns={teamColumns(t)}
            data={ranked}
          />
        </Grid>
        <Grid item xs={12}>
          <Table<WeeklyFlakyTest>
            title={t('organisationPage.flakiestTitle', { week: report.week })}
            options={{ paging: false, search: true, padding: 'dense' }}
            columns={flakyColumns(t)}
            data={report.topFlaky.slice(0, 10)}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <TrendsCard
            title={
              report.complete
                ? t('organisationPage.reviewTitle', { week: report.week })
                : t('organisationPage.reviewTitleInProgress', {
                    week: report.week,
                  })
            }
            view={
              organisation
                ? trendsViewOfHeadline(organisation, report.weeks, t)
                : undefined
            }
            note={
              organisation?.organisation
                ? t('organisationPage.wholeOrganisation')
                : undefined
            }
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <CatalogRefsProvider>
      <Page themeId="tool">
        <Header
          title={t('organisationPage.title')}
          subtitle={t('organisationPage.subtitle')}
        />
        <Content>
          <ContentHeader title={t('organisationPage.contentTitle')} />
          {body}
        </Content>
      </Page>
    </CatalogRefsProvider>
  );
};

/** `/test-health`: the organisation page, and each test's page at `/test-health/tests/:testId`. */
export const TestHealthPage = () => (
  <Routes>
    <Route path="/" element={<OrganisationPage />} />
    <Route path="/tests/:testId" element={<TestPage />} />
  </Routes>
);
