import { InfoCard, Progress } from '@backstage/core-components';
import {
  Table as MuiTable,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  CollectorSubject,
  TrendPoint,
  Trends,
  WeeklyHeadline,
} from '@testhealth/backstage-plugin-test-health-common';
import { CollectorError } from './CollectorErrorPanel';
import { Sparkline } from './Sparkline';
import { ciTime, duration, percent } from './format';

/** One measure over the weeks, oldest first; `null` where a week has no value. */
export interface TrendSeries {
  label: string;
  values: Array<number | null>;
  format: (value: number | null) => string;
}

/** What a trends card shows, whatever the source: per-subject trends or the weekly review. */
export interface TrendsView {
  weeks: string[];
  grades: Array<string | null>;
  series: TrendSeries[];
}

const count = (v: number | null) => (v === null ? '–' : String(v));
const minutes = (v: number | null) => (v === null ? '–' : duration(v * 60));

/** The trends of a component or team, as the collector computes them per ISO week. */
export function trendsViewOf(trends: Trends): TrendsView {
  const points = trends.points;
  const of = (f: (p: TrendPoint) => number | null) => points.map(f);
  return {
    weeks: points.map(p => (p.complete ? p.week : `${p.week} (so far)`)),
    grades: points.map(p => p.grade),
    series: [
      { label: 'Tests', values: of(p => p.tests), format: count },
      { label: 'Flaky tests', values: of(p => p.flakyTests), format: count },
      {
        label: 'Flaky run rate',
        values: of(p => p.flakyRunRate),
        format: v => percent(v),
      },
      {
        label: 'Default-branch pass rate',
        values: of(p => p.defaultBranchPassRate),
        format: v => percent(v),
      },
      {
        label: 'Time lost to flakes',
        values: of(p => p.timeLostToFlakesSeconds),
        format: v => ciTime(v),
      },
      {
        label: 'PR feedback p95',
        values: of(p => p.prFeedbackP95Minutes),
        format: minutes,
      },
      {
        label: 'E2E share of tests',
        values: of(p => p.pyramid?.e2e ?? null),
        format: v => percent(v),
      },
    ],
  };
}

/** The trends of the weekly review's headline (a team, or the whole organisation). */
export function trendsViewOfHeadline(
  headline: WeeklyHeadline,
  weeks: string[],
): TrendsView {
  return {
    weeks,
    grades: headline.gradeTrend,
    series: [
      {
        label: 'Flaky tests',
        values: headline.flakyTests.trend,
        format: count,
      },
      {
        label: 'Flaky run rate',
        values: headline.flakyRunRate.trend,
        format: v => percent(v),
      },
      {
        label: 'Default-branch pass rate',
        values: headline.defaultBranchPassRate.trend,
        format: v => percent(v),
      },
      {
        label: 'Time lost to flakes',
        values: headline.timeLostToFlakesSeconds.trend,
        format: v => ciTime(v),
      },
      { label: 'Tests', values: headline.tests.trend, format: count },
    ],
  };
}

function latest(values: Array<number | null>): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    if (values[i] !== null) return values[i];
  }
  return null;
}

/** Week-over-week trends: the grade per week, and a sparkline with the latest value per measure. */
export const TrendsCard = ({
  view,
  title,
  note,
}: {
  view?: TrendsView;
  title: string;
  note?: string;
}) => {
  const weeks = view?.weeks ?? [];
  const hasData =
    view !== undefined && view.grades.some(g => g !== null && g !== '-');
  return (
    <InfoCard
      title={title}
      subheader={
        weeks.length > 0
          ? `${weeks[0]} to ${weeks[weeks.length - 1]}`
          : undefined
      }
    >
      {hasData ? (
        <MuiTable size="small" aria-label="trends">
          <TableHead>
            <TableRow>
              <TableCell>Measure</TableCell>
              <TableCell>{weeks.length} weeks</TableCell>
              <TableCell>Latest</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            <TableRow>
              <TableCell>Grade</TableCell>
              <TableCell data-testid="trend-grades">
                {view.grades.map(g => g ?? '–').join(' → ')}
              </TableCell>
              <TableCell>
                {view.grades[view.grades.length - 1] ?? '–'}
              </TableCell>
            </TableRow>
            {view.series.map(row => (
              <TableRow key={row.label}>
                <TableCell>{row.label}</TableCell>
                <TableCell>
                  <Sparkline
                    values={row.values}
                    label={`${row.label} over ${weeks.length} weeks`}
                    format={v => row.format(v)}
                  />
                </TableCell>
                <TableCell>{row.format(latest(row.values))}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </MuiTable>
      ) : (
        <Typography variant="body2">
          No weekly trend yet: trends start with the first week of uploads.
        </Typography>
      )}
      {note && (
        <Typography variant="caption" color="textSecondary">
          {note}
        </Typography>
      )}
    </InfoCard>
  );
};

/** The trends card of a component or team, or its loading and error states, while its trends load. */
export const SubjectTrends = (props: {
  trends: { loading: boolean; error?: Error; value?: Trends };
  title: string;
  kind: 'component' | 'team';
  subject: CollectorSubject;
}) => {
  const { trends, title, kind, subject } = props;
  if (trends.loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (trends.error) {
    return (
      <CollectorError error={trends.error} kind={kind} subject={subject} />
    );
  }
  return (
    <TrendsCard
      title={title}
      view={trends.value ? trendsViewOf(trends.value) : undefined}
      note="Each week is the scorecard as of the week's end, over the analysis window before it."
    />
  );
};
