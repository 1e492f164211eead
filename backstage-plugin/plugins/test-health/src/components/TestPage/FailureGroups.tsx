import { Link, Table, TableColumn } from '@backstage/core-components';
import { Tooltip, Typography, makeStyles } from '@material-ui/core';
import { TestFailureGroup } from '@testhealth/backstage-plugin-test-health-common';

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
  if (!trace) {
    return (
      <Typography variant="caption" color="textSecondary" component="p">
        No stack trace in its reports.
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
          Latest stack trace ({frames === 1 ? '1 frame' : `${frames} frames`})
        </Typography>
      </summary>
      <pre className={classes.trace} data-testid="failure-trace-text">
        {trace}
      </pre>
    </details>
  );
};

const columns: TableColumn<TestFailureGroup>[] = [
  {
    title: 'Failure',
    width: '55%',
    render: g => (
      <>
        <Typography variant="body2" data-testid="failure-message">
          {g.message || '(no message)'}
        </Typography>
        <Tooltip
          title={`fingerprint ${g.fingerprint}: type, message without run-specific numbers, top 3 stack frames`}
        >
          <Typography variant="caption" color="textSecondary">
            {g.type || 'no type'}
          </Typography>
        </Tooltip>
        <LatestTrace trace={g.latestTrace} />
      </>
    ),
  },
  {
    title: 'Runs',
    render: g => <span data-testid="failure-count">{g.failures}</span>,
  },
  { title: 'First', render: g => when(g.firstSeen) },
  { title: 'Latest', render: g => when(g.lastSeen) },
  {
    title: 'Latest run',
    render: g =>
      g.latestRunUrl ? (
        <Link to={g.latestRunUrl}>open in CI</Link>
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
}) => (
  <>
    <Table<TestFailureGroup>
      title={`Failures by cause (${groups?.length ?? 0})`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={groups ?? []}
      emptyContent={
        <Typography variant="body2" style={{ padding: 16 }}>
          No failure in its recent runs.
        </Typography>
      }
    />
    <Typography variant="caption" color="textSecondary">
      Failures with the same type, message (numbers and ids aside) and top stack
      frames are one cause. Its latest stack trace is kept up to 8000
      characters, secrets taken out; the CI run has the rest.
    </Typography>
  </>
);
