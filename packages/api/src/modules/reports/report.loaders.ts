import DataLoader from 'dataloader';
import { byIds, groupedBy } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { MeetingReport, MeetingReportApproval, MeetingReportText } from './report.entities';
import { anyOf } from '../../common/db/any-of';
import { memberByKey } from '../../common/db/lookups';

export function createReportLoaders(ctx: RequestContext) {
  return {
    meetingReportById: new DataLoader<string, MeetingReport | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(MeetingReport).findBy({ id: anyOf(ids) }));
    }),
    meetingReportByMeetingId: new DataLoader<string, MeetingReport | null>(async (meetingIds) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(MeetingReport)
        .findBy({ meetingId: anyOf(meetingIds) });
      const found = new Map(rows.map((row) => [row.meetingId, row]));
      return meetingIds.map((id) => found.get(id) ?? null);
    }),
    /**
     * The latest revision the caller may read: the current text for the group, the last
     * validated one for its binôme, nothing for anyone else (the database's policies decide).
     */
    reportTextByReportId: new DataLoader<string, MeetingReportText | null>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(MeetingReportText)
        .createQueryBuilder('t')
        .distinctOn(['t.report_id'])
        .where('t.report_id = ANY(:ids)', { ids: [...ids] })
        .orderBy('t.report_id')
        .addOrderBy('t.version', 'DESC')
        .getMany();
      const found = new Map(rows.map((row) => [row.reportId, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    /** Every validated edition's text, oldest first (kept when a later edition is written). */
    validatedTextsByReportId: new DataLoader<string, MeetingReportText[]>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(MeetingReportText)
        .find({ where: { reportId: anyOf(ids), validated: true }, order: { version: 'ASC' } });
      return groupedBy(ids, rows, (row) => row.reportId);
    }),
    /** Who signed each meeting's sheet, with names, in the order of signing (one statement). */
    signedAttendanceByMeetingId: new DataLoader<string, { memberId: string; name: string }[]>(
      async (meetingIds) => {
        const manager = await ctx.manager();
        const rows = (await manager.query(
          `SELECT a.meeting_id, a.member_id, coalesce(u.first_name || ' ' || u.last_name, '') AS name
             FROM attendance a
             LEFT JOIN ${memberByKey('m', 'a.member_id')}
             LEFT JOIN user_account u ON u.id = m.user_id
            WHERE a.meeting_id = ANY ($1) AND a.status = 'SIGNED'
            ORDER BY a.signed_at, a.id`,
          [meetingIds],
        )) as { meeting_id: string; member_id: string; name: string }[];
        return groupedBy(meetingIds, rows, (row) => row.meeting_id).map((list) =>
          list.map((row) => ({ memberId: row.member_id, name: row.name })),
        );
      },
    ),
    approvalsByReportId: new DataLoader<string, MeetingReportApproval[]>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(MeetingReportApproval)
        .find({ where: { reportId: anyOf(ids) }, order: { approvedAt: 'ASC' } });
      return groupedBy(ids, rows, (row) => row.reportId);
    }),
  };
}
