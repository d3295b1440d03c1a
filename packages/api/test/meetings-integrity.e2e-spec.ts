import { runSheetClosing } from '../src/modules/meetings/sheet-closing';
import { currentSigningCredentials } from '../src/modules/meetings/signing';
import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/** What the sheet must prove: regressions from the review of the meetings issue. */
let t: TestApp;
let sstpc: string;
let groupId: string;
let people: FixtureMember[];
let relayToken: string;

const PLAN = `mutation ($g: ID!, $at: DateTimeISO!) { planMeeting(groupId: $g, startsAt: $at, durationMinutes: 120, place: "Niort") { id version } }`;

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  people = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'integrite' });
  groupId = await insertActiveGroup(t, sstpc, 'Groupe intègre', people);
  relayToken = (await t.login(people[0]!.email)).accessToken;
});
afterAll(() => t.close());

const secret = async (meetingId: string) =>
  (await t.sql(`SELECT signing_secret AS s FROM meeting WHERE id = $1`, [meetingId]))[0]!
    .s as Buffer;

describe('the sheet proves what happened', () => {
  it('refuses a meeting planned in the past', async () => {
    const response = await t.gql(
      PLAN,
      { g: groupId, at: new Date(Date.now() - 2 * 86400_000).toISOString() },
      { token: relayToken },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'startsAt',
    });
  });

  it('fixes the schedule once the window is open', async () => {
    const meeting = (
      await t.gql(
        PLAN,
        { g: groupId, at: new Date(Date.now() - 60_000).toISOString() },
        { token: relayToken },
      )
    ).data!.planMeeting;
    const longer = await t.gql(
      `mutation ($id: ID!, $v: Int!) { updateMeeting(id: $id, version: $v, durationMinutes: 480) { id } }`,
      { id: meeting.id, v: meeting.version },
      { token: relayToken },
    );
    expect(longer.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'startsAt' });
  });

  it('lets a member excused in advance sign when present after all', async () => {
    const meeting = (
      await t.gql(
        PLAN,
        { g: groupId, at: new Date(Date.now() - 60_000).toISOString() },
        { token: relayToken },
      )
    ).data!.planMeeting;
    await t.gql(
      `mutation ($m: ID!, $p: ID!) { recordExcusedAbsence(meetingId: $m, memberId: $p) { status } }`,
      { m: meeting.id, p: people[1]!.memberId },
      { token: relayToken },
    );
    const member = (await t.login(people[1]!.email)).accessToken;
    const { token } = currentSigningCredentials(meeting.id, await secret(meeting.id));
    const signed = await t.gql(
      `mutation ($t: String) { signAttendance(token: $t) { status method } }`,
      { t: token },
      { token: member },
    );
    expect(signed.data?.signAttendance).toEqual({ status: 'SIGNED', method: 'QR' });
  });

  it('counts attempts at the fallback code: the sixth is refused, even right', async () => {
    const meeting = (
      await t.gql(
        PLAN,
        { g: groupId, at: new Date(Date.now() - 60_000).toISOString() },
        { token: relayToken },
      )
    ).data!.planMeeting;
    const member = (await t.login(people[2]!.email)).accessToken;
    const { code } = currentSigningCredentials(meeting.id, await secret(meeting.id));
    const wrong = code === '111111' ? '222222' : '111111';
    const BY_CODE = `mutation ($m: ID!, $c: String!) { signAttendance(meetingId: $m, code: $c) { status } }`;
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect(
        errorCodes(await t.gql(BY_CODE, { m: meeting.id, c: wrong }, { token: member })),
      ).toEqual(['BAD_USER_INPUT']);
    }
    expect(errorCodes(await t.gql(BY_CODE, { m: meeting.id, c: code }, { token: member }))).toEqual(
      ['RATE_LIMITED'],
    );
  });

  it('counts a role only for a member who signed, and freezes roles once the meeting is held', async () => {
    const meeting = (
      await t.gql(
        PLAN,
        { g: groupId, at: new Date(Date.now() - 60_000).toISOString() },
        { token: relayToken },
      )
    ).data!.planMeeting;
    await t.gql(
      `mutation ($m: ID!, $p: ID!) { assignMeetingRole(meetingId: $m, memberId: $p, role: SECRETARY) { id } }`,
      { m: meeting.id, p: people[3]!.memberId },
      { token: relayToken },
    );
    const closed = await t.gql(
      `mutation ($m: ID!) { closeAttendanceSheet(meetingId: $m) { status } }`,
      { m: meeting.id },
      { token: relayToken },
    );
    expect(closed.data?.closeAttendanceSheet.status).toBe('HELD');
    const compliance = await t.gql(
      `query ($p: ID!) { memberCompliance(memberId: $p) { attended reported credits } }`,
      { p: people[3]!.memberId },
      { token: relayToken },
    );
    expect(compliance.data?.memberCompliance).toEqual({ attended: 0, reported: 0, credits: 0 });
    const late = await t.gql(
      `mutation ($m: ID!, $p: ID!) { assignMeetingRole(meetingId: $m, memberId: $p, role: PRESENTER) { id } }`,
      { m: meeting.id, p: people[4]!.memberId },
      { token: relayToken },
    );
    expect(errorCodes(late)).toEqual(['CONFLICT']);
    const excuseAfter = await t.gql(
      `mutation ($m: ID!, $p: ID!) { recordExcusedAbsence(meetingId: $m, memberId: $p) { status } }`,
      { m: meeting.id, p: people[4]!.memberId },
      { token: relayToken },
    );
    expect(errorCodes(excuseAfter)).toEqual(['CONFLICT']);
  });

  it('gives the same figures whoever looks', async () => {
    const admin = (await t.login(DEMO.adminSstpc)).accessToken;
    const QUERY = `query ($p: ID!) { memberCompliance(memberId: $p) { attended hours reported } }`;
    const byRelay = await t.gql(QUERY, { p: people[1]!.memberId }, { token: relayToken });
    const byAdmin = await t.gql(QUERY, { p: people[1]!.memberId }, { token: admin });
    const bySelf = await t.gql(
      QUERY,
      { p: people[1]!.memberId },
      { token: (await t.login(people[1]!.email)).accessToken },
    );
    expect(byRelay.data).toEqual(byAdmin.data);
    expect(bySelf.data).toEqual(byAdmin.data);
  });

  it('closes itself after the grace period when someone signed, and only then', async () => {
    const make = async (hoursAgo: number, signed: boolean) => {
      const [meeting] = await t.sql(
        `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, signing_secret)
         VALUES ($1, $2, now() - make_interval(hours => $3), 120, 'Niort', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
         RETURNING id, starts_at`,
        [sstpc, groupId, hoursAgo],
      );
      if (signed) {
        await t.sql(
          `INSERT INTO attendance (society_id, meeting_id, member_id, status, method) VALUES ($1, $2, $3, 'SIGNED', 'QR')`,
          [sstpc, meeting!.id, people[1]!.memberId],
        );
      }
      return {
        meetingId: meeting!.id as string,
        endsAt: new Date(meeting!.starts_at.getTime() + 120 * 60_000).toISOString(),
      };
    };
    const services = t.app.services;
    const done = await make(3, true);
    expect(await runSheetClosing(services, done)).toBe('closed');
    expect(
      (
        await t.sql(
          `SELECT status, sheet_closed_at IS NOT NULL AS closed FROM meeting WHERE id = $1`,
          [done.meetingId],
        )
      )[0],
    ).toEqual({ status: 'HELD', closed: true });
    expect(await runSheetClosing(services, done)).toBe('not-planned');
    expect(await runSheetClosing(services, await make(3, false))).toBe('unsigned');
    expect(await runSheetClosing(services, await make(2, true))).toBe('too-early');
    const moved = await make(3, true);
    expect(await runSheetClosing(services, { ...moved, endsAt: new Date().toISOString() })).toBe(
      'moved',
    );
    const [event] = await t.sql(`SELECT action FROM audit_event WHERE entity_id = $1`, [
      done.meetingId,
    ]);
    expect(event!.action).toBe('meeting.auto-close');
  });

  it('never rewrites an attestation, whoever tries', async () => {
    const [attestation] = await t.sql(
      `INSERT INTO attestation (society_id, member_id, year, code, snapshot) VALUES ($1, $2, 2026, 'TESTCODE23456789', '{"hours": 4}') RETURNING id`,
      [sstpc, people[1]!.memberId],
    );
    await expect(
      t.sql(`UPDATE attestation SET snapshot = '{"hours": 40}' WHERE id = $1`, [attestation!.id]),
    ).rejects.toThrow(/never rewritten/);
    await t.sql(
      `UPDATE attestation SET revoked_at = now(), revoked_reason = 'test' WHERE id = $1`,
      [attestation!.id],
    );
    await expect(
      t.sql(`UPDATE attestation SET revoked_at = NULL WHERE id = $1`, [attestation!.id]),
    ).rejects.toThrow(/never rewritten/);
  });

  it('keeps a meeting someone signed from being cancelled, and an excuse from meaning presence', async () => {
    const meeting = (
      await t.gql(
        PLAN,
        { g: groupId, at: new Date(Date.now() - 60_000).toISOString() },
        { token: relayToken },
      )
    ).data!.planMeeting;
    const member = (await t.login(people[4]!.email)).accessToken;
    const { token } = currentSigningCredentials(meeting.id, await secret(meeting.id));
    await t.gql(
      `mutation ($t: String) { signAttendance(token: $t) { id } }`,
      { t: token },
      { token: member },
    );
    const cancel = await t.gql(
      `mutation ($id: ID!, $v: Int!) { cancelMeeting(id: $id, version: $v, reason: "Finalement non") { id } }`,
      { id: meeting.id, v: meeting.version },
      { token: relayToken },
    );
    expect(cancel.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await expect(
      t.sql(
        `INSERT INTO attendance (society_id, meeting_id, member_id, status, method) VALUES ($1, $2, $3, 'SIGNED', 'EXCUSE')`,
        [sstpc, meeting.id, people[3]!.memberId],
      ),
    ).rejects.toThrow(/attendance_excuse_absent/);
  });

  it('lets an excuse recorded in advance leave the meeting movable', async () => {
    const meeting = (
      await t.gql(
        PLAN,
        { g: groupId, at: new Date(Date.now() + 7 * 86400_000).toISOString() },
        { token: relayToken },
      )
    ).data!.planMeeting;
    await t.gql(
      `mutation ($m: ID!, $p: ID!) { recordExcusedAbsence(meetingId: $m, memberId: $p) { id } }`,
      { m: meeting.id, p: people[2]!.memberId },
      { token: relayToken },
    );
    const [current] = await t.sql(`SELECT version FROM meeting WHERE id = $1`, [meeting.id]);
    const moved = await t.gql(
      `mutation ($id: ID!, $v: Int!, $at: DateTimeISO!) { updateMeeting(id: $id, version: $v, startsAt: $at) { id } }`,
      {
        id: meeting.id,
        v: current!.version,
        at: new Date(Date.now() + 8 * 86400_000).toISOString(),
      },
      { token: relayToken },
    );
    expect(moved.errors).toBeUndefined();
  });
});
