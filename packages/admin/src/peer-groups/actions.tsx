import GroupAddIcon from '@mui/icons-material/GroupAdd';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import SendIcon from '@mui/icons-material/Send';
import {
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  Confirm,
  EditButton,
  TopToolbar,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  type HttpError,
} from 'react-admin';
import { graphql } from '../graphql/request';
import { UserPicker } from '../users/UserPicker';
import { PlanMeetingButton } from './PlanMeetingButton';

type Group = { id: string; status: string; societyId: string; version: number };

export function useRun() {
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return async (query: string, variables: Record<string, unknown>, done: string) => {
    try {
      await graphql(query, variables);
      notify(done, { type: 'success' });
    } catch (error) {
      notify((error as HttpError).message, { type: 'error' });
    } finally {
      await queryClient.invalidateQueries({ queryKey: ['graphql'] });
      refresh();
    }
  };
}

/** Submit the registration (relay person, administrators): refused with its reasons. */
function SubmitRegistrationButton({ record }: { record: Group }) {
  const run = useRun();
  const { canAccess } = useCanAccess({ resource: 'PeerGroup', action: 'submit', record });
  if (!canAccess || record.status !== 'FORMING') return null;
  return (
    <Button
      label="epairs.groups.submit"
      onClick={() =>
        run(
          'mutation Submit($groupId: ID!) { submitGroupRegistration(groupId: $groupId) { id status } }',
          { groupId: record.id },
          'epairs.groups.submit',
        )
      }
    >
      <SendIcon />
    </Button>
  );
}

/** Register the group (E-Pairs only), with a confirmation. */
function RegisterButton({ record }: { record: Group }) {
  const run = useRun();
  const [open, setOpen] = useState(false);
  const { canAccess } = useCanAccess({ resource: 'PeerGroup', action: 'register', record });
  if (!canAccess || record.status !== 'SUBMITTED') return null;
  return (
    <>
      <Button label="epairs.groups.register" onClick={() => setOpen(true)}>
        <HowToRegIcon />
      </Button>
      <Confirm
        isOpen={open}
        title="epairs.groups.register"
        content="epairs.groups.register"
        onConfirm={async () => {
          setOpen(false);
          await run(
            'mutation Register($groupId: ID!) { registerGroup(groupId: $groupId) { id status } }',
            { groupId: record.id },
            'epairs.groups.register',
          );
        }}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

/** Assign a binôme correspondent (E-Pairs only), picked by name or e-mail. */
function AssignBinomeButton({ record }: { record: Group }) {
  const run = useRun();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState('');
  const { canAccess } = useCanAccess({ resource: 'BinomeAssignment', action: 'create' });
  if (!canAccess) return null;
  return (
    <>
      <Button label="epairs.groups.assign_binome" onClick={() => setOpen(true)}>
        <GroupAddIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="assign-binome-title">
        <DialogTitle id="assign-binome-title">
          {translate('epairs.groups.assign_binome')}
        </DialogTitle>
        <DialogContent>
          <UserPicker
            id="binome-user"
            label={translate('epairs.groups.binome_user')}
            onChange={(user) => setUserId(user?.id ?? '')}
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)}>{translate('epairs.cancel')}</MuiButton>
          <MuiButton
            variant="contained"
            disabled={!userId}
            onClick={async () => {
              setOpen(false);
              await run(
                'mutation Assign($groupId: ID!, $userId: ID!) { assignBinome(groupId: $groupId, userId: $userId) { id } }',
                { groupId: record.id, userId },
                'epairs.groups.assign_binome',
              );
            }}
          >
            {translate('epairs.confirm')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}

export function PeerGroupShowActions() {
  const record = useRecordContext<Group>();
  if (!record) return null;
  return (
    <TopToolbar>
      <SubmitRegistrationButton record={record} />
      <RegisterButton record={record} />
      <AssignBinomeButton record={record} />
      <PlanMeetingButton group={record} />
      <EditButton />
    </TopToolbar>
  );
}
