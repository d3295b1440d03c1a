import type { ActionStatus, ReferenceKind, ReportStatus } from '@epairs/shared';
import type { EntityManager } from 'typeorm';
import { memberByKey } from '../../common/db/lookups';

/**
 * A group's yearly summary (document récapitulatif annuel), computed from what was recorded —
 * never typed: meetings held and their participants (signed sheets), members with their roles,
 * themes, references used and collected, improvement actions and their status. Metadata only:
 * no case or report text, so the society's administrators read it too.
 */
export interface AnnualSummaryData {
  groupId: string;
  groupName: string;
  societyName: string;
  year: number;
  meetings: SummaryMeeting[];
  meetingsHeld: number;
  meetingsPlanned: number;
  meetingsCancelled: number;
  totalMinutes: number;
  distinctParticipants: number;
  /** Mean number of signatures per held meeting, one decimal. */
  averageParticipants: number;
  members: SummaryMember[];
  themes: string[];
  casesPresented: number;
  reports: { validated: number; inProgress: number; missing: number };
  referencesUsed: SummaryReference[];
  referencesCollected: SummaryReference[];
  actions: SummaryAction[];
  selfEvaluationSubmitted: boolean;
}

export interface SummaryMeeting {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  status: 'PLANNED' | 'HELD';
  participants: number;
  reportStatus: ReportStatus | null;
}

export interface SummaryMember {
  memberId: string;
  name: string;
  profession: 'PHYSICIAN' | 'NURSE';
  relay: boolean;
  meetingsAttended: number;
  minutesAttended: number;
  animator: number;
  secretary: number;
  presenter: number;
}

export interface SummaryReference {
  id: string;
  kind: ReferenceKind;
  citation: string;
  year: number | null;
}

export interface SummaryAction {
  id: string;
  description: string;
  owner: string | null;
  status: ActionStatus;
  dueOn: string | null;
  indicatorLabel: string | null;
  lastValue: number | null;
  lastMeasuredOn: string | null;
}

const IN_YEAR = `extract(year FROM m.starts_at AT TIME ZONE 'Europe/Paris') = $2`;

/**
 * Reads the summary in the caller's scope (row-level policies apply: a member of another group
 * gets null). A handful of statements whatever the group's size.
 */
export async function loadAnnualSummary(
  manager: EntityManager,
  groupId: string,
  year: number,
): Promise<AnnualSummaryData | null> {
  const [group] = (await manager.query(
    `SELECT g.id, g.name, s.name AS society FROM peer_group g JOIN society s ON s.id = g.society_id WHERE g.id = $1`,
    [groupId],
  )) as { id: string; name: string; society: string }[];
  if (!group) return null;

  const meetings = (await manager.query(
    `SELECT m.id, m.starts_at, m.duration_minutes, m.status,
            (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = 'SIGNED')::int AS participants,
            CASE WHEN r.validated_edition IS NOT NULL THEN 'VALIDATED' ELSE r.status END AS report_status
       FROM meeting m LEFT JOIN meeting_report r ON r.meeting_id = m.id
      WHERE m.group_id = $1 AND ${IN_YEAR}
      ORDER BY m.starts_at, m.id`,
    [groupId, year],
  )) as {
    id: string;
    starts_at: Date;
    duration_minutes: number;
    status: 'PLANNED' | 'HELD' | 'CANCELLED';
    participants: number;
    report_status: ReportStatus | null;
  }[];

  // Members of the group during the year, and anyone who signed one of its sheets.
  const members = (await manager.query(
    `WITH held AS (SELECT m.id, m.duration_minutes FROM meeting m
                    WHERE m.group_id = $1 AND m.status = 'HELD' AND ${IN_YEAR}),
          people AS (
            SELECT gm.member_id, bool_or(gm.role = 'RELAY') AS relay
              FROM group_membership gm
             WHERE gm.group_id = $1 AND gm.joined_on <= make_date($2::int, 12, 31)
               AND (gm.left_on IS NULL OR gm.left_on >= make_date($2::int, 1, 1))
             GROUP BY gm.member_id
            UNION ALL
            SELECT DISTINCT a.member_id, false FROM attendance a JOIN held ON held.id = a.meeting_id
             WHERE a.member_id NOT IN (SELECT member_id FROM group_membership WHERE group_id = $1))
     SELECT p.member_id, p.relay, u.first_name, u.last_name, mb.profession,
            (SELECT count(*) FROM attendance a JOIN held ON held.id = a.meeting_id
              WHERE a.member_id = p.member_id AND a.status = 'SIGNED')::int AS attended,
            (SELECT coalesce(sum(held.duration_minutes), 0) FROM attendance a JOIN held ON held.id = a.meeting_id
              WHERE a.member_id = p.member_id AND a.status = 'SIGNED')::int AS minutes,
            (SELECT count(*) FROM meeting_role r JOIN held ON held.id = r.meeting_id
              WHERE r.member_id = p.member_id AND r.role = 'ANIMATOR')::int AS animator,
            (SELECT count(*) FROM meeting_role r JOIN held ON held.id = r.meeting_id
              WHERE r.member_id = p.member_id AND r.role = 'SECRETARY')::int AS secretary,
            (SELECT count(*) FROM meeting_role r JOIN held ON held.id = r.meeting_id
              WHERE r.member_id = p.member_id AND r.role = 'PRESENTER')::int AS presenter
       FROM people p JOIN ${memberByKey('mb', 'p.member_id')} JOIN user_account u ON u.id = mb.user_id
      ORDER BY u.last_name, u.first_name, p.member_id`,
    [groupId, year],
  )) as {
    member_id: string;
    relay: boolean;
    first_name: string;
    last_name: string;
    profession: 'PHYSICIAN' | 'NURSE';
    attended: number;
    minutes: number;
    animator: number;
    secretary: number;
    presenter: number;
  }[];

  const [counts] = (await manager.query(
    `SELECT
       (SELECT count(DISTINCT a.member_id) FROM attendance a JOIN meeting m ON m.id = a.meeting_id
         WHERE m.group_id = $1 AND m.status = 'HELD' AND a.status = 'SIGNED' AND ${IN_YEAR})::int AS participants,
       (SELECT count(DISTINCT p.case_id) FROM clinical_case_presentation p JOIN meeting m ON m.id = p.meeting_id
         WHERE m.group_id = $1 AND ${IN_YEAR})::int AS cases,
       (SELECT EXISTS (SELECT 1 FROM annual_self_evaluation e
         WHERE e.group_id = $1 AND e.year = $2 AND e.status = 'SUBMITTED')) AS evaluated,
       (SELECT coalesce(array_agg(label ORDER BY label), '{}') FROM (
          SELECT t.label_fr AS label FROM group_theme gt JOIN theme t ON t.id = gt.theme_id WHERE gt.group_id = $1
          UNION
          SELECT t.label_fr FROM clinical_case_presentation p JOIN meeting m ON m.id = p.meeting_id
            JOIN clinical_case_theme ct ON ct.case_id = p.case_id JOIN theme t ON t.id = ct.theme_id
           WHERE m.group_id = $1 AND ${IN_YEAR}) labels) AS themes`,
    [groupId, year],
  )) as { participants: number; cases: number; evaluated: boolean; themes: string[] }[];

  // References used by the year's work (cases presented, reports of its meetings, questions
  // answered at them) and those added to the library during the year.
  const references = (await manager.query(
    `WITH year_meetings AS (SELECT m.id FROM meeting m WHERE m.group_id = $1 AND ${IN_YEAR}),
          used AS (
            SELECT l.reference_id FROM reference_link l
              JOIN clinical_case_presentation p ON p.case_id = l.case_id
             WHERE p.meeting_id IN (SELECT id FROM year_meetings)
            UNION
            SELECT l.reference_id FROM reference_link l JOIN meeting_report r ON r.id = l.report_id
             WHERE r.meeting_id IN (SELECT id FROM year_meetings)
            UNION
            SELECT l.reference_id FROM reference_link l JOIN open_question q ON q.id = l.question_id
             WHERE q.answered_at_meeting_id IN (SELECT id FROM year_meetings))
     SELECT r.id, r.kind, r.citation, r.year,
            r.id IN (SELECT reference_id FROM used) AS used,
            extract(year FROM r.created_at AT TIME ZONE 'Europe/Paris') = $2 AS collected
       FROM reference r
      WHERE r.group_id = $1
        AND (r.id IN (SELECT reference_id FROM used)
             OR extract(year FROM r.created_at AT TIME ZONE 'Europe/Paris') = $2)
      ORDER BY r.citation, r.id`,
    [groupId, year],
  )) as {
    id: string;
    kind: ReferenceKind;
    citation: string;
    year: number | null;
    used: boolean;
    collected: boolean;
  }[];

  // Actions proposed in the year's reports, and those still open from earlier years.
  const actions = (await manager.query(
    `SELECT a.id, a.description, a.status, a.due_on::text AS due_on, a.indicator_label,
            u.first_name || ' ' || u.last_name AS owner,
            v.value::float8 AS last_value, v.measured_on::text AS last_measured_on
       FROM improvement_action a
       JOIN meeting_report r ON r.id = a.report_id
       JOIN meeting m ON m.id = r.meeting_id
       LEFT JOIN ${memberByKey('mb', 'a.owner_member_id')}
       LEFT JOIN user_account u ON u.id = mb.user_id
       LEFT JOIN LATERAL (SELECT value, measured_on FROM improvement_indicator_value iv
                           WHERE iv.action_id = a.id ORDER BY measured_on DESC LIMIT 1) v ON true
      WHERE a.group_id = $1
        AND (${IN_YEAR} OR (extract(year FROM m.starts_at AT TIME ZONE 'Europe/Paris') < $2
                            AND a.status IN ('PROPOSED', 'IN_PROGRESS')))
      ORDER BY m.starts_at, a.created_at, a.id`,
    [groupId, year],
  )) as {
    id: string;
    description: string;
    status: ActionStatus;
    due_on: string | null;
    indicator_label: string | null;
    owner: string | null;
    last_value: number | null;
    last_measured_on: string | null;
  }[];

  const held = meetings.filter((meeting) => meeting.status === 'HELD');
  const signatures = held.reduce((sum, meeting) => sum + meeting.participants, 0);
  const reference = (row: (typeof references)[number]): SummaryReference => ({
    id: row.id,
    kind: row.kind,
    citation: row.citation,
    year: row.year,
  });
  return {
    groupId,
    groupName: group.name,
    societyName: group.society,
    year,
    meetings: meetings
      .filter((meeting) => meeting.status !== 'CANCELLED')
      .map((meeting) => ({
        id: meeting.id,
        startsAt: meeting.starts_at,
        durationMinutes: meeting.duration_minutes,
        status: meeting.status as 'PLANNED' | 'HELD',
        participants: meeting.participants,
        reportStatus: meeting.report_status,
      })),
    meetingsHeld: held.length,
    meetingsPlanned: meetings.filter((meeting) => meeting.status === 'PLANNED').length,
    meetingsCancelled: meetings.filter((meeting) => meeting.status === 'CANCELLED').length,
    totalMinutes: held.reduce((sum, meeting) => sum + meeting.duration_minutes, 0),
    distinctParticipants: counts!.participants,
    averageParticipants: held.length ? Math.round((signatures / held.length) * 10) / 10 : 0,
    members: members.map((row) => ({
      memberId: row.member_id,
      name: `${row.first_name} ${row.last_name}`,
      profession: row.profession,
      relay: row.relay,
      meetingsAttended: row.attended,
      minutesAttended: row.minutes,
      animator: row.animator,
      secretary: row.secretary,
      presenter: row.presenter,
    })),
    themes: counts!.themes,
    casesPresented: counts!.cases,
    reports: {
      validated: held.filter((meeting) => meeting.report_status === 'VALIDATED').length,
      inProgress: held.filter(
        (meeting) => meeting.report_status !== null && meeting.report_status !== 'VALIDATED',
      ).length,
      missing: held.filter((meeting) => meeting.report_status === null).length,
    },
    referencesUsed: references.filter((row) => row.used).map(reference),
    referencesCollected: references.filter((row) => row.collected).map(reference),
    actions: actions.map((row) => ({
      id: row.id,
      description: row.description,
      owner: row.owner,
      status: row.status,
      dueOn: row.due_on,
      indicatorLabel: row.indicator_label,
      lastValue: row.last_value,
      lastMeasuredOn: row.last_measured_on,
    })),
    selfEvaluationSubmitted: counts!.evaluated,
  };
}
