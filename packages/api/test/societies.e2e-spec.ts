import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let federation: string;
let adminA: string;
let societyA: { id: string; version: number };

beforeAll(async () => {
  t = await startTestApp();
  federation = (await t.login(DEMO.federation)).accessToken;
  adminA = (await t.login(DEMO.adminSstpc)).accessToken;
  societyA = (
    await t.sql(`SELECT id, version FROM society WHERE code = 'SSTPC'`)
  )[0] as typeof societyA;
});
afterAll(() => t.close());

const UPDATE = `mutation ($id: ID!, $v: Int!, $name: String, $code: String) { updateSociety(id: $id, version: $v, name: $name, code: $code) { name code version } }`;

describe('societies', () => {
  it('detect a conflicting edit instead of overwriting it', async () => {
    const first = await t.gql(
      UPDATE,
      { id: societyA.id, v: societyA.version, name: 'SSTPC, Poitou-Charentes' },
      { token: adminA },
    );
    expect(first.data?.updateSociety).toEqual({
      name: 'SSTPC, Poitou-Charentes',
      code: 'SSTPC',
      version: societyA.version + 1,
    });
    // A second editor still holds the old version.
    const second = await t.gql(
      UPDATE,
      { id: societyA.id, v: societyA.version, name: 'Autre nom' },
      { token: federation },
    );
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.errors?.[0]?.extensions?.currentVersion).toBe(societyA.version + 1);
    expect((await t.sql(`SELECT name FROM society WHERE id = $1`, [societyA.id]))[0]!.name).toBe(
      'SSTPC, Poitou-Charentes',
    );
  });

  it('let a society admin rename its society but not change its code', async () => {
    const response = await t.gql(
      UPDATE,
      { id: societyA.id, v: societyA.version + 1, code: 'AUTRE' },
      { token: adminA },
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('refuse bad input field by field, in French', async () => {
    const response = await t.gql(
      `mutation { createSociety(code: "x", name: "") { id } }`,
      {},
      { token: federation },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const fields = response.errors?.[0]?.extensions?.fields as { field: string; message: string }[];
    expect(fields.map((problem) => problem.field)).toEqual(['code', 'name']);
    expect(fields[1]!.message).toBe('Le nom doit contenir entre 2 et 200 caractères.');
  });

  it('refuse a duplicate code with CONFLICT on the code field', async () => {
    const response = await t.gql(
      `mutation { createSociety(code: "smtvl", name: "Doublon") { id } }`,
      {},
      { token: federation },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'code' });
  });

  it('list with the ra-data-graphql-simple grammar: page, perPage, sort, filter, meta', async () => {
    const response = await t.gql(
      `{ allSocieties(page: 1, perPage: 2, sortField: "code", sortOrder: "DESC") { code }
         _allSocietiesMeta(page: 1, perPage: 2, filter: { q: "sa" }) { count }
         filtered: allSocieties(filter: { q: "santé au travail" }) { code } }`,
      {},
      { token: adminA },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.allSocieties.map((society: { code: string }) => society.code)).toEqual([
      'SMTVL',
      'ASMT',
    ]); // page 1 is the second page: SSTPC, SNPST | SMTVL, ASMT | ARAPT
    expect(response.data!.filtered.map((society: { code: string }) => society.code).sort()).toEqual(
      ['ARAPT', 'SNPST'],
    );
    expect(response.data!._allSocietiesMeta.count).toBeGreaterThan(0);
    const badSort = await t.gql(
      `{ allSocieties(sortOrder: "SIDEWAYS") { code } }`,
      {},
      { token: adminA },
    );
    expect(badSort.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'sortOrder',
    });
  });
});

describe('thresholds', () => {
  it('fall back to an earlier year, then to the defaults', async () => {
    await t.gql(
      `mutation ($s: ID!) { createSocietySetting(societyId: $s, year: 2024, minMeetings: 8, minHours: 20) { id } }`,
      { s: societyA.id },
      { token: adminA },
    );
    const q = `query ($s: ID!, $y: Int!) { effectiveThresholds(societyId: $s, year: $y) { source sourceYear minMeetings minHours } }`;
    expect(
      (await t.gql(q, { s: societyA.id, y: 2024 }, { token: adminA })).data?.effectiveThresholds,
    ).toEqual({ source: 'SOCIETY_YEAR', sourceYear: 2024, minMeetings: 8, minHours: 20 });
    expect(
      (await t.gql(q, { s: societyA.id, y: 2026 }, { token: adminA })).data?.effectiveThresholds,
    ).toEqual({ source: 'EARLIER_YEAR', sourceYear: 2024, minMeetings: 8, minHours: 20 });
    expect(
      (await t.gql(q, { s: societyA.id, y: 2023 }, { token: adminA })).data?.effectiveThresholds,
    ).toEqual({ source: 'DEFAULT', sourceYear: null, minMeetings: 6, minHours: 18 });
  });

  it('refuse inconsistent values with the shared rule', async () => {
    const response = await t.gql(
      `mutation ($s: ID!) { createSocietySetting(societyId: $s, year: 2028, minGroupMembers: 9, maxGroupMembers: 6) { id } }`,
      { s: societyA.id },
      { token: adminA },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'maxGroupMembers',
    });
  });

  it('refuse a second row for the same year', async () => {
    const response = await t.gql(
      `mutation ($s: ID!) { createSocietySetting(societyId: $s, year: 2024) { id } }`,
      { s: societyA.id },
      { token: adminA },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'year' });
  });
});

describe('role grants', () => {
  it('never let a federation admin remove its own federation role', async () => {
    const [grant] = await t.sql(
      `SELECT g.id FROM role_grant g JOIN user_account u ON u.id = g.user_id WHERE u.email = $1`,
      [DEMO.federation],
    );
    const response = await t.gql(
      `mutation ($id: ID!) { deleteRoleGrant(id: $id) { id } }`,
      { id: grant!.id },
      { token: federation },
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors?.[0]?.message).toMatch(/propre rôle/);
  });

  it('take effect on the next request: a new society admin sees its society', async () => {
    const [user] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [DEMO.relaySstpc]);
    const session = await t.login(DEMO.relaySstpc);
    expect(
      errorCodes(await t.gql(`{ allAuditEvents { id } }`, {}, { token: session.accessToken })),
    ).toEqual(['FORBIDDEN']);
    const granted = await t.gql(
      `mutation ($u: ID!, $s: ID!) { createRoleGrant(userId: $u, role: SOCIETY_ADMIN, societyId: $s) { role society { code } } }`,
      { u: user!.id, s: societyA.id },
      { token: federation },
    );
    expect(granted.data?.createRoleGrant).toEqual({
      role: 'SOCIETY_ADMIN',
      society: { code: 'SSTPC' },
    });
    const after = await t.gql(
      `{ myPermissions { roles } allAuditEvents(perPage: 1) { societyId } }`,
      {},
      { token: session.accessToken },
    );
    // The demo relay person (a physician) now also administers its society.
    expect(after.data?.myPermissions.roles).toEqual(['SOCIETY_ADMIN', 'RELAY_PERSON', 'PHYSICIAN']);
    expect(after.data?.allAuditEvents[0].societyId).toBe(societyA.id);
  });

  it('disabling an account ends its sessions', async () => {
    const session = await t.login(DEMO.binomeAsmt);
    const [user] = await t.sql(`SELECT id, version FROM user_account WHERE email = $1`, [
      DEMO.binomeAsmt,
    ]);
    const disabled = await t.gql(
      `mutation ($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, status: DISABLED) { status } }`,
      { id: user!.id, v: user!.version },
      { token: federation },
    );
    expect(disabled.data?.updateUser.status).toBe('DISABLED');
    expect(errorCodes(await t.gql(`{ me { id } }`, {}, { token: session.accessToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });
});
