import { yearInParis } from '@epairs/shared';
import { societyId } from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/**
 * societyStats: the dashboard's key figures alone (for the benchmark's society figures), equal to
 * the dashboard's, under the same rules: E-Pairs any society or all, a society's administrator its
 * own, nobody else.
 */
let t: TestApp;
const YEAR = yearInParis();
const STATS = `query ($y: Int, $s: ID) { societyStats(year: $y, societyId: $s) {
  societyId year activeGroups members meetingsHeld signatures } }`;
const DASHBOARD = `query ($y: Int, $s: ID) { dashboard(year: $y, societyId: $s) {
  activeGroups members meetingsHeld attendanceRate } }`;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('gives the dashboard’s figures, and the signatures counted in the database', async () => {
  const sstpc = await societyId(t, 'SSTPC');
  const admin = (await t.login(DEMO.adminSstpc)).accessToken;
  const federation = (await t.login(DEMO.federation)).accessToken;
  for (const [token, society] of [
    [admin, null],
    [federation, sstpc],
    [federation, null],
  ] as const) {
    const stats = await t.gql(STATS, { y: YEAR, s: society }, { token });
    const dashboard = await t.gql(DASHBOARD, { y: YEAR, s: society }, { token });
    expect(stats.errors).toBeUndefined();
    const scope = token === admin ? sstpc : society;
    const [counted] = await t.sql<{ signatures: number }>(
      `SELECT count(*)::int AS signatures FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
        WHERE a.status = 'SIGNED' AND mt.status = 'HELD'
          AND extract(year FROM mt.starts_at AT TIME ZONE 'Europe/Paris')::int = $2
          AND ($1::uuid IS NULL OR mt.society_id = $1)`,
      [scope, YEAR],
    );
    expect(stats.data!.societyStats).toEqual({
      societyId: scope,
      year: YEAR,
      activeGroups: dashboard.data!.dashboard.activeGroups,
      members: dashboard.data!.dashboard.members,
      meetingsHeld: dashboard.data!.dashboard.meetingsHeld,
      signatures: counted!.signatures,
    });
  }
  // One statement for the figures, whatever the society's size (plus the request's own).
  const stats = await t.gql(STATS, { y: YEAR, s: null }, { token: admin });
  expect(Number(stats.headers.get('x-sql-statements'))).toBeLessThanOrEqual(6);
});

it('refuses another society’s figures, members and anonymous callers', async () => {
  const smtvl = await societyId(t, 'SMTVL');
  const admin = (await t.login(DEMO.adminSstpc)).accessToken;
  expect(errorCodes(await t.gql(STATS, { y: YEAR, s: smtvl }, { token: admin }))).toEqual([
    'FORBIDDEN',
  ]);
  const physician = (await t.login(DEMO.physicianSstpc)).accessToken;
  expect(errorCodes(await t.gql(STATS, { y: YEAR, s: null }, { token: physician }))).toEqual([
    'FORBIDDEN',
  ]);
  expect(errorCodes(await t.gql(STATS, { y: YEAR, s: null }))).toEqual(['UNAUTHENTICATED']);
});
