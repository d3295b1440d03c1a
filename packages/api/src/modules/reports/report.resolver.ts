import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { ClinicalCase } from '../clinical-cases/clinical-case.entities';
import { Meeting } from '../meetings/meeting.entities';
import { subject } from '@epairs/shared';
import { Member } from '../members/member.entity';
import { Reference } from '../references/reference.entities';
import { MeetingReport } from './report.entities';
import { approvedRevision, attendanceListOf, reportService, reviewersOf } from './report.service';
import { MeetingReportEdition, MeetingReportInput, ReportAttendee } from './report.types';

/** The text the caller may read, or null where it is confidential (administrators, others). */
const textOf = (ctx: RequestContext, report: MeetingReport) =>
  ctx.loaders.reportTextByReportId.load(report.id);

@Resolver(() => MeetingReport)
export class MeetingReportResolver {
  @Can('read', 'MeetingReport')
  @Query(() => MeetingReport, { name: 'MeetingReport', nullable: true })
  meetingReport(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return reportService.findOne(ctx, id);
  }

  @Can('read', 'MeetingReport')
  @Query(() => MeetingReport, { nullable: true, description: 'Le compte-rendu d’une réunion' })
  meetingReportOfMeeting(
    @Ctx() ctx: RequestContext,
    @Arg('meetingId', () => ID) meetingId: string,
  ) {
    return reportService.forMeeting(ctx, meetingId);
  }

  @Can('read', 'MeetingReport')
  @Query(() => [MeetingReport], { description: 'Les comptes-rendus d’un groupe, du plus récent' })
  groupMeetingReports(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string) {
    return reportService.listForGroup(ctx, groupId);
  }

  @Can('create', 'MeetingReport')
  @Mutation(() => MeetingReport, { description: 'Le brouillon du ou de la secrétaire de séance' })
  createMeetingReport(
    @Ctx() ctx: RequestContext,
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('input', () => MeetingReportInput) input: MeetingReportInput,
  ) {
    return reportService.create(ctx, meetingId, input);
  }

  @Can('update', 'MeetingReport')
  @Mutation(() => MeetingReport, {
    description:
      'Nouvelle révision du texte (secrétaire en brouillon, présents en relecture) ; version lue requise',
  })
  updateMeetingReport(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => MeetingReportInput) input: MeetingReportInput,
  ) {
    return reportService.update(ctx, id, version, input);
  }

  @Can('submit', 'MeetingReport')
  @Mutation(() => MeetingReport, { description: 'Soumis à la relecture des présents' })
  submitMeetingReportForReview(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ) {
    return reportService.submitForReview(ctx, id, version);
  }

  @Can('submit', 'MeetingReport')
  @Mutation(() => MeetingReport, {
    description: 'Approuvé par un présent ; validé et figé quand la règle du groupe est atteinte',
  })
  approveMeetingReport(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ) {
    return reportService.approve(ctx, id, version);
  }

  @Can('update', 'MeetingReport')
  @Mutation(() => MeetingReport, {
    description: 'Nouvelle version d’un compte-rendu validé (l’ancienne est conservée)',
  })
  reopenMeetingReport(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ) {
    return reportService.reopen(ctx, id, version);
  }

  @FieldResolver(() => Boolean, { description: 'Vrai quand le texte est confidentiel pour vous' })
  async confidential(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, report)) === null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Les cas présentés' })
  async casesDiscussed(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, report))?.casesDiscussed ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Les problèmes identifiés' })
  async problemsIdentified(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, report))?.problemsIdentified ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Les réponses du groupe' })
  async groupAnswers(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, report))?.groupAnswers ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Les points d’accord' })
  async agreementPoints(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, report))?.agreementPoints ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Les points de désaccord' })
  async disagreementPoints(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, report))?.disagreementPoints ?? null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'La révision du texte que vous lisez (null si confidentiel)',
  })
  async readTextVersion(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, report))?.version ?? null;
  }

  @FieldResolver(() => [MeetingReportEdition], {
    description: 'Les versions validées, conservées telles quelles (vide si confidentiel)',
  })
  async editions(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    const texts = await ctx.loaders.validatedTextsByReportId.load(report.id);
    return texts.map((text) => ({ ...text, textVersion: text.version }));
  }

  @FieldResolver(() => [ReportAttendee], {
    description: 'Les présents, d’après la feuille signée, avec leur approbation',
  })
  async attendees(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    // Once submitted, the list kept on the report; before, the sheet as it stands.
    const [list, approvals, text] = await Promise.all([
      report.attendanceList ?? attendanceListOf(ctx, report.meetingId),
      ctx.loaders.approvalsByReportId.load(report.id),
      textOf(ctx, report),
    ]);
    const approvedVersion = approvedRevision(report, text);
    const members = await ctx.loaders.memberById.loadMany(list.map((row) => row.memberId));
    const { ability } = await ctx.requireAuth();
    return list.map((row, index) => {
      const member = members[index] instanceof Member ? (members[index] as Member) : null;
      return {
        memberId: row.memberId,
        name: row.name || null,
        // The binôme reads names on the report, not the members' profiles.
        member: member && ability.can('read', subject('Member', { ...member })) ? member : null,
        approvedAt:
          approvals.find(
            (approval) =>
              approval.memberId === row.memberId && approval.textVersion === approvedVersion,
          )?.approvedAt ?? null,
      };
    });
  }

  @FieldResolver(() => Boolean, { description: 'Vous pouvez amender ce compte-rendu maintenant' })
  async mayAmend(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    const { user } = await ctx.requireAuth();
    if (!user.memberId || !user.memberGroupIds.includes(report.groupId)) return false;
    if (report.status === 'DRAFT') return report.draftedByMemberId === user.memberId;
    if (report.status !== 'SUBMITTED_FOR_REVIEW') return false;
    return (await reviewersOf(ctx, report)).includes(user.memberId);
  }

  @FieldResolver(() => Boolean, { description: 'Vous pouvez approuver la révision en cours' })
  async mayApprove(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    const { user } = await ctx.requireAuth();
    if (!user.memberId || report.status !== 'SUBMITTED_FOR_REVIEW') return false;
    if (!user.memberGroupIds.includes(report.groupId)) return false;
    const [attendees, approvals] = await Promise.all([
      reviewersOf(ctx, report),
      ctx.loaders.approvalsByReportId.load(report.id),
    ]);
    return (
      attendees.includes(user.memberId) &&
      !approvals.some(
        (approval) =>
          approval.memberId === user.memberId && approval.textVersion === report.textVersion,
      )
    );
  }

  @FieldResolver(() => Meeting, { nullable: true })
  meeting(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return ctx.loaders.meetingById.load(report.meetingId);
  }

  @FieldResolver(() => [ClinicalCase], {
    description: 'Les cas écrits présentés à la réunion (ceux que vous pouvez voir)',
  })
  async cases(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    const cases = await ctx.loaders.casesByMeetingId.load(report.meetingId);
    const { ability } = await ctx.requireAuth();
    return cases.filter((found) =>
      ability.can(
        'read',
        subject('ClinicalCase', {
          id: found.id,
          societyId: found.societyId,
          groupId: found.groupId,
          authorMemberId: found.authorMemberId,
          status: found.status,
        }),
      ),
    );
  }

  @FieldResolver(() => [Reference], { description: 'Les références utilisées' })
  references(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return ctx.loaders.referencesByTarget.load(report.id);
  }
}
