import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { Member } from './member.entity';

export interface LatestAcceptance {
  memberId: string;
  number: number;
  acceptedAt: Date;
}

export function createMemberLoaders(ctx: RequestContext) {
  return {
    memberById: new DataLoader<string, Member | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(Member).findBy({ id: In([...ids]) }));
    }),
    memberByUserId: new DataLoader<string, Member | null>(async (userIds) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(Member).findBy({ userId: In([...userIds]) });
      const byUser = new Map(rows.map((member) => [member.userId, member]));
      return userIds.map((id) => byUser.get(id) ?? null);
    }),
    /** Each member's most recent charter acceptance (the highest version accepted). */
    latestAcceptanceByMemberId: new DataLoader<string, LatestAcceptance | null>(
      async (memberIds) => {
        const manager = await ctx.manager();
        const rows = (await manager.query(
          `SELECT DISTINCT ON (a.member_id) a.member_id AS "memberId", v.number, a.accepted_at AS "acceptedAt"
           FROM charter_acceptance a JOIN charter_version v ON v.id = a.charter_version_id
          WHERE a.member_id = ANY($1)
          ORDER BY a.member_id, v.number DESC`,
          [memberIds],
        )) as LatestAcceptance[];
        const byMember = new Map(rows.map((row) => [row.memberId, row]));
        return memberIds.map((id) => byMember.get(id) ?? null);
      },
    ),
  };
}
