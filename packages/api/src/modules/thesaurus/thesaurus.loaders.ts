import DataLoader from 'dataloader';
import { byIds, groupedBy } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { Theme } from '../themes/theme.entity';
import { ThesaurusEntry } from './thesaurus-entry.entity';
import { anyOf } from '../../common/db/any-of';

export function createThesaurusLoaders(ctx: RequestContext) {
  return {
    /** Null where the database's policies hide the entry (another group's proposal). */
    thesaurusEntryById: new DataLoader<string, ThesaurusEntry | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(ThesaurusEntry).findBy({ id: anyOf(ids) }));
    }),
    themesByThesaurusEntryId: new DataLoader<string, Theme[]>(async (entryIds) => {
      const manager = await ctx.manager();
      const rows = (await manager
        .getRepository(Theme)
        .createQueryBuilder('theme')
        .innerJoin('thesaurus_entry_theme', 'link', 'link.theme_id = theme.id')
        .addSelect('link.entry_id', 'link_entry_id')
        .where('link.entry_id = ANY(:entryIds)', { entryIds })
        .orderBy('theme.sort_order')
        .getRawAndEntities()) as {
        raw: { link_entry_id: string; theme_id: string }[];
        entities: Theme[];
      };
      const themes = new Map(rows.entities.map((theme) => [theme.id, theme]));
      const pairs = rows.raw.map((raw) => ({
        entryId: raw.link_entry_id,
        theme: themes.get(raw.theme_id)!,
      }));
      return groupedBy(entryIds, pairs, (pair) => pair.entryId).map((list) =>
        list.map((pair) => pair.theme),
      );
    }),
  };
}
