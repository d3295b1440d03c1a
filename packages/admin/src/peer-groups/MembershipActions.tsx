import PersonAddIcon from '@mui/icons-material/PersonAdd';
import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { useRun } from './actions';

type Group = { id: string; societyId: string; status: string };
type Membership = { id: string; memberId: string; role: string; member?: { lastName?: string } };

/** Adds a member of the society to the group, by e-mail or RPPS (relay person, administrators). */
export function AddMemberButton({ group }: { group: Group }) {
  const run = useRun();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [who, setWho] = useState('');
  const { canAccess } = useCanAccess({
    resource: 'GroupMembership',
    action: 'create',
    record: { id: '', societyId: group.societyId, groupId: group.id, memberId: '' },
  });
  if (!canAccess || group.status === 'CLOSED') return null;
  const byRpps = /^\d{11}$/.test(who.replace(/\s/g, ''));
  return (
    <>
      <Button label="epairs.groups.add_member" onClick={() => setOpen(true)}>
        <PersonAddIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="add-member-title">
        <DialogTitle id="add-member-title">{translate('epairs.groups.add_member')}</DialogTitle>
        <DialogContent>
          <TextField
            id="add-member-who"
            label={translate('epairs.groups.member_email_or_rpps')}
            value={who}
            onChange={(event) => setWho(event.target.value)}
            margin="dense"
            fullWidth
            autoFocus
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate('epairs.cancel')}</MuiButton>
          <MuiButton
            variant="contained"
            disabled={!who.trim()}
            onClick={async () => {
              setOpen(false);
              await run(
                'mutation Add($groupId: ID!, $email: String, $rpps: String) { addGroupMember(groupId: $groupId, email: $email, rpps: $rpps) { id } }',
                byRpps
                  ? { groupId: group.id, rpps: who.replace(/\s/g, '') }
                  : { groupId: group.id, email: who.trim() },
                'epairs.groups.add_member',
              );
              setWho('');
            }}
          >
            {translate('epairs.confirm')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** Row actions on a membership: make relay person, remove from the group (with confirmation). */
export function MembershipRowActions({ group }: { group: Group }) {
  const membership = useRecordContext<Membership>();
  const run = useRun();
  const [confirm, setConfirm] = useState(false);
  const { canAccess } = useCanAccess({
    resource: 'GroupMembership',
    action: 'update',
    record: membership
      ? {
          id: membership.id,
          societyId: group.societyId,
          groupId: group.id,
          memberId: membership.memberId,
        }
      : undefined,
  });
  if (!membership || !canAccess) return null;
  return (
    <span onClick={(event) => event.stopPropagation()}>
      {membership.role !== 'RELAY' && (
        <Button
          label="epairs.groups.make_relay"
          onClick={() =>
            run(
              'mutation Relay($groupId: ID!, $memberId: ID!) { setGroupRelay(groupId: $groupId, memberId: $memberId) { id } }',
              { groupId: group.id, memberId: membership.memberId },
              'epairs.groups.make_relay',
            )
          }
        />
      )}
      <Button label="epairs.groups.remove_member" color="error" onClick={() => setConfirm(true)} />
      <Confirm
        isOpen={confirm}
        title="epairs.groups.remove_member"
        content="epairs.groups.remove_member_confirm"
        onConfirm={async () => {
          setConfirm(false);
          await run(
            'mutation Remove($id: ID!) { removeGroupMember(membershipId: $id) { id } }',
            { id: membership.id },
            'epairs.groups.remove_member',
          );
        }}
        onClose={() => setConfirm(false)}
      />
    </span>
  );
}
