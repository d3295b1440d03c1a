import { yearInParis } from '@epairs/shared';
import { currentSigningCredentials } from '../src/modules/meetings/signing';
import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let sstpc: string;
let groupId: string;
let members: FixtureMember[];
let relay: FixtureMember;
let relayToken: string;

const PLAN = `mutation ($g: ID!, $at: DateTimeISO!, $d: Int!) {
  planMeeting(groupId: $g, startsAt: $at, durationMinutes: $d, mode: IN_PERSON, place: "Salle du conseil, Niort") { id version startsAt status }
}`;
const SIGN_QR = `mutation ($t: String) { signAttendance(token: $t) { id status method signedAt } }`;

/** A registered group of six whose first member is the relay person. */
async function registeredGroup(name: string) {
  const people = await insertMembers(t, {
    society: 'SSTPC',
    count: 6,
    label: name.toLowerCase().replace(/\W/g, ''),
  });
  return { groupId: await insertActiveGroup(t, sstpc, name, people), people };
}

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  ({ groupId, people: members } = await registeredGroup('Groupe des réunions'));
  relay = members[0]!;
  relayToken = (await t.login(relay.email)).accessToken;
});
afterAll(() => t.close());

const plan = async (startsAt: string, minutes = 150, token = relayToken) => {
  const response = await t.gql(PLAN, { g: groupId, at: startsAt, d: minutes }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.planMeeting as { id: string; version: number; startsAt: string };
};

describe('planning', () => {
  it('stores instants and keeps Paris time across daylight saving changes', async () => {
    // Next year's changes, whatever the year this runs: the last Sundays of March and October.
    const year = yearInParis() + 1;
    const lastSunday = (month: number) => {
      const day = new Date(Date.UTC(year, month + 1, 0));
      day.setUTCDate(day.getUTCDate() - day.getUTCDay());
      return day.toISOString().slice(0, 10);
    };
    const spring = await plan(`${lastSunday(2)}T18:00:00+02:00`);
    const autumn = await plan(`${lastSunday(9)}T18:00:00+01:00`);
    expect(spring.startsAt).toBe(`${lastSunday(2)}T16:00:00.000Z`);
    expect(autumn.startsAt).toBe(`${lastSunday(9)}T17:00:00.000Z`);
    const rows = await t.sql(
      `SELECT to_char(starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI') AS local FROM meeting WHERE id = ANY($1)`,
      [[spring.id, autumn.id]],
    );
    expect(rows.map((row) => row.local)).toEqual(['18:00', '18:00']);
  });

  it('answers with the meeting as stored, defaults and version included', async () => {
    const fields = `id societyId groupId title startsAt durationMinutes mode place link status
      cancelReason sheetClosedAt createdAt updatedAt version`;
    const planned = await t.gql(
      `mutation ($g: ID!) { planMeeting(groupId: $g, startsAt: "2027-01-12T18:00:00+01:00", durationMinutes: 120,
         mode: HYBRID, place: "Salle B", link: "https://visio.example.fr/abc", title: "  Cas du mois ") { ${fields} } }`,
      { g: groupId },
      { token: relayToken },
    );
    expect(planned.errors).toBeUndefined();
    const meeting = planned.data!.planMeeting as Record<string, unknown>;
    expect(meeting).toMatchObject({ title: 'Cas du mois', status: 'PLANNED', version: 1 });
    const read = await t.gql(
      `query ($id: ID!) { Meeting(id: $id) { ${fields} } }`,
      { id: meeting.id },
      { token: relayToken },
    );
    expect(read.data!.Meeting).toEqual(meeting);
  });

  it("refuses a member who is not the group's relay person, and another society's admin", async () => {
    const member = (await t.login(members[1]!.email)).accessToken;
    expect(
      errorCodes(
        await t.gql(
          PLAN,
          { g: groupId, at: '2026-12-01T18:00:00+01:00', d: 120 },
          { token: member },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const adminB = (await t.login(DEMO.adminSmtvl)).accessToken;
    expect(
      errorCodes(
        await t.gql(
          PLAN,
          { g: groupId, at: '2026-12-01T18:00:00+01:00', d: 120 },
          { token: adminB },
        ),
      ),
    ).toEqual(['NOT_FOUND']);
  });

  it('checks what it is given, in French', async () => {
    const response = await t.gql(
      `mutation ($g: ID!) { planMeeting(groupId: $g, startsAt: "2026-12-01T18:00:00+01:00", durationMinutes: 10, mode: REMOTE) { id } }`,
      { g: groupId },
      { token: relayToken },
    );
    expect(response.errors?.[0]?.extensions?.fields.map((f: { field: string }) => f.field)).toEqual(
      ['durationMinutes', 'link'],
    );
  });
});

describe('the attendance sheet', () => {
  let meetingId: string;
  beforeAll(async () => {
    meetingId = (await plan(new Date(Date.now() - 5 * 60_000).toISOString())).id;
  });

  const credentials = async () =>
    (
      await t.gql(
        `query ($m: ID!) { signingCredentials(meetingId: $m) { token code link tokenExpiresAt } }`,
        { m: meetingId },
        { token: relayToken },
      )
    ).data!.signingCredentials as { token: string; code: string; link: string };

  it('takes one signature per person, however often it is sent, and all at once', async () => {
    const { token } = await credentials();
    const sessions = await Promise.all(members.slice(1).map((member) => t.login(member.email)));
    const attempts = await Promise.all(
      sessions.flatMap((session) => [
        t.gql(SIGN_QR, { t: token }, { token: session.accessToken }),
        t.gql(SIGN_QR, { t: token }, { token: session.accessToken }),
      ]),
    );
    for (const attempt of attempts) expect(attempt.errors).toBeUndefined();
    // Both taps of a person answer with the one signature (the second finds it signed, possibly
    // only after the first's insert: its own insert then returns nothing and the line is read).
    for (let index = 0; index < attempts.length; index += 2) {
      const [first, second] = [attempts[index]!, attempts[index + 1]!].map(
        (attempt) => attempt.data!.signAttendance as { id: string; status: string },
      );
      expect(first!.status).toBe('SIGNED');
      expect(second).toEqual(first);
    }
    const rows = await t.sql(
      `SELECT member_id, count(*)::int AS n FROM attendance WHERE meeting_id = $1 GROUP BY member_id`,
      [meetingId],
    );
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.n).toBe(1);
  });

  it('answers a signature with the line as stored', async () => {
    const session = await t.login(members[3]!.email);
    const { token } = await credentials();
    // A fresh line for this person: the earlier test signed everyone.
    await t.sql(`DELETE FROM attendance WHERE meeting_id = $1 AND member_id = $2`, [
      meetingId,
      members[3]!.memberId,
    ]);
    const signed = await t.gql(SIGN_QR, { t: token }, { token: session.accessToken });
    expect(signed.errors).toBeUndefined();
    const [row] = await t.sql(
      `SELECT id, status, method, signed_at FROM attendance WHERE meeting_id = $1 AND member_id = $2`,
      [meetingId, members[3]!.memberId],
    );
    expect(signed.data!.signAttendance).toEqual({
      id: row!.id,
      status: 'SIGNED',
      method: 'QR',
      signedAt: (row!.signed_at as Date).toISOString(),
    });
  });

  it('answers a second tap, or a retry once the code has turned, with the same signature', async () => {
    const session = await t.login(members[2]!.email);
    const { token } = await credentials();
    const first = await t.gql(SIGN_QR, { t: token }, { token: session.accessToken });
    const again = await t.gql(SIGN_QR, { t: token }, { token: session.accessToken });
    expect(first.errors).toBeUndefined();
    expect(again.errors).toBeUndefined();
    expect(again.data!.signAttendance).toEqual(first.data!.signAttendance);
    // The response was lost on a slow connection; the retry carries a token that has expired.
    const [{ secret }] = (await t.sql(
      `SELECT signing_secret AS secret FROM meeting WHERE id = $1`,
      [meetingId],
    )) as [{ secret: Buffer }];
    const stale = currentSigningCredentials(meetingId, secret, Date.now() - 5 * 60_000);
    const retry = await t.gql(SIGN_QR, { t: stale.token }, { token: session.accessToken });
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.signAttendance).toEqual(first.data!.signAttendance);
    const rows = await t.sql(
      `SELECT count(*)::int AS n FROM attendance WHERE meeting_id = $1 AND member_id = $2`,
      [meetingId, members[2]!.memberId],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses an expired QR token and a wrong fallback code, and accepts the current code', async () => {
    const [{ secret }] = (await t.sql(
      `SELECT signing_secret AS secret FROM meeting WHERE id = $1`,
      [meetingId],
    )) as [{ secret: Buffer }];
    const stale = currentSigningCredentials(meetingId, secret, Date.now() - 5 * 60_000);
    const relaySigning = await t.gql(SIGN_QR, { t: stale.token }, { token: relayToken });
    expect(relaySigning.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'token',
    });
    const byCode = `mutation ($m: ID!, $c: String!) { signAttendance(meetingId: $m, code: $c) { method } }`;
    const wrong = await t.gql(
      byCode,
      { m: meetingId, c: stale.code === '000000' ? '000001' : '000000' },
      { token: relayToken },
    );
    expect(wrong.errors?.[0]?.extensions?.field).toBe('code');
    const { code } = await credentials();
    const right = await t.gql(byCode, { m: meetingId, c: code }, { token: relayToken });
    expect(right.data?.signAttendance.method).toBe('CODE');
  });

  it('never lets the relay person sign for someone else', async () => {
    const [other] = await t.sql(`SELECT id FROM meeting WHERE id = $1`, [meetingId]);
    expect(other).toBeDefined();
    // No mutation signs for another; the excused absence of someone who signed is refused…
    const excuse = await t.gql(
      `mutation ($m: ID!, $p: ID!) { recordExcusedAbsence(meetingId: $m, memberId: $p) { status } }`,
      { m: meetingId, p: members[1]!.memberId },
      { token: relayToken },
    );
    expect(errorCodes(excuse)).toEqual(['CONFLICT']);
    // …and in the database a relay person cannot insert a signature for a member.
    const [me] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [relay.email]);
    const client = await t.appRoleClient();
    try {
      await client.query('BEGIN');
      await client.query(
        `SELECT set_config('app.user_id', $1, true), set_config('app.scope', 'user', true), set_config('app.group_ids', $2, true), set_config('app.relay_group_ids', $2, true)`,
        [me!.id, `{${groupId}}`],
      );
      await expect(
        client.query(
          `INSERT INTO attendance (society_id, meeting_id, member_id, status, method) VALUES ($1, $2, $3, 'SIGNED', 'QR')`,
          [sstpc, meetingId, members[1]!.memberId],
        ),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('refuses a signature outside the meeting window', async () => {
    const later = await plan(new Date(Date.now() + 3 * 86400_000).toISOString());
    const token = (
      await t.gql(
        `query ($m: ID!) { signingCredentials(meetingId: $m) { token } }`,
        { m: later.id },
        { token: relayToken },
      )
    ).data!.signingCredentials.token;
    const member = (await t.login(members[2]!.email)).accessToken;
    const response = await t.gql(SIGN_QR, { t: token }, { token: member });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'meetingId',
    });
    expect(response.errors?.[0]?.message).toMatch(/pas ouverte/);
  });

  it('refuses a member of another group', async () => {
    const { token } = await credentials();
    const outsider = (await t.login(DEMO.physicianSstpc)).accessToken;
    expect(errorCodes(await t.gql(SIGN_QR, { t: token }, { token: outsider }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      await t.sql(
        `SELECT 1 FROM attendance a JOIN member m ON m.id = a.member_id JOIN user_account u ON u.id = m.user_id WHERE u.email = $1 AND a.meeting_id = $2`,
        [DEMO.physicianSstpc, meetingId],
      ),
    ).toEqual([]);
  });

  it('closes: the meeting is held, then only reasoned corrections by the relay person', async () => {
    const closed = await t.gql(
      `mutation ($m: ID!) { closeAttendanceSheet(meetingId: $m) { status sheetClosedAt } }`,
      { m: meetingId },
      { token: relayToken },
    );
    expect(closed.data?.closeAttendanceSheet.status).toBe('HELD');
    const { token: lateToken } = currentSigningCredentials(
      meetingId,
      (await t.sql(`SELECT signing_secret AS s FROM meeting WHERE id = $1`, [meetingId]))[0]!.s,
    );
    // Someone who signed and retries late gets their signature back, unchanged…
    const signedLate = await t.gql(
      SIGN_QR,
      { t: lateToken },
      { token: (await t.login(members[3]!.email)).accessToken },
    );
    expect(signedLate.errors).toBeUndefined();
    expect(signedLate.data!.signAttendance).toMatchObject({ status: 'SIGNED', method: 'QR' });
    const noReason = await t.gql(
      `mutation ($m: ID!, $p: ID!) { correctAttendance(meetingId: $m, memberId: $p, present: false, reason: " ") { status } }`,
      { m: meetingId, p: members[1]!.memberId },
      { token: relayToken },
    );
    expect(noReason.errors?.[0]?.extensions?.field).toBe('reason');
    const corrected = await t.gql(
      `mutation ($m: ID!, $p: ID!) { correctAttendance(meetingId: $m, memberId: $p, present: false, reason: "Parti avant le début") { status method correctionReason } }`,
      { m: meetingId, p: members[1]!.memberId },
      { token: relayToken },
    );
    expect(corrected.data?.correctAttendance).toEqual({
      status: 'EXCUSED',
      method: 'CORRECTION',
      correctionReason: 'Parti avant le début',
    });
    // …but no one signs a closed sheet (here, the member just corrected to absent).
    const late = await t.gql(
      SIGN_QR,
      { t: lateToken },
      { token: (await t.login(members[1]!.email)).accessToken },
    );
    expect(errorCodes(late)).toEqual(['CONFLICT']);
  });
});

describe('rotation and compliance', () => {
  it('proposes and applies roles, and computes each member’s year exactly', async () => {
    const year = yearInParis();
    const team = await registeredGroup('Groupe de la rotation');
    const lead = (await t.login(team.people[0]!.email)).accessToken;
    // Six planned meetings next month-ish, all in the current year when possible.
    const base = new Date(Date.UTC(year, 11, 1, 17, 0));
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) {
      const at = new Date(base.getTime() + index * 86400_000).toISOString();
      const response = await t.gql(PLAN, { g: team.groupId, at, d: 150 }, { token: lead });
      ids.push(response.data!.planMeeting.id);
    }
    const proposal = await t.gql(
      `query ($g: ID!) { rotationProposal(groupId: $g) { proposals { meetingId animatorId secretaryId presenterIds } uncovered { memberId role } } }`,
      { g: team.groupId },
      { token: lead },
    );
    expect(proposal.data?.rotationProposal.proposals).toHaveLength(6);
    expect(proposal.data?.rotationProposal.uncovered).toEqual([]);
    const applied = await t.gql(
      `mutation ($g: ID!) { applyRotation(groupId: $g) { proposals { meetingId } } }`,
      { g: team.groupId },
      { token: lead },
    );
    expect(applied.errors).toBeUndefined();
    const roles = await t.sql(
      `SELECT role, count(DISTINCT member_id)::int AS people FROM meeting_role WHERE meeting_id = ANY($1) GROUP BY role ORDER BY role`,
      [ids],
    );
    expect(roles).toEqual([
      { role: 'ANIMATOR', people: 6 },
      { role: 'PRESENTER', people: 6 },
      { role: 'SECRETARY', people: 6 },
    ]);

    const counts = await t.gql(
      `query ($g: ID!) { PeerGroup(id: $g) { roleCounts { animated reported presented member { lastName } } } }`,
      { g: team.groupId },
      { token: lead },
    );
    expect(counts.data?.PeerGroup.roleCounts).toHaveLength(6);
    for (const count of counts.data!.PeerGroup.roleCounts) {
      expect(count).toMatchObject({ animated: 1, reported: 1, presented: 1 });
    }

    // Hold three meetings: the first member signs all three, the second only the first.
    await t.sql(
      `UPDATE meeting SET status = 'HELD', sheet_closed_at = now(), duration_minutes = CASE WHEN id = $2 THEN 120 ELSE 150 END WHERE id = ANY($1)`,
      [ids.slice(0, 3), ids[0]],
    );
    await t.sql(
      `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, correction_reason)
       SELECT $1, unnest($2::uuid[]), $3, 'SIGNED', 'CORRECTION', 'fixture'`,
      [sstpc, ids.slice(0, 3), team.people[0]!.memberId],
    );
    await t.sql(
      `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, correction_reason) VALUES ($1, $2, $3, 'SIGNED', 'CORRECTION', 'fixture')`,
      [sstpc, ids[0], team.people[1]!.memberId],
    );
    const expected = await t.sql(
      `SELECT count(*) FILTER (WHERE role = 'ANIMATOR')::int AS animated, count(*) FILTER (WHERE role = 'SECRETARY')::int AS reported,
              count(*) FILTER (WHERE role = 'PRESENTER')::int AS presented
         FROM meeting_role WHERE member_id = $1 AND meeting_id = ANY($2)`,
      [team.people[0]!.memberId, ids.slice(0, 3)],
    );
    const COMPLIANCE = `query ($m: ID!) { memberCompliance(memberId: $m) { attended hours animated reported presented credits compliant missing minAttended } }`;
    const first = (await t.gql(COMPLIANCE, { m: team.people[0]!.memberId }, { token: lead })).data!
      .memberCompliance;
    const { animated, reported, presented } = expected[0]!;
    expect(first).toMatchObject({
      attended: 3,
      hours: 7,
      animated,
      reported,
      presented,
      minAttended: 5,
      compliant: false,
    });
    expect(first.credits).toBe(7 * 1 + presented * 2 + reported * 2);
    expect(first.missing[0]).toBe('2 réunion(s) à suivre (3/5).');

    // A change of SSTPC's thresholds changes its members' compliance and nobody else's.
    const nurseBefore = (
      await t.gql(
        COMPLIANCE,
        {
          m: (
            await t.sql(
              `SELECT m.id FROM member m JOIN user_account u ON u.id = m.user_id WHERE u.email = $1`,
              [DEMO.nurseSmtvl],
            )
          )[0]!.id,
        },
        { token: (await t.login(DEMO.federation)).accessToken },
      )
    ).data!.memberCompliance;
    await t.sql(
      `INSERT INTO society_setting (society_id, year, min_attended, min_meetings) VALUES ($1, $2, 3, 6)`,
      [sstpc, year],
    );
    const after = (await t.gql(COMPLIANCE, { m: team.people[0]!.memberId }, { token: lead })).data!
      .memberCompliance;
    expect(after.minAttended).toBe(3);
    expect(after.missing).not.toContain('2 réunion(s) à suivre (3/5).');
    const nurseAfter = (
      await t.gql(
        COMPLIANCE,
        {
          m: (
            await t.sql(
              `SELECT m.id FROM member m JOIN user_account u ON u.id = m.user_id WHERE u.email = $1`,
              [DEMO.nurseSmtvl],
            )
          )[0]!.id,
        },
        { token: (await t.login(DEMO.federation)).accessToken },
      )
    ).data!.memberCompliance;
    expect(nurseAfter).toEqual(nurseBefore);

    // The programme as held and as planned, against the thresholds.
    const programme = await t.gql(
      `query ($g: ID!) { PeerGroup(id: $g) { programme { planned { meetings hours meetsMeetings } held { meetings hours shortfalls } } } }`,
      { g: team.groupId },
      { token: lead },
    );
    expect(programme.data?.PeerGroup.programme).toEqual({
      planned: { meetings: 6, hours: 14.5, meetsMeetings: true },
      held: {
        meetings: 3,
        hours: 7,
        shortfalls: ['3 réunion(s) sur 6 attendues.', '7 h sur 18 h attendues.'],
      },
    });

    const below = await t.gql(
      `query ($g: ID!) { PeerGroup(id: $g) { membersBelowThreshold } }`,
      { g: team.groupId },
      { token: lead },
    );
    expect(below.data?.PeerGroup.membersBelowThreshold).toBe(6);
    const plain = (await t.login(team.people[1]!.email)).accessToken;
    expect(
      (
        await t.gql(
          `query ($g: ID!) { PeerGroup(id: $g) { membersBelowThreshold } }`,
          { g: team.groupId },
          { token: plain },
        )
      ).data?.PeerGroup.membersBelowThreshold,
    ).toBeNull();

    // Who is short, and why, for the society's administrator, in one request.
    const admin = (await t.login(DEMO.adminSstpc)).accessToken;
    const report = await t.gql(
      `query ($g: ID!) { complianceReport(filter: { groupId: $g, onlyShort: true }) { memberId attended missing } }`,
      { g: team.groupId },
      { token: admin },
    );
    expect(report.data?.complianceReport).toHaveLength(6);
    const denied = await t.gql(
      `query ($m: ID!) { memberCompliance(memberId: $m) { attended } }`,
      { m: team.people[0]!.memberId },
      { token: (await t.login(DEMO.adminSmtvl)).accessToken },
    );
    expect(errorCodes(denied)).toEqual(['NOT_FOUND']);
  });
});
