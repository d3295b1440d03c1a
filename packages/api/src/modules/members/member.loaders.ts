import DataLoader from 'dataloader';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { User } from '../users/user.entity';
import { Member } from './member.entity';
import { anyOf } from '../../common/db/any-of';

export interface LatestAcceptance {
  memberId: string;
  number: number;
  acceptedAt: Date;
}

export function createMemberLoaders(ctx: RequestContext) {
  return {
    /**
     * Members with their accounts in one statement: names and e-mail live on the account, and
     * almost every reader of a member asks for them (docs/benchmarks.md: one statement less per
     * level that lists members). The accounts visible under their own policies prime `userById`.
     */
    memberById: new DataLoader<string, Member | null>(async (ids) => {
      const manager = await ctx.manager();
      const rows = (await manager
        .getRepository(Member)
        .createQueryBuilder('member')
        .leftJoinAndMapOne('member.account', User, 'account', 'account.id = member.user_id')
        .where('member.id = ANY(:ids)', { ids: [...ids] })
        .getMany()) as (Member & { account?: User | null })[];
      for (const row of rows) {
        if (row.account) ctx.loaders.userById.prime(row.account.id, row.account);
        delete row.account;
      }
      return byIds(ids, rows);
    }),
    memberByUserId: new DataLoader<string, Member | null>(async (userIds) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(Member).findBy({ userId: anyOf(userIds) });
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
