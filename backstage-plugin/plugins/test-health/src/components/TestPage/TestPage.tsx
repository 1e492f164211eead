import { useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  Header,
  HeaderLabel,
  InfoCard,
  Link,
  Page,
  Progress,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Box,
  Chip,
  FormControl,
  Grid,
  InputLabel,
  MenuItem,
  Select,
  Tooltip,
  Typography,
  makeStyles,
  Theme,
} from '@material-ui/core';
import {
  RunView,
  TestDetail,
} from '@testhealth/backstage-plugin-test-health-common';
import { CollectorNotFoundError, testHealthApiRef } from '../../api';
import { CollectorError } from '../shared/CollectorErrorPanel';
import {
  count,
  duration,
  layerSourceText,
  percent,
  shortRef,
  splitReasons,
  windowDays,
} from '../shared/format';
import { CatalogLink, CatalogRefsProvider } from '../shared/links';
import {
  observedLayerText,
  regressionText,
  timeLostText,
  whatHappened,
} from '../shared/plainWords';
import { attemptsText, lanesByBranch, outcomeCounts } from './runTimeline';
import { FailureGroups } from './FailureGroups';
import { QuarantineHistory } from './QuarantineHistory';
import { PipelineLinks, runUrlsByPipeline } from '../shared/PipelineLinks';
import { TestSpansSection } from './TestSpansSection';
import {
  TestHealthTranslate,
  testHealthTranslationRef,
} from '../../translation';

const OUTCOME_COLOURS: Record<string, keyof Theme['palette']['status']> = {
  passed: 'ok',
  flaky: 'warning',
  failed: 'error',
  error: 'error',
  skipped: 'pending',
  unknown: 'aborted',
};

const useStyles = makeStyles((theme: Theme) => ({
  lane: { display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 },
  branch: { width: 160, flexShrink: 0, wordBreak: 'break-all' },
  cells: { display: 'flex', flexWrap: 'wrap', gap: 3 },
  cell: {
    display: 'inline-block',
    width: 18,
    height: 18,
    borderRadius: 3,
  },
  ...Object.fromEntries(
    Object.entries(OUTCOME_COLOURS).map(([outcome, status]) => [
      outcome,
      { backgroundColor: theme.palette.status[status] },
    ]),
  ),
  pre: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    fontFamily: 'monospace',
    fontSize: 12,
    margin: 0,
  },
}));

const when = (iso: string | null | undefined) =>
  iso ? iso.slice(0, 16).replace('T', ' ') : '–';

const RunCell = ({ run }: { run: RunView }) => {
  const classes = useStyles() as Record<string, string>;
  const { t } = useTranslationRef(testHealthTranslationRef);
  const words = {
    started: when(run.startedAt),
    outcome: run.outcome,
    commit: run.commit.slice(0, 8) || '–',
    pipeline: run.pipeline || '–',
    attempts: attemptsText(run),
    duration: duration(run.durationSeconds),
  };
  const title = run.job
    ? t('testPage.runTooltipWithJob', { ...words, job: run.job })
    : t('testPage.runTooltip', words);
  const cell = (
    <span
      className={`${classes.cell} ${classes[run.outcome] ?? classes.unknown}`}
      aria-label={title}
      data-testid="timeline-run"
      data-outcome={run.outcome}
    />
  );
  return (
    <Tooltip title={title}>
      {run.runUrl ? (
        <a href={run.runUrl} target="_blank" rel="noopener noreferrer">
          {cell}
        </a>
      ) : (
        cell
      )}
    </Tooltip>
  );
};

/** Outcome per run as lanes by branch, oldest left; each square opens its CI run. */
const Timeline = ({ runs }: { runs: RunView[] }) => {
  const classes = useStyles() as Record<string, string>;
  const lanes = lanesByBranch(runs);
  const counts = outcomeCounts(runs);
  return (
    <>
      {lanes.map(lane => (
        <div key={lane.branch} className={classes.lane}>
          <Typography variant="body2" className={classes.branch}>
            {lane.branch}
          </Typography>
          <div className={classes.cells}>
            {lane.runs.map(run => (
              <RunCell key={`${run.runId}-${run.invocation}`} run={run} />
            ))}
          </div>
        </div>
      ))}
      <Box display="flex" style={{ gap: 16 }} mt={1}>
        {Object.entries(counts).map(([outcome, n]) => (
          <Typography variant="caption" key={outcome}>
            <span
              className={`${classes.cell} ${classes[outcome] ?? classes.unknown}`}
              style={{ width: 10, height: 10, marginRight: 4 }}
            />
            {n} {outcome}
          </Typography>
        ))}
      </Box>
    </>
  );
};

function runLabel(tr: TestHealthTranslate, r: RunView): string {
  const pipeline = r.pipeline || r.runId;
  const label = r.job
    ? tr('testPage.runLabelWithJob', { pipeline, job: r.job })
    : tr('testPage.runLabel', { pipeline });
  return r.attempt > 1
    ? tr('testPage.rerun', { label, attempt: String(r.attempt) })
    : label;
}

const runColumns = (tr: TestHealthTranslate): TableColumn<RunView>[] => [
  {
    title: tr('testPage.columns.started'),
    render: r => when(r.startedAt),
    width: '14%',
  },
  { title: tr('testPage.columns.branch'), field: 'branch' },
  {
    title: tr('testPage.columns.commit'),
    render: r => <code>{r.commit.slice(0, 8) || '–'}</code>,
  },
  {
    title: tr('testPage.columns.ciRun'),
    render: r => {
      const label = runLabel(tr, r);
      return r.runUrl ? (
        <Link to={r.runUrl} data-testid="run-link">
          {label}
        </Link>
      ) : (
        label
      );
    },
  },
  {
    title: tr('testPage.columns.outcome'),
    render: r => <span data-testid="run-outcome">{r.outcome}</span>,
  },
  { title: tr('testPage.columns.attempts'), render: attemptsText },
  {
    title: tr('testPage.columns.duration'),
    render: r => duration(r.durationSeconds),
  },
];

const Facts = ({ detail }: { detail: TestDetail }) => {
  const t = detail.test;
  const { t: tr } = useTranslationRef(testHealthTranslationRef);
  return (
    <InfoCard title={tr('testPage.whatHappenedTitle')}>
      <Typography variant="h6" component="p" data-testid="test-what-happened">
        {whatHappened(tr, t, windowDays(detail.window))}
      </Typography>
      <ul style={{ paddingLeft: 20 }}>
        {splitReasons(t.reasons).plain.map(r => (
          <li key={r}>
            <Typography variant="body2" data-testid="test-reason">
              <PipelineLinks
                text={r}
                runUrls={runUrlsByPipeline(detail.runs)}
              />
            </Typography>
          </li>
        ))}
      </ul>
      <Typography variant="body2" data-testid="test-time-lost">
        {tr('testPage.timeLost', { time: timeLostText(tr, t) })}
      </Typography>
      {splitReasons(t.reasons).detail.length > 0 && (
        <details>
          <summary>
            <Typography variant="caption" component="span">
              {tr('testPage.howScored')}
            </Typography>
          </summary>
          {splitReasons(t.reasons).detail.map(r => (
            <Typography variant="caption" component="p" key={r}>
              {r}
            </Typography>
          ))}
          <Typography variant="caption" component="p">
            {tr('testPage.scoreInterval', {
              score: percent(t.flakinessScore),
              lower: percent(t.lower),
              upper: percent(t.upper),
            })}
          </Typography>
        </details>
      )}
    </InfoCard>
  );
};

const Durations = ({ detail }: { detail: TestDetail }) => {
  const t = detail.test;
  const regression = t.durationRegression;
  const { t: tr } = useTranslationRef(testHealthTranslationRef);
  return (
    <InfoCard title={tr('testPage.durationTitle')}>
      <Typography variant="body1" data-testid="test-durations">
        {tr('testPage.durations', {
          p50: duration(t.p50Seconds),
          p95: duration(t.p95Seconds),
          footprint: duration(t.footprintSeconds),
          runs: count(t.runs, 'run'),
        })}
      </Typography>
      <Typography
        variant="body2"
        style={{ marginTop: 8 }}
        data-testid="test-regression"
      >
        {regression ? (
          <Tooltip
            title={tr('testPage.regressionTooltip', {
              p: regression.pValue.toPrecision(2),
            })}
          >
            <span>{regressionText(tr, regression)}</span>
          </Tooltip>
        ) : (
          tr('testPage.noRegression')
        )}
      </Typography>
    </InfoCard>
  );
};

const Quarantine = ({ detail }: { detail: TestDetail }) => {
  const q = detail.quarantine;
  const { t: tr } = useTranslationRef(testHealthTranslationRef);
  let end: string = tr('testPage.withoutEndDate');
  if (q?.expiresAt) {
    const date = q.expiresAt.slice(0, 10);
    end = q.expired
      ? tr('testPage.expired', { date })
      : tr('testPage.until', { date });
  }
  return (
    <InfoCard title={tr('testPage.quarantineTitle')}>
      {q ? (
        <Typography variant="body2" data-testid="test-quarantine">
          {tr('testPage.quarantinedSinceBy', { since: when(q.createdAt) })}{' '}
          <CatalogLink entityRef={q.by} />
          {tr('testPage.quarantineDetail', {
            reason: q.reason,
            ticket: q.ticket || tr('testPage.noTicket'),
            end,
          })}
        </Typography>
      ) : (
        <Typography variant="body2" data-testid="test-quarantine">
          {detail.test.quarantined
            ? tr('testPage.quarantined')
            : tr('testPage.notQuarantined')}
        </Typography>
      )}
      <QuarantineHistory events={detail.quarantineHistory} />
    </InfoCard>
  );
};

/** The layer the test's spans showed, beside the declared one above it. */
const ObservedLayer = ({ detail }: { detail: TestDetail }) => {
  const { t: tr } = useTranslationRef(testHealthTranslationRef);
  const o = observedLayerText(tr, detail.observed, detail.test.layer);
  return (
    // A div, not a paragraph: the chip is a div.
    <Typography
      variant="body2"
      component="div"
      data-testid="test-observed-layer"
    >
      {tr('testPage.observedLayer')}{' '}
      <b data-testid="test-observed-layer-value">{o.layer}</b>, {o.detail}
      {o.disagrees && (
        <>
          {' '}
          <Chip
            size="small"
            label={tr('testPage.layerDisagrees', {
              declared: String(detail.test.layer),
              observed: o.layer,
            })}
            data-testid="test-layer-disagrees"
          />
        </>
      )}
    </Typography>
  );
};

/** The page of one test: reached from every table, with the way back to its component. */
export const TestPageBody = ({ detail }: { detail: TestDetail }) => {
  const [branch, setBranch] = useState<string>('all');
  const t = detail.test;
  const { t: tr } = useTranslationRef(testHealthTranslationRef);
  const branches = [
    ...new Set(detail.runs.map(r => r.branch || '(no branch)')),
  ];
  const runs =
    branch === 'all'
      ? detail.runs
      : detail.runs.filter(r => (r.branch || '(no branch)') === branch);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={7}>
        <Facts detail={detail} />
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title={tr('testPage.aboutTitle')}>
          <Typography variant="body2">
            {tr('testPage.component')}{' '}
            <CatalogLink
              entityRef={detail.component}
              defaultKind="component"
              testId="test-component"
            />
            {detail.team ? (
              <>
                {' '}
                · {tr('testPage.team')} <CatalogLink entityRef={detail.team} />
              </>
            ) : null}
          </Typography>
          <Typography variant="body2">
            {tr('testPage.owner')}{' '}
            <CatalogLink entityRef={t.owner} testId="test-owner" />
          </Typography>
          <Typography variant="body2" data-testid="test-layer">
            {tr('testPage.layer')}{' '}
            <b>{t.layer ?? tr('testPage.unknownLayer')}</b>,{' '}
            {tr('testPage.layerFrom', {
              source: layerSourceText(tr, t.layerSource),
            })}
          </Typography>
          <ObservedLayer detail={detail} />
          <Typography variant="body2">
            {tr('testPage.state')}{' '}
            <Chip size="small" label={t.state} data-testid="test-state" />
          </Typography>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title={tr('testPage.timelineTitle', {
            runs: count(detail.runs.length, 'run'),
          })}
          subheader={tr('testPage.timelineSubheader')}
        >
          <Timeline runs={runs} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <Durations detail={detail} />
      </Grid>
      <Grid item xs={12} md={6}>
        <Quarantine detail={detail} />
      </Grid>
      <Grid item xs={12}>
        <FailureGroups groups={detail.failureGroups} />
      </Grid>
      <Grid item xs={12}>
        <Table<RunView>
          title={tr('testPage.runsTitle')}
          options={{
            paging: runs.length > 15,
            pageSize: 15,
            search: false,
            padding: 'dense',
          }}
          columns={runColumns(tr)}
          data={runs}
          components={{
            Toolbar: () => (
              <Box display="flex" alignItems="center" p={2} style={{ gap: 16 }}>
                <Typography variant="h6">
                  {tr('testPage.runsCount', { runs: String(runs.length) })}
                </Typography>
                <FormControl size="small" style={{ minWidth: 160 }}>
                  <InputLabel id="branch-filter">
                    {tr('testPage.branchFilter')}
                  </InputLabel>
                  <Select
                    labelId="branch-filter"
                    value={branch}
                    onChange={e => setBranch(String(e.target.value))}
                    data-testid="branch-filter"
                  >
                    <MenuItem value="all">
                      {tr('testPage.allBranches')}
                    </MenuItem>
                    {branches.map(b => (
                      <MenuItem key={b} value={b}>
                        {b}
                      </MenuItem>
                    ))}
                  </Select>
                </FormControl>
              </Box>
            ),
          }}
        />
      </Grid>
      <TestSpansSection
        testId={detail.test.testId}
        kept={detail.spansKept === true}
      />
    </Grid>
  );
};

/** `/test-health/tests/:testId`: the test's page with its header. */
export const TestPage = () => {
  const { testId = '' } = useParams();
  const api = useApi(testHealthApiRef);
  const { t: tr } = useTranslationRef(testHealthTranslationRef);
  const state = useAsync(() => api.getTest(testId), [api, testId]);
  let body;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error instanceof CollectorNotFoundError) {
    body = (
      <WarningPanel title={tr('testPage.notFound')} severity="info">
        {state.error.message}
      </WarningPanel>
    );
  } else if (state.error) {
    body = <CollectorError error={state.error} kind="component" />;
  } else if (state.value) {
    body = <TestPageBody detail={state.value} />;
  }
  const t = state.value?.test;
  return (
    <CatalogRefsProvider>
      <Page themeId="tool">
        <Header
          title={t ? t.name : tr('testPage.headerTitle')}
          subtitle={t?.suite}
          type={tr('testPage.headerType')}
          typeLink="/test-health"
        >
          {state.value && (
            <HeaderLabel
              label={tr('testPage.headerComponent')}
              value={shortRef(state.value.component)}
            />
          )}
          {t && (
            <HeaderLabel label={tr('testPage.headerState')} value={t.state} />
          )}
        </Header>
        <Content>{body}</Content>
      </Page>
    </CatalogRefsProvider>
  );
};
