import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { Can } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { Member } from '../members/member.entity';
import { Reference } from '../references/reference.entities';
import { Meeting, MeetingRole } from './meeting.entities';
import { OpenQuestion } from './open-question.entities';
import { openQuestionService } from './open-question.service';

@ObjectType({ description: 'Ordre du jour en trois parties' })
export class MeetingAgendaType {
  @Field(() => [OpenQuestion], { description: '1. Réponses aux questions restées en suspens' })
  openQuestions: OpenQuestion[];

  @Field(() => [MeetingRole], { description: '2. Les cas à présenter (présentateurs)' })
  presentations: MeetingRole[];

  @Field(() => [OpenQuestion], {
    description: '3. Les questions à chercher pour la prochaine fois',
  })
  newQuestions: OpenQuestion[];

  /** The meeting, for fields other modules add to its agenda (not a GraphQL field). */
  meeting?: Meeting;
}

@Resolver(() => OpenQuestion)
export class OpenQuestionResolver {
  @Can('create', 'OpenQuestion')
  @Mutation(() => OpenQuestion, {
    description: 'Une question à chercher, confiée à un(e) volontaire',
  })
  raiseOpenQuestion(
    @Ctx() ctx: RequestContext,
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('question') question: string,
    @Arg('volunteerMemberId', () => ID, { nullable: true }) volunteerMemberId?: string,
  ) {
    return openQuestionService.raise(ctx, meetingId, question, volunteerMemberId);
  }

  @Can('update', 'OpenQuestion')
  @Mutation(() => OpenQuestion, { description: 'La réponse, apportée à une réunion suivante' })
  answerOpenQuestion(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('answer') answer: string,
    @Arg('referenceIds', () => [ID], {
      nullable: true,
      description: 'Les références de la réponse (bibliothèque du groupe)',
    })
    referenceIds?: string[],
  ) {
    return openQuestionService.answer(ctx, id, version, meetingId, answer, referenceIds);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Le texte, pour le groupe et son binôme ; sinon null',
  })
  async question(@Root() question: OpenQuestion, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.questionTextById.load(question.id))?.question ?? null;
  }

  @FieldResolver(() => String, { nullable: true })
  async answer(@Root() question: OpenQuestion, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.questionTextById.load(question.id))?.answer ?? null;
  }

  @FieldResolver(() => [Reference], { description: 'Les références de la réponse' })
  references(@Root() question: OpenQuestion, @Ctx() ctx: RequestContext) {
    return ctx.loaders.referencesByTarget.load(question.id);
  }

  @FieldResolver(() => Boolean, { description: 'Vrai quand le texte est confidentiel pour vous' })
  async confidential(@Root() question: OpenQuestion, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.questionTextById.load(question.id)) === null;
  }

  @FieldResolver(() => Member, { nullable: true })
  volunteer(@Root() question: OpenQuestion, @Ctx() ctx: RequestContext) {
    return question.volunteerMemberId
      ? ctx.loaders.memberById.load(question.volunteerMemberId)
      : null;
  }
}

@Resolver(() => Meeting)
export class MeetingAgendaResolver {
  @FieldResolver(() => MeetingAgendaType, {
    description: "L'ordre du jour, construit automatiquement",
  })
  async agenda(@Root() meeting: Meeting, @Ctx() ctx: RequestContext): Promise<MeetingAgendaType> {
    const [agenda, roles] = await Promise.all([
      ctx.loaders.agendaByMeetingId.load(meeting.id),
      ctx.loaders.rolesByMeetingId.load(meeting.id),
    ]);
    const visible: string[] = [];
    for (const question of [...agenda.openQuestions, ...agenda.newQuestions]) {
      if (await openQuestionService.canRead(ctx, question)) visible.push(question.id);
    }
    return {
      openQuestions: agenda.openQuestions.filter((question) => visible.includes(question.id)),
      presentations: roles.filter((role) => role.role === 'PRESENTER'),
      newQuestions: agenda.newQuestions.filter((question) => visible.includes(question.id)),
      meeting,
    };
  }
}
