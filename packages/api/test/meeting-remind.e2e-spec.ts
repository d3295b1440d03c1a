import { insertActiveGroup, insertMembers, societyId } from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let meetingId: string;
let groupId: string;
let people: Awaited<ReturnType<typeof insertMembers>>;
const token: Record<string, string> = {};

const REMIND = `mutation ($m: ID!) { remindMeetingMembers(meetingId: $m) }`;

beforeAll(async () => {
  t = await startTestApp();
  const sstpc = await societyId(t, 'SSTPC');
  people = await insertMembers(t, { society: 'SSTPC', count: 4, label: 'relance' });
  groupId = await insertActiveGroup(t, sstpc, 'Groupe de la relance', people);
  const others = await insertMembers(t, { society: 'SSTPC', count: 2, label: 'voisin-relance' });
  await insertActiveGroup(t, sstpc, 'Groupe voisin de la relance', others);
  token.relay = (await t.login(people[0]!.email)).accessToken;
  token.member = (await t.login(people[1]!.email)).accessToken;
  token.neighbourRelay = (await t.login(others[0]!.email)).accessToken;
  token.otherSocietyAdmin = (await t.login(DEMO.adminSmtvl)).accessToken;
  const planned = await t.gql(
    `mutation ($g: ID!) { planMeeting(groupId: $g, startsAt: "2030-05-14T18:00:00+02:00", durationMinutes: 150, mode: IN_PERSON, place: "Poitiers") { id } }`,
    { g: groupId },
    { token: token.relay },
  );
  expect(planned.errors).toBeUndefined();
  meetingId = planned.data!.planMeeting.id;
});
afterAll(() => t.close());

const remindersTo = async () =>
  ((await t.outbox()) as { to: string; subject: string }[])
    .filter((mail) =>
      mail.subject.startsWith('Rappel : réunion du groupe « Groupe de la relance »'),
    )
    .map((mail) => mail.to)
    .sort();

describe('remindMeetingMembers', () => {
  it('writes again, after the commit, to the members who have not answered, and only to them', async () => {
    const answered = await t.gql(
      `mutation ($m: ID!) { rsvpMeeting(meetingId: $m, answer: NO) { answer } }`,
      { m: meetingId },
      { token: token.member },
    );
    expect(answered.errors).toBeUndefined();
    const response = await t.gql(REMIND, { m: meetingId }, { token: token.relay });
    expect(response.errors).toBeUndefined();
    const expected = people
      .map((person) => person.email)
      .filter((email) => email !== people[1]!.email)
      .sort();
    expect(response.data!.remindMeetingMembers).toBe(expected.length);
    for (let attempt = 0; attempt < 50 && (await remindersTo()).length < expected.length; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await remindersTo()).toEqual(expected);
  });

  it('refuses a member, another group’s relay person and another society’s admin', async () => {
    expect(errorCodes(await t.gql(REMIND, { m: meetingId }, { token: token.member }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      errorCodes(await t.gql(REMIND, { m: meetingId }, { token: token.neighbourRelay })),
    ).toEqual(['NOT_FOUND']);
    expect(
      errorCodes(await t.gql(REMIND, { m: meetingId }, { token: token.otherSocietyAdmin })),
    ).toEqual(['NOT_FOUND']);
    // Nobody was written to by these refused calls.
    expect((await remindersTo()).length).toBe(people.length - 1);
  });

  it('refuses a meeting that has already started', async () => {
    const started = await t.gql(
      `mutation ($g: ID!, $at: DateTimeISO!) { planMeeting(groupId: $g, startsAt: $at, durationMinutes: 60, mode: REMOTE, link: "https://visio.example.org/r") { id } }`,
      { g: groupId, at: new Date(Date.now() - 60_000).toISOString() },
      { token: token.relay },
    );
    expect(started.errors).toBeUndefined();
    const refused = await t.gql(
      REMIND,
      { m: started.data!.planMeeting.id },
      { token: token.relay },
    );
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0]!.message).toBe(
      'Seule une réunion à venir peut faire l’objet d’une relance.',
    );
  });
});
