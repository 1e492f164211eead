import { InfoCard } from '@backstage/core-components';
import { Box, Grid, Tooltip, Typography } from '@material-ui/core';
import {
  Trend,
  WeeklyHeadline,
} from '@testhealth/backstage-plugin-test-health-common';
import { Sparkline } from '../shared/Sparkline';
import { ciTime, percent, signed } from '../shared/format';

/** One headline number of the organisation, with its change since last week. */
export interface Kpi {
  id: string;
  label: string;
  value: string;
  /** The change in the KPI's own unit, e.g. `+2`, `−0.2 points`, `+4 min`; empty without a previous week. */
  change: string;
  /** Whether the change is for the better, for the worse, or neither. */
  direction: 'better' | 'worse' | 'same' | 'unknown';
  trend: Array<number | null>;
  format: (v: number) => string;
}

/** A change of CI time in the unit of the time itself: `+4 min`, `−1.5 CI h`, `±0`. */
function signedTime(deltaSeconds: number): string {
  if (Math.abs(deltaSeconds) < 0.5) return '±0';
  return `${deltaSeconds > 0 ? '+' : '−'}${ciTime(Math.abs(deltaSeconds))}`;
}

function direction(
  t: Trend,
  better: 'lower' | 'higher',
): Kpi['direction'] {
  if (t.delta === null || t.previous === null) return 'unknown';
  if (Math.abs(t.delta) < 1e-9) return 'same';
  return (t.delta < 0) === (better === 'lower') ? 'better' : 'worse';
}

/**
 * The organisation's three headline KPIs with their week-over-week change: flaky tests, CI time
 * lost to them, and the default branch's pass rate (the change in percentage points).
 */
export function organisationKpis(h: WeeklyHeadline): Kpi[] {
  const lost = h.timeLostToFlakesSeconds;
  const pass = h.defaultBranchPassRate;
  return [
    {
      id: 'flaky-tests',
      label: 'Flaky tests',
      value: h.flakyTests.value === null ? '–' : String(h.flakyTests.value),
      change:
        h.flakyTests.delta === null || h.flakyTests.previous === null
          ? ''
          : `${signed(h.flakyTests.delta)} since last week`,
      direction: direction(h.flakyTests, 'lower'),
      trend: h.flakyTests.trend,
      format: v => String(Math.round(v)),
    },
    {
      id: 'time-lost',
      label: 'CI time lost to flaky tests',
      value: ciTime(lost.value),
      change:
        lost.delta === null || lost.previous === null
          ? ''
          : `${signedTime(lost.delta)} since last week`,
      direction: direction(lost, 'lower'),
      trend: lost.trend,
      format: v => ciTime(v),
    },
    {
      id: 'pass-rate',
      label: 'Default-branch pass rate',
      value: percent(pass.value),
      change:
        pass.delta === null || pass.previous === null
          ? ''
          : `${signed(pass.delta * 100, 1)} points since last week`,
      direction: direction(pass, 'higher'),
      trend: pass.trend,
      format: v => percent(v, 0),
    },
  ];
}

const COLOURS: Record<Kpi['direction'], string> = {
  better: '#2e7d32',
  worse: '#c62828',
  same: 'inherit',
  unknown: 'inherit',
};

/** The headline KPIs as cards: the number, its change since last week and its weekly sparkline with a scale. */
export const KpiCards = ({
  headline,
  weeks,
}: {
  headline: WeeklyHeadline;
  weeks: string[];
}) => (
  <>
    {organisationKpis(headline).map(kpi => (
      <Grid item xs={12} md={4} key={kpi.id}>
        <InfoCard title={kpi.label} variant="gridItem">
          <Box display="flex" alignItems="center" style={{ gap: 24 }}>
            <Box>
              <Typography variant="h3" component="div" data-testid={`kpi-${kpi.id}`}>
                {kpi.value}
              </Typography>
              <Typography
                variant="body2"
                style={{ color: COLOURS[kpi.direction] }}
                data-testid={`kpi-${kpi.id}-change`}
              >
                {kpi.change || 'no previous week'}
                {kpi.direction === 'better' || kpi.direction === 'worse'
                  ? ` (${kpi.direction})`
                  : ''}
              </Typography>
            </Box>
            <Tooltip title={`${weeks[0] ?? ''} to ${weeks[weeks.length - 1] ?? ''}, one point per week`}>
              <span>
                <Sparkline
                  values={kpi.trend}
                  label={`${kpi.label} over ${kpi.trend.length} weeks`}
                  width={140}
                  height={48}
                  format={kpi.format}
                />
              </span>
            </Tooltip>
          </Box>
        </InfoCard>
      </Grid>
    ))}
  </>
);
