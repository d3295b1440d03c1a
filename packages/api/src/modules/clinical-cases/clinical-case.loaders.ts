import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIds, groupedBy } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { Theme } from '../themes/theme.entity';
import {
  ClinicalCase,
  ClinicalCasePresentation,
  ClinicalCaseText,
  ClinicalCaseTheme,
} from './clinical-case.entities';
import { anyOf } from '../../common/db/any-of';

export function createClinicalCaseLoaders(ctx: RequestContext) {
  return {
    clinicalCaseById: new DataLoader<string, ClinicalCase | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(ClinicalCase).findBy({ id: anyOf(ids) }));
    }),
    /** Null where the database's policies hide the text: the caller sees « confidential ». */
    clinicalCaseTextById: new DataLoader<string, ClinicalCaseText | null>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(ClinicalCaseText).findBy({ caseId: anyOf(ids) });
      const found = new Map(rows.map((row) => [row.caseId, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    themesByCaseId: new DataLoader<string, Theme[]>(async (ids) => {
      const manager = await ctx.manager();
      const links = await manager.getRepository(ClinicalCaseTheme).findBy({ caseId: anyOf(ids) });
      const themeIds = [...new Set(links.map((link) => link.themeId))];
      const themes = themeIds.length
        ? await manager
            .getRepository(Theme)
            .find({ where: { id: In(themeIds) }, order: { sortOrder: 'ASC' } })
        : [];
      return ids.map((id) => {
        const mine = new Set(
          links.filter((link) => link.caseId === id).map((link) => link.themeId),
        );
        return themes.filter((theme) => mine.has(theme.id));
      });
    }),
    presentationsByCaseId: new DataLoader<string, ClinicalCasePresentation[]>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(ClinicalCasePresentation)
        .find({ where: { caseId: anyOf(ids) }, order: { presentedAt: 'ASC' } });
      return groupedBy(ids, rows, (row) => row.caseId);
    }),
    /** Cases presented at each meeting (metadata; the text follows its own policy). */
    casesByMeetingId: new DataLoader<string, ClinicalCase[]>(async (meetingIds) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(ClinicalCasePresentation)
        .find({ where: { meetingId: anyOf(meetingIds) }, order: { presentedAt: 'ASC' } });
      const cases = rows.length
        ? await manager
            .getRepository(ClinicalCase)
            .findBy({ id: anyOf([...new Set(rows.map((row) => row.caseId))]) })
        : [];
      return meetingIds.map((meetingId) =>
        rows
          .filter((row) => row.meetingId === meetingId)
          .flatMap((row) => cases.filter((found) => found.id === row.caseId)),
      );
    }),
  };
}
