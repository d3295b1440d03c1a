import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

/** Every meeting query and mutation, tried by those DOMAIN.md keeps out. */
let t: TestApp;
let sstpc: string;
let groupId: string;
let meetingId: string;
let people: FixtureMember[];
let roleId: string;

const MEETING_MUTATIONS = [
  'planMeeting',
  'updateMeeting',
  'cancelMeeting',
  'assignMeetingRole',
  'removeMeetingRole',
  'drawPresenter',
  'applyRotation',
  'signAttendance',
  'recordExcusedAbsence',
  'correctAttendance',
  'closeAttendanceSheet',
];

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  people = await insertMembers(t, { society: 'SSTPC', count: 6, label: 'isolement' });
  groupId = await insertActiveGroup(t, sstpc, 'Groupe fermé', people);
  const [meeting] = await t.sql(
    `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, signing_secret)
     VALUES ($1, $2, now() - interval '5 minutes', 120, 'Niort', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
     RETURNING id`,
    [sstpc, groupId],
  );
  meetingId = meeting!.id;
  const [role] = await t.sql(
    `INSERT INTO meeting_role (society_id, meeting_id, member_id, role) VALUES ($1, $2, $3, 'ANIMATOR') RETURNING id`,
    [sstpc, meetingId, people[1]!.memberId],
  );
  roleId = role!.id;
  await t.sql(
    `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, correction_reason) VALUES ($1, $2, $3, 'SIGNED', 'CORRECTION', 'fixture')`,
    [sstpc, meetingId, people[2]!.memberId],
  );
});
afterAll(() => t.close());

function attempts(): Record<string, [string, Record<string, unknown>]> {
  return {
    planMeeting: [
      `mutation ($g: ID!) { planMeeting(groupId: $g, startsAt: "2026-12-01T18:00:00Z", durationMinutes: 120, place: "X") { id } }`,
      { g: groupId },
    ],
    updateMeeting: [
      `mutation ($m: ID!) { updateMeeting(id: $m, version: 1, title: "Piraté") { id } }`,
      { m: meetingId },
    ],
    cancelMeeting: [
      `mutation ($m: ID!) { cancelMeeting(id: $m, version: 1, reason: "x") { id } }`,
      { m: meetingId },
    ],
    assignMeetingRole: [
      `mutation ($m: ID!, $p: ID!) { assignMeetingRole(meetingId: $m, memberId: $p, role: SECRETARY) { id } }`,
      { m: meetingId, p: people[3]!.memberId },
    ],
    removeMeetingRole: [`mutation ($r: ID!) { removeMeetingRole(id: $r) { id } }`, { r: roleId }],
    drawPresenter: [`mutation ($m: ID!) { drawPresenter(meetingId: $m) { id } }`, { m: meetingId }],
    applyRotation: [
      `mutation ($g: ID!) { applyRotation(groupId: $g) { proposals { meetingId } } }`,
      { g: groupId },
    ],
    signAttendance: [
      `mutation ($m: ID!) { signAttendance(meetingId: $m, code: "123456") { id } }`,
      { m: meetingId },
    ],
    recordExcusedAbsence: [
      `mutation ($m: ID!, $p: ID!) { recordExcusedAbsence(meetingId: $m, memberId: $p) { id } }`,
      { m: meetingId, p: people[4]!.memberId },
    ],
    correctAttendance: [
      `mutation ($m: ID!, $p: ID!) { correctAttendance(meetingId: $m, memberId: $p, present: false, reason: "x") { id } }`,
      { m: meetingId, p: people[2]!.memberId },
    ],
    closeAttendanceSheet: [
      `mutation ($m: ID!) { closeAttendanceSheet(meetingId: $m) { id } }`,
      { m: meetingId },
    ],
  };
}

async function expectRefused(token: string, except: string[] = []) {
  const all = attempts();
  expect(Object.keys(all).sort()).toEqual([...MEETING_MUTATIONS].sort());
  for (const [name, [query, variables]] of Object.entries(all)) {
    if (except.includes(name)) continue;
    const response = await t.gql(query, variables, { token });
    const [error] = response.errors ?? [];
    const code = String(error?.extensions?.code);
    const refused =
      ['FORBIDDEN', 'NOT_FOUND'].includes(code) ||
      (code === 'BAD_USER_INPUT' &&
        /^(meetingId|token|code)$/.test(String(error?.extensions?.field)));
    expect({ name, refused }).toEqual({ name, refused: true });
  }
  const [meeting] = await t.sql(`SELECT title, status, version FROM meeting WHERE id = $1`, [
    meetingId,
  ]);
  expect(meeting).toEqual({ title: null, status: 'PLANNED', version: 1 });
  expect(
    (
      await t.sql(`SELECT count(*)::int AS n FROM meeting_role WHERE meeting_id = $1`, [meetingId])
    )[0]!.n,
  ).toBe(1);
  expect(
    (
      await t.sql(`SELECT count(*)::int AS n FROM attendance WHERE meeting_id = $1`, [meetingId])
    )[0]!.n,
  ).toBe(1);
}

const READ = `query ($m: ID!, $g: ID!) { Meeting(id: $m) { id attendance { memberId } roles { memberId } } allMeetings(filter: { groupId: $g }) { id } }`;

describe('meetings', () => {
  it("are out of reach of a plain member's changes (signing excepted, with a valid code)", async () => {
    const member = (await t.login(people[5]!.email)).accessToken;
    await expectRefused(member);
    const read = await t.gql(READ, { m: meetingId, g: groupId }, { token: member });
    expect(read.data?.Meeting.attendance).toHaveLength(1);
  });

  it('are invisible and untouchable for the relay person of another group', async () => {
    const relay = (await t.login(DEMO.relaySstpc)).accessToken;
    await expectRefused(relay);
    const read = await t.gql(READ, { m: meetingId, g: groupId }, { token: relay });
    expect(read.data).toEqual({ Meeting: null, allMeetings: [] });
    const secrets = await t.gql(
      `query ($m: ID!) { signingCredentials(meetingId: $m) { code } }`,
      { m: meetingId },
      { token: relay },
    );
    expect(secrets.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it("are invisible and untouchable for another society's administrator", async () => {
    const admin = (await t.login(DEMO.adminSmtvl)).accessToken;
    await expectRefused(admin);
    const read = await t.gql(READ, { m: meetingId, g: groupId }, { token: admin });
    expect(read.data).toEqual({ Meeting: null, allMeetings: [] });
  });

  it('show a binôme their dates, never the sheet', async () => {
    const [binome] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [DEMO.binomeAsmt]);
    await t.sql(
      `INSERT INTO binome_assignment (society_id, group_id, user_id) VALUES ($1, $2, $3)`,
      [sstpc, groupId, binome!.id],
    );
    const token = (await t.login(DEMO.binomeAsmt)).accessToken;
    await expectRefused(token);
    const read = await t.gql(READ, { m: meetingId, g: groupId }, { token });
    expect(read.data?.Meeting).toEqual({ id: meetingId, attendance: [], roles: [] });
  });
});
