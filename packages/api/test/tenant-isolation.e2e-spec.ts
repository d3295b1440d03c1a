import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let token: string;
let memberToken: string;
let societyA: string;
let societyB: string;
let userOfB: { id: string; version: number };
let settingOfB: { id: string; version: number };
let grantOfB: string;

beforeAll(async () => {
  t = await startTestApp();
  token = (await t.login(DEMO.adminSstpc)).accessToken;
  memberToken = (await t.login(DEMO.physicianSstpc)).accessToken;
  const societies = await t.sql(`SELECT id, code FROM society`);
  societyA = societies.find((row) => row.code === 'SSTPC')!.id;
  societyB = societies.find((row) => row.code === 'SMTVL')!.id;
  userOfB = (
    await t.sql(`SELECT id, version FROM user_account WHERE email = $1`, [DEMO.nurseSmtvl])
  )[0] as typeof userOfB;
  settingOfB = (
    await t.sql(
      `INSERT INTO society_setting (society_id, year) VALUES ($1, 2026) RETURNING id, version`,
      [societyB],
    )
  )[0] as typeof settingOfB;
  grantOfB = (await t.sql(`SELECT id FROM role_grant WHERE society_id = $1`, [societyB]))[0]!.id;
  await t.gql(`mutation { login(email: "${DEMO.adminSmtvl}", password: "wrong") { accessToken } }`);
  await t.login(DEMO.adminSmtvl); // leaves an audit event in B
});
afterAll(() => t.close());

describe('a society admin of A', () => {
  it('lists only the accounts, grants, settings and audit events of A', async () => {
    const response = await t.gql(
      `{ allUsers(perPage: 100) { email societyId } _allUsersMeta { count }
         allRoleGrants { societyId } allSocietySettings { societyId } allAuditEvents(perPage: 100) { societyId } }`,
      {},
      { token },
    );
    expect(response.errors).toBeUndefined();
    const data = response.data!;
    expect(data.allUsers.length).toBeGreaterThan(1);
    expect(new Set(data.allUsers.map((user: { societyId: string }) => user.societyId))).toEqual(
      new Set([societyA]),
    );
    expect(data._allUsersMeta.count).toBe(data.allUsers.length);
    for (const list of [data.allRoleGrants, data.allAuditEvents]) {
      expect(list.length).toBeGreaterThan(0);
      for (const item of list) expect(item.societyId).toBe(societyA);
    }
    for (const item of data.allSocietySettings) expect(item.societyId).toBe(societyA);
  });

  it('cannot read a record of B by id or by filter', async () => {
    const response = await t.gql(
      `query ($user: ID!, $setting: ID!, $grant: ID!, $society: ID!) {
         User(id: $user) { id } SocietySetting(id: $setting) { id } RoleGrant(id: $grant) { id }
         allUsers(filter: { societyId: $society }) { id } allAuditEvents(filter: { societyId: $society }) { id }
       }`,
      { user: userOfB.id, setting: settingOfB.id, grant: grantOfB, society: societyB },
      { token },
    );
    expect(response.data).toEqual({
      User: null,
      SocietySetting: null,
      RoleGrant: null,
      allUsers: [],
      allAuditEvents: [],
    });
  });

  it('cannot change anything of B', async () => {
    const attempts: [string, Record<string, unknown>][] = [
      [
        `mutation ($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, firstName: "Piraté") { id } }`,
        { id: userOfB.id, v: userOfB.version },
      ],
      [
        `mutation ($s: ID!) { createUser(email: "intrus@example.fr", firstName: "I", lastName: "N", societyId: $s) { id } }`,
        { s: societyB },
      ],
      [`mutation ($id: ID!) { resendInvitation(id: $id) { id } }`, { id: userOfB.id }],
      [
        `mutation ($s: ID!) { createSocietySetting(societyId: $s, year: 2027, minHours: 1) { id } }`,
        { s: societyB },
      ],
      [
        `mutation ($id: ID!, $v: Int!) { updateSocietySetting(id: $id, version: $v, minHours: 1) { id } }`,
        { id: settingOfB.id, v: settingOfB.version },
      ],
      [
        `mutation ($id: ID!) { updateSociety(id: $id, version: 1, name: "Piratée") { id } }`,
        { id: societyB },
      ],
      [
        `mutation ($u: ID!, $s: ID!) { createRoleGrant(userId: $u, role: SOCIETY_ADMIN, societyId: $s) { id } }`,
        { u: userOfB.id, s: societyB },
      ],
      [`mutation ($id: ID!) { deleteRoleGrant(id: $id) { id } }`, { id: grantOfB }],
      [`mutation { createSociety(code: "PIRATE", name: "Pirate") { id } }`, {}],
    ];
    for (const [query, variables] of attempts) {
      const response = await t.gql(query, variables, { token });
      expect({ query, codes: errorCodes(response) }).toEqual({
        query,
        codes: [expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)],
      });
      expect(response.data).toBeNull();
    }
    const [user] = await t.sql(`SELECT first_name, version FROM user_account WHERE id = $1`, [
      userOfB.id,
    ]);
    expect(user).toEqual({ first_name: 'Sophie', version: userOfB.version });
    const [setting] = await t.sql(`SELECT min_hours FROM society_setting WHERE id = $1`, [
      settingOfB.id,
    ]);
    expect(setting!.min_hours).toBe(18);
    expect(
      (
        await t.sql(`SELECT count(*)::int AS n FROM user_account WHERE email = 'intrus@example.fr'`)
      )[0]!.n,
    ).toBe(0);
    expect(
      (await t.sql(`SELECT count(*)::int AS n FROM role_grant WHERE id = $1`, [grantOfB]))[0]!.n,
    ).toBe(1);
  });

  it("cannot read B's thresholds", async () => {
    const response = await t.gql(
      `query ($s: ID!) { effectiveThresholds(societyId: $s, year: 2026) { minHours } }`,
      { s: societyB },
      { token },
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('can manage its own society', async () => {
    const response = await t.gql(
      `mutation ($s: ID!) { createSocietySetting(societyId: $s, year: 2027, minMeetings: 7) { year minMeetings minHours society { code } } }`,
      { s: societyA },
      { token },
    );
    expect(response.data?.createSocietySetting).toEqual({
      year: 2027,
      minMeetings: 7,
      minHours: 18,
      society: { code: 'SSTPC' },
    });
  });
});

describe('a plain member', () => {
  it('sees only their own account and no audit log', async () => {
    const users = await t.gql(`{ allUsers(perPage: 100) { email } }`, {}, { token: memberToken });
    expect(users.data?.allUsers).toEqual([{ email: DEMO.physicianSstpc }]);
    const audit = await t.gql(`{ allAuditEvents { id } }`, {}, { token: memberToken });
    expect(errorCodes(audit)).toEqual(['FORBIDDEN']);
  });

  it('may change their own name but not their e-mail or status', async () => {
    const [me] = await t.sql(`SELECT id, version FROM user_account WHERE email = $1`, [
      DEMO.physicianSstpc,
    ]);
    const renamed = await t.gql(
      `mutation ($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, firstName: "Paulo") { firstName version } }`,
      { id: me!.id, v: me!.version },
      { token: memberToken },
    );
    expect(renamed.data?.updateUser).toEqual({ firstName: 'Paulo', version: me!.version + 1 });
    const email = await t.gql(
      `mutation ($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, email: "autre@example.fr") { id } }`,
      { id: me!.id, v: me!.version + 1 },
      { token: memberToken },
    );
    expect(errorCodes(email)).toEqual(['FORBIDDEN']);
    const status = await t.gql(
      `mutation ($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, status: DISABLED) { id } }`,
      { id: me!.id, v: me!.version + 1 },
      { token: memberToken },
    );
    expect(errorCodes(status)).toEqual(['FORBIDDEN']);
  });

  it("reads its own society's thresholds (defaults when none are set)", async () => {
    const response = await t.gql(
      `query ($s: ID!) { effectiveThresholds(societyId: $s, year: 2025) { source minMeetings minHours minAttended minGroupMembers maxGroupMembers } }`,
      { s: societyA },
      { token: memberToken },
    );
    expect(response.data?.effectiveThresholds).toEqual({
      source: 'DEFAULT',
      minMeetings: 6,
      minHours: 18,
      minAttended: 5,
      minGroupMembers: 5,
      maxGroupMembers: 12,
    });
  });
});
