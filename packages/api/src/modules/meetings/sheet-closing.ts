import { SIGNING_GRACE_MINUTES } from '@epairs/shared';
import { inSeparateSystemTransaction } from '../../common/db/system-transaction';
import type { RequestContext } from '../../common/request-context';
import type { AppServices } from '../../common/services';
import type { Meeting } from './meeting.entities';

/** The pg-boss queue that closes attendance sheets at the end of their grace period. */
export const SHEET_CLOSE_QUEUE = 'meeting-sheet-close';

export interface SheetCloseJob {
  meetingId: string;
  /** The end the job was queued for; a moved meeting has a newer job. */
  endsAt: string;
}

const closingTime = (meeting: Pick<Meeting, 'startsAt' | 'durationMinutes'>) =>
  new Date(meeting.startsAt.getTime() + (meeting.durationMinutes + SIGNING_GRACE_MINUTES) * 60_000);

/** Queues the closing of the meeting's sheet, in the request's transaction. */
export async function scheduleSheetClosing(ctx: RequestContext, meeting: Meeting): Promise<void> {
  const { jobs } = ctx.services;
  if (!jobs.enabled || meeting.status !== 'PLANNED') return;
  const endsAt = new Date(
    meeting.startsAt.getTime() + meeting.durationMinutes * 60_000,
  ).toISOString();
  await jobs.sendInTransaction(
    await ctx.manager(),
    SHEET_CLOSE_QUEUE,
    { meetingId: meeting.id, endsAt },
    {
      startAfter: closingTime(meeting),
      singletonKey: `${meeting.id}@${endsAt}`,
    },
  );
}

export type SheetCloseOutcome =
  'closed' | 'unknown' | 'not-planned' | 'moved' | 'too-early' | 'unsigned';

/**
 * The sheet closes after the grace period (DOMAIN: the legal proof of presence): a meeting still
 * PLANNED whose window has ended becomes HELD if anyone signed. One nobody signed stays for the
 * relay person to cancel or correct. Exported for the tests, which run it directly.
 */
export async function runSheetClosing(
  services: AppServices,
  job: SheetCloseJob,
  now = Date.now(),
  options: { throwWhenEarly?: boolean } = {},
): Promise<SheetCloseOutcome> {
  return inSeparateSystemTransaction(services.dataSource, async (manager) => {
    const [meeting] = (await manager.query(
      `SELECT id, society_id AS "societyId", status, starts_at AS "startsAt", duration_minutes AS "durationMinutes",
              sheet_closed_at AS "sheetClosedAt",
              EXISTS (SELECT 1 FROM attendance a WHERE a.meeting_id = meeting.id AND a.status = 'SIGNED') AS signed
         FROM meeting WHERE id = $1 FOR UPDATE`,
      [job.meetingId],
    )) as (Pick<
      Meeting,
      'id' | 'societyId' | 'status' | 'startsAt' | 'durationMinutes' | 'sheetClosedAt'
    > & { signed: boolean })[];
    if (!meeting) return 'unknown';
    if (meeting.status !== 'PLANNED' || meeting.sheetClosedAt) return 'not-planned';
    const endsAt = new Date(
      meeting.startsAt.getTime() + meeting.durationMinutes * 60_000,
    ).toISOString();
    if (endsAt !== job.endsAt) return 'moved';
    // The queue's clock is the database's; should the job run a little early, fail it so that
    // pg-boss retries later, rather than consume it and leave the sheet open.
    if (now < closingTime(meeting).getTime()) {
      if (options.throwWhenEarly) throw new Error('attendance sheet closing ran early; retried');
      return 'too-early';
    }
    if (!meeting.signed) return 'unsigned';
    await manager.query(
      `UPDATE meeting SET status = 'HELD', sheet_closed_at = now() WHERE id = $1`,
      [meeting.id],
    );
    await manager.query(
      `INSERT INTO audit_event (society_id, action, entity_type, entity_id, changed_fields)
       VALUES ($1, 'meeting.auto-close', 'Meeting', $2, '{status,sheetClosedAt}')`,
      [meeting.societyId, meeting.id],
    );
    return 'closed';
  });
}
