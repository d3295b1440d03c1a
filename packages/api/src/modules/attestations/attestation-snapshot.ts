import {
  formatParis,
  SESSION_ROLES,
  type CreditRules,
  type Profession,
  type SessionRole,
} from '@epairs/shared';
import type { EntityManager } from 'typeorm';
import { complianceOf, memberYears } from '../compliance/compliance.service';

/**
 * What an attestation says, frozen when it is issued: the PDF and the public verification page
 * are both rendered from it, so they always agree, whatever changes in the register later.
 */
export interface AttestationSnapshot {
  version: 1;
  year: number;
  /** ISO 8601 instant, and as shown (Paris). */
  issuedAt: string;
  issuedAtParis: string;
  member: { firstName: string; lastName: string; profession: Profession; rpps: string };
  /** The employer at issue time; its id lets a society download one employer's attestations. */
  employer: { id: string; name: string; city: string } | null;
  society: { id: string; code: string; name: string };
  groups: { id: string; name: string }[];
  meetings: {
    startsAt: string;
    startsAtParis: string;
    group: string;
    title: string | null;
    durationMinutes: number;
    roles: SessionRole[];
  }[];
  /** Roles held at the year's held meetings (compliance service). */
  roles: { animated: number; reported: number; presented: number };
  totals: { attended: number; minutes: number; hours: number };
  credits: {
    total: number;
    participation: number;
    cases: number;
    reports: number;
    rules: CreditRules;
  };
}

interface MemberRow {
  first_name: string;
  last_name: string;
  profession: Profession;
  rpps: string;
  society_id: string;
  society_code: string;
  society_name: string;
  employer_id: string | null;
  employer_name: string | null;
  employer_city: string | null;
}

interface MeetingRow {
  starts_at: Date;
  duration_minutes: number;
  title: string | null;
  group_id: string;
  group_name: string;
  roles: SessionRole[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Reads a member's year in the caller's scope (an administrator of its society, or E-Pairs):
 * identity, employer, the held meetings it signed for (the same facts as the compliance service),
 * its roles and its credits. Null when the member is not visible.
 */
export async function buildSnapshot(
  manager: EntityManager,
  memberId: string,
  year: number,
  issuedAt: Date,
): Promise<AttestationSnapshot | null> {
  const [member] = (await manager.query(
    `SELECT u.first_name, u.last_name, m.profession, m.rpps, m.society_id,
            s.code AS society_code, s.name AS society_name,
            e.id AS employer_id, e.name AS employer_name, e.city AS employer_city
       FROM member m
       JOIN user_account u ON u.id = m.user_id
       JOIN society s ON s.id = m.society_id
       LEFT JOIN employer e ON e.id = m.employer_id
      WHERE m.id = $1`,
    [memberId],
  )) as MemberRow[];
  if (!member) return null;
  const meetings = (await manager.query(
    `SELECT mt.starts_at, mt.duration_minutes, mt.title, g.id AS group_id, g.name AS group_name,
            coalesce((SELECT array_agg(mr.role ORDER BY mr.role) FROM meeting_role mr
                       WHERE mr.meeting_id = mt.id AND mr.member_id = a.member_id), '{}') AS roles
       FROM attendance a
       JOIN meeting mt ON mt.id = a.meeting_id
       JOIN peer_group g ON g.id = mt.group_id
      WHERE a.member_id = $1 AND a.status = 'SIGNED' AND mt.status = 'HELD'
        AND extract(year FROM mt.starts_at AT TIME ZONE 'Europe/Paris')::int = $2
      ORDER BY mt.starts_at, mt.id`,
    [memberId, year],
  )) as MeetingRow[];
  const [facts] = await memberYears(manager, [memberId], year);
  if (!facts) return null;
  const compliance = complianceOf(facts);
  const groups = new Map<string, string>();
  for (const meeting of meetings) groups.set(meeting.group_id, meeting.group_name);
  return {
    version: 1,
    year,
    issuedAt: issuedAt.toISOString(),
    issuedAtParis: formatParis(issuedAt),
    member: {
      firstName: member.first_name,
      lastName: member.last_name,
      profession: member.profession,
      rpps: member.rpps,
    },
    employer: member.employer_id
      ? { id: member.employer_id, name: member.employer_name!, city: member.employer_city! }
      : null,
    society: { id: member.society_id, code: member.society_code, name: member.society_name },
    groups: [...groups].map(([id, name]) => ({ id, name })),
    meetings: meetings.map((meeting) => ({
      startsAt: meeting.starts_at.toISOString(),
      startsAtParis: formatParis(meeting.starts_at),
      group: meeting.group_name,
      title: meeting.title,
      durationMinutes: meeting.duration_minutes,
      roles: [...meeting.roles].sort((a, b) => SESSION_ROLES.indexOf(a) - SESSION_ROLES.indexOf(b)),
    })),
    roles: { animated: facts.animated, reported: facts.reported, presented: facts.presented },
    totals: { attended: facts.attended, minutes: facts.minutes, hours: compliance.hours },
    credits: {
      total: compliance.credits,
      participation: round2(compliance.hours * facts.rules.creditsPerHour),
      cases: round2(facts.presented * facts.rules.creditsPerCase),
      reports: round2(facts.reported * facts.rules.creditsPerReport),
      rules: { ...facts.rules },
    },
  };
}
