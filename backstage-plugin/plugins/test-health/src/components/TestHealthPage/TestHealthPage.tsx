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

type RankedTeam = SubjectSummary & {
  rank: number;
  previousGrade: string | null;
};

const teamColumns: TableColumn<RankedTeam>[] = [
  { title: '#', field: 'rank', width: '5%' },
  {
    title: 'Team',
    field: 'name',
    render: t => <CatalogLink entityRef={t.ref} testId="org-team" />,
  },
  {
    title: 'Grade',
    render: t => (
      <>
        <GradeBadge grade={t.grade} level={t.level} />
        {t.previousGrade && t.previousGrade !== t.grade && (
          <Typography variant="caption" style={{ marginLeft: 8 }}>
            was {t.previousGrade} last week
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Components',
    render: t =>
      (t.components ?? []).map((c, i) => (
        <span key={c}>
          {i > 0 && ', '}
          <CatalogLink entityRef={c} defaultKind="component" />
        </span>
      )),
  },
  { title: 'Tests', field: 'tests' },
  { title: 'Flaky', field: 'flakyTests' },
  { title: 'Broken', field: 'brokenTests' },
];

const flakyColumns: TableColumn<WeeklyFlakyTest>[] = [
  {
    title: 'Test',
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
    title: 'Component',
    field: 'component',
    render: t => <CatalogLink entityRef={t.component} defaultKind="component" />,
  },
  {
    title: 'Owner',
    field: 'owner',
    render: t => <CatalogLink entityRef={t.owner} />,
  },
  {
    title: 'Score',
    render: t => (
      <Tooltip title="Bayesian flakiness score: the estimated share of its runs that are flaky">
        <span>{percent(t.flakinessScore)}</span>
      </Tooltip>
    ),
  },
  {
    title: 'CI time lost',
    render: t =>
      timeLostText({
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
        title="No test results yet"
        description="The collector has no uploads yet. Upload JUnit/Allure reports from CI with POST /api/v1/uploads?component=NAME&team=TEAM; teams show here a few seconds later."
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
                Week {report.week}
                {report.complete ? '' : ' (in progress)'}, against the week
                before
              </Typography>
            </Grid>
            <KpiCards headline={organisation} weeks={report.weeks} />
          </>
        )}
        <Grid item xs={12}>
          <Table<RankedTeam>
            title={`Teams, worst first (${ranked.length})`}
            options={{ paging: false, search: true, padding: 'dense' }}
            columns={teamColumns}
            data={ranked}
          />
        </Grid>
        <Grid item xs={12}>
          <Table<WeeklyFlakyTest>
            title={`Flakiest tests of ${report.week}, in the weekly review's order`}
            options={{ paging: false, search: true, padding: 'dense' }}
            columns={flakyColumns}
            data={report.topFlaky.slice(0, 10)}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <TrendsCard
            title={`Weekly review ${report.week}${report.complete ? '' : ' (week in progress)'}`}
            view={
              organisation
                ? trendsViewOfHeadline(organisation, report.weeks)
                : undefined
            }
            note={organisation?.organisation ? 'The whole organisation.' : undefined}
          />
        </Grid>
      </Grid>
    );
  }

  return (
    <CatalogRefsProvider>
      <Page themeId="tool">
        <Header title="Test Health" subtitle="Can your tests be trusted?" />
        <Content>
          <ContentHeader title="Organisation" />
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
