import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIds } from '../../common/db/by-ids';
import type { RequestContext } from '../../common/request-context';
import { Reference, ReferenceLink } from './reference.entities';
import { anyOf } from '../../common/db/any-of';

export function createReferenceLoaders(ctx: RequestContext) {
  return {
    referenceById: new DataLoader<string, Reference | null>(async (ids) => {
      const manager = await ctx.manager();
      return byIds(ids, await manager.getRepository(Reference).findBy({ id: anyOf(ids) }));
    }),
    /** The references of cases, reports or answers (keyed by the target's id), in citation order. */
    referencesByTarget: new DataLoader<string, Reference[]>(async (targetIds) => {
      const manager = await ctx.manager();
      const links = await manager
        .getRepository(ReferenceLink)
        .createQueryBuilder('l')
        .where('l.case_id = ANY (:ids) OR l.report_id = ANY (:ids) OR l.question_id = ANY (:ids)', {
          ids: [...targetIds],
        })
        .getMany();
      const ids = [...new Set(links.map((link) => link.referenceId))];
      const references = ids.length
        ? await manager
            .getRepository(Reference)
            .find({ where: { id: In(ids) }, order: { citation: 'ASC', id: 'ASC' } })
        : [];
      const targetOf = (link: ReferenceLink) => link.caseId ?? link.reportId ?? link.questionId!;
      return targetIds.map((target) => {
        const linked = new Set(
          links.filter((link) => targetOf(link) === target).map((link) => link.referenceId),
        );
        return references.filter((reference) => linked.has(reference.id));
      });
    }),
  };
}
