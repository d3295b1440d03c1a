import { DEMO, DEMO_PASSWORD, errorCodes, startTestApp, type TestApp } from './support/test-app';

const REFRESH = `mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken user { email } } }`;
const ME = `{ me { email } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('login', () => {
  it('returns an access token that works and a refresh token', async () => {
    const session = await t.login(DEMO.physicianSstpc);
    const me = await t.gql(ME, {}, { token: session.accessToken });
    expect(me.data?.me.email).toBe(DEMO.physicianSstpc);
    const [event] = await t.sql(
      `SELECT action, actor_user_id FROM audit_event WHERE action = 'auth.login' AND actor_user_id = $1`,
      [session.userId],
    );
    expect(event).toBeDefined();
  });

  it('refuses a wrong password without telling whether the account exists', async () => {
    const wrong = await t.gql(
      `mutation { login(email: "${DEMO.nurseSmtvl}", password: "not the password") { accessToken } }`,
    );
    const unknown = await t.gql(
      `mutation { login(email: "nobody@example.fr", password: "not the password") { accessToken } }`,
    );
    expect(errorCodes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(wrong.errors?.[0]?.message).toBe(unknown.errors?.[0]?.message);
    expect(wrong.data).toBeNull();
  });

  it('answers anonymous calls to signed-in fields with UNAUTHENTICATED', async () => {
    const response = await t.gql(ME);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use', async () => {
    const first = await t.login(DEMO.relaySstpc);
    const rotated = await t.gql(REFRESH, { token: first.refreshToken });
    const second = rotated.data!.refreshSession;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.user.email).toBe(DEMO.relaySstpc);
    expect((await t.gql(ME, {}, { token: second.accessToken })).data?.me.email).toBe(
      DEMO.relaySstpc,
    );
    const third = await t.gql(REFRESH, { token: second.refreshToken });
    expect(third.data?.refreshSession.refreshToken).toBeDefined();
  });

  it('revoke the whole family when an old one is reused', async () => {
    const first = await t.login(DEMO.relaySstpc);
    const second = (await t.gql(REFRESH, { token: first.refreshToken })).data!.refreshSession;

    const replay = await t.gql(REFRESH, { token: first.refreshToken });
    expect(errorCodes(replay)).toEqual(['UNAUTHENTICATED']);

    // The legitimate holder's newer tokens die with the family.
    expect(errorCodes(await t.gql(REFRESH, { token: second.refreshToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(errorCodes(await t.gql(ME, {}, { token: second.accessToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    const rows = await t.sql(
      `SELECT count(*)::int AS live FROM refresh_token WHERE family_id = (
         SELECT family_id FROM refresh_token WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1)
       AND revoked_at IS NULL`,
      [first.userId],
    );
    expect(rows[0]!.live).toBe(0);
    const [reuse] = await t.sql(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.refresh-reuse' AND actor_user_id = $1`,
      [first.userId],
    );
    expect(reuse!.n).toBeGreaterThanOrEqual(1);
  });

  it('is refused once the session is logged out, and so is its access token', async () => {
    const session = await t.login(DEMO.physicianSstpc);
    const logout = await t.gql(`mutation ($token: String!) { logout(refreshToken: $token) }`, {
      token: session.refreshToken,
    });
    expect(logout.data?.logout).toBe(true);
    expect(errorCodes(await t.gql(REFRESH, { token: session.refreshToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(errorCodes(await t.gql(ME, {}, { token: session.accessToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it('stores only hashes', async () => {
    const session = await t.login(DEMO.physicianSstpc);
    const rows = await t.sql(
      `SELECT encode(token_hash, 'hex') AS hash FROM refresh_token WHERE user_id = $1`,
      [session.userId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(row.hash).not.toContain(Buffer.from(session.refreshToken).toString('hex'));
  });
});

describe('invitation and password reset', () => {
  const lastLinkTo = async (email: string) => {
    const messages = (await t.outbox()).filter((message) => message.to === email);
    const link = messages.at(-1)?.link;
    expect(link).toBeTruthy();
    return new URL(link!).searchParams.get('token')!;
  };

  it('activates an invited account once, with a password that meets the policy', async () => {
    const admin = await t.login(DEMO.adminSstpc);
    const societyId = (await t.sql(`SELECT id FROM society WHERE code = 'SSTPC'`))[0]!.id;
    const created = await t.gql(
      `mutation ($societyId: ID!) { createUser(email: "Nouvelle.Personne@Example.fr", firstName: "Nouvelle", lastName: "Personne", societyId: $societyId) { id email status } }`,
      { societyId },
      { token: admin.accessToken },
    );
    expect(created.data?.createUser).toMatchObject({
      email: 'nouvelle.personne@example.fr',
      status: 'INVITED',
    });

    // Not yet active: no login.
    expect(
      errorCodes(
        await t.gql(
          `mutation { login(email: "nouvelle.personne@example.fr", password: "${DEMO_PASSWORD}") { accessToken } }`,
        ),
      ),
    ).toEqual(['UNAUTHENTICATED']);

    const token = await lastLinkTo('nouvelle.personne@example.fr');
    const ACCEPT = `mutation ($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { accessToken user { email status } } }`;
    const weak = await t.gql(ACCEPT, { token, password: 'court' });
    expect(errorCodes(weak)).toEqual(['BAD_USER_INPUT']);
    expect(weak.errors?.[0]?.extensions?.field).toBe('password');

    const accepted = await t.gql(ACCEPT, { token, password: 'une phrase de passe solide' });
    expect(accepted.data?.acceptInvitation.user).toEqual({
      email: 'nouvelle.personne@example.fr',
      status: 'ACTIVE',
    });
    await t.login('nouvelle.personne@example.fr', 'une phrase de passe solide');

    const again = await t.gql(ACCEPT, { token, password: 'une autre phrase de passe' });
    expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors?.[0]?.extensions?.field).toBe('token');
  });

  it('resets a forgotten password by a single-use link and ends the old sessions', async () => {
    const before = await t.login(DEMO.nurseSmtvl);
    const asked = await t.gql(
      `mutation { requestPasswordReset(email: "${DEMO.nurseSmtvl.toUpperCase()}") }`,
    );
    expect(asked.data?.requestPasswordReset).toBe(true);
    const token = await lastLinkTo(DEMO.nurseSmtvl);

    const RESET = `mutation ($token: String!, $password: String!) { resetPassword(token: $token, password: $password) { accessToken } }`;
    const reset = await t.gql(RESET, { token, password: 'nouveau mot de passe 2026' });
    expect(reset.data?.resetPassword.accessToken).toBeTruthy();

    expect(
      errorCodes(
        await t.gql(
          `mutation { login(email: "${DEMO.nurseSmtvl}", password: "${DEMO_PASSWORD}") { accessToken } }`,
        ),
      ),
    ).toEqual(['UNAUTHENTICATED']);
    await t.login(DEMO.nurseSmtvl, 'nouveau mot de passe 2026');
    expect(errorCodes(await t.gql(REFRESH, { token: before.refreshToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(
      errorCodes(await t.gql(RESET, { token, password: 'encore un autre mot de passe' })),
    ).toEqual(['BAD_USER_INPUT']);
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const count = (await t.outbox()).length;
    const asked = await t.gql(`mutation { requestPasswordReset(email: "inconnu@example.fr") }`);
    expect(asked.data?.requestPasswordReset).toBe(true);
    expect((await t.outbox()).length).toBe(count);
  });

  it('refuses an expired link', async () => {
    await t.gql(`mutation { requestPasswordReset(email: "${DEMO.binomeAsmt}") }`);
    const token = await lastLinkTo(DEMO.binomeAsmt);
    await t.sql(
      `UPDATE account_token SET expires_at = now() - interval '1 second' WHERE purpose = 'PASSWORD_RESET'`,
    );
    const reset = await t.gql(
      `mutation ($token: String!) { resetPassword(token: $token, password: "mot de passe tout neuf") { accessToken } }`,
      { token },
    );
    expect(errorCodes(reset)).toEqual(['BAD_USER_INPUT']);
  });

  it('changes a password only with the current one', async () => {
    const session = await t.login(DEMO.binomeAsmt);
    const CHANGE = `mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) { accessToken } }`;
    const wrong = await t.gql(
      CHANGE,
      { current: 'pas le bon', next: 'un nouveau mot de passe' },
      { token: session.accessToken },
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'currentPassword',
    });
    const changed = await t.gql(
      CHANGE,
      { current: DEMO_PASSWORD, next: 'un nouveau mot de passe' },
      { token: session.accessToken },
    );
    expect(changed.data?.changePassword.accessToken).toBeTruthy();
    expect(errorCodes(await t.gql(ME, {}, { token: session.accessToken }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(
      (await t.gql(ME, {}, { token: changed.data!.changePassword.accessToken })).data?.me.email,
    ).toBe(DEMO.binomeAsmt);
  });
});
