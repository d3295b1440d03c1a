import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/** Regressions from the review of the foundation: each crossed a boundary before its fix. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const account = async (email: string) =>
  (
    await t.sql(
      `SELECT id, version, email, status, society_id FROM user_account WHERE email = $1`,
      [email],
    )
  )[0]!;
const UPDATE_USER = `mutation ($id: ID!, $v: Int!, $email: String, $status: UserStatus, $societyId: ID, $lastName: String) {
  updateUser(id: $id, version: $v, email: $email, status: $status, societyId: $societyId, lastName: $lastName) { email status version }
}`;

describe('a society admin', () => {
  it('cannot disable, rename or re-address a binôme who belongs to its society', async () => {
    const admin = await t.login('admin.asmt@demo.e-pairs.fr');
    const binome = await account(DEMO.binomeAsmt);
    for (const change of [
      { status: 'DISABLED' },
      { lastName: 'Renommé' },
      { email: 'pirate@example.fr' },
    ]) {
      const response = await t.gql(
        UPDATE_USER,
        { id: binome.id, v: binome.version, ...change },
        { token: admin.accessToken },
      );
      expect({ change, codes: errorCodes(response) }).toEqual({ change, codes: ['FORBIDDEN'] });
    }
    expect(await account(DEMO.binomeAsmt)).toEqual(binome);
  });

  it("cannot change an active member's e-mail (and so take over the account), but can fix an invitation's", async () => {
    const admin = await t.login(DEMO.adminSstpc);
    const member = await account(DEMO.physicianSstpc);
    const takeover = await t.gql(
      UPDATE_USER,
      { id: member.id, v: member.version, email: 'pirate@example.fr' },
      { token: admin.accessToken },
    );
    expect(errorCodes(takeover)).toEqual(['FORBIDDEN']);
    expect((await account(DEMO.physicianSstpc)).email).toBe(DEMO.physicianSstpc);

    const invited = await t.gql(
      `mutation ($s: ID!) { createUser(email: "faute.de.frappe@exemple.fr", firstName: "Inès", lastName: "Faure", societyId: $s) { id version } }`,
      { s: member.society_id },
      { token: admin.accessToken },
    );
    const { id, version } = invited.data!.createUser;
    const fixed = await t.gql(
      UPDATE_USER,
      { id, v: version, email: 'ines.faure@exemple.fr' },
      { token: admin.accessToken },
    );
    expect(fixed.data?.updateUser).toMatchObject({
      email: 'ines.faure@exemple.fr',
      status: 'INVITED',
    });
    const links = (await t.outbox()).filter((mail) => mail.to.endsWith('@exemple.fr'));
    expect(links.map((mail) => mail.to)).toEqual([
      'faute.de.frappe@exemple.fr',
      'ines.faure@exemple.fr',
    ]);
    // The link sent to the mistyped address no longer works.
    const oldToken = new URL(links[0]!.link!).searchParams.get('token');
    const stale = await t.gql(
      `mutation ($t: String!) { acceptInvitation(token: $t, password: "phrase de passe valable") { accessToken } }`,
      { t: oldToken },
    );
    expect(errorCodes(stale)).toEqual(['BAD_USER_INPUT']);
  });

  it('cannot move its own account into another society', async () => {
    const admin = await t.login(DEMO.adminSstpc);
    const self = await account(DEMO.adminSstpc);
    const smtvl = (await t.sql(`SELECT id FROM society WHERE code = 'SMTVL'`))[0]!.id;
    const response = await t.gql(
      UPDATE_USER,
      { id: self.id, v: self.version, societyId: smtvl },
      { token: admin.accessToken },
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect((await account(DEMO.adminSstpc)).society_id).toBe(self.society_id);
  });

  it('cannot touch another society through an update that changes nothing', async () => {
    const admin = await t.login(DEMO.adminSmtvl);
    const arapt = (await t.sql(`SELECT id, version FROM society WHERE code = 'ARAPT'`))[0]!;
    const response = await t.gql(
      `mutation ($id: ID!, $v: Int!) { updateSociety(id: $id, version: $v) { id } }`,
      { id: arapt.id, v: arapt.version + 7 },
      { token: admin.accessToken },
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors?.[0]?.extensions?.currentVersion).toBeUndefined();
    const written = await t.sql(
      `SELECT count(*)::int AS n FROM audit_event WHERE society_id = $1 AND actor_user_id = $2`,
      [arapt.id, admin.userId],
    );
    expect(written[0]!.n).toBe(0);
  });

  it('reads nothing of another society by id or count', async () => {
    const admin = await t.login(DEMO.adminSstpc);
    const smtvl = (await t.sql(`SELECT id FROM society WHERE code = 'SMTVL'`))[0]!.id;
    await t.login(DEMO.adminSmtvl);
    const event = (
      await t.sql(`SELECT id FROM audit_event WHERE society_id = $1 LIMIT 1`, [smtvl])
    )[0]!.id;
    const response = await t.gql(
      `query ($e: ID!, $s: ID!) { AuditEvent(id: $e) { id }
         _allAuditEventsMeta(filter: { societyId: $s }) { count } _allRoleGrantsMeta(filter: { societyId: $s }) { count }
         _allUsersMeta(filter: { societyId: $s }) { count } _allSocietySettingsMeta(filter: { societyId: $s }) { count } }`,
      { e: event, s: smtvl },
      { token: admin.accessToken },
    );
    expect(response.data).toEqual({
      AuditEvent: null,
      _allAuditEventsMeta: { count: 0 },
      _allRoleGrantsMeta: { count: 0 },
      _allUsersMeta: { count: 0 },
      _allSocietySettingsMeta: { count: 0 },
    });
  });
});

describe('sessions', () => {
  it('revoke the family when one token is spent twice in one request, without hanging', async () => {
    const session = await t.login(DEMO.relaySstpc);
    const started = Date.now();
    const response = await t.gql(
      `mutation ($r: String!) { a: refreshSession(refreshToken: $r) { refreshToken } b: refreshSession(refreshToken: $r) { refreshToken } }`,
      { r: session.refreshToken },
    );
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(Date.now() - started).toBeLessThan(5_000);
    const live = await t.sql(
      `SELECT count(*)::int AS n FROM refresh_token WHERE user_id = $1 AND revoked_at IS NULL`,
      [session.userId],
    );
    expect(live[0]!.n).toBe(0);
    expect(errorCodes(await t.gql(`{ me { id } }`, {}, { token: session.accessToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('end at their absolute limit, however often refreshed', async () => {
    const session = await t.login(DEMO.nurseSmtvl);
    await t.sql(
      `UPDATE refresh_token SET session_expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [session.userId],
    );
    const response = await t.gql(
      `mutation ($r: String!) { refreshSession(refreshToken: $r) { refreshToken } }`,
      { r: session.refreshToken },
    );
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it("do not make an administrator's open form stale by signing in", async () => {
    const before = await account(DEMO.nurseSmtvl);
    await t.login(DEMO.nurseSmtvl);
    const after = await account(DEMO.nurseSmtvl);
    expect(after.version).toBe(before.version);
  });
});
