import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { User } from './user.entity';

export function createUserLoaders(ctx: RequestContext) {
  return {
    userById: new DataLoader<string, User | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(User).findBy({ id: In([...ids]) }));
    }),
  };
}
