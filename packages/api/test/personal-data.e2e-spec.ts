import { randomUUID } from 'node:crypto';
import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let sstpc: string;
let smtvl: string;
let groupId: string;
let formerGroupId: string;
/** The member who exports, a fellow of the same group, and a member of another society. */
let me: FixtureMember;
let fellow: FixtureMember;
let stranger: FixtureMember;
const token: Record<string, string> = {};

/** What was arranged for one member, each piece distinctive. */
interface Traces {
  signedAt: string;
  caseTitle: string;
  attestationCode: string;
}
const traces: Record<string, Traces> = {};

async function meeting(society: string, group: string, startsAt: string): Promise<string> {
  const [row] = await t.sql(
    `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, status, signing_secret)
     VALUES ($1, $2, $3, 150, 'Salle', 'HELD', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
     RETURNING id`,
    [society, group, startsAt],
  );
  return row!.id;
}

/** A signature, a role, an answer, a draft case and an attestation for this member. */
async function leaveTraces(
  society: string,
  group: string,
  meetingId: string,
  member: FixtureMember,
  label: string,
): Promise<void> {
  const signedAt = new Date(Date.parse('2025-03-10T17:05:00Z') + Math.random() * 60_000);
  await t.sql(
    `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at)
     VALUES ($1, $2, $3, 'SIGNED', 'QR', $4)`,
    [society, meetingId, member.memberId, signedAt],
  );
  await t.sql(
    `INSERT INTO meeting_role (society_id, meeting_id, member_id, role) VALUES ($1, $2, $3, $4)`,
    [society, meetingId, member.memberId, label === 'me' ? 'ANIMATOR' : 'SECRETARY'],
  );
  await t.sql(
    `INSERT INTO meeting_rsvp (society_id, meeting_id, member_id, answer) VALUES ($1, $2, $3, 'YES')`,
    [society, meetingId, member.memberId],
  );
  const caseTitle = `Cas ${label} ${randomUUID().slice(0, 8)}`;
  const [kase] = await t.sql(
    `INSERT INTO clinical_case (society_id, group_id, author_member_id, origin, situation_kind, status)
     VALUES ($1, $2, $3, 'GROUP', 'MEDICAL_EXAMINATION', 'DRAFT') RETURNING id`,
    [society, group, member.memberId],
  );
  await t.sql(
    `INSERT INTO clinical_case_text (case_id, society_id, group_id, title, work_situation)
     VALUES ($1, $2, $3, $4, 'Cariste en entrepôt')`,
    [kase!.id, society, group, caseTitle],
  );
  const attestationCode = `ATT-${label.toUpperCase()}-${randomUUID().slice(0, 8)}`;
  await t.sql(
    `INSERT INTO attestation (society_id, member_id, year, code, snapshot)
     VALUES ($1, $2, 2025, $3, '{"totals": {"attended": 1, "minutes": 150, "hours": 2.5}}')`,
    [society, member.memberId, attestationCode],
  );
  traces[label] = { signedAt: signedAt.toISOString(), caseTitle, attestationCode };
}

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  smtvl = await societyId(t, 'SMTVL');
  const people = await insertMembers(t, { society: 'SSTPC', count: 3, label: 'rgpd' });
  // The first is the group's relay person.
  [, me, fellow] = people as [FixtureMember, FixtureMember, FixtureMember];
  groupId = await insertActiveGroup(t, sstpc, 'Groupe RGPD', people);
  const held = await meeting(sstpc, groupId, '2025-03-10T17:00:00Z');
  await leaveTraces(sstpc, groupId, held, me, 'me');
  await leaveTraces(sstpc, groupId, held, fellow, 'fellow');

  // A group the member has left: its history stays theirs to read.
  const [other] = await insertMembers(t, { society: 'SSTPC', count: 1, label: 'ancien' });
  formerGroupId = await insertActiveGroup(t, sstpc, 'Groupe quitté', [other!]);
  await t.sql(
    `INSERT INTO group_membership (society_id, group_id, member_id, role, joined_on, left_on)
     VALUES ($1, $2, $3, 'MEMBER', '2024-01-01', '2024-12-31')`,
    [sstpc, formerGroupId, me.memberId],
  );
  const formerMeeting = await meeting(sstpc, formerGroupId, '2024-06-10T16:00:00Z');
  const afterLeaving = await meeting(sstpc, formerGroupId, '2025-06-10T16:00:00Z');
  for (const [id, member] of [
    [formerMeeting, me],
    [formerMeeting, other!],
    [afterLeaving, other!],
  ] as const) {
    await t.sql(
      `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at)
       VALUES ($1, $2, $3, 'SIGNED', 'QR', $4)`,
      [sstpc, id, member.memberId, '2024-06-10T16:10:00Z'],
    );
  }

  const [outsider] = await insertMembers(t, { society: 'SMTVL', count: 2, label: 'ailleurs' });
  stranger = outsider!;
  const strangerGroup = await insertActiveGroup(t, smtvl, 'Groupe d’ailleurs', [stranger]);
  await leaveTraces(
    smtvl,
    strangerGroup,
    await meeting(smtvl, strangerGroup, '2025-03-10T17:00:00Z'),
    stranger,
    'stranger',
  );

  for (const [name, member] of Object.entries({ me, fellow, stranger })) {
    token[name] = (await t.login(member.email)).accessToken;
  }
  token.admin = (await t.login(DEMO.adminSstpc)).accessToken;
});
afterAll(() => t.close());

const MY_DATA = `{ myData }`;

async function exportOf(who: string): Promise<Record<string, any>> {
  const response = await t.gql(MY_DATA, {}, { token: token[who] });
  expect(response.errors).toBeUndefined();
  return response.data!.myData as Record<string, any>;
}

describe('myData', () => {
  it('gives a member their own account, profile, groups, signatures, cases and attestations', async () => {
    const data = await exportOf('me');
    expect(data.account).toMatchObject({ email: me.email, lastName: expect.any(String) });
    expect(data.member).toMatchObject({ id: me.memberId, profession: 'PHYSICIAN' });
    expect(data.member.rpps).toMatch(/^\d{11}$/);
    expect(data.memberships).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ group: 'Groupe RGPD', relay: false, leftOn: null }),
        expect.objectContaining({
          group: 'Groupe quitté',
          joinedOn: '2024-01-01',
          leftOn: '2024-12-31',
        }),
      ]),
    );
    const mine = traces.me!;
    expect(data.attendance).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          group: 'Groupe RGPD',
          meetingStartsAt: '2025-03-10T17:00:00+00:00',
          status: 'SIGNED',
          excused: false,
        }),
      ]),
    );
    const signatures = (data.attendance as { signedAt: string }[]).map((row) =>
      new Date(row.signedAt).toISOString(),
    );
    expect(signatures).toContain(mine.signedAt);
    // The group left: its meeting held while a member, not the one after.
    expect(data.attendance).toContainEqual(
      expect.objectContaining({
        group: 'Groupe quitté',
        meetingStartsAt: '2024-06-10T16:00:00+00:00',
      }),
    );
    expect(data.attendance).toHaveLength(2);
    expect(data.meetingRoles).toEqual([
      expect.objectContaining({ role: 'ANIMATOR', group: 'Groupe RGPD' }),
    ]);
    expect(data.rsvps).toEqual([expect.objectContaining({ answer: 'YES' })]);
    expect(data.clinicalCases).toEqual([
      expect.objectContaining({ title: mine.caseTitle, workSituation: 'Cariste en entrepôt' }),
    ]);
    expect(data.attestations).toEqual([
      expect.objectContaining({
        code: mine.attestationCode,
        year: 2025,
        hours: 2.5,
        status: 'VALID',
      }),
    ]);
    expect(data.charterAcceptances).toHaveLength(1);
    expect(data.conventions).toHaveLength(1);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    expect(data.auditEvents).toContainEqual({ action: 'auth.login', at: expect.any(String) });
    for (const event of data.auditEvents)
      expect(Object.keys(event).sort()).toEqual(['action', 'at']);
  });

  it('holds nothing of a fellow member of the group, nor of another society', async () => {
    const text = JSON.stringify(await exportOf('me'));
    for (const label of ['fellow', 'stranger']) {
      const theirs = traces[label]!;
      expect(text).not.toContain(theirs.caseTitle);
      expect(text).not.toContain(theirs.attestationCode);
    }
    expect(text).not.toContain(fellow.email);
    expect(text).not.toContain(stranger.email);
    expect(text).not.toContain(fellow.memberId);
    // And each of them gets theirs, not the member's.
    for (const label of ['fellow', 'stranger']) {
      const data = await exportOf(label);
      expect(data.clinicalCases.map((row: { title: string }) => row.title)).toEqual([
        traces[label]!.caseTitle,
      ]);
      expect(JSON.stringify(data)).not.toContain(traces.me!.attestationCode);
      expect(JSON.stringify(data)).not.toContain(me.email);
    }
  });

  it('gives an account without a member profile its account only', async () => {
    const data = await exportOf('admin');
    expect(data.account.email).toBe(DEMO.adminSstpc);
    expect(data.member).toBeNull();
    for (const section of [
      'memberships',
      'meetingRoles',
      'attendance',
      'rsvps',
      'charterAcceptances',
      'conventions',
      'attestations',
      'clinicalCases',
      'reportsDrafted',
      'reportApprovals',
    ]) {
      expect({ section, rows: data[section] }).toEqual({ section, rows: [] });
    }
    expect(data.roles).toEqual([
      expect.objectContaining({ role: 'SOCIETY_ADMIN', society: 'SSTPC' }),
    ]);
  });

  it('reads as the person: in the database, the self policies open only their own rows', async () => {
    await t.asAppRole(
      { user_id: me.userId, scope: 'user', member_id: me.memberId },
      async (query) => {
        const { rows } = await query(
          `SELECT (SELECT count(*) FROM attendance)::int AS attendance,
                  (SELECT count(*) FROM attendance WHERE member_id <> $1)::int AS others,
                  (SELECT count(*) FROM clinical_case_text)::int AS texts,
                  (SELECT count(*) FROM meeting)::int AS meetings,
                  (SELECT count(*) FROM attestation)::int AS attestations`,
          [me.memberId],
        );
        // Meetings: the one held in the group left (current groups come with app.group_ids).
        expect(rows[0]).toEqual({
          attendance: 2,
          others: 0,
          texts: 1,
          meetings: 1,
          attestations: 1,
        });
      },
    );
    // Without the setting (or another's account), nothing.
    await t.asAppRole({ user_id: fellow.userId, scope: 'user' }, async (query) => {
      const { rows } = await query(
        `SELECT count(*)::int AS n FROM attendance WHERE member_id = $1`,
        [me.memberId],
      );
      expect(rows[0].n).toBe(0);
    });
  });

  it('is refused to anonymous callers', async () => {
    expect(errorCodes(await t.gql(MY_DATA))).toEqual(['UNAUTHENTICATED']);
  });
});

const REQUEST = `mutation ($r: String) { requestAccountDeletion(reason: $r) { id status reason userId societyId requestedAt handledAt } }`;
const MINE = `{ myAccountDeletionRequest { id status } }`;
const CANCEL = `mutation ($id: ID!) { cancelAccountDeletionRequest(id: $id) { id status handledAt } }`;

describe('account deletion requests', () => {
  let requestId: string;

  it('records the request, pending, and tells the federation without content', async () => {
    expect(
      (await t.gql(MINE, {}, { token: token.fellow })).data!.myAccountDeletionRequest,
    ).toBeNull();
    const before = (await t.outbox()).length;
    const response = await t.gql(
      REQUEST,
      { r: 'Je quitte la santé au travail.' },
      { token: token.fellow },
    );
    expect(response.errors).toBeUndefined();
    const request = response.data!.requestAccountDeletion;
    expect(request).toMatchObject({
      status: 'PENDING',
      reason: 'Je quitte la santé au travail.',
      userId: fellow.userId,
      societyId: sstpc,
      handledAt: null,
    });
    requestId = request.id;
    // Nothing is deleted.
    const [account] = await t.sql(`SELECT status FROM user_account WHERE id = $1`, [fellow.userId]);
    expect(account!.status).toBe('ACTIVE');
    // E-mails go after the commit.
    let mail: { to: string; subject: string }[] = [];
    for (let attempt = 0; attempt < 50 && mail.length === 0; attempt += 1) {
      mail = (await t.outbox()).slice(before);
      if (mail.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(mail.map((message) => message.to)).toContain(DEMO.federation);
    expect(mail.map((message) => message.to)).not.toContain(fellow.email);
    expect(JSON.stringify(mail)).not.toMatch(/santé au travail|rgpd/i);
    expect((await t.gql(MINE, {}, { token: token.fellow })).data!.myAccountDeletionRequest).toEqual(
      { id: requestId, status: 'PENDING' },
    );
  });

  it('keeps one pending request per account (CONFLICT, in French)', async () => {
    const response = await t.gql(REQUEST, {}, { token: token.fellow });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(response.errors?.[0]?.message).toMatch(/déjà/);
  });

  it('shows the request to no one else but administrators, and lets no one else withdraw it', async () => {
    expect((await t.gql(MINE, {}, { token: token.me })).data!.myAccountDeletionRequest).toBeNull();
    expect(errorCodes(await t.gql(CANCEL, { id: requestId }, { token: token.me }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(errorCodes(await t.gql(CANCEL, { id: requestId }, { token: token.stranger }))).toEqual([
      'NOT_FOUND',
    ]);
    // The society's administrator reads it, but only its author withdraws it.
    expect(errorCodes(await t.gql(CANCEL, { id: requestId }, { token: token.admin }))).toEqual([
      'FORBIDDEN',
    ]);
    const adminSmtvl = (await t.login(DEMO.adminSmtvl)).accessToken;
    expect(errorCodes(await t.gql(CANCEL, { id: requestId }, { token: adminSmtvl }))).toEqual([
      'NOT_FOUND',
    ]);
    // In the database too.
    await t.asAppRole({ user_id: me.userId, scope: 'user' }, async (query) => {
      const seen = await query(`SELECT count(*)::int AS n FROM account_deletion_request`);
      expect(seen.rows[0].n).toBe(0);
      const moved = await query(
        `UPDATE account_deletion_request SET status = 'CANCELLED', handled_at = now() WHERE id = $1`,
        [requestId],
      );
      expect(moved.rowCount).toBe(0);
    });
    const [federation] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [
      DEMO.federation,
    ]);
    await t.asAppRole({ user_id: federation!.id, scope: 'federation' }, async (query) => {
      const seen = await query(
        `SELECT count(*)::int AS n FROM account_deletion_request WHERE id = $1`,
        [requestId],
      );
      expect(seen.rows[0].n).toBe(1);
    });
  });

  it('lets its author withdraw it while pending, then ask again', async () => {
    const response = await t.gql(CANCEL, { id: requestId }, { token: token.fellow });
    expect(response.errors).toBeUndefined();
    expect(response.data!.cancelAccountDeletionRequest).toMatchObject({
      id: requestId,
      status: 'CANCELLED',
      handledAt: expect.any(String),
    });
    expect(errorCodes(await t.gql(CANCEL, { id: requestId }, { token: token.fellow }))).toEqual([
      'CONFLICT',
    ]);
    const again = await t.gql(REQUEST, {}, { token: token.fellow });
    expect(again.data!.requestAccountDeletion.status).toBe('PENDING');
  });
});
