import {
  FEEDBACK_LIMITS,
  isFeedbackQuestion,
  loopStatus,
  subject,
  type FeedbackStatus,
} from '@epairs/shared';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInputs, conflict, forbidden, notFound, staleVersion } from '../../common/errors';
import { notify } from '../../common/mail/notify';
import type { RequestContext } from '../../common/request-context';
import { assertPseudonymised, InputCheck, isUuid } from '../../common/validation';
import { clinicalCaseService } from '../clinical-cases/clinical-case.service';
import { meetingService } from '../meetings/meeting.service';
import { reportService } from '../reports/report.service';
import { BinomeFeedback, BinomeFeedbackResponse, BinomeFeedbackText } from './feedback.entities';
import type { BinomeFeedbackInput, BinomeQueueItem } from './feedback.types';

const LABEL = 'Le retour du binôme';
const DAY_MS = 24 * 60 * 60 * 1000;

export const feedbackRecord = (feedback: BinomeFeedback) => ({
  id: feedback.id,
  societyId: feedback.societyId,
  groupId: feedback.groupId,
  status: feedback.status,
});

/**
 * Questions and remarks, checked, then the pseudonymisation guard. The charter's rule (ask, do not
 * judge) is kept by the form: each question is a question.
 */
function checkedText(input: BinomeFeedbackInput): { questions: string[]; remarks: string } {
  const check = new InputCheck();
  const questions = input.questions.map((question) => question.trim()).filter(Boolean);
  if (questions.length > FEEDBACK_LIMITS.questions) {
    check.add('questions', `Au plus ${FEEDBACK_LIMITS.questions} questions.`);
  }
  questions.forEach((question, index) => {
    if (question.length > FEEDBACK_LIMITS.question) {
      check.add(
        `questions.${index}`,
        `Une question fait au plus ${FEEDBACK_LIMITS.question} caractères.`,
      );
    } else if (!isFeedbackQuestion(question)) {
      check.add(
        `questions.${index}`,
        'Une question se termine par « ? » : le binôme questionne, il ne juge pas.',
      );
    }
  });
  const remarks = check.text(
    'remarks',
    input.remarks ?? '',
    'Les remarques',
    0,
    FEEDBACK_LIMITS.remarks,
  );
  if (questions.length === 0 && remarks.length === 0) {
    check.add('questions', 'Écrivez au moins une question ou une remarque.');
  }
  check.done();
  assertPseudonymised({
    ...Object.fromEntries(questions.map((question, index) => [`questions.${index}`, question])),
    remarks,
  });
  return { questions, remarks };
}

async function findFeedback(ctx: RequestContext, id: string): Promise<BinomeFeedback> {
  const found = isUuid(id) ? await ctx.loaders.feedbackById.load(id) : null;
  const { ability } = await ctx.requireAuth();
  if (!found || !ability.can('read', subject('BinomeFeedback', feedbackRecord(found)))) {
    throw notFound('Retour du binôme');
  }
  return found;
}

async function audited(
  ctx: RequestContext,
  action: string,
  feedback: BinomeFeedback,
  changedFields: string[],
): Promise<void> {
  await ctx.audit({
    action,
    entityType: 'BinomeFeedback',
    entityId: feedback.id,
    societyId: feedback.societyId,
    changedFields,
  });
}

async function groupName(ctx: RequestContext, groupId: string): Promise<string> {
  return (await ctx.loaders.groupById.load(groupId))?.name ?? '';
}

export const feedbackService = {
  async findOne(ctx: RequestContext, id: string): Promise<BinomeFeedback | null> {
    return findFeedback(ctx, id).catch(() => null);
  },

  /** The feedback on a group's work the caller may see (the group: once sent), oldest first. */
  async listForGroup(ctx: RequestContext, groupId: string): Promise<BinomeFeedback[]> {
    if (!isUuid(groupId)) return [];
    const rows = await (
      await ctx.manager()
    )
      .getRepository(BinomeFeedback)
      .find({ where: { groupId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const { ability } = await ctx.requireAuth();
    return rows.filter((row) =>
      ability.can('read', subject('BinomeFeedback', feedbackRecord(row))),
    );
  },

  /**
   * Validated reports and submitted cases, oldest first, with where their loop stands: the
   * binôme's reading queue (its groups), the administrators' view of waiting items (metadata).
   * One statement; the row-level policies decide what each caller sees.
   */
  async queue(
    ctx: RequestContext,
    options: {
      groupId?: string | null;
      waitingOnly?: boolean | null;
      olderThanDays?: number | null;
      societyId?: string | null;
    },
  ): Promise<BinomeQueueItem[]> {
    const { user } = await ctx.requireAuth();
    if (options.groupId && !isUuid(options.groupId)) return [];
    const groups = options.groupId
      ? [options.groupId]
      : user.federationAdmin || user.adminSocietyIds.length > 0
        ? null
        : [...new Set([...user.binomeGroupIds, ...user.memberGroupIds])];
    const rows = (await (
      await ctx.manager()
    ).query(
      `SELECT 'REPORT' AS kind, r.id, r.group_id, r.society_id, r.id AS report_id, NULL::uuid AS case_id,
              r.first_validated_at AS since,
              coalesce((SELECT array_agg(f.status) FROM binome_feedback f
                         WHERE f.report_id = r.id AND f.report_edition = r.validated_edition), '{}') AS statuses
         FROM meeting_report r
        WHERE r.validated_edition IS NOT NULL AND ($1::uuid[] IS NULL OR r.group_id = ANY ($1))
       UNION ALL
       SELECT 'CASE', c.id, c.group_id, c.society_id, NULL, c.id, c.submitted_at,
              coalesce((SELECT array_agg(f.status) FROM binome_feedback f WHERE f.case_id = c.id), '{}')
         FROM clinical_case c
        WHERE c.status = 'SUBMITTED_TO_BINOME' AND ($1::uuid[] IS NULL OR c.group_id = ANY ($1))
        ORDER BY since, id`,
      [groups],
    )) as {
      kind: 'REPORT' | 'CASE';
      id: string;
      group_id: string;
      society_id: string;
      report_id: string | null;
      case_id: string | null;
      since: Date;
      statuses: FeedbackStatus[];
    }[];
    const now = Date.now();
    return rows
      .map((row) => ({
        kind: row.kind,
        id: row.id,
        groupId: row.group_id,
        societyId: row.society_id,
        reportId: row.report_id,
        caseId: row.case_id,
        since: row.since,
        ageDays: Math.floor((now - row.since.getTime()) / DAY_MS),
        loopStatus: loopStatus(row.statuses),
      }))
      .filter((item) => !options.waitingOnly || item.loopStatus === 'WAITING_FOR_BINOME')
      .filter((item) => options.olderThanDays == null || item.ageDays > options.olderThanDays)
      .filter((item) => !options.societyId || item.societyId === options.societyId);
  },

  /** A correspondent writes feedback on what the binôme may read: a validated report, a submitted case. */
  async create(
    ctx: RequestContext,
    target: { reportId?: string | null; caseId?: string | null },
    input: BinomeFeedbackInput,
  ): Promise<BinomeFeedback> {
    const { user } = await ctx.requireAuth();
    if (!!target.reportId === !!target.caseId) {
      throw badInputs([
        { field: 'reportId', message: 'Un retour porte sur un compte-rendu ou sur un cas.' },
      ]);
    }
    const report = target.reportId ? await reportService.findOne(ctx, target.reportId) : null;
    const clinicalCase = target.caseId
      ? await clinicalCaseService.findOne(ctx, target.caseId)
      : null;
    const found = report ?? clinicalCase;
    if (!found) throw notFound(target.reportId ? 'Compte-rendu' : 'Cas');
    await ctx.assertCan('create', 'BinomeFeedback', {
      id: '',
      societyId: found.societyId,
      groupId: found.groupId,
      status: 'DRAFT',
    });
    if (report && report.validatedEdition === null) {
      throw conflict('Le binôme lit un compte-rendu une fois validé.');
    }
    if (clinicalCase && clinicalCase.status !== 'SUBMITTED_TO_BINOME') {
      throw conflict('Le binôme lit un cas une fois transmis.');
    }
    const text = checkedText(input);
    const manager = await ctx.manager();
    const { identifiers } = await manager.getRepository(BinomeFeedback).insert({
      societyId: found.societyId,
      groupId: found.groupId,
      reportId: report?.id ?? null,
      reportEdition: report?.validatedEdition ?? null,
      caseId: clinicalCase?.id ?? null,
      authorUserId: user.id,
      status: 'DRAFT',
    });
    const id = identifiers[0]!.id as string;
    await manager
      .getRepository(BinomeFeedbackText)
      .insert({ feedbackId: id, societyId: found.societyId, groupId: found.groupId, ...text });
    const created = await manager.getRepository(BinomeFeedback).findOneByOrFail({ id });
    await audited(ctx, 'binome-feedback.create', created, ['questions', 'remarks']);
    return created;
  },

  /** The author rewrites its draft; a co-signature is withdrawn, since the text changed. */
  async update(
    ctx: RequestContext,
    id: string,
    version: number,
    input: BinomeFeedbackInput,
  ): Promise<BinomeFeedback> {
    const current = await findFeedback(ctx, id);
    const { user } = await ctx.assertCan('update', 'BinomeFeedback', feedbackRecord(current));
    if (current.authorUserId !== user.id) {
      throw forbidden(
        'Seul(e) l’auteur(e) modifie son retour ; l’autre correspondant(e) le cosigne.',
      );
    }
    const text = checkedText(input);
    const updated = await updateVersioned<BinomeFeedback>(
      ctx,
      BinomeFeedback,
      LABEL,
      current,
      version,
      {
        cosignedByUserId: null,
        cosignedAt: null,
      },
    );
    const { affected } = await (
      await ctx.manager()
    )
      .getRepository(BinomeFeedbackText)
      .update({ feedbackId: id }, text);
    if (affected !== 1) throw forbidden();
    ctx.loaders.feedbackTextById.clear(id);
    await audited(ctx, 'binome-feedback.update', current, ['questions', 'remarks']);
    return updated;
  },

  /** The other correspondent of the group co-signs the draft. */
  async cosign(ctx: RequestContext, id: string, version: number): Promise<BinomeFeedback> {
    const current = await findFeedback(ctx, id);
    const { user } = await ctx.assertCan('update', 'BinomeFeedback', feedbackRecord(current));
    if (current.authorUserId === user.id) {
      throw forbidden('La cosignature est celle de l’autre correspondant(e) du binôme.');
    }
    if (current.cosignedByUserId) throw conflict('Ce retour est déjà cosigné.');
    const updated = await updateVersioned<BinomeFeedback>(
      ctx,
      BinomeFeedback,
      LABEL,
      current,
      version,
      {
        cosignedByUserId: user.id,
        cosignedAt: new Date(),
      },
    );
    await audited(ctx, 'binome-feedback.cosign', current, ['cosignedByUserId']);
    return updated;
  },

  /** Sent to the group, who is told by e-mail and finds it on its next meeting's agenda. */
  async send(ctx: RequestContext, id: string, version: number): Promise<BinomeFeedback> {
    const current = await findFeedback(ctx, id);
    await ctx.assertCan('submit', 'BinomeFeedback', feedbackRecord(current));
    const updated = await updateVersioned<BinomeFeedback>(
      ctx,
      BinomeFeedback,
      LABEL,
      current,
      version,
      {
        status: 'SENT',
        sentAt: new Date(),
      },
    );
    await audited(ctx, 'binome-feedback.send', current, ['status']);
    const name = await groupName(ctx, current.groupId);
    const link = `${ctx.services.config.publicUrl}/groups/${current.groupId}/feedback/${current.id}`;
    await notify(
      ctx,
      { membersOfGroupId: current.groupId },
      (locale) =>
        locale === 'en'
          ? {
              subject: `Your binôme's feedback: ${name}`,
              lines: [
                `Your binôme sent questions on the group's ${current.reportId ? 'report' : 'case'}.`,
                'It is on the agenda of your next meeting, where the group records its response.',
              ],
              link,
            }
          : {
              subject: `Retour de votre binôme : ${name}`,
              lines: [
                `Votre binôme a adressé des questions sur ${current.reportId ? 'un compte-rendu' : 'un cas'} du groupe.`,
                'Il figure à l’ordre du jour de votre prochaine réunion, où le groupe consigne sa réponse.',
              ],
              link,
            },
      { feedbackId: current.id, kind: 'feedback-sent' },
    );
    return updated;
  },

  /**
   * The group debated the feedback at one of its meetings and records its response; the binôme
   * is told. Any member of the group may record it.
   */
  async respond(
    ctx: RequestContext,
    id: string,
    version: number,
    meetingId: string,
    response: string,
  ): Promise<BinomeFeedback> {
    const current = await findFeedback(ctx, id);
    if (current.status === 'DISCUSSED') {
      throw conflict('La réponse du groupe à ce retour est déjà consignée.');
    }
    const { user } = await ctx.assertCan('update', 'BinomeFeedback', feedbackRecord(current));
    if (!user.memberId || !user.memberGroupIds.includes(current.groupId)) throw forbidden();
    const meeting = isUuid(meetingId) ? await meetingService.findOne(ctx, meetingId) : null;
    if (!meeting || meeting.groupId !== current.groupId) {
      throw badInputs([{ field: 'meetingId', message: 'Choisissez une réunion du groupe.' }]);
    }
    if (
      meeting.status === 'CANCELLED' ||
      meeting.startsAt.getTime() > Date.now() ||
      meeting.startsAt.getTime() < current.sentAt!.getTime()
    ) {
      throw conflict('La réponse se consigne à une réunion tenue depuis l’envoi du retour.', {
        field: 'meetingId',
      });
    }
    const check = new InputCheck();
    const text = check.text('response', response, 'La réponse du groupe', 3, 10000);
    check.done();
    assertPseudonymised({ response: text });
    if (current.version !== version) throw staleVersion(LABEL, current.version);
    // The response first: the policies accept it while the feedback is still « sent ».
    await (await ctx.manager()).getRepository(BinomeFeedbackResponse).insert({
      feedbackId: id,
      societyId: current.societyId,
      groupId: current.groupId,
      response: text,
      writtenByMemberId: user.memberId,
    });
    const updated = await updateVersioned<BinomeFeedback>(
      ctx,
      BinomeFeedback,
      LABEL,
      current,
      version,
      {
        status: 'DISCUSSED',
        discussedAtMeetingId: meeting.id,
        discussedAt: new Date(),
      },
    );
    await audited(ctx, 'binome-feedback.respond', current, ['status', 'response']);
    const name = await groupName(ctx, current.groupId);
    const link = `${ctx.services.config.publicUrl}/admin/#/binome/${current.id}`;
    await notify(
      ctx,
      { binomeOfGroupId: current.groupId },
      (locale) =>
        locale === 'en'
          ? {
              subject: `The group responded to your feedback: ${name}`,
              lines: ['The group debated your feedback at a meeting and recorded its response.'],
              link,
            }
          : {
              subject: `Le groupe a répondu à votre retour : ${name}`,
              lines: ['Le groupe a débattu de votre retour en réunion et consigné sa réponse.'],
              link,
            },
      { feedbackId: current.id, kind: 'feedback-discussed' },
    );
    return updated;
  },
};
