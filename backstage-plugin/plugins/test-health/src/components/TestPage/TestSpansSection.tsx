import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
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
  return (
    <Box
      role="table"
      aria-label={`spans of the run in pipeline ${run.pipeline}`}
    >
      <Box className={classes.row} role="row">
        {['Span', 'Service', 'Kind', 'Offset and duration', 'Duration'].map(
          h => (
            <Typography
              key={h}
              variant="caption"
              color="textSecondary"
              role="columnheader"
            >
              {h}
            </Typography>
          ),
        )}
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
                .join(', ') || 'no attributes'
            }
          >
            <Typography
              variant="body2"
              className={classes.name}
              style={{ paddingLeft: depth * 16 }}
              role="cell"
            >
              {span.name || '(no name)'}
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
              title={`starts ${spanDuration(span.offsetMs)} into the test, lasts ${spanDuration(span.durationMs)}${
                span.status === 'error'
                  ? `, error${span.statusMessage ? `: ${span.statusMessage}` : ''}`
                  : ''
              }`}
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
          {count(run.droppedSpans, 'more span')} below the test were not kept.
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
          The spans of its recent runs could not be read: {state.error.message}
        </Typography>
      </Grid>
    );
  }
  const runs = state.value?.runs ?? [];
  if (runs.length === 0) return null;
  const run = runs[Math.min(selected, runs.length - 1)];
  return (
    <Grid item xs={12}>
      <InfoCard title="Spans of recent runs">
        <Typography variant="caption" color="textSecondary" component="p">
          What the test did in its latest runs with trace data: its span and the
          calls below it (spans are kept {state.value?.keptDays} days).
        </Typography>
        <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
          <FormControl size="small" style={{ minWidth: 280 }}>
            <InputLabel id="span-run">Run</InputLabel>
            <Select
              labelId="span-run"
              value={Math.min(selected, runs.length - 1)}
              onChange={e => setSelected(Number(e.target.value))}
              data-testid="span-run-select"
            >
              {runs.map((r, i) => (
                <MenuItem key={`${r.runId}-${r.spans[0]?.spanId}`} value={i}>
                  {`${r.startedAt.slice(0, 16).replace('T', ' ')} · pipeline ${r.pipeline || '-'} · ${r.job || '-'}`}
                  {r.attempt > 1 ? ` (attempt ${r.attempt})` : ''}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <Typography variant="body2">
            {count(run.spans.length, 'span')}, test took{' '}
            {spanDuration(run.durationMs)}
          </Typography>
          {run.runUrl && <Link to={run.runUrl}>open in CI</Link>}
        </Box>
        <Waterfall run={run} />
      </InfoCard>
    </Grid>
  );
};
