import { dateInParis, planRotation, type SessionRole } from '@epairs/shared';
import type { EntityManager } from 'typeorm';
import type { RegisterDemoData, SeedMember, SocietyCode } from './register-demo';

/**
 * The meetings side of the demonstration: for each ACTIVE group of the demo register, the current
 * year's programme in Paris time, 4 to 6 meetings already held (roles, attendance sheet closed)
 * and 2 to 3 planned after now (with some RSVP answers), plus one credit rule per society.
 *
 * Two steps, as for the register: `buildMeetingsDemo(register, now)` is pure; everything but the
 * dates comes from a fixed-seed PRNG, so two runs at different times hold the same meetings, roles,
 * sheets and answers, only moved in time. `seedMeetingsDemo` inserts it, one statement per table.
 *
 * The held meetings' sheets are past the signing window: their lines are the relay person's
 * reasoned corrections (a digitised paper sheet), the one way the database accepts them once the
 * sheet is closed. No attestation and no open question is written (their content is the group's
 * own, which system work cannot write, by design).
 *
 * Imports only types from register-demo.ts (which calls this module), hence the small PRNG and
 * date helpers of its own.
 */

export const DEMO_CORRECTION_REASON = 'Feuille papier numérisée (démonstration)';

type MeetingMode = 'IN_PERSON' | 'HYBRID' | 'REMOTE';

export interface SeedMeeting {
  society: SocietyCode;
  group: string;
  /** Paris wall-clock 'YYYY-MM-DD HH:MM:00'; unique within the group. */
  startsAt: string;
  durationMinutes: number;
  title: string;
  mode: MeetingMode;
  place: string | null;
  link: string | null;
  status: 'HELD' | 'PLANNED';
  /** 32 bytes, hex (a demo: from the PRNG). */
  signingSecret: string;
}

export interface SeedMeetingRole {
  society: SocietyCode;
  group: string;
  startsAt: string;
  rpps: string;
  role: SessionRole;
}

export interface SeedAttendance {
  society: SocietyCode;
  group: string;
  startsAt: string;
  rpps: string;
  status: 'SIGNED' | 'EXCUSED';
  /** Minutes from the meeting's start: a few after it when signed, a day or so before if excused. */
  offsetMinutes: number;
}

export interface SeedRsvp {
  society: SocietyCode;
  group: string;
  startsAt: string;
  rpps: string;
  answer: 'YES' | 'NO' | 'MAYBE';
  /** Hours before now. */
  hoursAgo: number;
}

export interface SeedCreditRule {
  society: SocietyCode;
  year: number;
  creditsPerHour: number;
  creditsPerCase: number;
  creditsPerReport: number;
}

export interface MeetingsDemoData {
  meetings: SeedMeeting[];
  roles: SeedMeetingRole[];
  attendance: SeedAttendance[];
  rsvps: SeedRsvp[];
  creditRules: SeedCreditRule[];
}

// ---------------------------------------------------------------------------------------------
// Deterministic helpers

const SEED = 0x5ea7ed26;

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (value: number) => String(value).padStart(2, '0');
const epochDay = (year: number, month: number, day: number) =>
  Date.UTC(year, month - 1, day) / 86_400_000;
const dateOf = (epoch: number) => new Date(epoch * 86_400_000);
/** 0 = Sunday. */
const weekday = (epoch: number) => dateOf(epoch).getUTCDay();
const stamp = (epoch: number, minutes: number) => {
  const date = dateOf(epoch);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(
    Math.floor(minutes / 60),
  )}:${pad(minutes % 60)}:00`;
};
const HOLIDAYS = new Set(['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25']);
/** Whether a group may meet that day: not in August, the year-end break or on a bank holiday. */
const isOpen = (epoch: number) => {
  const date = dateOf(epoch);
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  return (
    month !== 8 &&
    !(month === 12 && day >= 22) &&
    !(month === 1 && day <= 5) &&
    !HOLIDAYS.has(`${pad(month)}-${pad(day)}`)
  );
};
const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const THEME_TITLES: Record<string, string> = {
  PSYCHOSOCIAL_RISKS: 'Risques psychosociaux',
  MSD: 'Troubles musculo-squelettiques',
  JOB_RETENTION: 'Maintien dans l’emploi',
  CHEMICAL_EXPOSURE: 'Risque chimique',
  BIOLOGICAL_RISK: 'Risque biologique',
  OTHER: 'Sujets libres',
};

/** Paris start times (minutes after midnight) a group may keep: 9:30, 14:00, 17:30, 18:00. */
const START_TIMES = [570, 840, 1050, 1080];

/** Credits per society: the federation's defaults, ASMT counts hours and reports higher. */
const CREDIT_RULES: Record<SocietyCode, [number, number, number]> = {
  SSTPC: [1, 2, 2],
  SMTVL: [1, 2, 2],
  ASMT: [1.5, 2, 3],
  SNPST: [1, 2, 2],
  ARAPT: [1, 2, 2],
};

// ---------------------------------------------------------------------------------------------
// The pure build

/** Builds the meetings of the demo register's ACTIVE groups around `now`. */
export function buildMeetingsDemo(register: RegisterDemoData, now: Date): MeetingsDemoData {
  const next = mulberry32(SEED);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

  const [year, month, day] = dateInParis(now).split('-').map(Number) as [number, number, number];
  const today = epochDay(year, month, day);
  const data: MeetingsDemoData = {
    meetings: [],
    roles: [],
    attendance: [],
    rsvps: [],
    creditRules: (Object.keys(CREDIT_RULES) as SocietyCode[]).map((society) => {
      const [creditsPerHour, creditsPerCase, creditsPerReport] = CREDIT_RULES[society];
      return {
        society,
        year: register.referenceYear,
        creditsPerHour,
        creditsPerCase,
        creditsPerReport,
      };
    }),
  };
  const members = new Map(register.members.map((member) => [member.rpps, member]));
  const name = (member: SeedMember) => `${member.lastName} ${member.firstName}`;

  for (const group of register.groups.filter((candidate) => candidate.status === 'ACTIVE')) {
    const roster = register.memberships
      .filter(
        (membership) =>
          membership.society === group.society &&
          membership.group === group.name &&
          membership.leftOn === null,
      )
      .sort((a, b) => (a.role === b.role ? 0 : a.role === 'RELAY' ? -1 : 1))
      .map((membership) => members.get(membership.rpps)!);
    const place = group.meetingPlace!;
    const remoteFirst = /visioconférence|hybride/i.test(place);
    const link = (index: number) =>
      `https://visio.demo.e-pairs.fr/${slug(group.society)}-${slug(group.name)}-${index + 1}`;
    const startTime = pick(START_TIMES);
    const meetingDay = pick([2, 4]); // Tuesday or Thursday
    const held = int(4, 6);
    const planned = int(2, 3);
    // Every draw is made whatever the date, so only the dates depend on `now`.
    const jitters = Array.from({ length: held + planned }, () => next());

    // The group's meeting days: its weekday, outside August, the year-end break and bank holidays.
    const meetingDays = (from: number, to: number) => {
      const found: number[] = [];
      for (let epoch = from + ((meetingDay - weekday(from) + 7) % 7); epoch <= to; epoch += 7) {
        if (isOpen(epoch)) found.push(epoch);
      }
      return found;
    };
    // Held: spread over the year so far, from mid-January to three days ago. Only in the first
    // weeks of the year, too short for them, do they run back into the previous one's autumn
    // (a fortnight apart, after the group's registration).
    const slots = meetingDays(epochDay(year, 1, 12), today - 3);
    const ratio = slots.length / held;
    const earlier = meetingDays(today - 400, today - 3).reverse();
    const heldDays = Array.from({ length: held }, (_, index) =>
      ratio >= 3
        ? slots[Math.floor((index + jitters[index]! * 0.4) * ratio)]!
        : ratio >= 1
          ? slots[Math.floor(index * ratio)]!
          : earlier[2 * (held - 1 - index)]!,
    );
    // Planned: from a week after today, two to three weeks apart.
    const ahead = meetingDays(today + 7, today + 200);
    let slot = Math.floor(jitters[held]! * 2);
    const plannedDays = Array.from({ length: planned }, (_, index) => {
      if (index > 0) slot += 2 + Math.floor(jitters[held + index]! * 2);
      return ahead[slot]!;
    });

    const counts = new Map(
      roster.map((member) => [
        member.rpps,
        { ANIMATOR: 0, SECRETARY: 0, PRESENTER: 0 } as Record<SessionRole, number>,
      ]),
    );
    const rotate = (candidates: SeedMember[], presenters: number) => {
      const [proposal] = planRotation(
        candidates.map((member) => ({
          memberId: member.rpps,
          name: name(member),
          counts: counts.get(member.rpps)!,
        })),
        1,
        presenters,
      ).proposals;
      const roles: [string, SessionRole][] = [
        [proposal!.animator!, 'ANIMATOR'],
        [proposal!.secretary!, 'SECRETARY'],
        ...proposal!.presenters.map((rpps): [string, SessionRole] => [rpps, 'PRESENTER']),
      ];
      for (const [rpps, role] of roles) counts.get(rpps)![role] += 1;
      return roles;
    };
    const title = () =>
      `${THEME_TITLES[pick(group.themes)] ?? 'Analyse des pratiques'} : ${
        group.entryPoint === 'CASE_PRESENTATION' ? 'présentation de cas' : 'recommandations'
      }`;
    const secret = () =>
      Array.from({ length: 32 }, () => int(0, 255).toString(16).padStart(2, '0')).join('');

    const days = [...heldDays, ...plannedDays];
    days.forEach((epoch, index) => {
      const isHeld = index < held;
      const hybridDraw = next();
      const hybrid = remoteFirst || hybridDraw < 0.3;
      const meeting: SeedMeeting = {
        society: group.society,
        group: group.name,
        startsAt: stamp(epoch, startTime),
        durationMinutes: pick([120, 135, 150]),
        title: title(),
        mode: hybrid ? 'HYBRID' : 'IN_PERSON',
        place,
        link: hybrid ? link(index) : null,
        status: isHeld ? 'HELD' : 'PLANNED',
        signingSecret: secret(),
      };
      data.meetings.push(meeting);
      const at = { society: group.society, group: group.name, startsAt: meeting.startsAt };

      if (isHeld) {
        // Most members sign, a few are excused, now and then one is simply absent; at least four
        // sign (an animator, a secretary and up to two presenters, all present).
        const statuses = roster.map((): 'SIGNED' | 'EXCUSED' | null => {
          const draw = next();
          return draw < 0.8 ? 'SIGNED' : draw < 0.92 ? 'EXCUSED' : null;
        });
        for (let slot = 0; statuses.filter((s) => s === 'SIGNED').length < 4; slot += 1) {
          statuses[slot] = 'SIGNED';
        }
        roster.forEach((member, slot) => {
          const status = statuses[slot];
          const offset = status === 'SIGNED' ? int(1, 12) : -60 * int(18, 60);
          if (status) {
            data.attendance.push({ ...at, rpps: member.rpps, status, offsetMinutes: offset });
          }
        });
        const present = roster.filter((_, slot) => statuses[slot] === 'SIGNED');
        for (const [rpps, role] of rotate(present, next() < 0.35 ? 2 : 1)) {
          data.roles.push({ ...at, rpps, role });
        }
      } else {
        const plannedIndex = index - held;
        // The next meeting is already staffed; later ones are left to the rotation planner.
        if (plannedIndex === 0) {
          for (const [rpps, role] of rotate(roster, 1)) data.roles.push({ ...at, rpps, role });
        }
        const answerRate = [0.7, 0.4, 0.15][plannedIndex]!;
        for (const member of roster) {
          const draw = next();
          const answerDraw = next();
          const hoursAgo = int(2, 110);
          if (draw >= answerRate) continue;
          data.rsvps.push({
            ...at,
            rpps: member.rpps,
            answer: answerDraw < 0.75 ? 'YES' : answerDraw < 0.87 ? 'MAYBE' : 'NO',
            hoursAgo,
          });
        }
      }
    });
  }
  return data;
}

/** Rows per table the meetings seed inserts (independent of the date it runs). */
export function meetingsDemoCounts(data: MeetingsDemoData): Record<string, number> {
  return {
    meeting: data.meetings.length,
    meeting_role: data.roles.length,
    attendance: data.attendance.length,
    meeting_rsvp: data.rsvps.length,
    credit_rule: data.creditRules.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Insertion

async function insert(
  manager: EntityManager,
  table: string,
  sql: string,
  rows: unknown[],
  ...extra: unknown[]
): Promise<void> {
  if (rows.length === 0) return;
  const [{ count }] = (await manager.query(
    `WITH inserted AS (${sql} RETURNING 1) SELECT count(*)::int AS count FROM inserted`,
    [JSON.stringify(rows), ...extra],
  )) as [{ count: number }];
  if (count !== rows.length) {
    throw new Error(`meetings demo: ${count} ${table} rows inserted, ${rows.length} expected`);
  }
}

/** The meeting a row names: its group, by society and name, and its Paris start. */
const MEETING_JOIN = `
       JOIN society s ON s.code = x.society
       JOIN peer_group g ON g.society_id = s.id AND g.name = x.name
       JOIN meeting mt ON mt.group_id = g.id AND mt.starts_at = (x.starts_at)::timestamp AT TIME ZONE 'Europe/Paris'`;

/**
 * Inserts the demo meetings. Runs inside the demo seed's system-scope transaction, after the
 * register (groups, memberships) exists.
 */
export async function seedMeetingsDemo(
  manager: EntityManager,
  register: RegisterDemoData,
  now = new Date(),
): Promise<MeetingsDemoData> {
  const data = buildMeetingsDemo(register, now);

  await insert(
    manager,
    'credit_rule',
    `INSERT INTO credit_rule (society_id, year, credits_per_hour, credits_per_case, credits_per_report)
     SELECT s.id, x.year, x.per_hour, x.per_case, x.per_report
       FROM jsonb_to_recordset($1::jsonb)
            AS x(society text, year int, per_hour numeric, per_case numeric, per_report numeric)
       JOIN society s ON s.code = x.society`,
    data.creditRules.map((rule) => ({
      society: rule.society,
      year: rule.year,
      per_hour: rule.creditsPerHour,
      per_case: rule.creditsPerCase,
      per_report: rule.creditsPerReport,
    })),
  );

  // Held meetings were planned a few weeks before and closed at the end of the grace period;
  // planned ones were planned a few days ago.
  await insert(
    manager,
    'meeting',
    `INSERT INTO meeting (society_id, group_id, title, starts_at, duration_minutes, mode, place, link, status,
                          sheet_closed_at, signing_secret, created_at, updated_at)
     SELECT g.society_id, g.id, x.title, y.starts_at, x.duration, x.mode, x.place, x.link, x.status,
            CASE WHEN x.status = 'HELD' THEN y.closed_at END, decode(x.secret, 'hex'),
            y.created_at, CASE WHEN x.status = 'HELD' THEN y.closed_at ELSE y.created_at END
       FROM jsonb_to_recordset($1::jsonb)
            AS x(society text, name text, title text, starts_at text, duration int, mode text, place text,
                 link text, status text, secret text)
       JOIN society s ON s.code = x.society
       JOIN peer_group g ON g.society_id = s.id AND g.name = x.name
      CROSS JOIN LATERAL (
        SELECT (x.starts_at)::timestamp AT TIME ZONE 'Europe/Paris' AS starts_at) AS t
      CROSS JOIN LATERAL (
        SELECT t.starts_at,
               t.starts_at + make_interval(mins => x.duration + 15) AS closed_at,
               CASE WHEN x.status = 'HELD' THEN t.starts_at - interval '35 days'
                    ELSE now() - interval '6 days' END AS created_at) AS y`,
    data.meetings.map((meeting) => ({
      society: meeting.society,
      name: meeting.group,
      title: meeting.title,
      starts_at: meeting.startsAt,
      duration: meeting.durationMinutes,
      mode: meeting.mode,
      place: meeting.place,
      link: meeting.link,
      status: meeting.status,
      secret: meeting.signingSecret,
    })),
  );

  await insert(
    manager,
    'meeting_role',
    `INSERT INTO meeting_role (society_id, meeting_id, member_id, role)
     SELECT mt.society_id, mt.id, m.id, x.role
       FROM jsonb_to_recordset($1::jsonb) AS x(society text, name text, starts_at text, rpps text, role text)
       ${MEETING_JOIN}
       JOIN member m ON m.rpps = x.rpps`,
    data.roles.map((role) => ({
      society: role.society,
      name: role.group,
      starts_at: role.startsAt,
      rpps: role.rpps,
      role: role.role,
    })),
  );

  // The sheets of held meetings are closed: their lines are the relay person's corrections, the
  // one way in after closing. The seed takes the relay persons' scope for this statement only
  // (the check_signature trigger still checks membership and closing).
  await manager.query(
    `SELECT set_config('app.relay_group_ids', coalesce((SELECT array_agg(DISTINCT group_id)::text FROM meeting WHERE status = 'HELD'), ''), true)`,
  );
  await insert(
    manager,
    'attendance',
    `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at, recorded_by,
                             correction_reason)
     SELECT mt.society_id, mt.id, m.id, x.status, 'CORRECTION',
            mt.starts_at + make_interval(mins => x.offset_minutes), r.user_id, $2::text
       FROM jsonb_to_recordset($1::jsonb)
            AS x(society text, name text, starts_at text, rpps text, status text, offset_minutes int)
       ${MEETING_JOIN}
       JOIN member m ON m.rpps = x.rpps
       JOIN group_membership rg ON rg.group_id = g.id AND rg.role = 'RELAY' AND rg.left_on IS NULL
       JOIN member r ON r.id = rg.member_id`,
    data.attendance.map((line) => ({
      society: line.society,
      name: line.group,
      starts_at: line.startsAt,
      rpps: line.rpps,
      status: line.status,
      offset_minutes: line.offsetMinutes,
    })),
    DEMO_CORRECTION_REASON,
  );
  await manager.query(`SELECT set_config('app.relay_group_ids', '', true)`);

  await insert(
    manager,
    'meeting_rsvp',
    `INSERT INTO meeting_rsvp (meeting_id, member_id, society_id, answer, answered_at)
     SELECT mt.id, m.id, mt.society_id, x.answer, now() - make_interval(hours => x.hours_ago)
       FROM jsonb_to_recordset($1::jsonb)
            AS x(society text, name text, starts_at text, rpps text, answer text, hours_ago int)
       ${MEETING_JOIN}
       JOIN member m ON m.rpps = x.rpps`,
    data.rsvps.map((rsvp) => ({
      society: rsvp.society,
      name: rsvp.group,
      starts_at: rsvp.startsAt,
      rpps: rsvp.rpps,
      answer: rsvp.answer,
      hours_ago: rsvp.hoursAgo,
    })),
  );

  return data;
}
