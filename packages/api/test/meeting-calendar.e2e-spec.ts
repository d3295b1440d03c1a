import { insertActiveGroup, insertMembers, societyId } from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let meetingId: string;
let memberEmail: string;
const token: Record<string, string> = {};

const CALENDAR = `query ($m: ID!) { meetingCalendar(meetingId: $m) }`;

beforeAll(async () => {
  t = await startTestApp();
  const sstpc = await societyId(t, 'SSTPC');
  const people = await insertMembers(t, { society: 'SSTPC', count: 3, label: 'agenda' });
  const groupId = await insertActiveGroup(t, sstpc, 'Groupe de l’agenda', people);
  const others = await insertMembers(t, { society: 'SSTPC', count: 2, label: 'voisin' });
  await insertActiveGroup(t, sstpc, 'Groupe voisin', others);
  token.relay = (await t.login(people[0]!.email)).accessToken;
  memberEmail = people[1]!.email;
  token.member = (await t.login(memberEmail)).accessToken;
  token.neighbour = (await t.login(others[1]!.email)).accessToken;
  token.otherSociety = (await t.login(DEMO.nurseSmtvl)).accessToken;
  // Planned through the API, as the invitations are sent.
  const planned = await t.gql(
    `mutation ($g: ID!) { planMeeting(groupId: $g, startsAt: "2030-03-12T18:00:00+01:00", durationMinutes: 150, mode: IN_PERSON, place: "Salle du conseil, Niort") { id } }`,
    { g: groupId },
    { token: token.relay },
  );
  expect(planned.errors).toBeUndefined();
  meetingId = planned.data!.planMeeting.id;
});
afterAll(() => t.close());

describe('meetingCalendar', () => {
  it("gives a member of the group the invitation's calendar entry", async () => {
    const response = await t.gql(CALENDAR, { m: meetingId }, { token: token.member });
    expect(response.errors).toBeUndefined();
    const ics = response.data!.meetingCalendar as string;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics).toContain('DTSTART;TZID=Europe/Paris:20300312T180000');
    expect(ics).toContain(`UID:meeting-${meetingId}@e-pairs`);
    expect(ics).toContain('SUMMARY:E-Pairs – Groupe de l’agenda');
    expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  });

  it('matches the .ics of the invitation e-mail (same UID and SEQUENCE: one event, updated)', async () => {
    const invitation = ((await t.outbox()) as { to: string; calendar?: string }[]).find(
      (mail) => mail.to === memberEmail && mail.calendar?.includes(meetingId),
    )?.calendar;
    expect(invitation).toBeDefined();
    const ics = (await t.gql(CALENDAR, { m: meetingId }, { token: token.member })).data!
      .meetingCalendar as string;
    const line = (text: string, name: string) =>
      text.split('\r\n').find((row) => row.startsWith(`${name}:`) || row.startsWith(`${name};`));
    for (const name of ['METHOD', 'UID', 'SEQUENCE', 'DTSTART', 'DTEND', 'SUMMARY', 'LOCATION']) {
      expect({ name, line: line(ics, name) }).toEqual({ name, line: line(invitation!, name) });
    }
  });

  it('refuses a member of another group and of another society', async () => {
    expect(errorCodes(await t.gql(CALENDAR, { m: meetingId }, { token: token.neighbour }))).toEqual(
      ['NOT_FOUND'],
    );
    expect(
      errorCodes(await t.gql(CALENDAR, { m: meetingId }, { token: token.otherSociety })),
    ).toEqual(['NOT_FOUND']);
    expect(errorCodes(await t.gql(CALENDAR, { m: 'pas-un-id' }, { token: token.member }))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('refuses an administrator who sees the meeting but is not of the group', async () => {
    const admin = (await t.login(DEMO.adminSstpc)).accessToken;
    expect(errorCodes(await t.gql(CALENDAR, { m: meetingId }, { token: admin }))).toEqual([
      'FORBIDDEN',
    ]);
  });
});
