import { DEMO, DEMO_PASSWORD, errorCodes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  // Five failures per account and address, eight per address, within the window.
  t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '5', LOGIN_MAX_FAILURES_PER_IP: '8' });
});
afterAll(() => t.close());

const attempts = (email: string, password: string, count: number) =>
  `mutation { ${Array.from({ length: count }, (_, index) => `a${index}: login(email: "${email}", password: "${password}") { accessToken }`).join('\n')} }`;

const spentOnAccounts = async () =>
  (
    await t.sql(
      `SELECT coalesce(max(points), 0)::int AS points FROM login_rate_limit WHERE key LIKE 'acct:%'`,
    )
  )[0]!.points;

describe('login limiting', () => {
  it('counts every executed attempt, and aliases in one request cannot buy extra tries', async () => {
    // Six aliased tries: the first failure stops the (serial) mutation, so only one ran and counted.
    const aliased = await t.gql(attempts(DEMO.relaySstpc, 'wrong password', 6));
    expect(errorCodes(aliased)).toEqual(['UNAUTHENTICATED']);
    expect(aliased.data).toBeNull();
    expect(await spentOnAccounts()).toBe(1);

    for (let attempt = 2; attempt <= 5; attempt += 1) {
      expect(errorCodes(await t.gql(attempts(DEMO.relaySstpc, 'wrong password', 3)))).toEqual([
        'UNAUTHENTICATED',
      ]);
    }
    expect(await spentOnAccounts()).toBe(5);

    // The sixth failure within the window is refused, aliased or not.
    const sixth = await t.gql(attempts(DEMO.relaySstpc, 'wrong password', 4));
    expect(errorCodes(sixth)).toEqual(['RATE_LIMITED']);
    expect(sixth.status).toBe(429);
  });

  it('then refuses even the right password for that account, with a French message', async () => {
    const response = await t.gql(attempts(DEMO.relaySstpc, DEMO_PASSWORD, 1));
    expect(errorCodes(response)).toEqual(['RATE_LIMITED']);
    expect(response.errors?.[0]?.message).toMatch(/Trop de tentatives/);
    expect(response.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('counts per address too: another account from the same address runs out sooner', async () => {
    // Seven attempts spent from this address so far; its budget is eight.
    expect(errorCodes(await t.gql(attempts(DEMO.physicianSstpc, 'wrong again', 1)))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(errorCodes(await t.gql(attempts(DEMO.physicianSstpc, DEMO_PASSWORD, 1)))).toEqual([
      'RATE_LIMITED',
    ]);
  });

  it('stores no e-mail or address in clear', async () => {
    const rows = await t.sql(`SELECT key FROM login_rate_limit`);
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) {
      expect(key).not.toContain('@');
      expect(key).not.toContain('127.0.0.1');
    }
  });
});
