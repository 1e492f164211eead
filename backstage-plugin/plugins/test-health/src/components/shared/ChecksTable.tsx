import { Table, TableColumn } from '@backstage/core-components';
import { Tooltip, Typography } from '@material-ui/core';
import { Check } from '@testhealth/backstage-plugin-test-health-common';
import { CheckStatusIcon } from './CheckStatusIcon';
import { checkValue } from './format';
import { failingFirst, splitExplanation } from './plainWords';
import { PipelineLinks } from './PipelineLinks';

function thresholdText(check: Check): string {
  const op = check.threshold.better === 'lower' ? '≤' : '≥';
  const t = check.threshold;
  return `Bronze ${op} ${checkValue(t.bronze, check.unit)} · Silver ${op} ${checkValue(
    t.silver,
    check.unit,
  )} · Gold ${op} ${checkValue(t.gold, check.unit)}`;
}

/**
 * What happened, first; the examples it lists collapsed behind their count, each pipeline linked
 * to its CI run where the report knows it.
 */
const Explanation = ({
  check,
  pipelineRuns,
}: {
  check: Check;
  pipelineRuns: Record<string, string>;
}) => {
  const parts = splitExplanation(check.explanation);
  return (
    <>
      <Typography variant="body2" data-testid="check-sentence">
        <PipelineLinks text={parts.sentence} runUrls={pipelineRuns} />
      </Typography>
      {parts.items.length > 0 && (
        <details>
          <summary>
            <Typography
              variant="caption"
              component="span"
              data-testid="check-items"
            >
              {parts.more
                ? `${parts.items.length} listed, more not shown`
                : `${parts.items.length} listed`}
            </Typography>
          </summary>
          <ul style={{ margin: 0, paddingLeft: 16 }}>
            {parts.items.map(item => (
              <li key={item}>
                <Typography variant="caption">
                  <PipelineLinks text={item} runUrls={pipelineRuns} />
                </Typography>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
};

const columnsOf = (
  pipelineRuns: Record<string, string>,
): TableColumn<Check>[] => [
  {
    title: 'Status',
    width: '12%',
    render: check => <CheckStatusIcon status={check.status} />,
  },
  { title: 'Check', field: 'name', width: '18%' },
  {
    title: 'Value',
    width: '9%',
    render: check => checkValue(check.value, check.unit),
  },
  {
    title: 'What happened',
    render: check => <Explanation check={check} pipelineRuns={pipelineRuns} />,
  },
  {
    title: 'Level',
    width: '10%',
    render: check => {
      const verdict = splitExplanation(check.explanation).verdict;
      return (
        <Tooltip
          title={`${verdict ? `${verdict} ` : ''}Thresholds: ${thresholdText(check)}`}
        >
          <span data-testid="check-level">
            {check.level === 'none' ? 'below Bronze' : check.level}
          </span>
        </Tooltip>
      );
    },
  },
];

/** The scorecard checks, failing first; thresholds in each level's tooltip. */
export const ChecksTable = ({
  checks,
  title,
  pipelineRuns = {},
}: {
  checks: Check[];
  title?: string;
  /** The CI run of each pipeline the explanations name, as the report gives it. */
  pipelineRuns?: Record<string, string>;
}) => (
  <Table<Check>
    title={title ?? 'Checks'}
    options={{ paging: false, search: false, padding: 'dense' }}
    columns={columnsOf(pipelineRuns)}
    data={failingFirst(checks)}
  />
);
