import type { RsvpAnswer } from '@epairs/shared';
import { forbidden, notFound } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/validation';
import { meetingCalendar } from './invitations';
import { meetingService } from './meeting.service';

export const meetingCalendarService = {
  /**
   * "Add to my calendar": the .ics the member's invitation e-mail carries (same UID and SEQUENCE,
   * so the calendar updates the event instead of adding a second one), for a current member of
   * the meeting's group only.
   */
  async calendar(ctx: RequestContext, meetingId: string): Promise<string> {
    const { user } = await ctx.requireAuth();
    const meeting = isUuid(meetingId) ? await meetingService.findOne(ctx, meetingId) : null;
    if (!meeting) throw notFound('Réunion');
    if (!user.memberId || !user.memberGroupIds.includes(meeting.groupId))
      throw forbidden('Seuls les membres du groupe ajoutent ses réunions à leur agenda.');
    const manager = await ctx.manager();
    const [me] = (await manager.query(
      `SELECT u.email, u.first_name, u.last_name, u.locale,
              (SELECT r.answer FROM meeting_rsvp r WHERE r.meeting_id = $2 AND r.member_id = $3) AS answer
         FROM user_account u WHERE u.id = $1`,
      [user.id, meeting.id, user.memberId],
    )) as {
      email: string;
      first_name: string;
      last_name: string;
      locale: string;
      answer: RsvpAnswer | null;
    }[];
    const group = await ctx.loaders.groupById.load(meeting.groupId);
    if (!me || !group) throw notFound('Réunion');
    return meetingCalendar(
      ctx.services,
      meeting,
      group.name,
      {
        email: me.email,
        firstName: me.first_name,
        lastName: me.last_name,
        locale: me.locale === 'en' ? 'en' : 'fr',
        answer: me.answer,
      },
      meeting.status === 'CANCELLED' ? 'cancelled' : 'planned',
    ).content;
  },
};
