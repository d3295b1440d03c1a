import DataLoader from 'dataloader';
import type { RequestContext } from '../../common/request-context';
import type { Meeting } from './meeting.entities';
import { OpenQuestion, OpenQuestionText } from './open-question.entities';
import { anyOf } from '../../common/db/any-of';

export interface MeetingAgenda {
  /** (1) Questions left open at earlier meetings (and those answered at this one). */
  openQuestions: OpenQuestion[];
  /** (3) Questions raised at this meeting, each with its volunteer. */
  newQuestions: OpenQuestion[];
}

/**
 * Agenda loaders: one statement for the questions of all the groups of the meetings asked for, and
 * one for the texts the person may read (the group and its binôme; for others, none).
 */
export function createAgendaLoaders(ctx: RequestContext) {
  return {
    agendaByMeetingId: new DataLoader<string, MeetingAgenda>(
      async (meetingIds): Promise<MeetingAgenda[]> => {
        const loaded: (Meeting | Error | null)[] = await ctx.loaders.meetingById.loadMany([
          ...meetingIds,
        ]);
        const meetings: (Meeting | null)[] = loaded.map((meeting) =>
          meeting instanceof Error ? null : meeting,
        );
        const groupIds = [...new Set(meetings.filter((m) => m !== null).map((m) => m!.groupId))];
        const manager = await ctx.manager();
        const questions = groupIds.length
          ? ((await manager.query(
              `SELECT q.*, rm.starts_at AS raised_starts_at FROM open_question q JOIN meeting rm ON rm.id = q.raised_at_meeting_id
              WHERE q.group_id = ANY($1) ORDER BY rm.starts_at, q.created_at, q.id`,
              [groupIds],
            )) as (Record<string, unknown> & { raised_starts_at: Date })[])
          : [];
        const entities = questions.map((row) => ({
          entity: manager.getRepository(OpenQuestion).create({
            id: row.id as string,
            societyId: row.society_id as string,
            groupId: row.group_id as string,
            raisedAtMeetingId: row.raised_at_meeting_id as string,
            volunteerMemberId: row.volunteer_member_id as string | null,
            status: row.status as 'OPEN' | 'ANSWERED',
            answeredAtMeetingId: row.answered_at_meeting_id as string | null,
            createdAt: row.created_at as Date,
            updatedAt: row.updated_at as Date,
            version: row.version as number,
          }),
          raisedAt: row.raised_starts_at,
        }));
        return meetings.map((meeting) => {
          if (!meeting) return { openQuestions: [], newQuestions: [] };
          const mine = entities.filter((item) => item.entity.groupId === meeting.groupId);
          return {
            openQuestions: mine
              .filter(
                (item) =>
                  item.raisedAt.getTime() < meeting.startsAt.getTime() &&
                  (item.entity.status === 'OPEN' || item.entity.answeredAtMeetingId === meeting.id),
              )
              .map((item) => item.entity),
            newQuestions: mine
              .filter((item) => item.entity.raisedAtMeetingId === meeting.id)
              .map((item) => item.entity),
          };
        });
      },
    ),
    questionTextById: new DataLoader<string, OpenQuestionText | null>(async (ids) => {
      const manager = await ctx.manager();
      const rows = await manager.getRepository(OpenQuestionText).findBy({ questionId: anyOf(ids) });
      const byId = new Map(rows.map((row) => [row.questionId, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
