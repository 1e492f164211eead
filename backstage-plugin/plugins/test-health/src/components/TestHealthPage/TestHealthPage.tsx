import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Grid, Typography } from '@material-ui/core';
import {
  SubjectSummary,
  WeeklyFlakyTest,
  WeeklyReport,
} from '@testhealth/backstage-plugin-test-health-common';
import { testHealthApiRef } from '../../api';
import { CollectorError } from '../shared/CollectorErrorPanel';
import { GradeBadge } from '../shared/GradeBadge';
import { TrendsCard, trendsViewOfHeadline } from '../shared/TrendsCard';
import { duration, gradeOrder, percent, shortRef } from '../shared/format';

type RankedTeam = SubjectSummary & { rank: number };

const teamColumns: TableColumn<RankedTeam>[] = [
  { title: '#', field: 'rank', width: '5%' },
  { title: 'Team', render: t => <span data-testid="org-team">{t.name}</span> },
  {
    title: 'Grade',
    render: t => <GradeBadge grade={t.grade} level={t.level} />,
  },
  {
    title: 'Components',
    render: t => (t.components ?? []).map(c => shortRef(c)).join(', '),
  },
  { title: 'Tests', field: 'tests' },
  { title: 'Flaky', field: 'flakyTests' },
  { title: 'Broken', field: 'brokenTests' },
];

const flakyColumns: TableColumn<WeeklyFlakyTest>[] = [
  { title: 'Test', render: t => `${t.suite} · ${t.name}` },
  { title: 'Component', render: t => shortRef(t.component) },
  { title: 'Owner', render: t => shortRef(t.owner) },
  { title: 'Score', render: t => percent(t.flakinessScore) },
  { title: 'Time lost', render: t => duration(t.timeLostSeconds) },
];

const WeeklyReview = ({ report }: { report: WeeklyReport }) => {
  const organisation = report.headline.find(h => h.organisation);
  return (
    <>
      <Grid item xs={12} md={6}>
        <TrendsCard
          title={`Weekly review ${report.week}${report.complete ? '' : ' (week in progress)'}`}
          view={
            organisation || report.headline[0]
              ? trendsViewOfHeadline(
                  organisation ?? report.headline[0],
                  report.weeks,
                )
              : undefined
          }
          note={organisation ? 'The whole organisation.' : undefined}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Team ranking this week">
          {report.ranking.map(r => (
            <Typography key={r.team} variant="body2">
              {r.rank}. {r.name}: {r.grade}
              {r.previousGrade && r.previousGrade !== r.grade
                ? ` (was ${r.previousGrade})`
                : ''}{' '}
              · {r.components} components
            </Typography>
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Table<WeeklyFlakyTest>
          title="Top flaky tests of the week"
          options={{ paging: false, search: false, padding: 'dense' }}
          columns={flakyColumns}
          data={report.topFlaky.slice(0, 10)}
        />
      </Grid>
    </>
  );
};

/** The organisation page: teams ranked and the latest weekly review. */
export const TestHealthPage = () => {
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
    const ranked = [...teams]
      .sort(
        (a, b) =>
          gradeOrder(a.grade) - gradeOrder(b.grade) ||
          a.flakyTests - b.flakyTests,
      )
      .map((t, i) => ({ ...t, rank: i + 1 }));
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <Table<RankedTeam>
            title={`Teams ranked (${ranked.length})`}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={teamColumns}
            data={ranked}
          />
        </Grid>
        <WeeklyReview report={report} />
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header title="Test Health" subtitle="Can your tests be trusted?" />
      <Content>
        <ContentHeader title="Teams" />
        {body}
      </Content>
    </Page>
  );
};
