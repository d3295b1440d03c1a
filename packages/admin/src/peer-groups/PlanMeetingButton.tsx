import EventIcon from '@mui/icons-material/Event';
import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { Button, useCanAccess, useTranslate } from 'react-admin';
import { parisInstant, parisLocal } from '@epairs/shared';
import { useRun } from './actions';

type Group = { id: string; societyId: string; status: string };

export interface MeetingFields {
  startsAt: string;
  durationMinutes: number;
  mode: string;
  place: string | null;
}

/** Plans a meeting of the group (relay person, administrators); members get an invitation. */
export function PlanMeetingButton({ group }: { group: Group }) {
  const run = useRun();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({
    resource: 'Meeting',
    action: 'create',
    record: { id: '', societyId: group.societyId, groupId: group.id },
  });
  if (!canAccess || !['ACTIVE', 'REGISTERED'].includes(group.status)) return null;
  return (
    <>
      <Button label="epairs.meetings.plan" onClick={() => setOpen(true)}>
        <EventIcon />
      </Button>
      <MeetingDialog
        id="plan-meeting"
        title="epairs.meetings.plan"
        open={open}
        onClose={() => setOpen(false)}
        onSave={async (fields) => {
          setOpen(false);
          await run(
            'mutation Plan($groupId: ID!, $startsAt: DateTimeISO!, $durationMinutes: Int!, $mode: MeetingMode, $place: String) { planMeeting(groupId: $groupId, startsAt: $startsAt, durationMinutes: $durationMinutes, mode: $mode, place: $place) { id } }',
            { groupId: group.id, ...fields },
            'epairs.meetings.plan',
          );
        }}
      />
    </>
  );
}

/** The meeting's date (typed in Paris time), duration, mode and place; for planning or moving. */
export function MeetingDialog({
  id,
  title,
  open,
  initial,
  onClose,
  onSave,
}: {
  id: string;
  title: string;
  open: boolean;
  initial?: MeetingFields;
  onClose: () => void;
  onSave: (fields: MeetingFields) => Promise<void>;
}) {
  const translate = useTranslate();
  const [startsAt, setStartsAt] = useState(initial ? parisLocal(initial.startsAt) : '');
  const [duration, setDuration] = useState(initial?.durationMinutes ?? 150);
  const [mode, setMode] = useState(initial?.mode ?? 'IN_PERSON');
  const [place, setPlace] = useState(initial?.place ?? '');
  return (
    <>
      <Dialog open={open} onClose={onClose} aria-labelledby={`${id}-title`}>
        <DialogTitle id={`${id}-title`}>{translate(title)}</DialogTitle>
        <DialogContent>
          <TextField
            id={`${id}-starts-at`}
            type="datetime-local"
            label={translate('epairs.meetings.starts_at_paris')}
            value={startsAt}
            onChange={(event) => setStartsAt(event.target.value)}
            margin="dense"
            fullWidth
            slotProps={{ inputLabel: { shrink: true } }}
          />
          <TextField
            id={`${id}-duration`}
            type="number"
            label={translate('epairs.meetings.duration_minutes')}
            value={duration}
            onChange={(event) => setDuration(Number(event.target.value))}
            margin="dense"
            fullWidth
          />
          <TextField
            id={`${id}-mode`}
            select
            label={translate('epairs.meetings.mode')}
            value={mode}
            onChange={(event) => setMode(event.target.value)}
            margin="dense"
            fullWidth
          >
            {['IN_PERSON', 'REMOTE', 'HYBRID'].map((value) => (
              <MenuItem key={value} value={value}>
                {translate(`epairs.meetings.modes.${value}`)}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id={`${id}-place`}
            label={translate('epairs.meetings.place')}
            value={place}
            onChange={(event) => setPlace(event.target.value)}
            margin="dense"
            fullWidth
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('epairs.cancel')}</MuiButton>
          <MuiButton
            variant="contained"
            disabled={!startsAt || !duration}
            onClick={() =>
              onSave({
                startsAt: parisInstant(startsAt),
                durationMinutes: duration,
                mode,
                place: place.trim() || null,
              })
            }
          >
            {translate('epairs.confirm')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}
