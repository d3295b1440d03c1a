import type { RsvpAnswer } from '@epairs/shared';
import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import { groupedBy } from '../../common/db/by-ids';
import { conflict, forbidden, notFound } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/validation';
import { Member } from '../members/member.entity';
import { Meeting, MeetingRsvp, RsvpAnswerEnum } from './meeting.entities';
import { rsvpClosedReason, saveRsvp } from './rsvp-link';
import { anyOf } from '../../common/db/any-of';

/** Answers to each meeting's invitation, those the person may see (row-level security decides). */
export function createRsvpLoaders(ctx: RequestContext) {
  return {
    rsvpsByMeetingId: new DataLoader<string, MeetingRsvp[]>(async (meetingIds) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(MeetingRsvp).find({
        where: { meetingId: anyOf(meetingIds) },
        order: { answeredAt: 'ASC', memberId: 'ASC' },
      });
      return groupedBy(meetingIds, rows, (row) => row.meetingId);
    }),
  };
}

/**
 * The signed-in member answers its group's meeting invitation (the e-mailed links do the same,
 * modules/meetings/rsvp-link.ts). Only a current member of the group, while the meeting is planned
 * and has not started.
 */
async function answerInvitation(
  ctx: RequestContext,
  meetingId: string,
  answer: RsvpAnswer,
): Promise<MeetingRsvp> {
  const { user } = await ctx.requireAuth();
  const manager = await ctx.manager();
  // Row-level security shows a meeting to its group, its binômes and its administrators only.
  const meeting = isUuid(meetingId)
    ? await manager.getRepository(Meeting).findOneBy({ id: meetingId })
    : null;
  if (!meeting) throw notFound('Réunion');
  if (!user.memberId || !user.memberGroupIds.includes(meeting.groupId)) {
    throw forbidden('Seuls les membres du groupe répondent à cette invitation.');
  }
  const closed = rsvpClosedReason(meeting);
  if (closed) throw conflict(closed, { field: 'meetingId' });
  await saveRsvp(manager, {
    meetingId: meeting.id,
    memberId: user.memberId,
    societyId: meeting.societyId,
    answer,
  });
  ctx.loaders.rsvpsByMeetingId.clear(meeting.id);
  await ctx.audit({
    action: 'meeting.rsvp',
    entityType: 'Meeting',
    entityId: meeting.id,
    societyId: meeting.societyId,
    changedFields: ['answer'],
  });
  return manager
    .getRepository(MeetingRsvp)
    .findOneByOrFail({ meetingId: meeting.id, memberId: user.memberId });
}

@Resolver(() => MeetingRsvp)
export class MeetingRsvpResolver {
  @Can('read', 'Meeting')
  @Mutation(() => MeetingRsvp, {
    nullable: true,
    description: 'Répondre à l’invitation d’une réunion de son groupe (oui, non, peut-être)',
  })
  rsvpMeeting(
    @Ctx() ctx: RequestContext,
    @Arg('meetingId', () => ID) meetingId: string,
    @Arg('answer', () => RsvpAnswerEnum) answer: RsvpAnswer,
  ) {
    return answerInvitation(ctx, meetingId, answer);
  }

  @FieldResolver(() => Member, { nullable: true })
  member(@Root() rsvp: MeetingRsvp, @Ctx() ctx: RequestContext) {
    return ctx.loaders.memberById.load(rsvp.memberId);
  }
}

@Resolver(() => Meeting)
export class MeetingRsvpFieldsResolver {
  @FieldResolver(() => MeetingRsvp, {
    nullable: true,
    description: 'Votre réponse à l’invitation (null : pas encore répondu)',
  })
  async myRsvp(@Root() meeting: Meeting, @Ctx() ctx: RequestContext) {
    const memberId = (await ctx.auth())?.user.memberId;
    if (!memberId) return null;
    const answers = await ctx.loaders.rsvpsByMeetingId.load(meeting.id);
    return answers.find((answer) => answer.memberId === memberId) ?? null;
  }

  @FieldResolver(() => [MeetingRsvp], {
    description: 'Les réponses du groupe (visibles par ses membres et ses administrateurs)',
  })
  rsvps(@Root() meeting: Meeting, @Ctx() ctx: RequestContext) {
    return ctx.loaders.rsvpsByMeetingId.load(meeting.id);
  }
}
