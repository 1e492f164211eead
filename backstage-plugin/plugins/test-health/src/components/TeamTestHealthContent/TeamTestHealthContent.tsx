import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { testHealthTranslationRef } from '../../translation';

type Translate = ReturnType<
  typeof useTranslationRef<typeof testHealthTranslationRef.T>
>['t'];

const memberColumns = (
  t: Translate,
): TableColumn<MemberRow & { rank: number }>[] => [
  { title: t('teamContent.columns.rank'), field: 'rank', width: '5%' },
  {
    title: t('teamContent.columns.component'),
    render: m => (
      <CatalogLink
        entityRef={m.component}
        defaultKind="component"
        testId="team-component"
      />
    ),
  },
  {
    title: t('teamContent.columns.grade'),
    render: m => <GradeBadge grade={m.grade} level={m.level} />,
  },
  { title: t('teamContent.columns.tests'), field: 'tests' },
  { title: t('teamContent.columns.flaky'), field: 'flakyTests' },
];

/** A Group's team scorecard with its components ranked. */
export const TeamTestHealthContent = () => {
  const { entity } = useEntity();
  const { t } = useTranslationRef(testHealthTranslationRef);
  const api = useApi(testHealthApiRef);
  const subject = useMemo(() => collectorTeamOf(entity), [entity]);
  const { state, trends } = useSubjectReport({
    load: () => api.getTeamScorecard(subject),
    loadTrends: () => api.getTeamTrends(subject),
    known: () => api.getTeams().then(list => list.map(team => team.name)),
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
            title={t('teamContent.title', { name: scorecard.name })}
            subheader={t('teamContent.subheader', {
              ref: scorecard.ref,
              window: scorecard.window,
            })}
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
              {t('teamContent.metrics', {
                tests: String(scorecard.metrics.tests),
                flaky: (
                  <span data-testid="team-flaky-count">
                    {scorecard.metrics.flakyTests}
                  </span>
                ),
                passRate: percent(scorecard.metrics.passRate),
                timeLost: ciTime(scorecard.metrics.timeLostToFlakesSeconds),
                jobRuns: String(scorecard.metrics.jobRuns),
              })}
            </Typography>
            <GrafanaLink
              target={{ dashboard: 'team', team: scorecard.ref }}
              what={t('teamContent.grafanaWhat')}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <Table
            title={t('teamContent.componentsTitle', {
              components: String(members.length),
            })}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={memberColumns(t)}
            data={members}
          />
        </Grid>
        <Grid item xs={12}>
          <ChecksTable
            checks={scorecard.checks}
            title={t('teamContent.checksTitle')}
            pipelineRuns={scorecard.pipelineRuns}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title={t('teamContent.pyramidTitle')}>
            <PyramidChart pyramid={scorecard.pyramid} />
            <LayerDisagreementsNote
              disagreements={scorecard.layerDisagreements}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <SubjectTrends
            trends={trends}
            title={t('teamContent.trendsTitle')}
            kind="team"
            subject={subject}
          />
        </Grid>
      </Grid>
    </CatalogRefsProvider>
  );
};
