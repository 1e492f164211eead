import { useState } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { Button, Chip, Tooltip, Typography } from '@material-ui/core';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Quarantine,
  testHealthQuarantinePermission,
  TestRow,
} from '@testhealth/backstage-plugin-test-health-common';
import { duration, percent, shortRef } from '../shared/format';
import { QuarantineDialog, QuarantineInput } from '../QuarantineDialog';

/** A flaky test with its current quarantine, if any. */
export interface FlakyRow extends TestRow {
  quarantine?: Quarantine;
}

export const FlakyTestsTable = (props: {
  rows: FlakyRow[];
  total: number;
  onQuarantine: (test: TestRow, input: QuarantineInput) => Promise<void>;
  onRelease: (test: TestRow) => Promise<void>;
}) => {
  const { rows, total, onQuarantine, onRelease } = props;
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
      render: row => (
        <>
          <Typography variant="body2" data-testid="flaky-test-name">
            {row.name}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {row.suite} · {row.layer}
          </Typography>
        </>
      ),
    },
    { title: 'State', width: '6%', field: 'state' },
    {
      title: 'Reasons',
      width: '30%',
      render: row => (
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {row.reasons.map(reason => (
            <li key={reason}>
              <Typography variant="caption">{reason}</Typography>
            </li>
          ))}
        </ul>
      ),
    },
    {
      title: 'Score (95% interval)',
      width: '10%',
      render: row =>
        `${percent(row.flakinessScore)} (${percent(row.lower)}–${percent(row.upper)})`,
    },
    {
      title: 'Runs',
      width: '7%',
      render: row => (
        <Tooltip
          title={`${row.flakyRuns} flaky, ${row.failedRuns} failed of ${row.runs} runs`}
        >
          <span>{`${row.flakyRuns} / ${row.runs}`}</span>
        </Tooltip>
      ),
    },
    {
      title: 'Time lost',
      width: '7%',
      render: row => duration(row.timeLostSeconds),
    },
    { title: 'Owner', width: '8%', render: row => shortRef(row.owner) },
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
        title={`Flaky tests by impact (${total})`}
        options={{
          paging: rows.length > 10,
          pageSize: 10,
          search: false,
          padding: 'dense',
        }}
        columns={columns}
        data={rows}
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
