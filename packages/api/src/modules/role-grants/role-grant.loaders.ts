import DataLoader from 'dataloader';
import { groupedBy } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { RoleGrant } from './role-grant.entity';
import { anyOf } from '../../common/db/any-of';

export function createRoleGrantLoaders(ctx: RequestContext) {
  return {
    roleGrantsByUserId: new DataLoader<string, RoleGrant[]>(async (userIds) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(RoleGrant)
        .find({ where: { userId: anyOf(userIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
      return groupedBy(userIds, rows, (grant) => grant.userId);
    }),
  };
}
