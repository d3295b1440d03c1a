import DataLoader from 'dataloader';
import { byIds, groupedBy } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { ImprovementAction, IndicatorValue } from './improvement-action.entities';
import { anyOf } from '../../common/db/any-of';

export function createImprovementActionLoaders(ctx: RequestContext) {
  return {
    improvementActionById: new DataLoader<string, ImprovementAction | null>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(ImprovementAction).findBy({ id: anyOf(ids) });
      return byIds(ids, rows);
    }),
    improvementActionsByReportId: new DataLoader<string, ImprovementAction[]>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(ImprovementAction)
        .find({ where: { reportId: anyOf(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
      return groupedBy(ids, rows, (row) => row.reportId);
    }),
    indicatorValuesByActionId: new DataLoader<string, IndicatorValue[]>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(IndicatorValue)
        .find({ where: { actionId: anyOf(ids) }, order: { measuredOn: 'ASC' } });
      return groupedBy(ids, rows, (row) => row.actionId);
    }),
  };
}
