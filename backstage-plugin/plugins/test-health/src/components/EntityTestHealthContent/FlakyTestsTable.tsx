import { useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { Button, Chip, Tooltip, Typography } from '@material-ui/core';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Quarantine,
  testHealthQuarantinePermission,
  TestRow,
} from '@testhealth/backstage-plugin-test-health-common';
import { count, percent, shortRef, splitReasons } from '../shared/format';
import { FilterSpec, TableTitle, useFilters } from '../shared/Filters';
import { CatalogLink, TestLink } from '../shared/links';
import { timeLostText, whatHappened } from '../shared/plainWords';
import { QuarantineDialog, QuarantineInput } from '../QuarantineDialog';
import { PipelineLinks } from '../shared/PipelineLinks';

/** A flaky test with its current quarantine, if any. */
export interface FlakyRow extends TestRow {
  quarantine?: Quarantine;
}

const FLAKY_FILTERS: FilterSpec<FlakyRow>[] = [
  { id: 'owner', label: 'Owner', value: r => (r.owner ? shortRef(r.owner) : null) },
  { id: 'layer', label: 'Layer', value: r => r.layer },
  {
    id: 'quarantine',
    label: 'Quarantine',
    value: r => (r.quarantine || r.quarantined ? 'quarantined' : 'not quarantined'),
  },
];

export const FlakyTestsTable = (props: {
  rows: FlakyRow[];
  total: number;
  onQuarantine: (test: TestRow, input: QuarantineInput) => Promise<void>;
  onRelease: (test: TestRow) => Promise<void>;
  /** The analysis window in days, for the sentence of what happened. */
  windowDays?: number;
  /** The CI run of each pipeline the reasons name, as the collector gives it. */
  pipelineRuns?: Record<string, string>;
}) => {
  const {
    rows,
    total,
    onQuarantine,
    onRelease,
    windowDays = 28,
    pipelineRuns = {},
  } = props;
  const filters = useFilters(rows, FLAKY_FILTERS);
  const [selected, setSelected] = useState<TestRow | undefined>();
  const [releasing, setReleasing] = useState<string | undefined>();
  const { allowed, loading } = usePermission({
    permission: testHealthQuarantinePermission,
  });
  const denied = allowed
    ? ''
    : `Quarantining needs the ${testHealthQuarantinePermission.name} permission`;
  // A disabled button gets no pointer events: the tooltip that says why sits on a span around it.
  const guarded = (button: JSX.Element) =>
    denied && !loading ? (
      <Tooltip title={denied}>
        <span data-testid="quarantine-denied">{button}</span>
      </Tooltip>
    ) : (
      button
    );

  const columns: TableColumn<FlakyRow>[] = [
    {
      title: 'Test',
      width: '22%',
      field: 'name',
      render: row => (
        <>
          <Typography variant="body2" data-testid="flaky-test-name">
            <TestLink testId={row.testId}>{row.name}</TestLink>
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {row.suite} · {row.layer ?? 'unknown'}
          </Typography>
        </>
      ),
    },
    {
      title: 'What happened',
      width: '36%',
      render: row => {
        const { plain, detail } = splitReasons(row.reasons);
        return (
          <>
            <Typography variant="body2" data-testid="flaky-what-happened">
              {whatHappened(row, windowDays)}
            </Typography>
            {plain.length + detail.length > 0 && (
              <details>
                <summary>
                  <Typography variant="caption" component="span">
                    {count(plain.length + detail.length, 'detail')}
                  </Typography>
                </summary>
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {[...plain, ...detail].map(reason => (
                    <li key={reason}>
                      <Typography variant="caption">
                        <PipelineLinks text={reason} runUrls={pipelineRuns} />
                      </Typography>
                    </li>
                  ))}
                </ul>
              </details>
            )}
          </>
        );
      },
    },
    {
      title: 'Flaky share',
      width: '8%',
      render: row => (
        <Tooltip
          title={`Flakiness score ${percent(row.flakinessScore)}: the estimated share of its runs that are flaky, 95% interval ${percent(row.lower)} to ${percent(row.upper)}`}
        >
          <span>{percent(row.flakinessScore, 0)}</span>
        </Tooltip>
      ),
    },
    {
      title: 'CI time lost',
      width: '12%',
      render: row => (
        <span data-testid="flaky-time-lost">{timeLostText(row)}</span>
      ),
    },
    {
      title: 'Owner',
      width: '8%',
      field: 'owner',
      render: row => <CatalogLink entityRef={row.owner} />,
    },
    {
      title: 'Quarantine',
      width: '10%',
      render: row =>
        row.quarantine || row.quarantined ? (
          <>
            <Tooltip
              title={
                row.quarantine
                  ? `${row.quarantine.reason} — ${row.quarantine.ticket || 'no ticket'}, by ${shortRef(row.quarantine.by)}${row.quarantine.expiresAt ? `, until ${row.quarantine.expiresAt.slice(0, 10)}` : ''}`
                  : 'quarantined'
              }
            >
              <Chip
                size="small"
                label={row.quarantine?.expired ? 'expired' : 'quarantined'}
                data-testid="quarantine-state"
              />
            </Tooltip>
            {guarded(
              <Button
                size="small"
                disabled={!allowed || releasing === row.testId}
                onClick={async () => {
                  setReleasing(row.testId);
                  try {
                    await onRelease(row);
                  } finally {
                    setReleasing(undefined);
                  }
                }}
              >
                Release
              </Button>,
            )}
          </>
        ) : (
          guarded(
            <Button
              size="small"
              color="primary"
              disabled={!allowed}
              onClick={() => setSelected(row)}
            >
              Quarantine
            </Button>,
          )
        ),
    },
  ];

  return (
    <>
      <Table<FlakyRow>
        title={
          <TableTitle
            title={`Flaky tests, most costly first (${total})`}
            filters={filters.bar}
          />
        }
        options={{
          paging: filters.rows.length > 10,
          pageSize: 10,
          search: true,
          padding: 'dense',
        }}
        columns={columns}
        data={filters.rows}

        emptyContent={
          <Typography variant="body2" style={{ padding: 16 }}>
            No flaky tests in this window.
          </Typography>
        }
      />
      {selected && (
        <QuarantineDialog
          open
          test={selected}
          onClose={() => setSelected(undefined)}
          onSubmit={input => onQuarantine(selected, input)}
        />
      )}
    </>
  );
};
