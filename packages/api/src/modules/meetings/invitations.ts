import type { RequestContext } from '../../common/request-context';
import type { Meeting } from './meeting.entities';

export type MeetingChange = 'planned' | 'updated' | 'cancelled';

/**
 * Tells the group's members about a planned, moved or cancelled meeting (e-mail with an .ics
 * invitation, after the commit) and (re)schedules its reminder. Implemented with the invitations
 * work (see docs); called by the meetings service at each change.
 */
export async function notifyMeetingChange(_ctx: RequestContext, _meeting: Meeting, _change: MeetingChange): Promise<void> {
  // Filled in by the invitations module (issue 4, in progress).
}
