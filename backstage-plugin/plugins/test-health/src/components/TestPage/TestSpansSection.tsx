import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Box,
  FormControl,
  Grid,
  InputLabel,
  MenuItem,
  Select,
  Tooltip,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { SpanRunView } from '@testhealth/backstage-plugin-test-health-common';
import { testHealthApiRef } from '../../api';
import { count } from '../shared/format';
import { spanDuration, waterfallRows } from './spanWaterfall';
import { testHealthTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns:
      'minmax(180px, 2fr) minmax(80px, 1fr) 80px minmax(200px, 4fr) 80px',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.25, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  name: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  lane: {
    position: 'relative',
    height: 12,
    background: theme.palette.action.hover,
  },
  bar: {
    position: 'absolute',
    top: 0,
    height: 12,
    minWidth: 2,
    background: theme.palette.status.ok,
  },
  errorBar: { background: theme.palette.status.error },
}));

/** The waterfall of one test run's spans: name, service, kind, then the bar of its offset and duration. */
const Waterfall = ({ run }: { run: SpanRunView }) => {
  const classes = useStyles();
  const { t } = useTranslationRef(testHealthTranslationRef);
  const headers = [
    t('testSpans.columns.span'),
    t('testSpans.columns.service'),
    t('testSpans.columns.kind'),
    t('testSpans.columns.offsetAndDuration'),
    t('testSpans.columns.duration'),
  ];
  const barTitle = (span: SpanRunView['spans'][number]) => {
    const words = {
      offset: spanDuration(span.offsetMs),
      duration: spanDuration(span.durationMs),
    };
    if (span.status !== 'error') return t('testSpans.bar', words);
    return span.statusMessage
      ? t('testSpans.barErrorMessage', {
          ...words,
          message: span.statusMessage,
        })
      : t('testSpans.barError', words);
  };
  return (
    <Box
      role="table"
      aria-label={t('testSpans.waterfallLabel', { pipeline: run.pipeline })}
    >
      <Box className={classes.row} role="row">
        {headers.map(h => (
          <Typography
            key={h}
            variant="caption"
            color="textSecondary"
            role="columnheader"
          >
            {h}
          </Typography>
        ))}
      </Box>
      {waterfallRows(run).map(({ span, depth, leftPercent, widthPercent }) => (
        <Box
          key={span.spanId}
          className={classes.row}
          role="row"
          data-testid="span-row"
        >
          <Tooltip
            title={
              Object.entries(span.attributes)
                .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
                .join(', ') || t('testSpans.noAttributes')
            }
          >
            <Typography
              variant="body2"
              className={classes.name}
              style={{ paddingLeft: depth * 16 }}
              role="cell"
            >
              {span.name || t('testSpans.noName')}
            </Typography>
          </Tooltip>
          <Typography variant="body2" role="cell">
            {span.service}
          </Typography>
          <Typography variant="body2" role="cell">
            {span.kind}
          </Typography>
          <Box className={classes.lane} role="cell">
            <Box
              className={`${classes.bar} ${span.status === 'error' ? classes.errorBar : ''}`}
              style={{ left: `${leftPercent}%`, width: `${widthPercent}%` }}
              title={barTitle(span)}
              data-testid="span-bar"
            />
          </Box>
          <Typography variant="body2" role="cell">
            {spanDuration(span.durationMs)}
          </Typography>
        </Box>
      ))}
      {run.droppedSpans > 0 && (
        <Typography variant="caption" color="textSecondary">
          {t('testSpans.dropped', {
            spans: count(run.droppedSpans, 'more span'),
          })}
        </Typography>
      )}
    </Box>
  );
};

/**
 * "Spans of recent runs": what the test did in its latest runs that came from trace data (its
 * span subtree as a waterfall). Rendered only when the collector keeps spans of the test.
 */
export const TestSpansSection = ({
  testId,
  kept,
}: {
  testId: string;
  kept: boolean;
}) => {
  const api = useApi(testHealthApiRef);
  const { t } = useTranslationRef(testHealthTranslationRef);
  const state = useAsync(
    async () => (kept ? api.getTestSpans(testId) : undefined),
    [api, testId, kept],
  );
  const [selected, setSelected] = useState(0);
  if (!kept) return null;
  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Grid item xs={12}>
        <Typography variant="body2" color="error">
          {t('testSpans.readFailed', { error: state.error.message })}
        </Typography>
      </Grid>
    );
  }
  const runs = state.value?.runs ?? [];
  if (runs.length === 0) return null;
  const run = runs[Math.min(selected, runs.length - 1)];
  return (
    <Grid item xs={12}>
      <InfoCard title={t('testSpans.title')}>
        <Typography variant="caption" color="textSecondary" component="p">
          {t('testSpans.explanation', {
            days: String(state.value?.keptDays ?? ''),
          })}
        </Typography>
        <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
          <FormControl size="small" style={{ minWidth: 280 }}>
            <InputLabel id="span-run">{t('testSpans.run')}</InputLabel>
            <Select
              labelId="span-run"
              value={Math.min(selected, runs.length - 1)}
              onChange={e => setSelected(Number(e.target.value))}
              data-testid="span-run-select"
            >
              {runs.map((r, i) => (
                <MenuItem key={`${r.runId}-${r.spans[0]?.spanId}`} value={i}>
                  {r.attempt > 1
                    ? t('testSpans.runOptionAttempt', {
                        started: r.startedAt.slice(0, 16).replace('T', ' '),
                        pipeline: r.pipeline || '-',
                        job: r.job || '-',
                        attempt: String(r.attempt),
                      })
                    : t('testSpans.runOption', {
                        started: r.startedAt.slice(0, 16).replace('T', ' '),
                        pipeline: r.pipeline || '-',
                        job: r.job || '-',
                      })}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <Typography variant="body2">
            {t('testSpans.summary', {
              spans: count(run.spans.length, 'span'),
              duration: spanDuration(run.durationMs),
            })}
          </Typography>
          {run.runUrl && <Link to={run.runUrl}>{t('testSpans.openInCi')}</Link>}
        </Box>
        <Waterfall run={run} />
      </InfoCard>
    </Grid>
  );
};
