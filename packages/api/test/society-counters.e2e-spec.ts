import { yearInParis } from '@epairs/shared';
import { insertActiveGroup, insertMembers, societyId } from './support/register-fixtures';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * The society counters (migration 1765300000000-society-counters) follow every write that
 * changes a figure, in the same transaction: after signing, closing a sheet, correcting it,
 * suspending a group and a member's leaving, `societyStats` equals the figures counted from the
 * tables. Only the database's own triggers write them.
 */
let t: TestApp;
const YEAR = yearInParis();
const STATS = `query ($s: ID) { societyStats(year: ${YEAR}, societyId: $s) {
  activeGroups members meetingsHeld signatures } }`;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The figures counted from the tables, as the dashboard counts them. */
async function counted(society: string) {
  const [row] = await t.sql(
    `SELECT
       (SELECT count(*) FROM peer_group WHERE society_id = $1 AND status = 'ACTIVE')::int AS "activeGroups",
       (SELECT count(*) FROM member WHERE society_id = $1 AND status = 'ACTIVE')::int AS members,
       (SELECT count(*) FROM meeting WHERE society_id = $1 AND status = 'HELD'
           AND extract(year FROM starts_at AT TIME ZONE 'Europe/Paris')::int = $2)::int AS "meetingsHeld",
       (SELECT count(*) FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
         WHERE mt.society_id = $1 AND a.status = 'SIGNED' AND mt.status = 'HELD'
           AND extract(year FROM mt.starts_at AT TIME ZONE 'Europe/Paris')::int = $2)::int AS signatures`,
    [society, YEAR],
  );
  return row;
}

it('follow signing, closing, correcting, a suspended group and a member who left', async () => {
  const sstpc = await societyId(t, 'SSTPC');
  const federation = (await t.login(DEMO.federation)).accessToken;
  const stats = async () => {
    const response = await t.gql(STATS, { s: sstpc }, { token: federation });
    expect(response.errors).toBeUndefined();
    return response.data!.societyStats;
  };
  expect(await stats()).toEqual(await counted(sstpc));
  const start = await stats();

  const people = await insertMembers(t, { society: 'SSTPC', count: 4, label: 'compteurs' });
  const groupId = await insertActiveGroup(t, sstpc, 'Groupe des compteurs', people);
  expect(await stats()).toEqual({
    ...start,
    activeGroups: start.activeGroups + 1,
    members: start.members + 4,
  });

  const relay = (await t.login(people[0]!.email)).accessToken;
  const planned = await t.gql(
    `mutation ($g: ID!, $at: DateTimeISO!) { planMeeting(groupId: $g, startsAt: $at, durationMinutes: 120, mode: REMOTE, link: "https://visio.example.org/c") { id } }`,
    { g: groupId, at: new Date(Date.now() - 20_000).toISOString() },
    { token: relay },
  );
  expect(planned.errors).toBeUndefined();
  const meetingId = planned.data!.planMeeting.id as string;
  const { data } = await t.gql(
    `query ($m: ID!) { signingCredentials(meetingId: $m) { token } }`,
    { m: meetingId },
    { token: relay },
  );
  for (const person of people.slice(0, 3)) {
    const token = (await t.login(person.email)).accessToken;
    const signed = await t.gql(
      `mutation ($t: String!) { signAttendance(token: $t) { id } }`,
      { t: data!.signingCredentials.token },
      { token },
    );
    expect(signed.errors).toBeUndefined();
  }
  // Signatures of a meeting not yet held do not count.
  expect((await stats()).signatures).toBe(start.signatures);

  const closed = await t.gql(
    `mutation ($m: ID!) { closeAttendanceSheet(meetingId: $m) { status } }`,
    { m: meetingId },
    { token: relay },
  );
  expect(closed.errors).toBeUndefined();
  expect(await stats()).toMatchObject({
    meetingsHeld: start.meetingsHeld + 1,
    signatures: start.signatures + 3,
  });

  const corrected = await t.gql(
    `mutation ($m: ID!, $p: ID!) { correctAttendance(meetingId: $m, memberId: $p, present: false, reason: "Parti avant le début") { status } }`,
    { m: meetingId, p: people[2]!.memberId },
    { token: relay },
  );
  expect(corrected.errors).toBeUndefined();
  const late = await t.gql(
    `mutation ($m: ID!, $p: ID!) { correctAttendance(meetingId: $m, memberId: $p, present: true, reason: "Signature oubliée") { status } }`,
    { m: meetingId, p: people[3]!.memberId },
    { token: relay },
  );
  expect(late.errors).toBeUndefined();
  expect((await stats()).signatures).toBe(start.signatures + 3);

  await t.sql(`UPDATE peer_group SET status = 'SUSPENDED' WHERE id = $1`, [groupId]);
  await t.sql(`UPDATE member SET status = 'LEFT' WHERE id = $1`, [people[3]!.memberId]);
  expect(await stats()).toEqual({
    activeGroups: start.activeGroups,
    members: start.members + 3,
    meetingsHeld: start.meetingsHeld + 1,
    signatures: start.signatures + 3,
  });
  expect(await stats()).toEqual(await counted(sstpc));

  // A recount from the tables gives the same counters (the bench's generator relies on it).
  await t.sql(`SELECT app.recount_societies()`);
  expect(await stats()).toEqual(await counted(sstpc));
});

it('are read by administrators for their societies only, and written by no one but the triggers', async () => {
  const sstpc = await societyId(t, 'SSTPC');
  const smtvl = await societyId(t, 'SMTVL');
  const [admin] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [DEMO.adminSstpc]);
  await t.asAppRole(
    { user_id: admin!.id, scope: 'society', admin_society_ids: `{${sstpc}}` },
    async (query) => {
      const { rows } = await query(`SELECT society_id FROM society_count`);
      expect(rows.map((row: { society_id: string }) => row.society_id)).toEqual([sstpc]);
      const years = await query(`SELECT DISTINCT society_id FROM society_year_count`);
      expect(years.rows.every((row: { society_id: string }) => row.society_id === sstpc)).toBe(
        true,
      );
      await expect(
        query(`UPDATE society_count SET active_groups = 0 WHERE society_id = $1`, [smtvl]),
      ).rejects.toThrow(/permission denied/);
    },
  );
  // Each refused statement in a transaction of its own (a refusal aborts the transaction).
  for (const [statement, values] of [
    [`INSERT INTO society_year_count (society_id, year) VALUES ($1, 1999)`, [sstpc]],
    [`SELECT app.recount_societies()`, []],
    [`SELECT app.bump_society($1, 5, 5)`, [sstpc]],
  ] as const) {
    await t.asAppRole({ scope: 'system' }, async (query) => {
      await expect(query(statement, [...values])).rejects.toThrow(/permission denied/);
    });
  }
});
