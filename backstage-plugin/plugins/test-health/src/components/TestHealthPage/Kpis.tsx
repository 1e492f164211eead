import { InfoCard } from '@backstage/core-components';
import { Box, Grid, Tooltip, Typography } from '@material-ui/core';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Trend,
  WeeklyHeadline,
} from '@testhealth/backstage-plugin-test-health-common';
import { Sparkline } from '../shared/Sparkline';
import { ciTime, percent, signed } from '../shared/format';
import { testHealthTranslationRef } from '../../translation';

/** One headline number of the organisation, with its change since last week. */
export interface Kpi {
  id: string;
  /** The key of the KPI's name in {@link testHealthTranslationRef}. */
  label: 'kpis.flakyTests' | 'kpis.timeLost' | 'kpis.passRate';
  value: string;
  /**
   * The change since last week in the KPI's own unit, e.g. `+2`, `+4 min`, `−0.2` (percentage
   * points); empty without a previous week. The words around it come from `changeWords`.
   */
  change: string;
  changeWords: 'kpis.sinceLastWeek' | 'kpis.pointsSinceLastWeek';
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

function direction(t: Trend, better: 'lower' | 'higher'): Kpi['direction'] {
  if (t.delta === null || t.previous === null) return 'unknown';
  if (Math.abs(t.delta) < 1e-9) return 'same';
  return t.delta < 0 === (better === 'lower') ? 'better' : 'worse';
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
      label: 'kpis.flakyTests',
      value: h.flakyTests.value === null ? '–' : String(h.flakyTests.value),
      change:
        h.flakyTests.delta === null || h.flakyTests.previous === null
          ? ''
          : signed(h.flakyTests.delta),
      changeWords: 'kpis.sinceLastWeek',
      direction: direction(h.flakyTests, 'lower'),
      trend: h.flakyTests.trend,
      format: v => String(Math.round(v)),
    },
    {
      id: 'time-lost',
      label: 'kpis.timeLost',
      value: ciTime(lost.value),
      change:
        lost.delta === null || lost.previous === null
          ? ''
          : signedTime(lost.delta),
      changeWords: 'kpis.sinceLastWeek',
      direction: direction(lost, 'lower'),
      trend: lost.trend,
      format: v => ciTime(v),
    },
    {
      id: 'pass-rate',
      label: 'kpis.passRate',
      value: percent(pass.value),
      change:
        pass.delta === null || pass.previous === null
          ? ''
          : signed(pass.delta * 100, 1),
      changeWords: 'kpis.pointsSinceLastWeek',
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
}) => {
  const { t } = useTranslationRef(testHealthTranslationRef);
  const changeText = (kpi: Kpi) => {
    if (!kpi.change) return t('kpis.noPreviousWeek');
    const change = t(kpi.changeWords, { change: kpi.change });
    if (kpi.direction === 'better') return t('kpis.better', { change });
    if (kpi.direction === 'worse') return t('kpis.worse', { change });
    return change;
  };
  return (
    <>
      {organisationKpis(headline).map(kpi => (
        <Grid item xs={12} md={4} key={kpi.id}>
          <InfoCard title={t(kpi.label)} variant="gridItem">
            <Box display="flex" alignItems="center" style={{ gap: 24 }}>
              <Box>
                <Typography
                  variant="h3"
                  component="div"
                  data-testid={`kpi-${kpi.id}`}
                >
                  {kpi.value}
                </Typography>
                <Typography
                  variant="body2"
                  style={{ color: COLOURS[kpi.direction] }}
                  data-testid={`kpi-${kpi.id}-change`}
                >
                  {changeText(kpi)}
                </Typography>
              </Box>
              <Tooltip
                title={t('kpis.weeksTooltip', {
                  first: weeks[0] ?? '',
                  last: weeks[weeks.length - 1] ?? '',
                })}
              >
                <span>
                  <Sparkline
                    values={kpi.trend}
                    label={t('kpis.sparklineLabel', {
                      label: t(kpi.label),
                      weeks: String(kpi.trend.length),
                    })}
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
};
