import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildCalendar } from '../src/modules/meetings/ics';
import { REMINDER_QUEUE, type ReminderJob } from '../src/modules/meetings/invitations';
import { runMeetingReminder } from '../src/modules/meetings/reminders';
import { insertMembers, societyId, type FixtureMember } from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

interface Mail {
  to: string;
  subject: string;
  link: string | null;
  text?: string;
  calendar?: string;
}

let t: TestApp;
let sstpc: string;
let groupId: string;
let members: FixtureMember[];
let relay: FixtureMember;
let english: FixtureMember;
let relayToken: string;
let outsider: FixtureMember;
let former: FixtureMember;

const PLAN = `mutation ($g: ID!, $at: DateTimeISO!, $d: Int!, $place: String) {
  planMeeting(groupId: $g, startsAt: $at, durationMinutes: $d, mode: IN_PERSON, place: $place) { id version startsAt }
}`;
const UPDATE = `mutation ($id: ID!, $v: Int!, $at: DateTimeISO) {
  updateMeeting(id: $id, version: $v, startsAt: $at) { id version startsAt }
}`;
const CANCEL = `mutation ($id: ID!, $v: Int!) {
  cancelMeeting(id: $id, version: $v, reason: "Salle indisponible") { id version status }
}`;
const RSVP = `mutation ($m: ID!, $a: RsvpAnswer!) { rsvpMeeting(meetingId: $m, answer: $a) { meetingId memberId answer answeredAt } }`;
const ANSWERS = `query ($id: ID!) { Meeting(id: $id) { myRsvp { answer } rsvps { memberId answer member { id } } } }`;

/** A registered group whose first member is the relay person. */
async function registeredGroup(name: string, count: number) {
  const people = await insertMembers(t, {
    society: 'SSTPC',
    count,
    label: name.toLowerCase().replace(/\W/g, ''),
  });
  const [group] = await t.sql(
    `INSERT INTO peer_group (society_id, name, kind, entry_point, draw_mode, status)
     VALUES ($1, $2, 'GAPEP', 'CASE_PRESENTATION', 'RANDOM', 'ACTIVE') RETURNING id`,
    [sstpc, name],
  );
  await t.sql(
    `INSERT INTO group_membership (society_id, group_id, member_id, role)
     SELECT $1, $2, m, CASE WHEN ordinality = 1 THEN 'RELAY' ELSE 'MEMBER' END
       FROM unnest($3::uuid[]) WITH ORDINALITY AS m`,
    [sstpc, group!.id, people.map((person) => person.memberId)],
  );
  return { groupId: group!.id as string, people };
}

/** An instant some days ahead, on a half hour (never near now, whatever day the tests run). */
function daysAhead(days: number): Date {
  const at = new Date(Date.now() + days * 86_400_000);
  at.setUTCMinutes(at.getUTCMinutes() < 30 ? 0 : 30, 0, 0);
  return at;
}

async function plan(startsAt: string | Date, minutes = 120, place = 'Salle du conseil, Niort') {
  const response = await t.gql(
    PLAN,
    {
      g: groupId,
      at: typeof startsAt === 'string' ? startsAt : startsAt.toISOString(),
      d: minutes,
      place,
    },
    { token: relayToken },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.planMeeting as { id: string; version: number; startsAt: string };
}

async function mailsAbout(meetingId: string): Promise<Mail[]> {
  return ((await t.outbox()) as Mail[]).filter(
    (mail) =>
      mail.link?.includes(meetingId) || mail.calendar?.includes(`UID:meeting-${meetingId}@`),
  );
}

/** RFC 5545 content lines, unfolded, as [name with parameters, value]. */
function icsLines(calendar: string): [string, string][] {
  return calendar
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)
    .map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon), line.slice(colon + 1)];
    });
}

function icsValue(calendar: string, name: string): string | undefined {
  const events = calendar.slice(calendar.indexOf('BEGIN:VEVENT'));
  return icsLines(events).find(([key]) => key === name || key.startsWith(`${name};`))?.[1];
}

function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * The instant a Europe/Paris local time names, by the rules the VTIMEZONE states (summer time
 * from the last Sunday of March 02:00 to the last Sunday of October 03:00): independent of Intl.
 */
function parisToUtc(local: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)$/
    .exec(local)!
    .map(Number);
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const summer =
    wall >= Date.UTC(y!, 2, lastSunday(y!, 3), 2) && wall < Date.UTC(y!, 9, lastSunday(y!, 10), 3);
  return new Date(wall - (summer ? 2 : 1) * 3_600_000);
}

async function reminderJobs(meetingId: string) {
  return t.sql(
    `SELECT id, data, start_after, state, singleton_key FROM pgboss.job
      WHERE name = $1 AND data->>'meetingId' = $2 ORDER BY created_on`,
    [REMINDER_QUEUE, meetingId],
  );
}

const local = (url: string) => url.replace(t.config.publicUrl, t.url);
const linkFor = (mail: Mail, answer: 'YES' | 'NO' | 'MAYBE') =>
  new RegExp(`(http\\S+/rsvp\\?token=\\S+\\.${answer}\\.\\S+)`).exec(mail.text!)![1]!;

beforeAll(async () => {
  t = await startTestApp({}, { jobs: true });
  sstpc = await societyId(t, 'SSTPC');
  ({ groupId, people: members } = await registeredGroup('Groupe des invitations', 4));
  [relay, , , english] = members as [FixtureMember, FixtureMember, FixtureMember, FixtureMember];
  await t.sql(`UPDATE user_account SET locale = 'en' WHERE id = $1`, [english.userId]);
  // Someone who left the group, and a member of another group.
  former = (await insertMembers(t, { society: 'SSTPC', count: 1, label: 'ancien' }))[0]!;
  await t.sql(
    `INSERT INTO group_membership (society_id, group_id, member_id, joined_on, left_on)
     VALUES ($1, $2, $3, current_date - 30, current_date - 1)`,
    [sstpc, groupId, former!.memberId],
  );
  outsider = (await registeredGroup('Autre groupe', 2)).people[1]!;
  relayToken = (await t.login(relay.email)).accessToken;
});
afterAll(() => t.close());

describe('invitations', () => {
  it('e-mail each current member an RFC 5545 invitation, after the commit', async () => {
    const startsAt = daysAhead(20);
    const meeting = await plan(startsAt, 150);
    const mails = await mailsAbout(meeting.id);
    expect(mails.map((mail) => mail.to).sort()).toEqual(members.map((m) => m.email).sort());
    expect(mails.some((mail) => [former.email, outsider.email].includes(mail.to))).toBe(false);

    const french = mails.find((mail) => mail.to === relay.email)!;
    expect(french.subject).toMatch(/^Invitation : réunion du groupe « Groupe des invitations »/);
    expect(french.text).toMatch(/heure de Paris/);
    const ics = french.calendar!;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    expect(icsValue(ics, 'METHOD')).toBeUndefined(); // METHOD is a calendar property…
    expect(icsLines(ics)).toContainEqual(['METHOD', 'REQUEST']); // …before the event
    expect(icsValue(ics, 'UID')).toBe(`meeting-${meeting.id}@e-pairs`);
    expect(icsValue(ics, 'SEQUENCE')).toBe('0');
    expect(icsValue(ics, 'STATUS')).toBe('CONFIRMED');
    expect(icsValue(ics, 'SUMMARY')).toBe('E-Pairs – Groupe des invitations');
    expect(icsValue(ics, 'LOCATION')).toBe('Salle du conseil\\, Niort');
    expect(icsLines(ics)).toContainEqual(['TZID', 'Europe/Paris']);
    const start = icsLines(ics).find(([key]) => key === 'DTSTART;TZID=Europe/Paris')![1];
    const end = icsLines(ics).find(([key]) => key === 'DTEND;TZID=Europe/Paris')![1];
    expect(parisToUtc(start).toISOString()).toBe(startsAt.toISOString());
    expect(parisToUtc(end).getTime() - startsAt.getTime()).toBe(150 * 60_000);
    const unfolded = ics.replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(
      new RegExp(
        `\r\nATTENDEE;CN=Membre [\\w ]+;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${relay.email.replace(/\./g, '\\.')}\r\n`,
      ),
    );
    expect(unfolded).toContain(
      'ORGANIZER;CN=E-Pairs – Groupe des invitations:mailto:no-reply@e-pairs.org',
    );
    // Three answer links, each naming its answer.
    for (const answer of ['YES', 'NO', 'MAYBE'] as const)
      expect(linkFor(french, answer)).toBeTruthy();

    const inEnglish = mails.find((mail) => mail.to === english.email)!;
    expect(inEnglish.subject).toMatch(/^Invitation: meeting of the group “Groupe des invitations”/);
    expect(inEnglish.text).toMatch(/Paris time/);

    // The .eml carries the invitation as text/calendar; method=REQUEST and as an attachment.
    const folder = t.config.mail.outboxDir;
    const emls = await Promise.all(
      (await readdir(folder))
        .filter((file) => file.endsWith('.eml'))
        .map((file) => readFile(join(folder, file), 'utf8')),
    );
    const eml = emls.find(
      (text) => text.includes(`To: ${relay.email}`) && text.includes('method=REQUEST'),
    );
    expect(eml).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(eml).toMatch(/filename=invitation\.ics/);
  });

  it('gives the right Paris time on the days daylight saving changes', async () => {
    // Next year's changes, whatever the year this runs (planning in the past is refused).
    const year = new Date().getUTCFullYear() + 1;
    const lastSunday = (month: number) => {
      const day = new Date(Date.UTC(year, month + 1, 0));
      day.setUTCDate(day.getUTCDate() - day.getUTCDay());
      return day.toISOString().slice(0, 10);
    };
    const [march, october] = [lastSunday(2), lastSunday(9)];
    const spring = await plan(`${march}T18:00:00+02:00`);
    const autumn = await plan(`${october}T18:00:00+01:00`);
    expect(spring.startsAt).toBe(`${march}T16:00:00.000Z`);
    expect(autumn.startsAt).toBe(`${october}T17:00:00.000Z`);
    for (const [meeting, day, utc] of [
      [spring, march.replace(/-/g, ''), `${march}T16:00:00.000Z`],
      [autumn, october.replace(/-/g, ''), `${october}T17:00:00.000Z`],
    ] as const) {
      const mail = (await mailsAbout(meeting.id)).find((one) => one.to === relay.email)!;
      const ics = mail.calendar!;
      expect(icsLines(ics)).toContainEqual(['DTSTART;TZID=Europe/Paris', `${day}T180000`]);
      expect(icsLines(ics)).toContainEqual(['DTEND;TZID=Europe/Paris', `${day}T200000`]);
      expect(parisToUtc(`${day}T180000`).toISOString()).toBe(utc);
      expect(mail.text).toMatch(/de 18:00 à 20:00 \(heure de Paris\)/);
      expect(mail.subject).toMatch(/à 18:00$/);
    }
    // The zone's rules travel with the invitation.
    const ics = (await mailsAbout(spring.id))[0]!.calendar!;
    expect(ics).toContain(
      'BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    );
    expect(ics).toContain(
      'BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    );
  });

  it('keeps wall-clock times across the change itself (a night meeting over the skipped hour)', () => {
    // 01:30 CET on 2027-03-28 (00:30Z) for two hours ends at 04:30 CEST (02:30Z).
    const ics = buildCalendar({
      uid: 'x@e-pairs',
      sequence: 0,
      method: 'REQUEST',
      startsAt: new Date('2027-03-28T00:30:00Z'),
      durationMinutes: 120,
      summary: 'Nuit; test, échappements\\ et accents',
      organizer: { name: 'E-Pairs', email: 'no-reply@e-pairs.org' },
    });
    expect(icsLines(ics)).toContainEqual(['DTSTART;TZID=Europe/Paris', '20270328T013000']);
    expect(icsLines(ics)).toContainEqual(['DTEND;TZID=Europe/Paris', '20270328T043000']);
    expect(parisToUtc('20270328T043000').toISOString()).toBe('2027-03-28T02:30:00.000Z');
    expect(icsValue(ics, 'SUMMARY')).toBe('Nuit\\; test\\, échappements\\\\ et accents');
  });

  it('updates the invitation (same UID, higher SEQUENCE) and moves the reminder', async () => {
    const first = daysAhead(30);
    const meeting = await plan(first);
    const [job] = await reminderJobs(meeting.id);
    expect(job).toMatchObject({
      state: 'created',
      data: { meetingId: meeting.id, startsAt: first.toISOString() },
    });
    expect(new Date(job!.start_after).getTime()).toBe(first.getTime() - 48 * 3_600_000);

    const moved = new Date(first.getTime() + 2 * 86_400_000);
    const update = await t.gql(
      UPDATE,
      { id: meeting.id, v: meeting.version, at: moved.toISOString() },
      { token: relayToken },
    );
    expect(update.errors).toBeUndefined();
    const updates = (await mailsAbout(meeting.id)).filter((mail) =>
      /^(Réunion modifiée|Meeting changed)/.test(mail.subject),
    );
    expect(updates).toHaveLength(members.length);
    const ics = updates.find((mail) => mail.to === relay.email)!.calendar!;
    expect(icsValue(ics, 'UID')).toBe(`meeting-${meeting.id}@e-pairs`);
    expect(icsValue(ics, 'SEQUENCE')).toBe('1');
    expect(icsLines(ics)).toContainEqual(['METHOD', 'REQUEST']);
    expect(
      parisToUtc(
        icsLines(ics).find(([key]) => key === 'DTSTART;TZID=Europe/Paris')![1],
      ).toISOString(),
    ).toBe(moved.toISOString());

    const jobs = await reminderJobs(meeting.id);
    expect(jobs).toHaveLength(2);
    expect(new Date(jobs[1]!.start_after).getTime()).toBe(moved.getTime() - 48 * 3_600_000);
    // The first job, when its time comes, finds the meeting moved and sends nothing.
    const before = (await t.outbox()).length;
    expect(await runMeetingReminder(t.app.services, jobs[0]!.data as ReminderJob)).toEqual({
      sent: 0,
      skipped: 'moved',
    });
    expect((await t.outbox()).length).toBe(before);
  });

  it('cancels the invitation (METHOD:CANCEL, STATUS:CANCELLED) and sends no reminder', async () => {
    const meeting = await plan(daysAhead(25));
    const cancel = await t.gql(
      CANCEL,
      { id: meeting.id, v: meeting.version },
      { token: relayToken },
    );
    expect(cancel.errors).toBeUndefined();
    const cancellations = (await mailsAbout(meeting.id)).filter((mail) =>
      /^(Réunion annulée|Meeting cancelled)/.test(mail.subject),
    );
    expect(cancellations.map((mail) => mail.to).sort()).toEqual(members.map((m) => m.email).sort());
    const mail = cancellations.find((one) => one.to === relay.email)!;
    expect(mail.text).toMatch(/Motif : Salle indisponible/);
    expect(mail.link).toBeNull(); // nothing to answer any more
    const ics = mail.calendar!;
    expect(icsLines(ics)).toContainEqual(['METHOD', 'CANCEL']);
    expect(icsValue(ics, 'STATUS')).toBe('CANCELLED');
    expect(icsValue(ics, 'SEQUENCE')).toBe('1');
    expect(icsValue(ics, 'UID')).toBe(`meeting-${meeting.id}@e-pairs`);

    const [job] = await reminderJobs(meeting.id);
    const before = (await t.outbox()).length;
    expect(await runMeetingReminder(t.app.services, job!.data as ReminderJob)).toEqual({
      sent: 0,
      skipped: 'cancelled',
    });
    expect((await t.outbox()).length).toBe(before);
  });

  it('schedules no reminder for a meeting closer than the delay (its invitation is the notice)', async () => {
    const meeting = await plan(daysAhead(1));
    expect(await reminderJobs(meeting.id)).toEqual([]);
    expect((await mailsAbout(meeting.id)).length).toBe(members.length);
  });
});

describe('answers from the apps', () => {
  let meetingId: string;
  beforeAll(async () => {
    meetingId = (await plan(daysAhead(40))).id;
  });

  it('records the signed-in member’s answer, audited, and shows the group’s answers', async () => {
    const member = members[1]!;
    const token = (await t.login(member.email)).accessToken;
    const answered = await t.gql(RSVP, { m: meetingId, a: 'MAYBE' }, { token });
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.rsvpMeeting).toMatchObject({
      meetingId,
      memberId: member.memberId,
      answer: 'MAYBE',
    });
    const changed = await t.gql(RSVP, { m: meetingId, a: 'YES' }, { token });
    expect(changed.data!.rsvpMeeting.answer).toBe('YES');
    const audits = await t.sql(
      `SELECT actor_user_id, changed_fields FROM audit_event WHERE action = 'meeting.rsvp' AND entity_id = $1`,
      [meetingId],
    );
    expect(audits).toEqual([
      { actor_user_id: member.userId, changed_fields: ['answer'] },
      { actor_user_id: member.userId, changed_fields: ['answer'] },
    ]);

    const mine = await t.gql(ANSWERS, { id: meetingId }, { token });
    expect(mine.data!.Meeting.myRsvp).toEqual({ answer: 'YES' });
    // A fellow member sees the group's answers, and has none of its own yet.
    const fellow = await t.gql(ANSWERS, { id: meetingId }, { token: relayToken });
    expect(fellow.data!.Meeting).toEqual({
      myRsvp: null,
      rsvps: [{ memberId: member.memberId, answer: 'YES', member: { id: member.memberId } }],
    });
  });

  it('refuses a member of another group, an administrator and an anonymous caller', async () => {
    const other = (await t.login(outsider.email)).accessToken;
    const refused = await t.gql(RSVP, { m: meetingId, a: 'YES' }, { token: other });
    expect(errorCodes(refused)).toEqual([expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]);
    const admin = (await t.login(DEMO.adminSstpc)).accessToken;
    expect(errorCodes(await t.gql(RSVP, { m: meetingId, a: 'YES' }, { token: admin }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await t.gql(RSVP, { m: meetingId, a: 'YES' }))).toEqual(['UNAUTHENTICATED']);
    const rows = await t.sql(`SELECT member_id FROM meeting_rsvp WHERE meeting_id = $1`, [
      meetingId,
    ]);
    expect(rows.map((row) => row.member_id)).not.toContain(outsider.memberId);
    // The other group's member does not see the answers either.
    const peek = await t.gql(ANSWERS, { id: meetingId }, { token: other });
    expect(peek.data?.Meeting ?? null).toBeNull();
  });

  it('refuses answers once the meeting is cancelled or has started', async () => {
    const past = await plan(new Date(Date.now() - 5 * 60_000)); // started five minutes ago
    const token = (await t.login(members[2]!.email)).accessToken;
    expect(errorCodes(await t.gql(RSVP, { m: past.id, a: 'YES' }, { token }))).toEqual([
      'CONFLICT',
    ]);
    const soon = await plan(daysAhead(10));
    await t.gql(CANCEL, { id: soon.id, v: soon.version }, { token: relayToken });
    const cancelled = await t.gql(RSVP, { m: soon.id, a: 'YES' }, { token });
    expect(errorCodes(cancelled)).toEqual(['CONFLICT']);
    expect(cancelled.errors![0]!.message).toBe('Cette réunion est annulée.');
  });
});

describe('answers from the e-mail links', () => {
  let meetingId: string;
  let invitation: Mail;
  const member = () => members[2]!;

  beforeAll(async () => {
    meetingId = (await plan(daysAhead(50))).id;
    invitation = (await mailsAbout(meetingId)).find((mail) => mail.to === member().email)!;
  });

  const answerOf = async () =>
    (
      await t.sql(`SELECT answer FROM meeting_rsvp WHERE meeting_id = $1 AND member_id = $2`, [
        meetingId,
        member().memberId,
      ])
    )[0]?.answer ?? null;
  const auditCount = async () =>
    (
      await t.sql(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'meeting.rsvp' AND entity_id = $1`,
        [meetingId],
      )
    )[0]!.n as number;

  const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
  const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${t.url}/rsvp`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body),
    });
  /** The hidden token and the buttons (answer, class, label) of a page's form. */
  const formOf = (html: string) => ({
    action: /<form method="post" action="([^"]*)">/.exec(html)?.[1],
    token: /<input type="hidden" name="token" value="([^"]+)">/
      .exec(html)?.[1]
      ?.replace(/&amp;/g, '&'),
    buttons: [
      ...html.matchAll(
        /<button type="submit" name="answer" value="(\w+)"(?: class="(\w+)")?>([^<]+)<\/button>/g,
      ),
    ].map(([, answer, style, label]) => ({ answer, primary: style === 'primary', label })),
  });

  it('shows the meeting and a one-click confirmation on GET, and records nothing', async () => {
    const link = local(linkFor(invitation, 'NO'));
    // A mail scanner follows the link, maybe several times and with HEAD: nothing is recorded.
    for (const method of ['GET', 'HEAD', 'GET']) {
      expect((await fetch(link, { method })).status).toBe(200);
    }
    expect(await answerOf()).toBeNull();
    expect(await auditCount()).toBe(0);

    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toMatch(/<html lang="fr">/);
    expect(html).toMatch(/<h1>Confirmer votre réponse<\/h1>/);
    expect(html).toContain('Réunion du groupe « Groupe des invitations »');
    const startsAt = (await t.sql(`SELECT starts_at FROM meeting WHERE id = $1`, [meetingId]))[0]!
      .starts_at as Date;
    const when = new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(startsAt);
    expect(html).toMatch(new RegExp(`\\d{4} à ${when} \\(heure de Paris\\)`));
    // One form, posting the link's token; the link's answer first (the default button).
    const form = formOf(html);
    expect(form.action).toBe('rsvp');
    expect(form.token).toBe(tokenOf(linkFor(invitation, 'NO')));
    expect(form.buttons).toEqual([
      { answer: 'NO', primary: true, label: 'Confirmer : je ne participerai pas' },
      { answer: 'YES', primary: false, label: 'Je participerai' },
      { answer: 'MAYBE', primary: false, label: 'Peut-être' },
    ]);
    expect(html).toMatch(/<legend>Votre réponse<\/legend>/);
    expect(await answerOf()).toBeNull();
  });

  it('records on POST, audited, and records nothing more when the answer is unchanged', async () => {
    const form = formOf(await (await fetch(local(linkFor(invitation, 'NO')))).text());
    const response = await post({ token: form.token!, answer: 'NO' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toMatch(/<p role="status">Vous ne participerez pas à la réunion\.<\/p>/);
    expect(html).toContain('Groupe des invitations');
    expect(await answerOf()).toBe('NO');
    expect(await auditCount()).toBe(1);
    // The same answer again (a double click) changes nothing and records nothing more.
    expect((await post({ token: form.token!, answer: 'NO' })).status).toBe(200);
    expect(await auditCount()).toBe(1);
    const audit = await t.sql(
      `SELECT actor_user_id, society_id FROM audit_event WHERE action = 'meeting.rsvp' AND entity_id = $1`,
      [meetingId],
    );
    expect(audit).toEqual([{ actor_user_id: member().userId, society_id: sstpc }]);
    // The page shows the answer now recorded.
    expect(await (await fetch(local(linkFor(invitation, 'YES')))).text()).toContain(
      'Votre réponse actuelle : « Je ne participerai pas ».',
    );
  });

  it('lets the member change its mind from the page, from this site only', async () => {
    const recorded = await (
      await post({ token: tokenOf(linkFor(invitation, 'NO')), answer: 'NO' })
    ).text();
    const form = formOf(recorded);
    expect(form.buttons.map((button) => button.answer)).toEqual(['YES', 'MAYBE']);
    const before = await auditCount();
    // A browser posting from this page: same-origin, or "Origin: null" under no-referrer.
    const changed = await post(
      { token: form.token!, answer: 'MAYBE' },
      { 'sec-fetch-site': 'same-origin', origin: 'null' },
    );
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('Vous participerez peut-être à la réunion.');
    expect(await answerOf()).toBe('MAYBE');
    expect(await auditCount()).toBe(before + 1);

    // Posts a browser marks as coming from another site are refused, whatever the token.
    for (const headers of [
      { 'sec-fetch-site': 'cross-site' } as Record<string, string>,
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://attaquant.example' },
    ]) {
      const refused = await post({ token: form.token!, answer: 'YES' }, headers);
      expect(refused.status).toBe(403);
      expect(await refused.text()).toMatch(/role="alert"/);
    }
    // An answer that does not exist.
    expect((await post({ token: form.token!, answer: 'PERHAPS' })).status).toBe(400);
    expect(await answerOf()).toBe('MAYBE');
    expect(await auditCount()).toBe(before + 1);
    // Without an answer field, the token's answer is recorded.
    expect((await post({ token: tokenOf(linkFor(invitation, 'YES')) })).status).toBe(200);
    expect(await answerOf()).toBe('YES');
  });

  it('refuses a forged, altered or expired token on both verbs, and the token is no API credential', async () => {
    const token = tokenOf(linkFor(invitation, 'YES'));
    const [meeting, , answer, expiry, signature] = token.split('.');
    const forgedFor = `${meeting}.${outsider.memberId}.${answer}.${expiry}.${signature}`;
    const before = await answerOf();
    const audits = await auditCount();
    for (const bad of [
      forgedFor,
      token.replace('.YES.', '.NO.'),
      `${token.slice(0, -2)}xx`,
      'nimportequoi',
    ]) {
      const response = await fetch(`${t.url}/rsvp?token=${encodeURIComponent(bad)}`);
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/role="alert"/);
      expect((await post({ token: bad, answer: 'NO' })).status).toBe(400);
    }
    expect((await post({ answer: 'NO' })).status).toBe(400);
    const expired = t.app.services.rsvpLinks.token({
      meetingId,
      memberId: member().memberId,
      answer: 'NO',
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await fetch(`${t.url}/rsvp?token=${encodeURIComponent(expired)}`)).status).toBe(410);
    expect((await post({ token: expired, answer: 'NO' })).status).toBe(410);
    expect(await answerOf()).toBe(before);
    expect(await auditCount()).toBe(audits);
    const asBearer = await t.gql(`{ __typename }`, {}, { token });
    expect(asBearer.status).toBe(401);
  });

  it('refuses a member who left the group and a cancelled meeting, on both verbs', async () => {
    const leaving = members[3]!;
    const mail = (await mailsAbout(meetingId)).find((one) => one.to === leaving.email)!;
    await t.sql(
      `UPDATE group_membership SET left_on = current_date WHERE member_id = $1 AND group_id = $2`,
      [leaving.memberId, groupId],
    );
    try {
      expect((await fetch(local(linkFor(mail, 'YES')))).status).toBe(403);
      expect((await post({ token: tokenOf(linkFor(mail, 'YES')), answer: 'YES' })).status).toBe(
        403,
      );
    } finally {
      await t.sql(
        `UPDATE group_membership SET left_on = NULL WHERE member_id = $1 AND group_id = $2`,
        [leaving.memberId, groupId],
      );
    }
    const rows = await t.sql(
      `SELECT 1 FROM meeting_rsvp WHERE meeting_id = $1 AND member_id = $2`,
      [meetingId, leaving.memberId],
    );
    expect(rows).toEqual([]);

    const doomed = await plan(daysAhead(12));
    const doomedMail = (await mailsAbout(doomed.id)).find((one) => one.to === member().email)!;
    await t.gql(CANCEL, { id: doomed.id, v: doomed.version }, { token: relayToken });
    const response = await fetch(local(linkFor(doomedMail, 'YES')));
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('Cette réunion est annulée.');
    const posted = await post({ token: tokenOf(linkFor(doomedMail, 'YES')), answer: 'YES' });
    expect(posted.status).toBe(409);
    expect(await posted.text()).toContain('Cette réunion est annulée.');
  });
});

describe('reminders', () => {
  it('reach the members who have not declined, through the job handler', async () => {
    const meeting = await plan(daysAhead(60));
    const [job] = await reminderJobs(meeting.id);
    expect(job!.singleton_key).toBe(`${meeting.id}@${(job!.data as ReminderJob).startsAt}`);
    const [no, yes, maybe] = [members[1]!, members[2]!, members[3]!];
    for (const [person, answer] of [
      [no, 'NO'],
      [yes, 'YES'],
      [maybe, 'MAYBE'],
    ] as const) {
      const token = (await t.login(person.email)).accessToken;
      expect((await t.gql(RSVP, { m: meeting.id, a: answer }, { token })).errors).toBeUndefined();
    }
    const outcome = await runMeetingReminder(t.app.services, job!.data as ReminderJob);
    expect(outcome).toEqual({ sent: 3 });
    const reminders = (await mailsAbout(meeting.id)).filter((mail) =>
      /^(Rappel|Reminder)/.test(mail.subject),
    );
    expect(reminders.map((mail) => mail.to).sort()).toEqual(
      [relay.email, yes.email, maybe.email].sort(),
    );
    expect(reminders.find((mail) => mail.to === maybe.email)!.subject).toMatch(
      /^Reminder: meeting of the group/,
    );
    expect(reminders.find((mail) => mail.to === relay.email)!.subject).toMatch(
      /^Rappel : réunion du groupe « Groupe des invitations »/,
    );
  });

  it('are queued once per meeting and start, and only if the change commits', async () => {
    const meeting = await plan(daysAhead(70));
    const jobs = await reminderJobs(meeting.id);
    expect(jobs).toHaveLength(1);
    // Re-queuing the same start adds nothing (queue policy "short", singleton key).
    const again = await t.app.services.dataSource.transaction((manager) =>
      t.jobs!.sendInTransaction(manager, REMINDER_QUEUE, jobs[0]!.data, {
        startAfter: new Date(jobs[0]!.start_after),
        singletonKey: jobs[0]!.singleton_key,
      }),
    );
    expect(again).toBeNull();
    // A job queued in a transaction that rolls back does not exist.
    await t.app.services.dataSource
      .transaction(async (manager) => {
        await t.jobs!.sendInTransaction(
          manager,
          REMINDER_QUEUE,
          { meetingId: meeting.id, startsAt: 'x' },
          {},
        );
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await reminderJobs(meeting.id)).toHaveLength(1);
  });

  it('run in the worker, as the application role', async () => {
    const meeting = await plan(daysAhead(80));
    const data = { meetingId: meeting.id, startsAt: meeting.startsAt };
    const id = await t.app.services.dataSource.transaction((manager) =>
      t.jobs!.sendInTransaction(manager, REMINDER_QUEUE, data, {}),
    );
    const deadline = Date.now() + 20_000;
    let state = 'created';
    while (Date.now() < deadline && state !== 'completed') {
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = (await t.sql(`SELECT state FROM pgboss.job WHERE id = $1`, [id]))[0]?.state ?? 'gone';
    }
    expect(state).toBe('completed');
    const reminders = (await mailsAbout(meeting.id)).filter((mail) =>
      /^(Rappel|Reminder)/.test(mail.subject),
    );
    expect(reminders).toHaveLength(members.length);
  });

  it('keep the application role confined in the job schema (rows, no DDL, owns nothing)', async () => {
    const client = await t.appRoleClient();
    try {
      await expect(client.query('CREATE TABLE pgboss.intruder (id int)')).rejects.toThrow(
        /permission denied/,
      );
      await expect(client.query(`SELECT pgboss.create_queue('x', '{}'::json)`)).rejects.toThrow(
        /permission denied/,
      );
      const [owned] = (
        await client.query(
          `SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'pgboss'::regnamespace AND relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user)`,
        )
      ).rows;
      expect(owned.n).toBe(0);
    } finally {
      await client.end();
    }
  });
});
