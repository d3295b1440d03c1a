import { normalizeDoi, subject } from '@epairs/shared';
import { In } from 'typeorm';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { Reference, ReferenceLink } from './reference.entities';
import type { ReferenceInput } from './reference.types';

const record = (found: Reference) => ({
  id: found.id,
  societyId: found.societyId,
  groupId: found.groupId,
});

/** Citation, year, link and DOI, checked and normalised (no pseudonymisation: authors are cited). */
function checkedReference(input: ReferenceInput) {
  const check = new InputCheck();
  const citation = check.text('citation', input.citation, 'La citation', 3, 1000);
  const thisYear = new Date().getFullYear();
  if (input.year != null && (input.year < 1800 || input.year > thisYear + 1)) {
    check.add('year', `L’année doit être comprise entre 1800 et ${thisYear + 1}.`);
  }
  const url = input.url?.trim() || null;
  if (url && (!/^https?:\/\/\S+$/.test(url) || url.length > 2000)) {
    check.add('url', 'Le lien doit être une adresse web (https://…).');
  }
  const doi = input.doi?.trim() ? normalizeDoi(input.doi) : null;
  if (input.doi?.trim() && !doi) check.add('doi', 'Le DOI doit avoir la forme 10.xxxx/…');
  check.done();
  return { kind: input.kind, citation, year: input.year ?? null, url, doi };
}

export type ReferenceTarget =
  | { caseId: string; reportId?: never; questionId?: never }
  | { reportId: string; caseId?: never; questionId?: never }
  | { questionId: string; caseId?: never; reportId?: never };

export const referenceService = {
  async findOne(ctx: RequestContext, id: string): Promise<Reference | null> {
    const found = isUuid(id) ? await ctx.loaders.referenceById.load(id) : null;
    if (!found) return null;
    const { ability } = await ctx.requireAuth();
    return ability.can('read', subject('Reference', record(found))) ? found : null;
  },

  /** The group's library, most recent first. */
  async listForGroup(ctx: RequestContext, groupId: string): Promise<Reference[]> {
    if (!isUuid(groupId)) return [];
    const rows = await (
      await ctx.manager()
    )
      .getRepository(Reference)
      .find({ where: { groupId }, order: { createdAt: 'DESC', id: 'ASC' } });
    const { ability } = await ctx.requireAuth();
    return rows.filter((row) => ability.can('read', subject('Reference', record(row))));
  },

  /** Added to the group's library; a DOI already there is reused, not typed twice. */
  async create(ctx: RequestContext, groupId: string, input: ReferenceInput): Promise<Reference> {
    const { user } = await ctx.requireAuth();
    const group = isUuid(groupId) ? await ctx.loaders.groupById.load(groupId) : null;
    if (!group) throw notFound('Groupe');
    await ctx.assertCan('create', 'Reference', { id: '', societyId: group.societyId, groupId });
    const values = checkedReference(input);
    const manager = await ctx.manager();
    if (values.doi) {
      const existing = await manager
        .getRepository(Reference)
        .createQueryBuilder('r')
        .where('r.group_id = :groupId AND lower(r.doi) = lower(:doi)', { groupId, doi: values.doi })
        .getOne();
      if (existing) {
        throw conflict('Cette référence est déjà dans la bibliothèque du groupe.', {
          field: 'doi',
          referenceId: existing.id,
        });
      }
    }
    const { identifiers } = await manager.getRepository(Reference).insert({
      ...values,
      societyId: group.societyId,
      groupId,
      addedByMemberId: user.memberId!,
    });
    const id = identifiers[0]!.id as string;
    await ctx.audit({
      action: 'reference.create',
      entityType: 'Reference',
      entityId: id,
      societyId: group.societyId,
      changedFields: Object.keys(values),
    });
    return manager.getRepository(Reference).findOneByOrFail({ id });
  },

  async update(
    ctx: RequestContext,
    id: string,
    version: number,
    input: ReferenceInput,
  ): Promise<Reference> {
    const current = await referenceService.findOne(ctx, id);
    if (!current) throw notFound('Référence');
    await ctx.assertCan('update', 'Reference', record(current));
    const values = checkedReference(input);
    const updated = await updateVersioned<Reference>(
      ctx,
      Reference,
      'La référence',
      current,
      version,
      values,
    );
    await ctx.audit({
      action: 'reference.update',
      entityType: 'Reference',
      entityId: id,
      societyId: current.societyId,
      changedFields: Object.keys(values),
    });
    return updated;
  },

  /**
   * Makes the target's references exactly `ids` (references of the same group). The policies
   * let only whoever may write the target now change its links.
   */
  async replaceLinks(
    ctx: RequestContext,
    target: ReferenceTarget,
    groupId: string,
    ids: readonly string[],
  ): Promise<void> {
    const wanted = [...new Set(ids)];
    if (wanted.some((id) => !isUuid(id))) throw badInput('referenceIds', 'Référence inconnue.');
    const manager = await ctx.manager();
    const references = wanted.length
      ? await manager.getRepository(Reference).findBy({ id: In(wanted), groupId })
      : [];
    if (references.length !== wanted.length) {
      throw badInput('referenceIds', 'Une référence n’est pas dans la bibliothèque du groupe.');
    }
    const where = target.caseId
      ? { caseId: target.caseId }
      : target.reportId
        ? { reportId: target.reportId }
        : { questionId: target.questionId! };
    const links = manager.getRepository(ReferenceLink);
    const existing = await links.findBy(where);
    const stale = existing.filter((link) => !wanted.includes(link.referenceId));
    if (stale.length) {
      const { affected } = await links.delete({ id: In(stale.map((link) => link.id)) });
      if (affected !== stale.length) throw forbidden();
    }
    const known = new Set(existing.map((link) => link.referenceId));
    const added = references.filter((reference) => !known.has(reference.id));
    if (added.length) {
      await links.insert(
        added.map((reference) => ({
          referenceId: reference.id,
          societyId: reference.societyId,
          groupId: reference.groupId,
          caseId: target.caseId ?? null,
          reportId: target.reportId ?? null,
          questionId: target.questionId ?? null,
        })),
      );
    }
    const key = target.caseId ?? target.reportId ?? target.questionId!;
    ctx.loaders.referencesByTarget.clear(key);
  },
};
