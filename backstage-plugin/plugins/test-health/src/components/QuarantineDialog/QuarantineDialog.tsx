import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { TestRow } from '@testhealth/backstage-plugin-test-health-common';
import { testHealthTranslationRef } from '../../translation';

/** What a user enters to quarantine a test. */
export interface QuarantineInput {
  reason: string;
  ticket: string;
  /** `YYYY-MM-DD`, or empty for no expiry */
  expires: string;
}

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

/** Asks for reason, ticket and expiry, then quarantines the test. */
export const QuarantineDialog = (props: {
  test: TestRow;
  open: boolean;
  onClose: () => void;
  onSubmit: (input: QuarantineInput) => Promise<void>;
}) => {
  const { test, open, onClose, onSubmit } = props;
  const { t } = useTranslationRef(testHealthTranslationRef);
  const [reason, setReason] = useState('');
  const [ticket, setTicket] = useState('');
  const [expires, setExpires] = useState(inDays(30));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit({ reason: reason.trim(), ticket: ticket.trim(), expires });
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="quarantine-title">
      <DialogTitle id="quarantine-title">
        {t('quarantineDialog.title', { name: test.name })}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" paragraph>
          {t('quarantineDialog.explanation', { suite: test.suite })}
        </Typography>
        <TextField
          label={t('quarantineDialog.reason')}
          value={reason}
          onChange={e => setReason(e.target.value)}
          required
          fullWidth
          margin="dense"
          inputProps={{ 'data-testid': 'quarantine-reason' }}
        />
        <TextField
          label={t('quarantineDialog.ticket')}
          value={ticket}
          onChange={e => setTicket(e.target.value)}
          fullWidth
          margin="dense"
          helperText={t('quarantineDialog.ticketHelp')}
          inputProps={{ 'data-testid': 'quarantine-ticket' }}
        />
        <TextField
          label={t('quarantineDialog.expires')}
          type="date"
          value={expires}
          onChange={e => setExpires(e.target.value)}
          fullWidth
          margin="dense"
          InputLabelProps={{ shrink: true }}
          inputProps={{ 'data-testid': 'quarantine-expires' }}
        />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('quarantineDialog.cancel')}</Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={busy || reason.trim() === ''}
        >
          {t('quarantineDialog.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
