import {
  changedSections,
  REPORT_SECTION_NAMES,
  REPORT_SECTIONS,
  reportValidationMet,
  subject,
  type ReportSection,
} from '@epairs/shared';
import { updateVersioned } from '../../common/db/versioned-update';
import { AppError, conflict, forbidden, notFound } from '../../common/errors';
import { dayIn, notify } from '../../common/mail/notify';
import type { RequestContext } from '../../common/request-context';
import { assertPseudonymised, InputCheck, isUuid } from '../../common/validation';
import type { Meeting } from '../meetings/meeting.entities';
import { meetingService } from '../meetings/meeting.service';
import { referenceService } from '../references/reference.service';
import { MeetingReport, MeetingReportApproval, MeetingReportText } from './report.entities';
import type { MeetingReportInput } from './report.types';

const LABEL = 'Le compte-rendu';

export const reportRecord = (report: MeetingReport) => ({
  id: report.id,
  societyId: report.societyId,
  groupId: report.groupId,
  validated: report.validatedEdition !== null,
});

type Sections = Record<ReportSection, string>;

const sectionsOf = (text: MeetingReportText): Sections =>
  Object.fromEntries(REPORT_SECTION_NAMES.map((name) => [name, text[name]])) as Sections;

/** Lengths first, then the pseudonymisation guard over every section: nothing blocked is stored. */
function checkedSections(input: MeetingReportInput): Sections {
  const check = new InputCheck();
  const sections = Object.fromEntries(
    REPORT_SECTION_NAMES.map((name) => {
      const { label, min, max } = REPORT_SECTIONS[name];
      return [name, check.text(name, input[name] ?? '', label, min, max)];
    }),
  ) as Sections;
  check.done();
  assertPseudonymised(sections);
  return sections;
}

async function visibleReport(ctx: RequestContext, id: string): Promise<MeetingReport | null> {
  const found = isUuid(id) ? await ctx.loaders.meetingReportById.load(id) : null;
  if (!found) return null;
  const { ability } = await ctx.requireAuth();
  return ability.can('read', subject('MeetingReport', reportRecord(found))) ? found : null;
}

async function findReport(ctx: RequestContext, id: string): Promise<MeetingReport> {
  const found = await visibleReport(ctx, id);
  if (!found) throw notFound('Compte-rendu');
  return found;
}

/** Members who signed the meeting's sheet: the report's attendance list, never typed. */
export async function attendeesOf(ctx: RequestContext, meetingId: string): Promise<string[]> {
  const lines = await ctx.loaders.attendanceByMeetingId.load(meetingId);
  return lines.filter((line) => line.status === 'SIGNED').map((line) => line.memberId);
}

/**
 * The attendance list with names, from the signed sheet: kept on the report when it is submitted,
 * so the report carries it (its binôme reads it there, not the sheet or the members' profiles).
 */
export async function attendanceListOf(
  ctx: RequestContext,
  meetingId: string,
): Promise<{ memberId: string; name: string }[]> {
  return ctx.loaders.signedAttendanceByMeetingId.load(meetingId);
}

/**
 * The revision whose approvals a reader sees: the validated one it reads (the binôme during a new
 * edition), else the report's current revision.
 */
export function approvedRevision(report: MeetingReport, text: MeetingReportText | null): number {
  return text?.validated ? text.version : report.textVersion;
}

/**
 * Who amends and approves: the attendance list kept at submission (the signed sheet then), so
 * later corrections of the sheet do not move the goalposts of a review in progress.
 */
export async function reviewersOf(ctx: RequestContext, report: MeetingReport): Promise<string[]> {
  return report.attendanceList
    ? report.attendanceList.map((row) => row.memberId)
    : attendeesOf(ctx, report.meetingId);
}

async function myMemberId(ctx: RequestContext): Promise<string> {
  const { user } = await ctx.requireAuth();
  if (!user.memberId) throw forbidden();
  return user.memberId;
}

/**
 * CONFLICT with what changed: the sections the other writer changed since the version the caller
 * read, and their text now, so the caller merges instead of losing either text.
 */
async function conflictWithChanges(
  ctx: RequestContext,
  reportId: string,
  readVersion: number,
): Promise<AppError> {
  ctx.loaders.meetingReportById.clear(reportId);
  ctx.loaders.reportTextByReportId.clear(reportId);
  const current = await ctx.loaders.meetingReportById.load(reportId);
  const manager = await ctx.manager();
  const texts = await manager
    .getRepository(MeetingReportText)
    .createQueryBuilder('t')
    .where('t.report_id = :reportId', { reportId })
    .orderBy('t.version', 'DESC')
    .getMany();
  const latest = texts[0];
  const read = texts.find((text) => text.version <= readVersion);
  const changed = latest && read ? changedSections(sectionsOf(read), sectionsOf(latest)) : [];
  return conflict(
    'Le compte-rendu a été modifié entre-temps. Votre texte n’est pas perdu : comparez-le aux changements, puis renvoyez-le.',
    {
      currentVersion: current?.version ?? null,
      status: current?.status ?? null,
      changedSections: changed,
      current: latest
        ? Object.fromEntries(changed.map((name) => [name, latest[name]]))
        : Object.fromEntries([]),
      changedBy: latest?.writtenByMemberId ?? null,
    },
  );
}

async function notifyReport(
  ctx: RequestContext,
  report: MeetingReport,
  meeting: Meeting,
  kind: 'review' | 'validated',
): Promise<void> {
  const group = await ctx.loaders.groupById.load(report.groupId);
  const name = group?.name ?? '';
  // The portal's page of the meeting's report (packages/member-portal).
  const link = `${ctx.services.config.publicUrl}/meetings/${meeting.id}/report`;
  const audience =
    kind === 'review'
      ? { memberIds: await attendeesOf(ctx, meeting.id) }
      : { membersOfGroupId: report.groupId, binomeOfGroupId: report.groupId };
  await notify(
    ctx,
    audience,
    (locale) => {
      const day = dayIn(locale, meeting.startsAt);
      if (kind === 'review') {
        return locale === 'en'
          ? {
              subject: `Report to review: ${name}, ${day}`,
              lines: [
                `The report of the meeting of ${day} (${name}) is open for review.`,
                'As an attendee, you may amend it and approve it.',
              ],
              link,
            }
          : {
              subject: `Compte-rendu à relire : ${name}, ${day}`,
              lines: [
                `Le compte-rendu de la réunion du ${day} (${name}) est soumis à relecture.`,
                'Présent(e) à cette réunion, vous pouvez l’amender et l’approuver.',
              ],
              link,
            };
      }
      return locale === 'en'
        ? {
            subject: `Report validated: ${name}, ${day}`,
            lines: [
              `The report of the meeting of ${day} (${name}) was validated (version ${report.edition}).`,
              'Binôme correspondents find it in their reading queue.',
            ],
            link,
          }
        : {
            subject: `Compte-rendu validé : ${name}, ${day}`,
            lines: [
              `Le compte-rendu de la réunion du ${day} (${name}) est validé (version ${report.edition}).`,
              'Les correspondants du binôme le trouvent dans leur file de lecture.',
            ],
            link,
          };
    },
    { reportId: report.id, kind },
  );
}

export const reportService = {
  findOne: visibleReport,

  /** A group's reports the caller may see, newest first (metadata; the text follows its policy). */
  async listForGroup(ctx: RequestContext, groupId: string): Promise<MeetingReport[]> {
    if (!isUuid(groupId)) return [];
    const rows = await (
      await ctx.manager()
    )
      .getRepository(MeetingReport)
      .find({ where: { groupId }, order: { createdAt: 'DESC', id: 'ASC' } });
    const { ability } = await ctx.requireAuth();
    return rows.filter((row) => ability.can('read', subject('MeetingReport', reportRecord(row))));
  },

  async forMeeting(ctx: RequestContext, meetingId: string): Promise<MeetingReport | null> {
    const found = isUuid(meetingId)
      ? await ctx.loaders.meetingReportByMeetingId.load(meetingId)
      : null;
    return found ? visibleReport(ctx, found.id) : null;
  },

  /**
   * The meeting's secretary starts the report once the meeting has begun (the relay person when
   * no secretary was named). One report per meeting; later changes are editions of it.
   */
  async create(
    ctx: RequestContext,
    meetingId: string,
    input: MeetingReportInput,
  ): Promise<MeetingReport> {
    const meeting = isUuid(meetingId) ? await meetingService.findOne(ctx, meetingId) : null;
    if (!meeting) throw notFound('Réunion');
    await ctx.assertCan('create', 'MeetingReport', {
      id: '',
      societyId: meeting.societyId,
      groupId: meeting.groupId,
      validated: false,
    });
    const me = await myMemberId(ctx);
    const { user } = await ctx.requireAuth();
    if (meeting.status === 'CANCELLED') {
      throw conflict('Cette réunion est annulée : elle n’a pas de compte-rendu.');
    }
    if (meeting.startsAt.getTime() > Date.now()) {
      throw conflict('Le compte-rendu s’écrit une fois la réunion commencée.');
    }
    const roles = await ctx.loaders.rolesByMeetingId.load(meeting.id);
    const secretary = roles.find((role) => role.role === 'SECRETARY')?.memberId;
    if (secretary ? secretary !== me : !user.relayGroupIds.includes(meeting.groupId)) {
      throw forbidden(
        secretary
          ? 'Le compte-rendu est rédigé par le ou la secrétaire de séance.'
          : 'Sans secrétaire désigné(e), la personne relais ouvre le compte-rendu.',
      );
    }
    const existing = await ctx.loaders.meetingReportByMeetingId.load(meeting.id);
    if (existing) {
      throw conflict('Cette réunion a déjà son compte-rendu.', { reportId: existing.id });
    }
    const sections = checkedSections(input);
    const group = (await ctx.loaders.groupById.load(meeting.groupId))!;
    const manager = await ctx.manager();
    const { identifiers } = await manager.getRepository(MeetingReport).insert({
      societyId: meeting.societyId,
      groupId: meeting.groupId,
      meetingId: meeting.id,
      status: 'DRAFT',
      edition: 1,
      draftedByMemberId: me,
      lastWrittenByMemberId: me,
      textVersion: 1,
      validationRule: group.reportValidationRule,
    });
    const id = identifiers[0]!.id as string;
    await manager.getRepository(MeetingReportText).insert({
      reportId: id,
      version: 1,
      edition: 1,
      societyId: meeting.societyId,
      groupId: meeting.groupId,
      writtenByMemberId: me,
      validated: false,
      ...sections,
    });
    if (input.referenceIds) {
      await referenceService.replaceLinks(
        ctx,
        { reportId: id },
        meeting.groupId,
        input.referenceIds,
      );
    }
    await ctx.audit({
      action: 'meeting-report.create',
      entityType: 'MeetingReport',
      entityId: id,
      societyId: meeting.societyId,
      changedFields: [...REPORT_SECTION_NAMES, ...(input.referenceIds ? ['referenceIds'] : [])],
    });
    return manager.getRepository(MeetingReport).findOneByOrFail({ id });
  },

  /**
   * A new revision of the whole text: by the secretary while a draft, by an attendee while under
   * review (an amendment; approvals then count for the new revision only). The version read is
   * required: a second writer gets CONFLICT with what changed, and nothing is overwritten.
   */
  async update(
    ctx: RequestContext,
    id: string,
    version: number,
    input: MeetingReportInput,
  ): Promise<MeetingReport> {
    const current = await findReport(ctx, id);
    await ctx.assertCan('update', 'MeetingReport', reportRecord(current));
    const me = await myMemberId(ctx);
    if (current.status === 'VALIDATED') {
      throw conflict(
        'Ce compte-rendu est validé : il est figé. Ouvrez une nouvelle version pour le modifier.',
      );
    }
    if (current.status === 'DRAFT' && current.draftedByMemberId !== me) {
      throw forbidden('Le brouillon est rédigé par le ou la secrétaire de séance.');
    }
    if (
      current.status === 'SUBMITTED_FOR_REVIEW' &&
      !(await reviewersOf(ctx, current)).includes(me)
    ) {
      throw forbidden('Seules les personnes présentes à la réunion amendent son compte-rendu.');
    }
    const sections = checkedSections(input);
    if (current.version !== version) throw await conflictWithChanges(ctx, id, version);
    let updated: MeetingReport;
    try {
      updated = await updateVersioned<MeetingReport>(ctx, MeetingReport, LABEL, current, version, {
        lastWrittenByMemberId: me,
        textVersion: version + 1,
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') {
        throw await conflictWithChanges(ctx, id, version);
      }
      throw error;
    }
    await (await ctx.manager()).getRepository(MeetingReportText).insert({
      reportId: id,
      version: updated.version,
      edition: current.edition,
      societyId: current.societyId,
      groupId: current.groupId,
      writtenByMemberId: me,
      validated: false,
      ...sections,
    });
    ctx.loaders.reportTextByReportId.clear(id);
    if (input.referenceIds) {
      await referenceService.replaceLinks(
        ctx,
        { reportId: id },
        current.groupId,
        input.referenceIds,
      );
    }
    await ctx.audit({
      action: current.status === 'DRAFT' ? 'meeting-report.update' : 'meeting-report.amend',
      entityType: 'MeetingReport',
      entityId: id,
      societyId: current.societyId,
      changedFields: [...REPORT_SECTION_NAMES, ...(input.referenceIds ? ['referenceIds'] : [])],
    });
    return updated;
  },

  /** The secretary submits the draft to the attendees, once the sheet (the list) is closed. */
  async submitForReview(ctx: RequestContext, id: string, version: number): Promise<MeetingReport> {
    const current = await findReport(ctx, id);
    await ctx.assertCan('submit', 'MeetingReport', reportRecord(current));
    const me = await myMemberId(ctx);
    if (current.status !== 'DRAFT') throw conflict('Ce compte-rendu est déjà soumis.');
    if (current.draftedByMemberId !== me) {
      throw forbidden('Le ou la secrétaire soumet son brouillon à la relecture.');
    }
    const meeting = (await ctx.loaders.meetingById.load(current.meetingId))!;
    if (!meeting.sheetClosedAt) {
      throw conflict(
        'Clôturez d’abord la feuille d’émargement : la liste des présents du compte-rendu en vient.',
      );
    }
    const attendanceList = await attendanceListOf(ctx, meeting.id);
    if (attendanceList.length === 0) {
      throw conflict('Personne n’a signé la feuille : il n’y a pas de présents pour valider.');
    }
    const group = (await ctx.loaders.groupById.load(current.groupId))!;
    const updated = await updateVersioned<MeetingReport>(
      ctx,
      MeetingReport,
      LABEL,
      current,
      version,
      {
        status: 'SUBMITTED_FOR_REVIEW',
        submittedAt: new Date(),
        validationRule: group.reportValidationRule,
        attendanceList,
      },
    );
    await ctx.audit({
      action: 'meeting-report.submit',
      entityType: 'MeetingReport',
      entityId: id,
      societyId: current.societyId,
      changedFields: ['status'],
    });
    await notifyReport(ctx, updated, meeting, 'review');
    return updated;
  },

  /**
   * An attendee approves the revision it read (the version is required). When the group's rule
   * is met, the report is validated and frozen; its binôme is told. Approvals of one report are
   * serialised by a row lock, so the last one needed always sees the others.
   */
  async approve(ctx: RequestContext, id: string, version: number): Promise<MeetingReport> {
    const manager = await ctx.manager();
    if (isUuid(id)) {
      await manager.query('SELECT 1 FROM meeting_report WHERE id = $1 FOR UPDATE', [id]);
      ctx.loaders.meetingReportById.clear(id);
    }
    const current = await findReport(ctx, id);
    await ctx.assertCan('submit', 'MeetingReport', reportRecord(current));
    const me = await myMemberId(ctx);
    if (current.status !== 'SUBMITTED_FOR_REVIEW') {
      throw conflict(
        current.status === 'VALIDATED'
          ? 'Ce compte-rendu est déjà validé.'
          : 'Ce compte-rendu n’est pas encore soumis à relecture.',
      );
    }
    const attendees = await reviewersOf(ctx, current);
    if (!attendees.includes(me)) {
      throw forbidden('Seules les personnes présentes à la réunion approuvent son compte-rendu.');
    }
    // One approves the revision one read: a newer one must be read first.
    if (current.version !== version) throw await conflictWithChanges(ctx, id, version);
    const approvals = manager.getRepository(MeetingReportApproval);
    const already = await approvals.findBy({ reportId: id, textVersion: current.textVersion });
    if (already.some((approval) => approval.memberId === me)) {
      throw conflict('Vous avez déjà approuvé cette révision.');
    }
    await approvals.insert({
      reportId: id,
      textVersion: current.textVersion,
      memberId: me,
      societyId: current.societyId,
      groupId: current.groupId,
    });
    ctx.loaders.approvalsByReportId.clear(id);
    const approvers = [...already.map((approval) => approval.memberId), me];
    if (!reportValidationMet(current.validationRule, attendees, approvers)) {
      await ctx.audit({
        action: 'meeting-report.approve',
        entityType: 'MeetingReport',
        entityId: id,
        societyId: current.societyId,
        changedFields: ['approvals'],
      });
      return current;
    }

    // The approval that meets the group's rule validates and freezes the report.
    const now = new Date();
    const validated = await updateVersioned<MeetingReport>(
      ctx,
      MeetingReport,
      LABEL,
      current,
      version,
      {
        status: 'VALIDATED',
        validatedAt: now,
        validatedEdition: current.edition,
        firstValidatedAt: current.firstValidatedAt ?? now,
      },
    );
    await manager
      .getRepository(MeetingReportText)
      .update(
        { reportId: id, version: current.textVersion },
        { validated: true, validatedAt: now },
      );
    ctx.loaders.reportTextByReportId.clear(id);
    await ctx.audit({
      action: 'meeting-report.validate',
      entityType: 'MeetingReport',
      entityId: id,
      societyId: current.societyId,
      changedFields: ['approvals', 'status', 'validatedEdition'],
    });
    const meeting = (await ctx.loaders.meetingById.load(current.meetingId))!;
    await notifyReport(ctx, validated, meeting, 'validated');
    return validated;
  },

  /**
   * A validated report changes only as a new edition: its text starts from the validated one,
   * which is kept as it was (and stays what the binôme reads until the new one is validated).
   * Opened by an attendee or the relay person, who drafts it.
   */
  async reopen(ctx: RequestContext, id: string, version: number): Promise<MeetingReport> {
    const current = await findReport(ctx, id);
    await ctx.assertCan('update', 'MeetingReport', reportRecord(current));
    const me = await myMemberId(ctx);
    const { user } = await ctx.requireAuth();
    if (current.status !== 'VALIDATED') {
      throw conflict('Seul un compte-rendu validé s’ouvre en nouvelle version.');
    }
    const attended = (await reviewersOf(ctx, current)).includes(me);
    if (!attended && !user.relayGroupIds.includes(current.groupId)) {
      throw forbidden(
        'Une nouvelle version est ouverte par une personne présente ou par la personne relais.',
      );
    }
    const latest = await ctx.loaders.reportTextByReportId.load(id);
    if (!latest) throw forbidden();
    const reopened = await updateVersioned<MeetingReport>(
      ctx,
      MeetingReport,
      LABEL,
      current,
      version,
      {
        status: 'DRAFT',
        edition: current.edition + 1,
        draftedByMemberId: me,
        lastWrittenByMemberId: me,
        textVersion: version + 1,
        submittedAt: null,
        validatedAt: null,
      },
    );
    await (await ctx.manager()).getRepository(MeetingReportText).insert({
      reportId: id,
      version: reopened.version,
      edition: reopened.edition,
      societyId: current.societyId,
      groupId: current.groupId,
      writtenByMemberId: me,
      validated: false,
      ...sectionsOf(latest),
    });
    ctx.loaders.reportTextByReportId.clear(id);
    await ctx.audit({
      action: 'meeting-report.reopen',
      entityType: 'MeetingReport',
      entityId: id,
      societyId: current.societyId,
      changedFields: ['status', 'edition'],
    });
    return reopened;
  },
};
