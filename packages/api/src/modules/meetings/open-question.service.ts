import { subject } from '@epairs/shared';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInput, conflict, forbidden, notFound } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { assertPseudonymised, isUuid } from '../../common/validation';
import type { Meeting } from './meeting.entities';
import { referenceService } from '../references/reference.service';
import { meetingService } from './meeting.service';
import { OpenQuestion, OpenQuestionText } from './open-question.entities';

const record = (question: OpenQuestion) => ({
  id: question.id,
  societyId: question.societyId,
  groupId: question.groupId,
});

async function meetingOfGroup(ctx: RequestContext, meetingId: string): Promise<Meeting> {
  const meeting = isUuid(meetingId) ? await meetingService.findOne(ctx, meetingId) : null;
  if (!meeting) throw notFound('Réunion');
  if (meeting.status === 'CANCELLED')
    throw conflict('Cette réunion est annulée.', { field: 'meetingId' });
  return meeting;
}

function checkText(field: string, text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length < 3 || trimmed.length > max) {
    throw badInput(field, `Le texte doit contenir entre 3 et ${max} caractères.`);
  }
  assertPseudonymised({ [field]: trimmed });
  return trimmed;
}

export const openQuestionService = {
  /** Raised at a meeting by one of its members, given to a volunteer of the group. */
  async raise(
    ctx: RequestContext,
    meetingId: string,
    question: string,
    volunteerMemberId?: string | null,
  ): Promise<OpenQuestion> {
    const meeting = await meetingOfGroup(ctx, meetingId);
    await ctx.assertCan('create', 'OpenQuestion', {
      id: '',
      societyId: meeting.societyId,
      groupId: meeting.groupId,
    });
    const text = checkText('question', question, 2000);
    if (volunteerMemberId) {
      const members = await ctx.loaders.membershipsByGroupId.load(meeting.groupId);
      if (!members.some((membership) => membership.memberId === volunteerMemberId)) {
        throw badInput('volunteerMemberId', 'Le ou la volontaire doit être membre du groupe.');
      }
    }
    const manager = await ctx.manager();
    const { identifiers } = await manager.getRepository(OpenQuestion).insert({
      societyId: meeting.societyId,
      groupId: meeting.groupId,
      raisedAtMeetingId: meeting.id,
      volunteerMemberId: volunteerMemberId ?? null,
      status: 'OPEN',
    });
    const id = identifiers[0]!.id as string;
    await manager.getRepository(OpenQuestionText).insert({
      questionId: id,
      societyId: meeting.societyId,
      groupId: meeting.groupId,
      question: text,
    });
    const created = await manager.getRepository(OpenQuestion).findOneByOrFail({ id });
    await ctx.audit({
      action: 'open-question.raise',
      entityType: 'OpenQuestion',
      entityId: id,
      societyId: meeting.societyId,
      changedFields: ['question', 'volunteerMemberId'],
    });
    return created;
  },

  /** Answered at a later meeting; the agenda stops carrying it. */
  async answer(
    ctx: RequestContext,
    id: string,
    version: number,
    meetingId: string,
    answer: string,
    referenceIds?: string[],
  ): Promise<OpenQuestion> {
    const current = isUuid(id)
      ? await (await ctx.manager()).getRepository(OpenQuestion).findOneBy({ id })
      : null;
    if (!current) throw notFound('Question');
    await ctx.assertCan('update', 'OpenQuestion', record(current));
    if (current.status === 'ANSWERED') throw conflict('Cette question a déjà sa réponse.');
    const meeting = await meetingOfGroup(ctx, meetingId);
    if (meeting.groupId !== current.groupId)
      throw badInput('meetingId', 'Cette réunion est celle d’un autre groupe.');
    const raisedAt = await ctx.loaders.meetingById.load(current.raisedAtMeetingId);
    if (raisedAt && meeting.startsAt.getTime() <= raisedAt.startsAt.getTime()) {
      throw badInput('meetingId', 'La réponse vient à une réunion suivante.');
    }
    const text = checkText('answer', answer, 10000);
    // Linked while the question is still open: the policies refuse links to answered ones.
    if (referenceIds) {
      await referenceService.replaceLinks(
        ctx,
        { questionId: current.id },
        current.groupId,
        referenceIds,
      );
    }
    const updated = await updateVersioned<OpenQuestion>(
      ctx,
      OpenQuestion,
      'La question',
      current,
      version,
      {
        status: 'ANSWERED',
        answeredAtMeetingId: meeting.id,
      },
    );
    await (
      await ctx.manager()
    )
      .getRepository(OpenQuestionText)
      .update({ questionId: current.id }, { answer: text });
    ctx.loaders.questionTextById.clear(current.id);
    await ctx.audit({
      action: 'open-question.answer',
      entityType: 'OpenQuestion',
      entityId: current.id,
      societyId: current.societyId,
      changedFields: [
        'answer',
        'status',
        'answeredAtMeetingId',
        ...(referenceIds ? ['referenceIds'] : []),
      ],
    });
    return updated;
  },

  async canRead(ctx: RequestContext, question: OpenQuestion): Promise<boolean> {
    const { ability } = await ctx.requireAuth();
    return ability.can('read', subject('OpenQuestion', record(question)));
  },

  assertReadable: async (ctx: RequestContext, question: OpenQuestion) => {
    if (!(await openQuestionService.canRead(ctx, question))) throw forbidden();
  },
};
