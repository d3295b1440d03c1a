import DataLoader from 'dataloader';
import { byIds, groupedBy } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { BinomeFeedback, BinomeFeedbackResponse, BinomeFeedbackText } from './feedback.entities';
import { anyOf } from '../../common/db/any-of';

export function createFeedbackLoaders(ctx: RequestContext) {
  const byKey = <K extends 'reportId' | 'caseId' | 'groupId'>(key: K) =>
    new DataLoader<string, BinomeFeedback[]>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(BinomeFeedback)
        .find({ where: { [key]: anyOf(ids) }, order: { createdAt: 'ASC', id: 'ASC' } });
      return groupedBy(ids, rows, (row) => row[key] as string);
    });
  return {
    feedbackById: new DataLoader<string, BinomeFeedback | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(BinomeFeedback).findBy({ id: anyOf(ids) }));
    }),
    feedbackByReportId: byKey('reportId'),
    feedbackByCaseId: byKey('caseId'),
    feedbackByGroupId: byKey('groupId'),
    /** Null where the policies hide the text (administrators; the group before it is sent). */
    feedbackTextById: new DataLoader<string, BinomeFeedbackText | null>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(BinomeFeedbackText)
        .findBy({ feedbackId: anyOf(ids) });
      const found = new Map(rows.map((row) => [row.feedbackId, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    feedbackResponseById: new DataLoader<string, BinomeFeedbackResponse | null>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager
        .getRepository(BinomeFeedbackResponse)
        .findBy({ feedbackId: anyOf(ids) });
      const found = new Map(rows.map((row) => [row.feedbackId, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
