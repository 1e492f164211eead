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
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  TestHealthTranslate,
  testHealthTranslationRef,
} from '../../translation';
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
export function trendsViewOf(
  trends: Trends,
  t: TestHealthTranslate,
): TrendsView {
  const points = trends.points;
  const of = (f: (p: TrendPoint) => number | null) => points.map(f);
  return {
    weeks: points.map(p =>
      p.complete ? p.week : t('trends.weekSoFar', { week: p.week }),
    ),
    grades: points.map(p => p.grade),
    series: [
      {
        label: t('trends.series.tests'),
        values: of(p => p.tests),
        format: count,
      },
      {
        label: t('trends.series.flakyTests'),
        values: of(p => p.flakyTests),
        format: count,
      },
      {
        label: t('trends.series.flakyRunRate'),
        values: of(p => p.flakyRunRate),
        format: v => percent(v),
      },
      {
        label: t('trends.series.passRate'),
        values: of(p => p.defaultBranchPassRate),
        format: v => percent(v),
      },
      {
        label: t('trends.series.timeLost'),
        values: of(p => p.timeLostToFlakesSeconds),
        format: v => ciTime(v),
      },
      {
        label: t('trends.series.prFeedback'),
        values: of(p => p.prFeedbackP95Minutes),
        format: minutes,
      },
      {
        label: t('trends.series.e2eShare'),
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
  t: TestHealthTranslate,
): TrendsView {
  return {
    weeks,
    grades: headline.gradeTrend,
    series: [
      {
        label: t('trends.series.flakyTests'),
        values: headline.flakyTests.trend,
        format: count,
      },
      {
        label: t('trends.series.flakyRunRate'),
        values: headline.flakyRunRate.trend,
        format: v => percent(v),
      },
      {
        label: t('trends.series.passRate'),
        values: headline.defaultBranchPassRate.trend,
        format: v => percent(v),
      },
      {
        label: t('trends.series.timeLost'),
        values: headline.timeLostToFlakesSeconds.trend,
        format: v => ciTime(v),
      },
      {
        label: t('trends.series.tests'),
        values: headline.tests.trend,
        format: count,
      },
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
  const { t } = useTranslationRef(testHealthTranslationRef);
  const weeks = view?.weeks ?? [];
  const hasData =
    view !== undefined && view.grades.some(g => g !== null && g !== '-');
  return (
    <InfoCard
      title={title}
      subheader={
        weeks.length > 0
          ? t('trends.range', {
              first: weeks[0],
              last: weeks[weeks.length - 1],
            })
          : undefined
      }
    >
      {hasData ? (
        <MuiTable size="small" aria-label="trends">
          <TableHead>
            <TableRow>
              <TableCell>{t('trends.measure')}</TableCell>
              <TableCell>
                {t('trends.weeks', { weeks: String(weeks.length) })}
              </TableCell>
              <TableCell>{t('trends.latest')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            <TableRow>
              <TableCell>{t('trends.grade')}</TableCell>
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
                    label={t('trends.overWeeks', {
                      label: row.label,
                      weeks: String(weeks.length),
                    })}
                    format={v => row.format(v)}
                  />
                </TableCell>
                <TableCell>{row.format(latest(row.values))}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </MuiTable>
      ) : (
        <Typography variant="body2">{t('trends.empty')}</Typography>
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
  const { t } = useTranslationRef(testHealthTranslationRef);
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
      view={trends.value ? trendsViewOf(trends.value, t) : undefined}
      note={t('trends.subjectNote')}
    />
  );
};
