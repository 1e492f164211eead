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
  Trend,
  WeeklyHeadline,
  WeeklyReport,
} from '@testhealth/backstage-plugin-test-health-common';
import { CollectorError } from './CollectorErrorPanel';
import { Sparkline } from './Sparkline';
import { duration, percent } from './format';

const ROWS: Array<{
  key: 'flakyTests' | 'flakyRunRate' | 'defaultBranchPassRate' | 'timeLostToFlakesSeconds' | 'tests';
  label: string;
  format: (v: number | null) => string;
}> = [
  { key: 'flakyTests', label: 'Flaky tests', format: v => (v === null ? '–' : String(v)) },
  { key: 'flakyRunRate', label: 'Flaky run rate', format: v => percent(v) },
  { key: 'defaultBranchPassRate', label: 'Default-branch pass rate', format: v => percent(v) },
  { key: 'timeLostToFlakesSeconds', label: 'Time lost to flakes', format: v => duration(v) },
  { key: 'tests', label: 'Tests', format: v => (v === null ? '–' : String(v)) },
];

function last(trend: Trend): number | null {
  return trend.trend.length > 0 ? trend.trend[trend.trend.length - 1] : null;
}

/** Week-over-week trends of one team (or the organisation) from the weekly review. */
export const TrendsCard = ({
  headline,
  weeks,
  title,
  note,
}: {
  headline?: WeeklyHeadline;
  weeks: string[];
  title: string;
  note?: string;
}) => (
  <InfoCard title={title} subheader={weeks.length > 0 ? `${weeks[0]} to ${weeks[weeks.length - 1]}` : undefined}>
    {headline ? (
      <MuiTable size="small" aria-label="trends">
        <TableHead>
          <TableRow>
            <TableCell>Measure</TableCell>
            <TableCell>Weeks</TableCell>
            <TableCell>Latest</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          <TableRow>
            <TableCell>Grade</TableCell>
            <TableCell>{headline.gradeTrend.map(g => g ?? '–').join(' → ')}</TableCell>
            <TableCell>{headline.grade}</TableCell>
          </TableRow>
          {ROWS.map(row => (
            <TableRow key={row.key}>
              <TableCell>{row.label}</TableCell>
              <TableCell>
                <Sparkline values={headline[row.key].trend} label={`${row.label} over ${weeks.length} weeks`} />
              </TableCell>
              <TableCell>{row.format(last(headline[row.key]))}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </MuiTable>
    ) : (
      <Typography variant="body2">No weekly trend for this team yet.</Typography>
    )}
    {note && (
      <Typography variant="caption" color="textSecondary">
        {note}
      </Typography>
    )}
  </InfoCard>
);

/** The trends card, or its loading and error states, for the weekly review being fetched. */
export const WeeklyTrends = (props: {
  weekly: { loading: boolean; error?: Error; value?: WeeklyReport };
  subjectRef: string | null;
  title: string;
  note?: string;
  kind: 'component' | 'team';
  subject: CollectorSubject;
}) => {
  const { weekly, subjectRef, title, note, kind, subject } = props;
  if (weekly.loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (weekly.error) {
    return <CollectorError error={weekly.error} kind={kind} subject={subject} />;
  }
  return (
    <TrendsCard
      title={title}
      headline={weekly.value?.headline.find(h => h.subject === subjectRef)}
      weeks={weekly.value?.weeks ?? []}
      note={note}
    />
  );
};
