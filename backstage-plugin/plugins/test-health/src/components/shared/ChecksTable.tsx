import { Table, TableColumn } from '@backstage/core-components';
import { Check } from '@testhealth/backstage-plugin-test-health-common';
import { CheckStatusIcon } from './CheckStatusIcon';
import { checkValue } from './format';

function thresholdText(check: Check): string {
  const op = check.threshold.better === 'lower' ? '≤' : '≥';
  const t = check.threshold;
  return `Bronze ${op} ${checkValue(t.bronze, check.unit)} · Silver ${op} ${checkValue(
    t.silver,
    check.unit,
  )} · Gold ${op} ${checkValue(t.gold, check.unit)}`;
}

const columns: TableColumn<Check>[] = [
  { title: 'Check', field: 'name', width: '18%' },
  {
    title: 'Value',
    width: '9%',
    render: check => checkValue(check.value, check.unit),
  },
  { title: 'Threshold', width: '22%', render: thresholdText },
  {
    title: 'Status',
    width: '13%',
    render: check => <CheckStatusIcon status={check.status} />,
  },
  {
    title: 'Level',
    width: '8%',
    render: check => (check.level === 'none' ? '–' : check.level),
  },
  { title: 'Explanation', field: 'explanation' },
];

/** The ten scorecard checks. */
export const ChecksTable = ({
  checks,
  title,
}: {
  checks: Check[];
  title?: string;
}) => (
  <Table<Check>
    title={title ?? 'Checks'}
    options={{ paging: false, search: false, padding: 'dense' }}
    columns={columns}
    data={checks}
  />
);
