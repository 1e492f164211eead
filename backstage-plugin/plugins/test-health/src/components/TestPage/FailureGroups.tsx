import { Link, Table, TableColumn } from '@backstage/core-components';
import { Tooltip, Typography, makeStyles } from '@material-ui/core';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { TestFailureGroup } from '@testhealth/backstage-plugin-test-health-common';
import {
  TestHealthTranslate,
  testHealthTranslationRef,
} from '../../translation';

const useStyles = makeStyles({
  trace: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
    fontFamily: 'monospace',
    fontSize: 12,
    margin: '4px 0 0',
    maxHeight: 320,
    overflow: 'auto',
  },
});

const when = (iso: string | null | undefined) =>
  iso ? iso.slice(0, 16).replace('T', ' ') : '–';

/** The latest stack trace of one cause, folded: most readers need the message, some the frames. */
export const LatestTrace = ({ trace }: { trace: string | undefined }) => {
  const classes = useStyles();
  const { t } = useTranslationRef(testHealthTranslationRef);
  if (!trace) {
    return (
      <Typography variant="caption" color="textSecondary" component="p">
        {t('failureGroups.noTrace')}
      </Typography>
    );
  }
  const frames = trace
    .split('\n')
    .filter(l => l.trim().startsWith('at ')).length;
  return (
    <details data-testid="failure-trace">
      <summary>
        <Typography variant="caption" component="span">
          {frames === 1
            ? t('failureGroups.latestTraceOneFrame')
            : t('failureGroups.latestTrace', { frames: String(frames) })}
        </Typography>
      </summary>
      <pre className={classes.trace} data-testid="failure-trace-text">
        {trace}
      </pre>
    </details>
  );
};

const columns = (tr: TestHealthTranslate): TableColumn<TestFailureGroup>[] => [
  {
    title: tr('failureGroups.columns.failure'),
    width: '55%',
    render: g => (
      <>
        <Typography variant="body2" data-testid="failure-message">
          {g.message || tr('failureGroups.noMessage')}
        </Typography>
        <Tooltip
          title={tr('failureGroups.fingerprintTooltip', {
            fingerprint: g.fingerprint,
          })}
        >
          <Typography variant="caption" color="textSecondary">
            {g.type || tr('failureGroups.noType')}
          </Typography>
        </Tooltip>
        <LatestTrace trace={g.latestTrace} />
      </>
    ),
  },
  {
    title: tr('failureGroups.columns.runs'),
    render: g => <span data-testid="failure-count">{g.failures}</span>,
  },
  { title: tr('failureGroups.columns.first'), render: g => when(g.firstSeen) },
  { title: tr('failureGroups.columns.latest'), render: g => when(g.lastSeen) },
  {
    title: tr('failureGroups.columns.latestRun'),
    render: g =>
      g.latestRunUrl ? (
        <Link to={g.latestRunUrl}>{tr('failureGroups.openInCi')}</Link>
      ) : (
        g.latestRunId
      ),
  },
];

/** A test's failures grouped by cause, most frequent first, each with its latest stack trace folded. */
export const FailureGroups = ({
  groups,
}: {
  groups: TestFailureGroup[] | undefined;
}) => {
  const { t } = useTranslationRef(testHealthTranslationRef);
  return (
    <>
      <Table<TestFailureGroup>
        title={t('failureGroups.title', {
          groups: String(groups?.length ?? 0),
        })}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns(t)}
        data={groups ?? []}
        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            {t('failureGroups.empty')}
          </Typography>
        }
      />
      <Typography variant="caption" color="textSecondary">
        {t('failureGroups.explanation')}
      </Typography>
    </>
  );
};
