import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { Society } from './society.entity';

export function createSocietyLoaders(ctx: RequestContext) {
  return {
    societyById: new DataLoader<string, Society | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(Society).findBy({ id: In([...ids]) }));
    }),
  };
}
