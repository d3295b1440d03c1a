import { yearInParis, runsGroup } from '@epairs/shared';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Can, SignedIn } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { complianceQueries } from '../compliance/compliance.queries';
import { complianceOf } from '../compliance/compliance.service';
import { ComplianceFilter } from '../compliance/compliance.types';
import { PeerGroup } from '../groups/group.entities';
import { Member } from '../members/member.entity';
import { Attendance, Meeting, MeetingRole, SessionRoleEnum } from './meeting.entities';
import { meetingCalendarService } from './meeting-calendar.service';
import { meetingService } from './meeting.service';
import {
  GroupProgrammeType,
  MeetingFilter,
  MemberComplianceType,
  MemberRoleCount,
  PlanMeetingArgs,
  RotationPlanType,
  SigningCredentials,
  UpdateMeetingArgs,
} from './meeting.types';
import type { SessionRole } from '@epairs/shared';

@Resolver(() => Meeting)
export class MeetingResolver {
  @Can('read', 'Meeting')
  @Query(() => Meeting, { name: 'Meeting', nullable: true })
  meeting(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return meetingService.findOne(ctx, id);
  }

  @Can('read', 'Meeting')
  @Query(() => [Meeting])
  allMeetings(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => MeetingFilter, { nullable: true }) filter?: MeetingFilter,
  ) {
    return meetingService.list(ctx, args, filter);
  }

  @Can('read', 'Meeting')
  @Query(() => ListMetadata)
  async _allMeetingsMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => MeetingFilter, { nullable: true }) filter?: MeetingFilter,
  ) {
    return { count: await meetingService.count(ctx, filter) };
  }

  @Can('create', 'Meeting')
  @Query(() => RotationPlanType, {
    description: 'Propositions de rotation des rôles (à accepter ou modifier)',
  })
  rotationProposal(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    return meetingService.proposeRotation(ctx, groupId, year);
  }

  @Can('update', 'Attendance')
  @Query(() => SigningCredentials, {
    description: "QR code tournant et code de secours de l'émargement",
  })
  signingCredentials(@Ctx() ctx: RequestContext, @Arg('meetingId', () => ID) meetingId: string) {
    return meetingService.signingCredentials(ctx, meetingId);
  }

  @Can('read', 'Meeting')
  @Query(() => String, {
    description:
      "La réunion au format iCalendar (.ics), comme dans l'invitation : « ajouter à mon agenda » (membres du groupe)",
  })
  meetingCalendar(@Ctx() ctx: RequestContext, @Arg('meetingId', () => ID) meetingId: string) {
    return meetingCalendarService.calendar(ctx, meetingId);
  }

  @SignedIn()
  @Query(() => MemberComplianceType, { description: "Conformité d'un membre pour une année" })
  memberCompliance(
    @Ctx() ctx: RequestContext,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    return complianceQueries.member(ctx, memberId, year ?? yearInParis());
  }

  @Can('read', 'Compliance')
  @Query(() => [MemberComplianceType], { description: 'Qui est en deçà des seuils, et pourquoi' })
  complianceReport(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => ComplianceFilter, { nullable: true }) filter?: ComplianceFilter,
  ) {
    return complianceQueries.report(ctx, filter);
  }

  @Can('create', 'Meeting')
  @Mutation(() => Meeting, {
    description: 'Planifie une réunion (les membres reçoivent une invitation)',
  })
  planMeeting(@Ctx() ctx: RequestContext, @Args(() => PlanMeetingArgs) args: PlanMeetingArgs) {
    return meetingService.plan(ctx, args);
  }

  @Can('update', 'Meeting')
  @Mutation(() => Meeting)
  updateMeeting(
    @Ctx() ctx: RequestContext,
    @Args(() => UpdateMeetingArgs) args: UpdateMeetingArgs,
  ) {
    return meetingService.update(ctx, args);
  }

  @Can('update', 'Meeting')
  @Mutation(() => Meeting)
  cancelMeeting(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('reason') reason: string,
  ) {
    return meetingService.cancel(ctx, id, version, reason);
  }

  @Can('update', 'Meeting')
  @Mutation(() => MeetingRole)
  assignMeetingRole(
    @Ctx() ctx: RequestContext,
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('role', () => SessionRoleEnum) role: SessionRole,
  ) {
    return meetingService.assignRole(ctx, meetingId, memberId, role);
  }

  @Can('update', 'Meeting')
  @Mutation(() => MeetingRole)
  removeMeetingRole(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return meetingService.removeRole(ctx, id);
  }

  @Can('update', 'Meeting')
  @Mutation(() => MeetingRole, {
    description: 'Tire au sort un présentateur parmi ceux qui n’ont pas présenté cette année',
  })
  drawPresenter(@Ctx() ctx: RequestContext, @Arg('meetingId', () => ID) meetingId: string) {
    return meetingService.drawPresenter(ctx, meetingId);
  }

  @Can('create', 'Meeting')
  @Mutation(() => RotationPlanType, {
    description: 'Accepte les propositions de rotation pour les réunions prévues',
  })
  applyRotation(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID) groupId: string,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    return meetingService.applyRotation(ctx, groupId, year);
  }

  @Can('create', 'Attendance')
  @Mutation(() => Attendance, {
    description: 'Émarger : avec le jeton du QR code, ou la réunion et le code de secours',
  })
  signAttendance(
    @Ctx() ctx: RequestContext,
    @Arg('token', () => String, { nullable: true }) token?: string,
    @Arg('meetingId', () => ID, { nullable: true }) meetingId?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
  ) {
    return meetingService.sign(ctx, { token, meetingId, code });
  }

  @Can('update', 'Attendance')
  @Mutation(() => Attendance, { description: 'Absence excusée (jamais une signature pour autrui)' })
  recordExcusedAbsence(
    @Ctx() ctx: RequestContext,
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('memberId', () => ID) memberId: string,
  ) {
    return meetingService.excuse(ctx, meetingId, memberId);
  }

  @Can('update', 'Attendance')
  @Mutation(() => Attendance, { description: 'Correction après clôture, avec un motif' })
  correctAttendance(
    @Ctx() ctx: RequestContext,
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('present') present: boolean,
    @Arg('reason') reason: string,
  ) {
    return meetingService.correct(ctx, meetingId, memberId, present ? 'SIGNED' : 'EXCUSED', reason);
  }

  @Can('update', 'Meeting')
  @Mutation(() => Meeting, { description: "Clôt la feuille d'émargement : la réunion est tenue" })
  closeAttendanceSheet(@Ctx() ctx: RequestContext, @Arg('meetingId', () => ID) meetingId: string) {
    return meetingService.closeSheet(ctx, meetingId);
  }

  @Can('update', 'Meeting')
  @Mutation(() => Int, {
    description:
      "Relance les membres qui n'ont pas répondu (l'invitation et son .ics, à nouveau) ; combien",
  })
  remindMeetingMembers(@Ctx() ctx: RequestContext, @Arg('meetingId', () => ID) meetingId: string) {
    return meetingService.remindUnanswered(ctx, meetingId);
  }

  @FieldResolver(() => PeerGroup, { nullable: true })
  group(@Root() meeting: Meeting, @Ctx() ctx: RequestContext) {
    return ctx.loaders.groupById.load(meeting.groupId);
  }

  @FieldResolver(() => [MeetingRole], { description: 'Animateur, secrétaire, présentateurs' })
  roles(@Root() meeting: Meeting, @Ctx() ctx: RequestContext) {
    return ctx.loaders.rolesByMeetingId.load(meeting.id);
  }

  @FieldResolver(() => [Attendance], {
    description: "La feuille d'émargement (membres du groupe, administrateurs)",
  })
  attendance(@Root() meeting: Meeting, @Ctx() ctx: RequestContext) {
    return ctx.loaders.attendanceByMeetingId.load(meeting.id);
  }

  @FieldResolver(() => Date, { description: 'Fin de la réunion' })
  endsAt(@Root() meeting: Meeting) {
    return new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
  }
}

@Resolver(() => MeetingRole)
export class MeetingRoleResolver {
  @FieldResolver(() => Member, { nullable: true })
  member(@Root() role: MeetingRole, @Ctx() ctx: RequestContext) {
    return ctx.loaders.memberById.load(role.memberId);
  }
}

@Resolver(() => Attendance)
export class AttendanceResolver {
  @FieldResolver(() => Member, { nullable: true })
  member(@Root() line: Attendance, @Ctx() ctx: RequestContext) {
    return ctx.loaders.memberById.load(line.memberId);
  }
}

@Resolver(() => PeerGroup)
export class GroupProgrammeResolver {
  @FieldResolver(() => GroupProgrammeType, {
    nullable: true,
    description: "Le programme de l'année face aux seuils",
  })
  programme(
    @Root() group: PeerGroup,
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    return ctx.loaders.programme.load(`${group.id}:${year ?? yearInParis()}`);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Membres actuels en deçà des seuils de l'année (personne-relais et administrateurs)",
  })
  async membersBelowThreshold(
    @Root() group: PeerGroup,
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    const { user } = await ctx.requireAuth();
    if (!runsGroup(user, group)) return null;
    const memberships = await ctx.loaders.membershipsByGroupId.load(group.id);
    const years = await ctx.loaders.memberYear.loadMany(
      memberships.map((membership) => `${membership.memberId}:${year ?? yearInParis()}`),
    );
    return years.filter((row) => row && !(row instanceof Error) && !complianceOf(row).compliant)
      .length;
  }

  @FieldResolver(() => [MemberRoleCount], {
    description: 'Rôles tenus par chaque membre dans l’année',
  })
  roleCounts(
    @Root() group: PeerGroup,
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
  ) {
    return ctx.loaders.roleCounts.load(`${group.id}:${year ?? yearInParis()}`);
  }
}

@Resolver(() => MemberRoleCount)
export class MemberRoleCountResolver {
  @FieldResolver(() => Member, { nullable: true })
  member(@Root() count: MemberRoleCount, @Ctx() ctx: RequestContext) {
    return ctx.loaders.memberById.load(count.memberId);
  }
}
