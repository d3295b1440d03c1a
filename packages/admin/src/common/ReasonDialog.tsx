import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

/**
 * A destructive action that needs a reason (revoking an attestation, cancelling a meeting or a
 * convention): the reason is typed, then confirmed.
 */
export function ReasonDialog({
  id,
  open,
  title,
  label,
  confirmLabel = 'epairs.confirm',
  onClose,
  onConfirm,
}: {
  id: string;
  open: boolean;
  title: string;
  label: string;
  confirmLabel?: string;
  onClose: () => void;
  onConfirm: (reason: string) => Promise<void> | void;
}) {
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={`${id}-title`}>
      <DialogTitle id={`${id}-title`}>{translate(title)}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          multiline
          required
          id={`${id}-reason`}
          margin="dense"
          label={translate(label)}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose}>{translate('epairs.cancel')}</MuiButton>
        <MuiButton
          color="error"
          variant="contained"
          disabled={reason.trim().length < 3}
          onClick={async () => {
            await onConfirm(reason.trim());
            setReason('');
          }}
        >
          {translate(confirmLabel)}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
}
