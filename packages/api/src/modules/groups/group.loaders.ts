import DataLoader from 'dataloader';
import { IsNull } from 'typeorm';
import { anyOf } from '../../common/db/any-of';
import { byIds, groupedBy } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { Theme } from '../themes/theme.entity';
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
    /** Current memberships of each group (those the person may see). */
    membershipsByGroupId: new DataLoader<string, GroupMembership[]>(async (groupIds) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(GroupMembership).find({
        where: { groupId: anyOf(groupIds), leftOn: IsNull() },
        order: { role: 'DESC', joinedOn: 'ASC', id: 'ASC' },
      });
      return groupedBy(groupIds, rows, (membership) => membership.groupId);
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
