import { CONVENTION_TRANSITIONS, type ConventionStatus } from '@epairs/shared';
import { useState } from 'react';
import { Button, TopToolbar, useCanAccess, useRecordContext } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
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
  const [cancelling, setCancelling] = useState(false);
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
      <ReasonDialog
        id="cancel-convention"
        open={cancelling}
        title="epairs.conventions.to.CANCELLED"
        label="epairs.conventions.reason"
        onClose={() => setCancelling(false)}
        onConfirm={async (reason) => {
          setCancelling(false);
          await change('CANCELLED', reason);
        }}
      />
    </TopToolbar>
  );
}
