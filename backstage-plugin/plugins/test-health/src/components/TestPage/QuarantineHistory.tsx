import { Typography } from '@material-ui/core';
import { QuarantineEvent } from '@testhealth/backstage-plugin-test-health-common';
import { CatalogLink } from '../shared/links';

const when = (iso: string | null | undefined) =>
  iso ? iso.slice(0, 16).replace('T', ' ') : '–';

const ACTIONS: Record<QuarantineEvent['action'], string> = {
  quarantined: 'Quarantined',
  changed: 'Quarantine changed',
  released: 'Released',
};

/** One change in words: who, why, ticket and end date, each only when known. */
export function quarantineEventText(e: QuarantineEvent): string {
  const parts: string[] = [];
  if (e.reason) parts.push(e.reason);
  if (e.action !== 'released') {
    parts.push(e.ticket ? `ticket ${e.ticket}` : 'no ticket');
    parts.push(
      e.expiresAt ? `until ${e.expiresAt.slice(0, 10)}` : 'no end date',
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
  if (events === undefined) {
    return (
      <Typography variant="caption" color="textSecondary">
        This collector keeps the current quarantine only.
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
        Never quarantined.
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
            {when(e.at)} · <b>{ACTIONS[e.action] ?? e.action}</b>
            {e.by ? (
              <>
                {' '}
                by <CatalogLink entityRef={e.by} />
              </>
            ) : (
              ' (by whom not recorded)'
            )}
          </Typography>
          {quarantineEventText(e) && (
            <Typography variant="caption" color="textSecondary">
              {quarantineEventText(e)}
            </Typography>
          )}
        </li>
      ))}
    </ol>
  );
};
