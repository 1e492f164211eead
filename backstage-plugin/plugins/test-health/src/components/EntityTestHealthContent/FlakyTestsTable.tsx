import { useMemo, useState } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { testHealthTranslationRef } from '../../translation';

/** A flaky test with its current quarantine, if any. */
export interface FlakyRow extends TestRow {
  quarantine?: Quarantine;
}

type Translate = ReturnType<
  typeof useTranslationRef<typeof testHealthTranslationRef.T>
>['t'];

function flakyFilters(t: Translate): FilterSpec<FlakyRow>[] {
  return [
    {
      id: 'owner',
      label: t('flakyTests.filters.owner'),
      value: r => (r.owner ? shortRef(r.owner) : null),
    },
    { id: 'layer', label: t('flakyTests.filters.layer'), value: r => r.layer },
    {
      id: 'quarantine',
      label: t('flakyTests.filters.quarantine'),
      value: r =>
        r.quarantine || r.quarantined
          ? t('flakyTests.filters.quarantined')
          : t('flakyTests.filters.notQuarantined'),
    },
  ];
}

function quarantineTooltip(t: Translate, q: Quarantine): string {
  const values = {
    reason: q.reason,
    ticket: q.ticket || t('flakyTests.noTicket'),
    by: shortRef(q.by),
  };
  return q.expiresAt
    ? t('flakyTests.quarantineTooltipUntil', {
        ...values,
        until: q.expiresAt.slice(0, 10),
      })
    : t('flakyTests.quarantineTooltip', values);
}

export const FlakyTestsTable = (props: {
  /**
   * The catalog entity whose tests these are: the resource of the quarantine permission, so a
   * policy can let the entity's owners quarantine its tests.
   */
  entityRef: string;
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
    entityRef,
    rows,
    total,
    onQuarantine,
    onRelease,
    windowDays = 28,
    pipelineRuns = {},
  } = props;
  const { t } = useTranslationRef(testHealthTranslationRef);
  const filterSpecs = useMemo(() => flakyFilters(t), [t]);
  const filters = useFilters(rows, filterSpecs);
  const [selected, setSelected] = useState<TestRow | undefined>();
  const [releasing, setReleasing] = useState<string | undefined>();
  const { allowed, loading } = usePermission({
    permission: testHealthQuarantinePermission,
    resourceRef: entityRef,
  });
  const denied = allowed
    ? ''
    : t('flakyTests.permissionNeeded', {
        permission: testHealthQuarantinePermission.name,
        entityRef,
      });
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
      title: t('flakyTests.columns.test'),
      width: '22%',
      field: 'name',
      render: row => (
        <>
          <Typography variant="body2" data-testid="flaky-test-name">
            <TestLink testId={row.testId}>{row.name}</TestLink>
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {row.suite} · {row.layer ?? t('flakyTests.unknownLayer')}
          </Typography>
        </>
      ),
    },
    {
      title: t('flakyTests.columns.whatHappened'),
      width: '36%',
      render: row => {
        const { plain, detail } = splitReasons(row.reasons);
        return (
          <>
            <Typography variant="body2" data-testid="flaky-what-happened">
              {whatHappened(t, row, windowDays)}
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
      title: t('flakyTests.columns.flakyShare'),
      width: '8%',
      render: row => (
        <Tooltip
          title={t('flakyTests.flakyShareTooltip', {
            score: percent(row.flakinessScore),
            lower: percent(row.lower),
            upper: percent(row.upper),
          })}
        >
          <span>{percent(row.flakinessScore, 0)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('flakyTests.columns.timeLost'),
      width: '12%',
      render: row => (
        <span data-testid="flaky-time-lost">{timeLostText(t, row)}</span>
      ),
    },
    {
      title: t('flakyTests.columns.owner'),
      width: '8%',
      field: 'owner',
      render: row => <CatalogLink entityRef={row.owner} />,
    },
    {
      title: t('flakyTests.columns.quarantine'),
      width: '10%',
      render: row =>
        row.quarantine || row.quarantined ? (
          <>
            <Tooltip
              title={
                row.quarantine
                  ? quarantineTooltip(t, row.quarantine)
                  : t('flakyTests.quarantinedChip')
              }
            >
              <Chip
                size="small"
                label={
                  row.quarantine?.expired
                    ? t('flakyTests.expiredChip')
                    : t('flakyTests.quarantinedChip')
                }
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
                {t('flakyTests.releaseButton')}
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
              {t('flakyTests.quarantineButton')}
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
            title={t('flakyTests.title', { total: String(total) })}
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
            {t('flakyTests.empty')}
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
