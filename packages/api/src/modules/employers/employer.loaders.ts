import DataLoader from 'dataloader';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { Employer } from './employer.entity';
import { anyOf } from '../../common/db/any-of';

export function createEmployerLoaders(ctx: RequestContext) {
  return {
    employerById: new DataLoader<string, Employer | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(Employer).findBy({ id: anyOf(ids) }));
    }),
  };
}
