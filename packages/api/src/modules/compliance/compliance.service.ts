import {
  DEFAULT_CREDIT_RULES,
  DEFAULT_THRESHOLDS,
  memberCompliance,
  programmeStatus,
  type CreditRules,
  type MemberCompliance,
  type MemberYearFacts,
  type ProgrammeStatus,
  type Thresholds,
} from '@epairs/shared';
import type { EntityManager } from 'typeorm';

/** A member's year as the sheets and roles of held meetings tell it, with its society's rules. */
/**
 * `column` (a meeting's `starts_at`) within the Paris year given by the parameter `year` ($n), as
 * a range the time indexes can read (`extract(year …)` could not).
 */
export const inParisYear = (column: string, year: string) =>
  `${column} >= make_timestamptz(${year}::int, 1, 1, 0, 0, 0, 'Europe/Paris')
   AND ${column} < make_timestamptz(${year}::int + 1, 1, 1, 0, 0, 0, 'Europe/Paris')`;

export interface MemberYear extends MemberYearFacts {
  memberId: string;
  societyId: string;
  thresholds: Thresholds;
  rules: CreditRules;
}

/**
 * One statement for any number of members: meetings attended and minutes (signed sheets of held
 * meetings of the year), roles held at held meetings the member signed, and the thresholds and
 * credit rules in force for each member's society that year (the latest year not after it, else
 * the defaults). Run it where every row counts (system scope, after the permission check), so that
 * the figures do not depend on who looks.
 */
export async function memberYears(
  manager: EntityManager,
  memberIds: readonly string[],
  year: number,
): Promise<MemberYear[]> {
  if (memberIds.length === 0) return [];
  const rows = (await manager.query(
    `SELECT m.id AS "memberId", m.society_id AS "societyId",
            coalesce(att.attended, 0)::int AS attended, coalesce(att.minutes, 0)::int AS minutes,
            coalesce(r.animated, 0)::int AS animated, coalesce(r.reported, 0)::int AS reported,
            coalesce(r.presented, 0)::int AS presented,
            s.min_meetings AS "minMeetings", s.min_hours AS "minHours", s.min_attended AS "minAttended",
            s.min_group_members AS "minGroupMembers", s.max_group_members AS "maxGroupMembers",
            c.credits_per_hour::float AS "creditsPerHour", c.credits_per_case::float AS "creditsPerCase",
            c.credits_per_report::float AS "creditsPerReport"
       FROM member m
       LEFT JOIN LATERAL (
         SELECT count(*) AS attended, sum(mt.duration_minutes) AS minutes
           FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
          WHERE a.member_id = m.id AND a.status = 'SIGNED' AND mt.status = 'HELD' AND ${inParisYear('mt.starts_at', '$2')}
       ) att ON true
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE mr.role = 'ANIMATOR') AS animated,
                count(*) FILTER (WHERE mr.role = 'SECRETARY') AS reported,
                count(*) FILTER (WHERE mr.role = 'PRESENTER') AS presented
           FROM meeting_role mr JOIN meeting mt ON mt.id = mr.meeting_id
          WHERE mr.member_id = m.id AND mt.status = 'HELD' AND ${inParisYear('mt.starts_at', '$2')}
            -- A role counts for who was there to hold it.
            AND EXISTS (SELECT 1 FROM attendance a
                         WHERE a.meeting_id = mt.id AND a.member_id = m.id AND a.status = 'SIGNED')
       ) r ON true
       LEFT JOIN LATERAL (
         SELECT * FROM society_setting ss WHERE ss.society_id = m.society_id AND ss.year <= $2
          ORDER BY ss.year DESC LIMIT 1
       ) s ON true
       LEFT JOIN LATERAL (
         SELECT * FROM credit_rule cr WHERE cr.society_id = m.society_id AND cr.year <= $2
          ORDER BY cr.year DESC LIMIT 1
       ) c ON true
      WHERE m.id = ANY($1)`,
    [memberIds, year],
  )) as (MemberYearFacts &
    Partial<Thresholds> &
    Partial<CreditRules> & { memberId: string; societyId: string })[];
  return rows.map((row) => ({
    memberId: row.memberId,
    societyId: row.societyId,
    attended: row.attended,
    minutes: row.minutes,
    animated: row.animated,
    reported: row.reported,
    presented: row.presented,
    thresholds:
      row.minMeetings != null
        ? {
            minMeetings: row.minMeetings,
            minHours: row.minHours!,
            minAttended: row.minAttended!,
            minGroupMembers: row.minGroupMembers!,
            maxGroupMembers: row.maxGroupMembers!,
          }
        : { ...DEFAULT_THRESHOLDS },
    rules:
      row.creditsPerHour != null
        ? {
            creditsPerHour: row.creditsPerHour,
            creditsPerCase: row.creditsPerCase!,
            creditsPerReport: row.creditsPerReport!,
          }
        : { ...DEFAULT_CREDIT_RULES },
  }));
}

export function complianceOf(year: MemberYear): MemberCompliance {
  return memberCompliance(year, year.thresholds, year.rules);
}

/** A group's programme for a year: as planned (planned and held) and as held. */
export interface GroupProgramme {
  groupId: string;
  year: number;
  planned: ProgrammeStatus;
  held: ProgrammeStatus;
}

export interface ProgrammeMeetingRow {
  groupId: string;
  status: string;
  minutes: number;
}

export async function groupProgrammes(
  manager: EntityManager,
  groups: readonly { id: string; thresholds: Thresholds }[],
  year: number,
): Promise<GroupProgramme[]> {
  if (groups.length === 0) return [];
  const rows = (await manager.query(
    `SELECT group_id AS "groupId", status, duration_minutes AS minutes
       FROM meeting WHERE group_id = ANY($1) AND status <> 'CANCELLED' AND ${inParisYear('starts_at', '$2')}`,
    [groups.map((group) => group.id), year],
  )) as ProgrammeMeetingRow[];
  return programmesOf(groups, year, rows);
}

/** Each group's programme from its meetings of the year (not cancelled). */
export function programmesOf(
  groups: readonly { id: string; thresholds: Thresholds }[],
  year: number,
  rows: readonly ProgrammeMeetingRow[],
): GroupProgramme[] {
  const byGroup = new Map<string, ProgrammeMeetingRow[]>();
  for (const row of rows) byGroup.set(row.groupId, [...(byGroup.get(row.groupId) ?? []), row]);
  return groups.map((group) => {
    const mine = byGroup.get(group.id) ?? [];
    return {
      groupId: group.id,
      year,
      planned: programmeStatus(
        mine.map((row) => row.minutes),
        group.thresholds,
      ),
      held: programmeStatus(
        mine.filter((row) => row.status === 'HELD').map((row) => row.minutes),
        group.thresholds,
      ),
    };
  });
}
