import { useMemo } from 'react';
import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid, Typography } from '@material-ui/core';
import {
  collectorTeamOf,
  MemberRow,
} from '@testhealth/backstage-plugin-test-health-common';
import { testHealthApiRef } from '../../api';
import { ChecksTable } from '../shared/ChecksTable';
import { CollectorError } from '../shared/CollectorErrorPanel';
import { GradeBadge } from '../shared/GradeBadge';
import { LayerDisagreementsNote } from '../shared/LayerDisagreementsNote';
import { PyramidChart } from '../shared/PyramidChart';
import { SubjectTrends } from '../shared/TrendsCard';
import { useSubjectReport } from '../shared/useSubjectReport';
import { ciTime, gradeOrder, percent } from '../shared/format';
import { CatalogLink, CatalogRefsProvider } from '../shared/links';
import { GrafanaLink } from '../shared/GrafanaLink';

const memberColumns: TableColumn<MemberRow & { rank: number }>[] = [
  { title: '#', field: 'rank', width: '5%' },
  {
    title: 'Component',
    render: m => (
      <CatalogLink
        entityRef={m.component}
        defaultKind="component"
        testId="team-component"
      />
    ),
  },
  {
    title: 'Grade',
    render: m => <GradeBadge grade={m.grade} level={m.level} />,
  },
  { title: 'Tests', field: 'tests' },
  { title: 'Flaky', field: 'flakyTests' },
];

/** A Group's team scorecard with its components ranked. */
export const TeamTestHealthContent = () => {
  const { entity } = useEntity();
  const api = useApi(testHealthApiRef);
  const subject = useMemo(() => collectorTeamOf(entity), [entity]);
  const { state, trends } = useSubjectReport({
    load: () => api.getTeamScorecard(subject),
    loadTrends: () => api.getTeamTrends(subject),
    known: () => api.getTeams().then(list => list.map(t => t.name)),
    deps: [api, subject.name, subject.namespace],
  });

  if (state.loading && !state.value) return <Progress />;
  if (state.error)
    return <CollectorError error={state.error} kind="team" subject={subject} />;
  if (!state.value) return <Progress />;
  if (!state.value.found) {
    return (
      <CollectorError
        error={state.value.error}
        kind="team"
        subject={subject}
        known={state.value.known}
      />
    );
  }
  const scorecard = state.value.report;
  const members = [...scorecard.components]
    .sort(
      (a, b) =>
        gradeOrder(b.grade) - gradeOrder(a.grade) ||
        b.flakyTests - a.flakyTests ||
        a.component.localeCompare(b.component),
    )
    .map((m, i) => ({ ...m, rank: i + 1 }));

  return (
    <CatalogRefsProvider>
      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <InfoCard
            title={`Team ${scorecard.name}`}
            subheader={`${scorecard.ref} · window ${scorecard.window}`}
          >
            <GradeBadge
              grade={scorecard.grade}
              level={scorecard.level}
              size="large"
            />
            <Typography variant="body1" style={{ marginTop: 16 }}>
              {scorecard.summary}
            </Typography>
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ marginTop: 8 }}
            >
              {scorecard.metrics.tests} tests ·{' '}
              <span data-testid="team-flaky-count">
                {scorecard.metrics.flakyTests}
              </span>{' '}
              flaky · pass rate {percent(scorecard.metrics.passRate)} · CI time
              lost to flaky tests{' '}
              {ciTime(scorecard.metrics.timeLostToFlakesSeconds)} in{' '}
              {scorecard.metrics.jobRuns} job runs
            </Typography>
            <GrafanaLink
              target={{ dashboard: 'team', team: scorecard.ref }}
              what="checks over time and every component of the team"
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <Table
            title={`Components, worst first (${members.length})`}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={memberColumns}
            data={members}
          />
        </Grid>
        <Grid item xs={12}>
          <ChecksTable
            checks={scorecard.checks}
            title="Team scorecard, failing checks first"
            pipelineRuns={scorecard.pipelineRuns}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Team test pyramid">
            <PyramidChart pyramid={scorecard.pyramid} />
            <LayerDisagreementsNote
              disagreements={scorecard.layerDisagreements}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <SubjectTrends
            trends={trends}
            title="Trends"
            kind="team"
            subject={subject}
          />
        </Grid>
      </Grid>
    </CatalogRefsProvider>
  );
};
