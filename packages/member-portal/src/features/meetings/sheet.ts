import { SIGNING_GRACE_MINUTES } from '@epairs/shared';
import { useEffect, useState } from 'react';

/** The time now, renewed every `everyMs`: the sheet and the answers open and close with it. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Whether members may sign now: a planned meeting whose sheet is not closed, from 15 minutes
 * before its start to 15 minutes after its end (the database's rule, app.check_signature).
 */
export function signingOpen(
  meeting: { status: string; startsAt: string; endsAt: string; sheetClosedAt?: string | null },
  now = Date.now(),
): boolean {
  const grace = SIGNING_GRACE_MINUTES * 60_000;
  return (
    meeting.status === 'PLANNED' &&
    !meeting.sheetClosedAt &&
    now >= new Date(meeting.startsAt).getTime() - grace &&
    now <= new Date(meeting.endsAt).getTime() + grace
  );
}

/** « Prénom Nom », or an empty string when the name is not visible. */
export function fullName(member?: { firstName?: string | null; lastName?: string | null } | null) {
  return [member?.firstName, member?.lastName].filter(Boolean).join(' ');
}
