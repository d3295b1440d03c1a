import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { ClinicalCase, ClinicalCaseText } from './clinical-case.entities';

export function createClinicalCaseLoaders(ctx: RequestContext) {
  return {
    clinicalCaseById: new DataLoader<string, ClinicalCase | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(ClinicalCase).findBy({ id: In([...ids]) }));
    }),
    /** Null where the database's policies hide the text: the caller sees « confidential ». */
    clinicalCaseTextById: new DataLoader<string, ClinicalCaseText | null>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(ClinicalCaseText).findBy({ caseId: In([...ids]) });
      const found = new Map(rows.map((row) => [row.caseId, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
