import DataLoader from 'dataloader';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { Society } from './society.entity';
import { anyOf } from '../../common/db/any-of';

export function createSocietyLoaders(ctx: RequestContext) {
  return {
    societyById: new DataLoader<string, Society | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(Society).findBy({ id: anyOf(ids) }));
    }),
  };
}
