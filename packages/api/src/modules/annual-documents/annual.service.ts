import {
  dateInParis,
  REPORT_SECTION_NAMES,
  SELF_EVALUATION_QUESTIONS,
  SELF_EVALUATION_SCALE,
  SELF_EVALUATION_SCALE_LABELS,
  subject,
  yearInParis,
  type ReportSection,
} from '@epairs/shared';
import JSZip from 'jszip';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInput, conflict, notFound } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { assertPseudonymised, InputCheck, isUuid } from '../../common/validation';
import { fileUrlSigner } from '../attestations/signed-urls';
import { loadSheet, sheetPdf } from '../attestations/sheet-export';
import type { MeetingReport } from '../reports/report.entities';
import { approvedRevision, attendanceListOf, reportService } from '../reports/report.service';
import { annualSummaryPdf, reportPdf, type ReportDocument } from './annual-pdf';
import { loadAnnualSummary, type AnnualSummaryData } from './annual-summary';
import type { SelfEvaluationAnswerInput } from './annual.types';
import { SelfEvaluation } from './self-evaluation.entity';

const QUESTION_CODES = new Set<string>(SELF_EVALUATION_QUESTIONS.map((question) => question.code));

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > yearInParis() + 1) {
    throw badInput('year', 'Année invalide.');
  }
}

/** The group if the caller may read its yearly documents of this kind, else NOT_FOUND. */
async function readableGroup(
  ctx: RequestContext,
  groupId: string,
  kind: 'AnnualSummary' | 'AnnualArchive' | 'SelfEvaluation',
) {
  const group = isUuid(groupId) ? await ctx.loaders.groupById.load(groupId) : null;
  const { ability } = await ctx.requireAuth();
  const record = { id: groupId, societyId: group?.societyId ?? '', groupId };
  if (!group || !ability.can('read', subject(kind, record))) throw notFound('Groupe');
  return group;
}

function signed(ctx: RequestContext, path: string, userId: string): string {
  return fileUrlSigner(ctx.services).sign(path, { sid: ctx.sessionIdIfKnown ?? '' }, userId);
}

const fileDay = (at: Date) => dateInParis(at);

export const annualService = {
  async summary(ctx: RequestContext, groupId: string, year: number): Promise<AnnualSummaryData> {
    checkYear(year);
    await readableGroup(ctx, groupId, 'AnnualSummary');
    const data = await loadAnnualSummary(await ctx.manager(), groupId, year);
    if (!data) throw notFound('Groupe');
    return data;
  },

  /** A five-minute link to the summary PDF (whoever reads the summary). */
  async summaryPdfUrl(ctx: RequestContext, groupId: string, year: number): Promise<string> {
    const { user } = await ctx.requireAuth();
    await readableGroup(ctx, groupId, 'AnnualSummary');
    return signed(ctx, `/files/groups/${groupId}/${year}/summary.pdf`, user.id);
  },

  /** The year's archive holds the reports' text: a link for the group's members only. */
  async archiveUrl(ctx: RequestContext, groupId: string, year: number): Promise<string | null> {
    const { user, ability } = await ctx.requireAuth();
    const group = isUuid(groupId) ? await ctx.loaders.groupById.load(groupId) : null;
    if (!group) return null;
    const record = { id: groupId, societyId: group.societyId, groupId };
    if (!ability.can('read', subject('AnnualArchive', record))) return null;
    return signed(ctx, `/files/groups/${groupId}/${year}/archive.zip`, user.id);
  },

  /** A link to the report's PDF, for those who read its text (the group; the binôme once validated). */
  async reportPdfUrl(ctx: RequestContext, report: MeetingReport): Promise<string | null> {
    const { user } = await ctx.requireAuth();
    if (!(await ctx.loaders.reportTextByReportId.load(report.id))) return null;
    return signed(ctx, `/files/reports/${report.id}.pdf`, user.id);
  },

  async summaryPdf(ctx: RequestContext, groupId: string, year: number): Promise<Buffer> {
    return annualSummaryPdf(await annualService.summary(ctx, groupId, year), new Date());
  },

  /** The report as its reader may read it (null when its text is confidential to them). */
  async reportDocument(ctx: RequestContext, reportId: string): Promise<ReportDocument | null> {
    const report = await reportService.findOne(ctx, reportId);
    const text = report ? await ctx.loaders.reportTextByReportId.load(report.id) : null;
    if (!report || !text) return null;
    const [meeting, group, attendance, approvals, references, actions] = await Promise.all([
      ctx.loaders.meetingById.load(report.meetingId),
      ctx.loaders.groupById.load(report.groupId),
      report.attendanceList ?? attendanceListOf(ctx, report.meetingId),
      ctx.loaders.approvalsByReportId.load(report.id),
      ctx.loaders.referencesByTarget.load(report.id),
      ctx.loaders.improvementActionsByReportId.load(report.id),
    ]);
    const owners = (await (
      await ctx.manager()
    ).query(
      `SELECT m.id, u.first_name || ' ' || u.last_name AS name
         FROM member m JOIN user_account u ON u.id = m.user_id WHERE m.id = ANY ($1)`,
      [actions.flatMap((action) => (action.ownerMemberId ? [action.ownerMemberId] : []))],
    )) as { id: string; name: string }[];
    const nameOf = (memberId: string | null) =>
      owners.find((owner) => owner.id === memberId)?.name ?? null;
    const cases = await (
      await ctx.manager()
    ).query(
      `SELECT t.title FROM clinical_case_presentation p JOIN clinical_case_text t ON t.case_id = p.case_id
        WHERE p.meeting_id = $1 ORDER BY p.presented_at, t.title`,
      [report.meetingId],
    );
    // A validated report prints the text that was validated; a draft its latest revision.
    const approvedText = approvedRevision(report, text);
    return {
      groupName: group?.name ?? '',
      meetingStartsAt: meeting!.startsAt,
      edition: text.edition,
      status: text.validated ? 'VALIDATED' : report.status,
      validatedAt: text.validatedAt,
      sections: Object.fromEntries(
        REPORT_SECTION_NAMES.map((name) => [name, text[name]]),
      ) as Record<ReportSection, string>,
      attendees: attendance.map((row) => ({
        name: row.name,
        approvedAt:
          approvals.find(
            (approval) =>
              approval.memberId === row.memberId && approval.textVersion === approvedText,
          )?.approvedAt ?? null,
      })),
      casesPresented: (cases as { title: string }[]).map((row) => row.title),
      references: references.map(
        (reference) => `${reference.citation}${reference.year ? ` (${reference.year})` : ''}`,
      ),
      actions: actions.map((action) => ({
        description: action.description,
        owner: nameOf(action.ownerMemberId),
        status: action.status,
      })),
    };
  },

  /**
   * The year's archive: the summary, each report the member reads (as validated, or its latest
   * revision), each held meeting's signed sheet, and the self-evaluation.
   */
  async archive(ctx: RequestContext, groupId: string, year: number): Promise<Buffer> {
    checkYear(year);
    await readableGroup(ctx, groupId, 'AnnualArchive');
    const data = await annualService.summary(ctx, groupId, year);
    const zip = new JSZip();
    const now = new Date();
    zip.file(`recapitulatif-${year}.pdf`, await annualSummaryPdf(data, now));
    const manager = await ctx.manager();
    for (const meeting of data.meetings.filter((row) => row.status === 'HELD')) {
      const report = await ctx.loaders.meetingReportByMeetingId.load(meeting.id);
      const document = report ? await annualService.reportDocument(ctx, report.id) : null;
      if (document) {
        zip.file(
          `comptes-rendus/${fileDay(meeting.startsAt)}-compte-rendu-v${document.edition}.pdf`,
          await reportPdf(document, now),
        );
      }
      const sheet = await loadSheet(manager, meeting.id);
      if (sheet) {
        zip.file(`emargement/${fileDay(meeting.startsAt)}-feuille.pdf`, await sheetPdf(sheet, now));
      }
    }
    const evaluation = await manager.getRepository(SelfEvaluation).findOneBy({ groupId, year });
    if (evaluation) {
      const lines = [
        `Auto-évaluation ${year} — ${data.groupName} (${evaluation.status === 'SUBMITTED' ? 'remise' : 'brouillon'})`,
        '',
        ...SELF_EVALUATION_QUESTIONS.map((question) => {
          const score = evaluation.answers[question.code];
          return `${question.fr}\n  → ${score ? `${score} — ${SELF_EVALUATION_SCALE_LABELS.fr[score - 1]}` : 'sans réponse'}`;
        }),
        '',
        evaluation.comment ? `Commentaire : ${evaluation.comment}` : '',
      ];
      zip.file(`auto-evaluation-${year}.txt`, `${lines.join('\n')}\n`);
    }
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  },

  async selfEvaluation(
    ctx: RequestContext,
    groupId: string,
    year: number,
  ): Promise<SelfEvaluation | null> {
    checkYear(year);
    await readableGroup(ctx, groupId, 'SelfEvaluation');
    return (await ctx.manager()).getRepository(SelfEvaluation).findOneBy({ groupId, year });
  },

  /**
   * The group's answers for the year, saved as a draft (any member; the version read is required
   * once it exists); kept per year, frozen once submitted.
   */
  async saveSelfEvaluation(
    ctx: RequestContext,
    groupId: string,
    year: number,
    version: number | null | undefined,
    answers: SelfEvaluationAnswerInput[],
    comment: string,
  ): Promise<SelfEvaluation> {
    checkYear(year);
    const group = await readableGroup(ctx, groupId, 'SelfEvaluation');
    const { user } = await ctx.assertCan('update', 'SelfEvaluation', {
      id: '',
      societyId: group.societyId,
      groupId,
    });
    const check = new InputCheck();
    const scores: Record<string, number> = {};
    for (const [index, answer] of answers.entries()) {
      if (!QUESTION_CODES.has(answer.code))
        check.add(`answers.${index}.code`, 'Question inconnue.');
      else if (!(SELF_EVALUATION_SCALE as readonly number[]).includes(answer.score)) {
        check.add(`answers.${index}.score`, 'La note va de 1 (pas du tout) à 4 (tout à fait).');
      } else scores[answer.code] = answer.score;
    }
    const text = check.text('comment', comment, 'Le commentaire', 0, 5000);
    check.done();
    assertPseudonymised({ comment: text });
    const repository = (await ctx.manager()).getRepository(SelfEvaluation);
    const current = await repository.findOneBy({ groupId, year });
    if (current?.status === 'SUBMITTED') {
      throw conflict(
        'L’auto-évaluation de cette année est remise : elle est conservée telle quelle.',
      );
    }
    let saved: SelfEvaluation;
    if (!current) {
      if (version) throw conflict('Cette auto-évaluation n’existe plus : rechargez.');
      const { identifiers } = await repository.insert({
        societyId: group.societyId,
        groupId,
        year,
        answers: scores,
        comment: text,
        status: 'DRAFT',
        updatedByMemberId: user.memberId!,
      });
      saved = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    } else {
      if (version == null) {
        throw conflict('L’auto-évaluation existe déjà : envoyez la version lue.', {
          currentVersion: current.version,
        });
      }
      saved = await updateVersioned<SelfEvaluation>(
        ctx,
        SelfEvaluation,
        'L’auto-évaluation',
        current,
        version,
        {
          answers: scores,
          comment: text,
          updatedByMemberId: user.memberId!,
        },
      );
    }
    await ctx.audit({
      action: 'self-evaluation.save',
      entityType: 'SelfEvaluation',
      entityId: saved.id,
      societyId: group.societyId,
      changedFields: ['answers', 'comment'],
    });
    return saved;
  },

  /** Submitted once every question has an answer; kept for the year as it is. */
  async submitSelfEvaluation(
    ctx: RequestContext,
    id: string,
    version: number,
  ): Promise<SelfEvaluation> {
    const current = isUuid(id)
      ? await (await ctx.manager()).getRepository(SelfEvaluation).findOneBy({ id })
      : null;
    if (!current) throw notFound('Auto-évaluation');
    await ctx.assertCan('update', 'SelfEvaluation', {
      id,
      societyId: current.societyId,
      groupId: current.groupId,
    });
    if (current.status === 'SUBMITTED') throw conflict('Cette auto-évaluation est déjà remise.');
    const missing = SELF_EVALUATION_QUESTIONS.filter((question) => !current.answers[question.code]);
    if (missing.length) {
      throw badInput('answers', `Il reste ${missing.length} question(s) sans réponse.`);
    }
    const submitted = await updateVersioned<SelfEvaluation>(
      ctx,
      SelfEvaluation,
      'L’auto-évaluation',
      current,
      version,
      {
        status: 'SUBMITTED',
        submittedAt: new Date(),
      },
    );
    await ctx.audit({
      action: 'self-evaluation.submit',
      entityType: 'SelfEvaluation',
      entityId: id,
      societyId: current.societyId,
      changedFields: ['status'],
    });
    return submitted;
  },
};
