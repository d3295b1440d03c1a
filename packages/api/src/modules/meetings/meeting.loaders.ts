import DataLoader from 'dataloader';
import { byIds, groupedBy } from '../../common/db/by-ids';
import { inSeparateSystemTransaction } from '../../common/db/system-transaction';
import type { RequestContext } from '../../common/request-context';
import {
  memberYears,
  programmesOf,
  inParisYear,
  type ProgrammeMeetingRow,
  type GroupProgramme,
  type MemberYear,
} from '../compliance/compliance.service';
import type { Thresholds } from '@epairs/shared';
import { PeerGroup } from '../groups/group.entities';
import { thresholdsByKey, thresholdsInForce } from '../society-settings/society-setting.loaders';
import { Attendance, Meeting, MeetingRole } from './meeting.entities';
import { anyOf } from '../../common/db/any-of';

export interface RoleCountRow {
  memberId: string;
  animated: number;
  reported: number;
  presented: number;
}

/** Keys of the year-scoped loaders: "<id>:<year>". */
const split = (key: string) => key.split(':') as [string, string];

export function createMeetingLoaders(ctx: RequestContext) {
  return {
    meetingById: new DataLoader<string, Meeting | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(Meeting).findBy({ id: anyOf(ids) }));
    }),
    rolesByMeetingId: new DataLoader<string, MeetingRole[]>(async (meetingIds) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(MeetingRole).find({
        where: { meetingId: anyOf(meetingIds) },
        order: { role: 'ASC', id: 'ASC' },
      });
      return groupedBy(meetingIds, rows, (row) => row.meetingId);
    }),
    attendanceByMeetingId: new DataLoader<string, Attendance[]>(async (meetingIds) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(Attendance).find({
        where: { meetingId: anyOf(meetingIds) },
        order: { signedAt: 'ASC', id: 'ASC' },
      });
      return groupedBy(meetingIds, rows, (row) => row.meetingId);
    }),
    /** A member's year (facts, thresholds, credit rules), keyed "<memberId>:<year>". */
    memberYear: new DataLoader<string, MemberYear | null>(async (keys) => {
      // Read where every row counts: callers check the permission first.
      const byYear = new Map<number, string[]>();
      for (const key of keys) {
        const [memberId, year] = split(key);
        byYear.set(Number(year), [...(byYear.get(Number(year)) ?? []), memberId]);
      }
      const found = new Map<string, MemberYear>();
      for (const [year, memberIds] of byYear) {
        for (const row of await inSeparateSystemTransaction(ctx.services.dataSource, (system) =>
          memberYears(system, memberIds, year),
        ))
          found.set(`${row.memberId}:${year}`, row);
      }
      return keys.map((key) => found.get(key) ?? null);
    }),
    /** Each current member's roles in a group's year (not cancelled meetings), keyed "<groupId>:<year>". */
    roleCounts: new DataLoader<string, RoleCountRow[]>(async (keys) => {
      const manager = await ctx.manager();
      const pairs = keys.map(split);
      const rows = (await manager.query(
        `SELECT k.key, gm.member_id AS "memberId",
                count(mr.id) FILTER (WHERE mr.role = 'ANIMATOR')::int AS animated,
                count(mr.id) FILTER (WHERE mr.role = 'SECRETARY')::int AS reported,
                count(mr.id) FILTER (WHERE mr.role = 'PRESENTER')::int AS presented
           FROM unnest($1::uuid[], $2::int[], $3::text[]) AS k(group_id, year, key)
           JOIN group_membership gm ON gm.group_id = k.group_id AND gm.left_on IS NULL
           LEFT JOIN meeting mt ON mt.group_id = k.group_id AND mt.status <> 'CANCELLED'
                AND extract(year FROM mt.starts_at AT TIME ZONE 'Europe/Paris') = k.year
           LEFT JOIN meeting_role mr ON mr.meeting_id = mt.id AND mr.member_id = gm.member_id
          GROUP BY k.key, gm.member_id
          ORDER BY gm.member_id`,
        [pairs.map(([group]) => group), pairs.map(([, year]) => Number(year)), [...keys]],
      )) as (RoleCountRow & { key: string })[];
      return keys.map((key) =>
        rows.filter((row) => row.key === key).map(({ key: _key, ...row }) => row),
      );
    }),
    /**
     * Programmes per "<groupId>:<year>". One statement per year reads the groups' meetings and
     * their societies' thresholds together (which prime `thresholdsBySocietyYear`): a page of
     * groups asks for both (docs/benchmarks.md).
     */
    programme: new DataLoader<string, GroupProgramme | null>(async (keys) => {
      const manager = await ctx.manager();
      const results = new Map<string, GroupProgramme>();
      const byYear = new Map<number, string[]>();
      for (const key of keys) {
        const [groupId, year] = split(key);
        byYear.set(Number(year), [...(byYear.get(Number(year)) ?? []), groupId]);
      }
      for (const [year, groupIds] of byYear) {
        const groups = (
          await Promise.all(groupIds.map((id) => ctx.loaders.groupById.load(id)))
        ).filter((group): group is PeerGroup => group !== null);
        if (groups.length === 0) continue;
        const thresholdKeys = [...new Set(groups.map((group) => `${group.societyId}:${year}`))];
        const [row] = (await manager.query(
          `SELECT (SELECT coalesce(json_agg(t), '[]') FROM (${thresholdsInForce(
            'unnest($3::uuid[], $4::int[], $5::text[]) AS k(society_id, year, key)',
          )}) t) AS thresholds,
                  (SELECT coalesce(json_agg(json_build_object('groupId', group_id, 'status', status,
                                                              'minutes', duration_minutes)), '[]')
                     FROM meeting
                    WHERE group_id = ANY($1) AND status <> 'CANCELLED' AND ${inParisYear('starts_at', '$2')}) AS meetings`,
          [
            groups.map((group) => group.id),
            year,
            thresholdKeys.map((key) => split(key)[0]),
            thresholdKeys.map(() => year),
            thresholdKeys,
          ],
        )) as { thresholds: (Thresholds & { key: string })[]; meetings: ProgrammeMeetingRow[] }[];
        const thresholds = thresholdsByKey(thresholdKeys, row!.thresholds);
        thresholdKeys.forEach((key, index) =>
          ctx.loaders.thresholdsBySocietyYear.prime(key, thresholds[index]!),
        );
        const inForce = new Map(thresholdKeys.map((key, index) => [key, thresholds[index]!]));
        const withThresholds = groups.map((group) => ({
          id: group.id,
          thresholds: inForce.get(`${group.societyId}:${year}`)!,
        }));
        for (const programme of programmesOf(withThresholds, year, row!.meetings)) {
          results.set(`${programme.groupId}:${year}`, programme);
        }
      }
      return keys.map((key) => results.get(key) ?? null);
    }),
  };
}
