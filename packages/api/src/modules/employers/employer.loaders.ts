import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { Employer } from './employer.entity';

export function createEmployerLoaders(ctx: RequestContext) {
  return {
    employerById: new DataLoader<string, Employer | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(Employer).findBy({ id: In([...ids]) }));
    }),
  };
}
