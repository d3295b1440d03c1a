import { useState } from 'react';
import { Button, TopToolbar, useCanAccess, useRecordContext } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { useRun } from '../peer-groups/actions';

type Meeting = { id: string; version: number; status: string; societyId: string; groupId: string };

/** Cancels a planned meeting, with a reason (members are told, their calendars updated). */
export function MeetingShowActions() {
  const record = useRecordContext<Meeting>();
  const run = useRun();
  const [open, setOpen] = useState(false);
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
      <ReasonDialog
        id="cancel-meeting"
        open={open}
        title="epairs.meetings.cancel"
        label="epairs.meetings.cancel_reason"
        onClose={() => setOpen(false)}
        onConfirm={async (reason) => {
          setOpen(false);
          await run(
            'mutation Cancel($id: ID!, $version: Int!, $reason: String!) { cancelMeeting(id: $id, version: $version, reason: $reason) { id status } }',
            { id: record.id, version: record.version, reason },
            'epairs.meetings.cancel',
          );
        }}
      />
    </TopToolbar>
  );
}
