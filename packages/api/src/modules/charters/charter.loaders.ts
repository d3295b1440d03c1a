import DataLoader from 'dataloader';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { CharterVersion } from './charter.entity';
import { anyOf } from '../../common/db/any-of';

export function createCharterLoaders(ctx: RequestContext) {
  return {
    /** The version in force (the highest number); one key, one query per request. */
    currentCharter: new DataLoader<'current', CharterVersion | null>(async (keys) => {
      const manager = await ctx.manager();
      const [current] = await manager
        .getRepository(CharterVersion)
        .find({ order: { number: 'DESC' }, take: 1 });
      return keys.map(() => current ?? null);
    }),
    charterVersionById: new DataLoader<string, CharterVersion | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(CharterVersion).findBy({ id: anyOf(ids) }));
    }),
  };
}
