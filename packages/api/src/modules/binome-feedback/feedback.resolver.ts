import { loopStatus, subject, type LoopStatus } from '@epairs/shared';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { ClinicalCase } from '../clinical-cases/clinical-case.entities';
import { PeerGroup } from '../groups/group.entities';
import { MeetingAgendaType } from '../meetings/open-question.resolver';
import { Member } from '../members/member.entity';
import { MeetingReport } from '../reports/report.entities';
import { reportService } from '../reports/report.service';
import { clinicalCaseService } from '../clinical-cases/clinical-case.service';
import { User } from '../users/user.entity';
import { BinomeFeedback, LoopStatusEnum } from './feedback.entities';
import { feedbackRecord, feedbackService } from './feedback.service';
import { BinomeFeedbackInput, BinomeQueueItem } from './feedback.types';

const textOf = (ctx: RequestContext, feedback: BinomeFeedback) =>
  ctx.loaders.feedbackTextById.load(feedback.id);

/** Feedback the caller may see (the group sees it once sent). */
async function visible(ctx: RequestContext, rows: BinomeFeedback[]): Promise<BinomeFeedback[]> {
  const { ability } = await ctx.requireAuth();
  return rows.filter((row) => ability.can('read', subject('BinomeFeedback', feedbackRecord(row))));
}

@Resolver(() => BinomeFeedback)
export class BinomeFeedbackResolver {
  @Can('read', 'BinomeFeedback')
  @Query(() => BinomeFeedback, { name: 'BinomeFeedback', nullable: true })
  binomeFeedback(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return feedbackService.findOne(ctx, id);
  }

  @Can('read', 'BinomeFeedback')
  @Query(() => [BinomeFeedback], {
    description: 'Les retours du binôme sur le travail d’un groupe',
  })
  groupBinomeFeedback(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string) {
    return feedbackService.listForGroup(ctx, groupId);
  }

  @Can('read', 'BinomeFeedback')
  @Query(() => [BinomeQueueItem], {
    description:
      'Comptes-rendus validés et cas transmis, du plus ancien, avec l’état de la boucle (file du binôme)',
  })
  binomeQueue(
    @Ctx() ctx: RequestContext,
    @Arg('groupId', () => ID, { nullable: true }) groupId?: string,
    @Arg('waitingOnly', () => Boolean, { nullable: true }) waitingOnly?: boolean,
    @Arg('olderThanDays', () => Int, {
      nullable: true,
      description: 'Seulement ce qui attend depuis plus de ce nombre de jours',
    })
    olderThanDays?: number,
    @Arg('societyId', () => ID, { nullable: true }) societyId?: string,
  ) {
    return feedbackService.queue(ctx, { groupId, waitingOnly, olderThanDays, societyId });
  }

  @Can('create', 'BinomeFeedback')
  @Mutation(() => BinomeFeedback, {
    description: 'Un retour en brouillon, sur un compte-rendu ou un cas',
  })
  createBinomeFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => BinomeFeedbackInput) input: BinomeFeedbackInput,
    @Arg('reportId', () => ID, { nullable: true }) reportId?: string,
    @Arg('caseId', () => ID, { nullable: true }) caseId?: string,
  ) {
    return feedbackService.create(ctx, { reportId, caseId }, input);
  }

  @Can('update', 'BinomeFeedback')
  @Mutation(() => BinomeFeedback)
  updateBinomeFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => BinomeFeedbackInput) input: BinomeFeedbackInput,
  ) {
    return feedbackService.update(ctx, id, version, input);
  }

  @Can('update', 'BinomeFeedback')
  @Mutation(() => BinomeFeedback, { description: 'Cosigné par l’autre correspondant(e)' })
  cosignBinomeFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ) {
    return feedbackService.cosign(ctx, id, version);
  }

  @Can('submit', 'BinomeFeedback')
  @Mutation(() => BinomeFeedback, { description: 'Envoyé au groupe' })
  sendBinomeFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
  ) {
    return feedbackService.send(ctx, id, version);
  }

  @Can('update', 'BinomeFeedback')
  @Mutation(() => BinomeFeedback, {
    description: 'La réponse du groupe, après en avoir débattu en réunion',
  })
  respondToBinomeFeedback(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('response') response: string,
  ) {
    return feedbackService.respond(ctx, id, version, meetingId, response);
  }

  @FieldResolver(() => Boolean, { description: 'Vrai quand le texte est confidentiel pour vous' })
  async confidential(@Root() feedback: BinomeFeedback, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, feedback)) === null;
  }

  @FieldResolver(() => [String], { nullable: true, description: 'Les questions du binôme' })
  async questions(@Root() feedback: BinomeFeedback, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, feedback))?.questions ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Ses remarques' })
  async remarks(@Root() feedback: BinomeFeedback, @Ctx() ctx: RequestContext) {
    return (await textOf(ctx, feedback))?.remarks ?? null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'La réponse consignée par le groupe',
  })
  async response(@Root() feedback: BinomeFeedback, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.feedbackResponseById.load(feedback.id))?.response ?? null;
  }

  @FieldResolver(() => Member, { nullable: true, description: 'Qui a consigné la réponse' })
  async respondedBy(@Root() feedback: BinomeFeedback, @Ctx() ctx: RequestContext) {
    const response = await ctx.loaders.feedbackResponseById.load(feedback.id);
    return response ? ctx.loaders.memberById.load(response.writtenByMemberId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  author(@Root() feedback: BinomeFeedback, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(feedback.authorUserId);
  }

  @FieldResolver(() => User, { nullable: true })
  cosignedBy(@Root() feedback: BinomeFeedback, @Ctx() ctx: RequestContext) {
    return feedback.cosignedByUserId ? ctx.loaders.userById.load(feedback.cosignedByUserId) : null;
  }
}

@Resolver(() => BinomeQueueItem)
export class BinomeQueueItemResolver {
  @FieldResolver(() => PeerGroup, { nullable: true })
  group(@Root() item: BinomeQueueItem, @Ctx() ctx: RequestContext) {
    return ctx.loaders.groupById.load(item.groupId);
  }

  @FieldResolver(() => MeetingReport, { nullable: true })
  report(@Root() item: BinomeQueueItem, @Ctx() ctx: RequestContext) {
    return item.reportId ? reportService.findOne(ctx, item.reportId) : null;
  }

  @FieldResolver(() => ClinicalCase, { nullable: true })
  clinicalCase(@Root() item: BinomeQueueItem, @Ctx() ctx: RequestContext) {
    return item.caseId ? clinicalCaseService.findOne(ctx, item.caseId) : null;
  }

  @FieldResolver(() => [BinomeFeedback])
  async feedback(@Root() item: BinomeQueueItem, @Ctx() ctx: RequestContext) {
    const rows = item.reportId
      ? await ctx.loaders.feedbackByReportId.load(item.reportId)
      : await ctx.loaders.feedbackByCaseId.load(item.caseId!);
    return visible(ctx, rows);
  }
}

@Resolver(() => MeetingReport)
export class ReportFeedbackResolver {
  @FieldResolver(() => [BinomeFeedback], { description: 'Les retours du binôme' })
  async binomeFeedback(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return visible(ctx, await ctx.loaders.feedbackByReportId.load(report.id));
  }

  @FieldResolver(() => LoopStatusEnum, {
    nullable: true,
    description: 'Où en est la boucle avec le binôme (une fois validé)',
  })
  async loopStatus(
    @Root() report: MeetingReport,
    @Ctx() ctx: RequestContext,
  ): Promise<LoopStatus | null> {
    if (report.validatedEdition === null) return null;
    const rows = await ctx.loaders.feedbackByReportId.load(report.id);
    // The loop of the latest validated edition: a new edition waits for the binôme again.
    return loopStatus(
      rows.filter((row) => row.reportEdition === report.validatedEdition).map((row) => row.status),
    );
  }
}

@Resolver(() => ClinicalCase)
export class CaseFeedbackResolver {
  @FieldResolver(() => [BinomeFeedback], { description: 'Les retours du binôme' })
  async binomeFeedback(@Root() found: ClinicalCase, @Ctx() ctx: RequestContext) {
    return visible(ctx, await ctx.loaders.feedbackByCaseId.load(found.id));
  }

  @FieldResolver(() => LoopStatusEnum, { nullable: true })
  async loopStatus(
    @Root() found: ClinicalCase,
    @Ctx() ctx: RequestContext,
  ): Promise<LoopStatus | null> {
    if (found.status !== 'SUBMITTED_TO_BINOME') return null;
    const rows = await ctx.loaders.feedbackByCaseId.load(found.id);
    return loopStatus(rows.map((row) => row.status));
  }
}

@Resolver(() => MeetingAgendaType)
export class AgendaFeedbackResolver {
  @FieldResolver(() => [BinomeFeedback], {
    description:
      'Les retours du binôme à débattre : envoyés avant la réunion et pas encore discutés, ou discutés à celle-ci',
  })
  async binomeFeedback(@Root() agenda: MeetingAgendaType, @Ctx() ctx: RequestContext) {
    const meeting = agenda.meeting;
    if (!meeting) return [];
    const rows = await ctx.loaders.feedbackByGroupId.load(meeting.groupId);
    return visible(
      ctx,
      rows.filter(
        (row) =>
          (row.status === 'SENT' && row.sentAt!.getTime() <= meeting.startsAt.getTime()) ||
          row.discussedAtMeetingId === meeting.id,
      ),
    );
  }
}
