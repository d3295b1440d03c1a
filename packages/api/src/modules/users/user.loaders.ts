import DataLoader from 'dataloader';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { User } from './user.entity';
import { anyOf } from '../../common/db/any-of';

export function createUserLoaders(ctx: RequestContext) {
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(User).findBy({ id: anyOf(ids) }));
    }),
  };
}
