import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { Button, TopToolbar, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { useRun } from '../peer-groups/actions';

type Meeting = { id: string; version: number; status: string; societyId: string; groupId: string };

/** Cancels a planned meeting, with a reason (members are told, their calendars updated). */
export function MeetingShowActions() {
  const record = useRecordContext<Meeting>();
  const run = useRun();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { canAccess } = useCanAccess({
    resource: 'Meeting',
    action: 'update',
    record: record
      ? { id: record.id, societyId: record.societyId, groupId: record.groupId }
      : undefined,
  });
  if (!record || !canAccess || record.status !== 'PLANNED') return <TopToolbar />;
  return (
    <TopToolbar>
      <Button label="epairs.meetings.cancel" color="error" onClick={() => setOpen(true)} />
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="cancel-meeting-title">
        <DialogTitle id="cancel-meeting-title">{translate('epairs.meetings.cancel')}</DialogTitle>
        <DialogContent>
          <TextField
            id="cancel-meeting-reason"
            label={translate('epairs.meetings.cancel_reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            margin="dense"
            fullWidth
            required
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate('epairs.cancel')}</MuiButton>
          <MuiButton
            variant="contained"
            color="error"
            disabled={reason.trim().length < 3}
            onClick={async () => {
              setOpen(false);
              await run(
                'mutation Cancel($id: ID!, $version: Int!, $reason: String!) { cancelMeeting(id: $id, version: $version, reason: $reason) { id status } }',
                { id: record.id, version: record.version, reason: reason.trim() },
                'epairs.meetings.cancel',
              );
            }}
          >
            {translate('epairs.confirm')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </TopToolbar>
  );
}
