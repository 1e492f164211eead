import { Table, TableColumn } from '@backstage/core-components';
import { Tooltip, Typography } from '@material-ui/core';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Check } from '@testhealth/backstage-plugin-test-health-common';
import {
  TestHealthTranslate,
  testHealthTranslationRef,
} from '../../translation';
import { CheckStatusIcon } from './CheckStatusIcon';
import { checkValue } from './format';
import { failingFirst, splitExplanation } from './plainWords';
import { PipelineLinks } from './PipelineLinks';

function thresholdText(tr: TestHealthTranslate, check: Check): string {
  const t = check.threshold;
  return tr('checksTable.thresholds', {
    op: t.better === 'lower' ? '≤' : '≥',
    bronze: checkValue(t.bronze, check.unit),
    silver: checkValue(t.silver, check.unit),
    gold: checkValue(t.gold, check.unit),
  });
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
  const { t } = useTranslationRef(testHealthTranslationRef);
  const items = String(parts.items.length);
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
                ? t('checksTable.listedMore', { items })
                : t('checksTable.listed', { items })}
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
  tr: TestHealthTranslate,
  pipelineRuns: Record<string, string>,
): TableColumn<Check>[] => [
  {
    title: tr('checksTable.columns.status'),
    width: '12%',
    render: check => <CheckStatusIcon status={check.status} />,
  },
  { title: tr('checksTable.columns.check'), field: 'name', width: '18%' },
  {
    title: tr('checksTable.columns.value'),
    width: '9%',
    render: check => checkValue(check.value, check.unit),
  },
  {
    title: tr('checksTable.columns.whatHappened'),
    render: check => <Explanation check={check} pipelineRuns={pipelineRuns} />,
  },
  {
    title: tr('checksTable.columns.level'),
    width: '10%',
    render: check => {
      const verdict = splitExplanation(check.explanation).verdict;
      return (
        <Tooltip
          title={
            verdict
              ? tr('checksTable.levelTooltipWithVerdict', {
                  verdict,
                  thresholds: thresholdText(tr, check),
                })
              : tr('checksTable.levelTooltip', {
                  thresholds: thresholdText(tr, check),
                })
          }
        >
          <span data-testid="check-level">
            {check.level === 'none'
              ? tr('checksTable.belowBronze')
              : check.level}
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
}) => {
  const { t } = useTranslationRef(testHealthTranslationRef);
  return (
    <Table<Check>
      title={title ?? t('checksTable.title')}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columnsOf(t, pipelineRuns)}
      data={failingFirst(checks)}
    />
  );
};
