import { CASE_SECTIONS, subject, type CaseSection } from '@epairs/shared';
import { In } from 'typeorm';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { assertPseudonymised, InputCheck, isUuid } from '../../common/validation';
import { meetingService } from '../meetings/meeting.service';
import { Theme } from '../themes/theme.entity';
import { referenceService } from '../references/reference.service';
import {
  ClinicalCase,
  ClinicalCasePresentation,
  ClinicalCaseText,
  ClinicalCaseTheme,
} from './clinical-case.entities';
import type { ClinicalCaseInput } from './clinical-case.types';

const record = (found: ClinicalCase) => ({
  id: found.id,
  societyId: found.societyId,
  groupId: found.groupId,
  authorMemberId: found.authorMemberId,
  status: found.status,
});

const SECTIONS = Object.keys(CASE_SECTIONS) as CaseSection[];
const LABEL = 'Le cas';

/** Lengths first, then the pseudonymisation guard over every section: nothing blocked is stored. */
function checkedText(
  input: ClinicalCaseInput,
): Omit<ClinicalCaseText, 'caseId' | 'societyId' | 'groupId'> {
  const check = new InputCheck();
  const sections = Object.fromEntries(
    SECTIONS.map((section) => {
      const { label, min, max } = CASE_SECTIONS[section];
      return [section, check.text(section, input[section] ?? '', label, min, max)];
    }),
  ) as Record<CaseSection, string>;
  check.done();
  assertPseudonymised(sections);
  return { ...sections, linkStrength: input.linkStrength ?? null };
}

/** One to three active themes; checked before anything is written. */
async function checkedThemes(ctx: RequestContext, themeIds: string[] | undefined) {
  if (themeIds === undefined) return undefined;
  const ids = [...new Set(themeIds)];
  if (ids.length > 3 || ids.some((id) => !isUuid(id))) {
    throw badInput('themeIds', 'Un cas porte sur un à trois thèmes.');
  }
  const found = ids.length
    ? await (await ctx.manager()).getRepository(Theme).findBy({ id: In(ids), active: true })
    : [];
  if (found.length !== ids.length) throw badInput('themeIds', 'Thème inconnu ou inactif.');
  return ids;
}

/** The case's themes and bibliography become exactly those given (the author, while a draft). */
async function replaceLinks(
  ctx: RequestContext,
  found: Pick<ClinicalCase, 'id' | 'societyId' | 'groupId'>,
  themeIds: string[] | undefined,
  referenceIds: string[] | undefined,
): Promise<void> {
  if (themeIds !== undefined) {
    const themes = (await ctx.manager()).getRepository(ClinicalCaseTheme);
    await themes.delete({ caseId: found.id });
    if (themeIds.length) {
      await themes.insert(
        themeIds.map((themeId) => ({
          caseId: found.id,
          themeId,
          societyId: found.societyId,
          groupId: found.groupId,
        })),
      );
    }
    ctx.loaders.themesByCaseId.clear(found.id);
  }
  if (referenceIds !== undefined) {
    await referenceService.replaceLinks(ctx, { caseId: found.id }, found.groupId, referenceIds);
  }
}

/** The case if it exists and the caller may see it, else null (no existence leak). */
async function visibleCase(ctx: RequestContext, id: string): Promise<ClinicalCase | null> {
  const found = isUuid(id) ? await ctx.loaders.clinicalCaseById.load(id) : null;
  if (!found) return null;
  const { ability } = await ctx.requireAuth();
  return ability.can('read', subject('ClinicalCase', record(found))) ? found : null;
}

async function findCase(ctx: RequestContext, id: string): Promise<ClinicalCase> {
  const found = await visibleCase(ctx, id);
  if (!found) throw notFound('Cas');
  return found;
}

/** A move along DRAFT → PRESENTED → SUBMITTED_TO_BINOME, versioned and audited. */
async function move(
  ctx: RequestContext,
  current: ClinicalCase,
  version: number,
  action: string,
  changes: Partial<ClinicalCase>,
): Promise<ClinicalCase> {
  const updated = await updateVersioned<ClinicalCase>(
    ctx,
    ClinicalCase,
    LABEL,
    current,
    version,
    changes,
  );
  await ctx.audit({
    action,
    entityType: 'ClinicalCase',
    entityId: current.id,
    societyId: current.societyId,
    changedFields: Object.keys(changes),
  });
  return updated;
}

export const clinicalCaseService = {
  findOne: visibleCase,

  /** A group's cases the caller may see, newest first (metadata; the text follows its policy). */
  async listForGroup(ctx: RequestContext, groupId: string): Promise<ClinicalCase[]> {
    if (!isUuid(groupId)) return [];
    const rows = await (await ctx.manager()).getRepository(ClinicalCase).find({
      where: { groupId },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    const { ability } = await ctx.requireAuth();
    return rows.filter((row) => ability.can('read', subject('ClinicalCase', record(row))));
  },

  /** A member writes a case for one of its groups; it starts as the author's draft. */
  async create(
    ctx: RequestContext,
    groupId: string,
    input: ClinicalCaseInput,
  ): Promise<ClinicalCase> {
    const { user } = await ctx.requireAuth();
    const group = isUuid(groupId) ? await ctx.loaders.groupById.load(groupId) : null;
    if (!group) throw notFound('Groupe');
    await ctx.assertCan('create', 'ClinicalCase', {
      id: '',
      societyId: group.societyId,
      groupId: group.id,
      authorMemberId: user.memberId ?? '',
      status: 'DRAFT',
    });
    if (group.status !== 'ACTIVE') {
      throw conflict('Le groupe n’est pas encore actif : ses cas viendront ensuite.', {
        field: 'groupId',
      });
    }
    const text = checkedText(input);
    const themeIds = await checkedThemes(ctx, input.themeIds);
    const manager = await ctx.manager();
    const { identifiers } = await manager.getRepository(ClinicalCase).insert({
      societyId: group.societyId,
      groupId: group.id,
      authorMemberId: user.memberId!,
      origin: input.origin,
      situationKind: input.situationKind,
      drawMode: input.drawMode ?? null,
      status: 'DRAFT',
    });
    const id = identifiers[0]!.id as string;
    await manager
      .getRepository(ClinicalCaseText)
      .insert({ caseId: id, societyId: group.societyId, groupId: group.id, ...text });
    await replaceLinks(
      ctx,
      { id, societyId: group.societyId, groupId: group.id },
      themeIds,
      input.referenceIds,
    );
    await ctx.audit({
      action: 'clinical-case.create',
      entityType: 'ClinicalCase',
      entityId: id,
      societyId: group.societyId,
      changedFields: [
        ...SECTIONS,
        'linkStrength',
        'origin',
        'situationKind',
        'drawMode',
        'themeIds',
        'referenceIds',
      ],
    });
    return manager.getRepository(ClinicalCase).findOneByOrFail({ id });
  },

  /**
   * The author rewrites the draft as a whole. The version read is required: a second writer gets
   * CONFLICT and keeps its text on its screen, nothing is overwritten.
   */
  async update(
    ctx: RequestContext,
    id: string,
    version: number,
    input: ClinicalCaseInput,
  ): Promise<ClinicalCase> {
    const current = await findCase(ctx, id);
    const { user } = await ctx.requireAuth();
    if (current.status !== 'DRAFT' && current.authorMemberId === user.memberId) {
      throw conflict('Ce cas a été présenté : son texte est désormais figé.');
    }
    await ctx.assertCan('update', 'ClinicalCase', record(current));
    const text = checkedText(input);
    const themeIds = await checkedThemes(ctx, input.themeIds);
    // The metadata row carries the version: it moves even when only the text changes.
    const updated = await updateVersioned<ClinicalCase>(
      ctx,
      ClinicalCase,
      LABEL,
      current,
      version,
      {
        origin: input.origin,
        situationKind: input.situationKind,
        drawMode: input.drawMode ?? null,
      },
    );
    const { affected } = await (
      await ctx.manager()
    )
      .getRepository(ClinicalCaseText)
      .update({ caseId: id }, text);
    // The policies let the author alone rewrite a draft's text: anything else is a refusal.
    if (affected !== 1) throw forbidden();
    ctx.loaders.clinicalCaseTextById.clear(id);
    await replaceLinks(ctx, current, themeIds, input.referenceIds);
    await ctx.audit({
      action: 'clinical-case.update',
      entityType: 'ClinicalCase',
      entityId: id,
      societyId: current.societyId,
      changedFields: [
        ...SECTIONS,
        'linkStrength',
        'origin',
        'situationKind',
        'drawMode',
        ...(input.themeIds ? ['themeIds'] : []),
        ...(input.referenceIds ? ['referenceIds'] : []),
      ],
    });
    return updated;
  },

  /**
   * Presented at one of the group's meetings: the draft is no longer edited. A case already
   * presented may be resumed at a later meeting: that meeting is added to its presentations.
   */
  async present(
    ctx: RequestContext,
    id: string,
    version: number,
    meetingId: string,
  ): Promise<ClinicalCase> {
    const current = await findCase(ctx, id);
    await ctx.assertCan('submit', 'ClinicalCase', record(current));
    const meeting = isUuid(meetingId) ? await meetingService.findOne(ctx, meetingId) : null;
    if (!meeting) throw notFound('Réunion');
    if (meeting.groupId !== current.groupId) {
      throw badInput('meetingId', 'Cette réunion est celle d’un autre groupe.');
    }
    if (meeting.status === 'CANCELLED') {
      throw conflict('Cette réunion est annulée.', { field: 'meetingId' });
    }
    if (meeting.startsAt.getTime() > Date.now()) {
      throw conflict('Un cas se déclare présenté une fois la réunion commencée.', {
        field: 'meetingId',
      });
    }
    const presentations = await ctx.loaders.presentationsByCaseId.load(id);
    if (presentations.some((presentation) => presentation.meetingId === meeting.id)) {
      throw conflict('Ce cas est déjà noté comme présenté à cette réunion.', {
        field: 'meetingId',
      });
    }
    const changes: Partial<ClinicalCase> =
      current.status === 'DRAFT'
        ? { status: 'PRESENTED', presentedAtMeetingId: meeting.id }
        : // Resumed: an unchanged column still moves the version (the row's trigger), so the
          // same resumption is not recorded twice unseen.
          { origin: current.origin };
    const updated = await updateVersioned<ClinicalCase>(
      ctx,
      ClinicalCase,
      LABEL,
      current,
      version,
      changes,
    );
    await (await ctx.manager()).getRepository(ClinicalCasePresentation).insert({
      caseId: id,
      meetingId: meeting.id,
      societyId: current.societyId,
      groupId: current.groupId,
    });
    ctx.loaders.presentationsByCaseId.clear(id);
    await ctx.audit({
      action: 'clinical-case.present',
      entityType: 'ClinicalCase',
      entityId: id,
      societyId: current.societyId,
      changedFields:
        current.status === 'DRAFT' ? ['status', 'presentedAtMeetingId'] : ['presentations'],
    });
    return updated;
  },

  /** Sent to the group's binôme, who from then on reads it. */
  async submit(ctx: RequestContext, id: string, version: number): Promise<ClinicalCase> {
    const current = await findCase(ctx, id);
    await ctx.assertCan('submit', 'ClinicalCase', record(current));
    if (current.status === 'DRAFT') {
      throw conflict('Un cas est transmis au binôme après avoir été présenté au groupe.');
    }
    if (current.status === 'SUBMITTED_TO_BINOME') throw conflict('Ce cas est déjà transmis.');
    return move(ctx, current, version, 'clinical-case.submit', {
      status: 'SUBMITTED_TO_BINOME',
      submittedAt: new Date(),
    });
  },
};
