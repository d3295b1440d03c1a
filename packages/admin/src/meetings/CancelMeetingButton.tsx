import { useState } from 'react';
import { Button, TopToolbar, useCanAccess, useRecordContext } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import { useRun } from '../peer-groups/actions';
import { MeetingDialog } from '../peer-groups/PlanMeetingButton';

type Meeting = {
  id: string;
  version: number;
  status: string;
  societyId: string;
  groupId: string;
  startsAt: string;
  durationMinutes: number;
  mode: string;
  place: string | null;
};

/**
 * A planned meeting is moved (date, duration, mode, place) or cancelled with a reason; members
 * are told and their calendars updated.
 */
export function MeetingShowActions() {
  const record = useRecordContext<Meeting>();
  const run = useRun();
  const [open, setOpen] = useState(false);
  const [moving, setMoving] = useState(false);
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
      <Button label="epairs.meetings.edit" onClick={() => setMoving(true)} />
      {moving && (
        <MeetingDialog
          id="edit-meeting"
          title="epairs.meetings.edit"
          open={moving}
          initial={record}
          onClose={() => setMoving(false)}
          onSave={async (fields) => {
            setMoving(false);
            await run(
              'mutation Move($id: ID!, $version: Int!, $startsAt: DateTimeISO, $durationMinutes: Int, $mode: MeetingMode, $place: String) { updateMeeting(id: $id, version: $version, startsAt: $startsAt, durationMinutes: $durationMinutes, mode: $mode, place: $place) { id } }',
              { id: record.id, version: record.version, ...fields },
              'epairs.meetings.edit',
            );
          }}
        />
      )}
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
