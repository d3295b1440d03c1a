import DataLoader from 'dataloader';
import { IsNull } from 'typeorm';
import { anyOf } from '../../common/db/any-of';
import { byIds, groupedBy } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { entityColumns, hydrate } from '../../common/db/hydrate';
import { Member } from '../members/member.entity';
import { Theme } from '../themes/theme.entity';
import { User } from '../users/user.entity';
import { BinomeAssignment, GroupMembership, PeerGroup } from './group.entities';

export function createGroupLoaders(ctx: RequestContext) {
  return {
    groupById: new DataLoader<string, PeerGroup | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(PeerGroup).findBy({ id: anyOf(ids) }));
    }),
    themesByGroupId: new DataLoader<string, Theme[]>(async (groupIds) => {
      const manager = await ctx.manager();
      const rows = (await manager
        .getRepository(Theme)
        .createQueryBuilder('theme')
        .innerJoin('group_theme', 'link', 'link.theme_id = theme.id')
        .addSelect('link.group_id', 'link_group_id')
        .where('link.group_id = ANY(:groupIds)', { groupIds })
        .orderBy('theme.sort_order')
        .getRawAndEntities()) as {
        raw: { link_group_id: string; theme_id: string }[];
        entities: Theme[];
      };
      const themes = new Map(rows.entities.map((theme) => [theme.id, theme]));
      const pairs = rows.raw.map((raw) => ({
        groupId: raw.link_group_id,
        theme: themes.get(raw.theme_id)!,
      }));
      return groupedBy(groupIds, pairs, (pair) => pair.groupId).map((list) =>
        list.map((pair) => pair.theme),
      );
    }),
    /**
     * Current memberships of each group (those the person may see), read with their members and
     * the members' accounts, which prime `memberById` and `userById`: a page of groups shows its
     * members' names (one statement instead of two, docs/benchmarks.md). Each member and account
     * is looked up by its key in a LATERAL sub-query (`OFFSET 0` keeps it one): joined plainly,
     * the member policies' sub-plans make PostgreSQL scan every member instead.
     */
    membershipsByGroupId: new DataLoader<string, GroupMembership[]>(async (groupIds) => {
      const manager = await ctx.manager();
      const rows = (await manager.query(
        `SELECT ${entityColumns(manager, GroupMembership, 'membership', 'gm_')}, member.*, account.*
           FROM group_membership membership
           LEFT JOIN LATERAL (SELECT ${entityColumns(manager, Member, 'm', 'm_')} FROM member m
                               WHERE m.id = membership.member_id OFFSET 0) member ON true
           LEFT JOIN LATERAL (SELECT ${entityColumns(manager, User, 'u', 'u_')} FROM user_account u
                               WHERE u.id = member.m_user_id OFFSET 0) account ON true
          WHERE membership.group_id = ANY($1) AND membership.left_on IS NULL
          ORDER BY membership.role DESC, membership.joined_on, membership.id`,
        [groupIds],
      )) as Record<string, unknown>[];
      const memberships = rows.map((row) => {
        const member = hydrate(manager, Member, row, 'm_');
        const account = hydrate(manager, User, row, 'u_');
        if (member) ctx.loaders.memberById.prime(member.id, member);
        if (account) ctx.loaders.userById.prime(account.id, account);
        return hydrate(manager, GroupMembership, row, 'gm_')!;
      });
      return groupedBy(groupIds, memberships, (membership) => membership.groupId);
    }),
    membershipsByMemberId: new DataLoader<string, GroupMembership[]>(async (memberIds) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(GroupMembership).find({
        where: { memberId: anyOf(memberIds), leftOn: IsNull() },
        order: { joinedOn: 'ASC', id: 'ASC' },
      });
      return groupedBy(memberIds, rows, (membership) => membership.memberId);
    }),
    /** Current correspondents of each group (those the person may see). */
    binomesByGroupId: new DataLoader<string, BinomeAssignment[]>(async (groupIds) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(BinomeAssignment).find({
        where: { groupId: anyOf(groupIds), endedAt: IsNull() },
        order: { assignedAt: 'ASC', id: 'ASC' },
      });
      return groupedBy(groupIds, rows, (assignment) => assignment.groupId);
    }),
  };
}
