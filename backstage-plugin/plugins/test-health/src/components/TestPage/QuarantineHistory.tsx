import { Typography } from '@material-ui/core';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { QuarantineEvent } from '@testhealth/backstage-plugin-test-health-common';
import { CatalogLink } from '../shared/links';
import {
  TestHealthTranslate,
  testHealthTranslationRef,
} from '../../translation';

const when = (iso: string | null | undefined) =>
  iso ? iso.slice(0, 16).replace('T', ' ') : '–';

const ACTIONS = {
  quarantined: 'quarantineHistory.quarantined',
  changed: 'quarantineHistory.changed',
  released: 'quarantineHistory.released',
} as const;

/** One change in words: who, why, ticket and end date, each only when known. */
export function quarantineEventText(
  t: TestHealthTranslate,
  e: QuarantineEvent,
): string {
  const parts: string[] = [];
  if (e.reason) parts.push(e.reason);
  if (e.action !== 'released') {
    parts.push(
      e.ticket
        ? t('quarantineHistory.ticket', { ticket: e.ticket })
        : t('quarantineHistory.noTicket'),
    );
    parts.push(
      e.expiresAt
        ? t('quarantineHistory.until', { date: e.expiresAt.slice(0, 10) })
        : t('quarantineHistory.noEndDate'),
    );
  }
  return parts.join(' · ');
}

/** Who quarantined or released the test, when and why, newest first. */
export const QuarantineHistory = ({
  events,
}: {
  events: QuarantineEvent[] | undefined;
}) => {
  const { t } = useTranslationRef(testHealthTranslationRef);
  if (events === undefined) {
    return (
      <Typography variant="caption" color="textSecondary">
        {t('quarantineHistory.currentOnly')}
      </Typography>
    );
  }
  if (events.length === 0) {
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid="quarantine-history-empty"
      >
        {t('quarantineHistory.never')}
      </Typography>
    );
  }
  return (
    <ol
      reversed
      style={{ paddingLeft: 20, margin: '8px 0 0' }}
      data-testid="quarantine-history"
    >
      {[...events].reverse().map(e => (
        <li key={`${e.at}-${e.action}`} data-testid="quarantine-event">
          <Typography variant="body2">
            {when(e.at)} ·{' '}
            <b>{e.action in ACTIONS ? t(ACTIONS[e.action]) : e.action}</b>
            {e.by ? (
              <>
                {' '}
                {t('quarantineHistory.by')} <CatalogLink entityRef={e.by} />
              </>
            ) : (
              <> {t('quarantineHistory.byUnknown')}</>
            )}
          </Typography>
          {quarantineEventText(t, e) && (
            <Typography variant="caption" color="textSecondary">
              {quarantineEventText(t, e)}
            </Typography>
          )}
        </li>
      ))}
    </ol>
  );
};
