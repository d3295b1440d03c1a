import { CONVENTION_TRANSITIONS, type ConventionStatus } from '@epairs/shared';
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

type Convention = {
  id: string;
  version: number;
  status: ConventionStatus;
  societyId: string;
  memberId: string;
};

/** The convention's next steps (DRAFT → SENT → SIGNED → ACTIVE → CLOSED, or CANCELLED with a reason). */
export function ConventionShowActions() {
  const record = useRecordContext<Convention>();
  const run = useRun();
  const translate = useTranslate();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const { canAccess } = useCanAccess({
    resource: 'Convention',
    action: 'update',
    record: record
      ? { id: record.id, societyId: record.societyId, memberId: record.memberId }
      : undefined,
  });
  if (!record || !canAccess) return <TopToolbar />;
  const change = (status: ConventionStatus, why?: string) =>
    run(
      'mutation Change($id: ID!, $version: Int!, $status: ConventionStatus!, $reason: String) { changeConventionStatus(id: $id, version: $version, status: $status, reason: $reason) { id status } }',
      { id: record.id, version: record.version, status, reason: why ?? null },
      `epairs.conventions.to.${status}`,
    );
  return (
    <TopToolbar>
      {CONVENTION_TRANSITIONS[record.status].map((status) =>
        status === 'CANCELLED' ? (
          <Button
            key={status}
            label={`epairs.conventions.to.${status}`}
            color="error"
            onClick={() => setCancelling(true)}
          />
        ) : (
          <Button
            key={status}
            label={`epairs.conventions.to.${status}`}
            onClick={() => change(status)}
          />
        ),
      )}
      <Dialog open={cancelling} onClose={() => setCancelling(false)} aria-labelledby="cancel-title">
        <DialogTitle id="cancel-title">{translate('epairs.conventions.to.CANCELLED')}</DialogTitle>
        <DialogContent>
          <TextField
            id="cancel-reason"
            label={translate('epairs.conventions.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            margin="dense"
            fullWidth
            required
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setCancelling(false)}>{translate('epairs.cancel')}</MuiButton>
          <MuiButton
            variant="contained"
            color="error"
            disabled={reason.trim().length < 3}
            onClick={async () => {
              setCancelling(false);
              await change('CANCELLED', reason.trim());
            }}
          >
            {translate('epairs.confirm')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </TopToolbar>
  );
}
