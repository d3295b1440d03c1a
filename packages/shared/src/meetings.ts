import type { Thresholds } from './thresholds';

export const MEETING_MODES = ['IN_PERSON', 'REMOTE', 'HYBRID'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const MEETING_STATUSES = ['PLANNED', 'HELD', 'CANCELLED'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const SESSION_ROLES = ['ANIMATOR', 'SECRETARY', 'PRESENTER'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];

export const RSVP_ANSWERS = ['YES', 'NO', 'MAYBE'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

/** Minutes of grace before the start and after the end during which one may sign. */
export const SIGNING_GRACE_MINUTES = 15;
/** Seconds a QR signing token is valid; the code shown rotates as often. */
export const SIGNING_TOKEN_SECONDS = 30;

/** How a programme (planned or held) measures against the society's yearly thresholds. */
export interface ProgrammeStatus {
  meetings: number;
  hours: number;
  meetsMeetings: boolean;
  meetsHours: boolean;
  /** French reasons, empty when the thresholds are met. */
  shortfalls: string[];
}

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export function programmeStatus(
  durationsInMinutes: number[],
  thresholds: Pick<Thresholds, 'minMeetings' | 'minHours'>,
): ProgrammeStatus {
  const meetings = durationsInMinutes.length;
  const total = hours(durationsInMinutes.reduce((sum, minutes) => sum + minutes, 0));
  const shortfalls: string[] = [];
  if (meetings < thresholds.minMeetings) {
    shortfalls.push(`${meetings} réunion(s) sur ${thresholds.minMeetings} attendues.`);
  }
  if (total < thresholds.minHours)
    shortfalls.push(`${total} h sur ${thresholds.minHours} h attendues.`);
  return {
    meetings,
    hours: total,
    meetsMeetings: meetings >= thresholds.minMeetings,
    meetsHours: total >= thresholds.minHours,
    shortfalls,
  };
}

/** One member's year, as computed from signed sheets and session roles of held meetings. */
export interface MemberYearFacts {
  attended: number;
  minutes: number;
  animated: number;
  reported: number;
  presented: number;
}

export interface CreditRules {
  creditsPerHour: number;
  creditsPerCase: number;
  creditsPerReport: number;
}

export const DEFAULT_CREDIT_RULES: Readonly<CreditRules> = Object.freeze({
  creditsPerHour: 1,
  creditsPerCase: 2,
  creditsPerReport: 2,
});

export interface MemberCompliance {
  attended: number;
  hours: number;
  animated: number;
  reported: number;
  presented: number;
  credits: number;
  compliant: boolean;
  /** What is still missing this year, in French. */
  missing: string[];
}

/**
 * A member's compliance for a year: meetings attended against the threshold, and each role held
 * at least once (DOMAIN: each member animates, reports and presents a situation every year).
 */
export function memberCompliance(
  facts: MemberYearFacts,
  thresholds: Pick<Thresholds, 'minAttended'>,
  rules: CreditRules,
): MemberCompliance {
  const attendedHours = hours(facts.minutes);
  const missing: string[] = [];
  if (facts.attended < thresholds.minAttended) {
    missing.push(
      `${thresholds.minAttended - facts.attended} réunion(s) à suivre (${facts.attended}/${thresholds.minAttended}).`,
    );
  }
  if (facts.animated < 1) missing.push('Animer une réunion.');
  if (facts.reported < 1) missing.push('Rédiger un compte-rendu (secrétaire de séance).');
  if (facts.presented < 1) missing.push('Présenter une situation.');
  const credits =
    Math.round(
      (attendedHours * rules.creditsPerHour +
        facts.presented * rules.creditsPerCase +
        facts.reported * rules.creditsPerReport) *
        100,
    ) / 100;
  return {
    attended: facts.attended,
    hours: attendedHours,
    animated: facts.animated,
    reported: facts.reported,
    presented: facts.presented,
    credits,
    compliant: missing.length === 0,
    missing,
  };
}

/** Local date and time in Paris, for display and exports: "14/03/2026 18:30". */
export function formatParis(at: Date, locale: 'fr' | 'en' = 'fr'): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'Europe/Paris',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}
