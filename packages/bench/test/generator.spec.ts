import { createHash } from 'node:crypto';
import pg from 'pg';
import { FIRST_NAMES, LAST_NAMES } from '../src/french';
import { CASES_PER_GROUP, MEETINGS_PER_GROUP } from '../src/generate';

/** The generated data at scale 0.07 (test/global-setup.ts): counts and distributions. */
describe('generator', () => {
  let db: pg.Client;
  const one = async (sql: string) => (await db.query(sql)).rows[0];

  beforeAll(async () => {
    db = new pg.Client({ connectionString: process.env.BENCH_TEST_SUPERUSER_URL });
    await db.connect();
  });
  afterAll(() => db.end());

  it('creates the counts asked for at this scale', async () => {
    const counts = JSON.parse(process.env.BENCH_TEST_COUNTS!);
    expect(counts).toMatchObject({
      societies: 5,
      members: 3500,
      groups: 350,
      meetings: 350 * MEETINGS_PER_GROUP,
      clinical_cases: 350 * CASES_PER_GROUP,
      clinical_case_texts: 350 * CASES_PER_GROUP,
    });
    // Accounts: the members, five society administrators, E-Pairs, and the binômes.
    expect(counts.accounts).toBe(3500 + 5 + 1 + 35);
    // Every held meeting has about 8.5 members of whom 85 % sign.
    expect(counts.signatures / counts.meetings_held).toBeGreaterThan(6);
    expect(counts.signatures / counts.meetings_held).toBeLessThan(8.5);
  });

  it('makes groups of 5 to 12 current members with exactly one relay person each', async () => {
    const row = await one(`
      SELECT min(n)::int AS min, max(n)::int AS max, avg(n)::float AS avg,
             count(*) FILTER (WHERE relays <> 1)::int AS without_one_relay
        FROM (SELECT g.id, count(gm.id) AS n, count(gm.id) FILTER (WHERE gm.role = 'RELAY') AS relays
                FROM peer_group g LEFT JOIN group_membership gm ON gm.group_id = g.id AND gm.left_on IS NULL
               GROUP BY g.id) s`);
    expect(row.min).toBeGreaterThanOrEqual(5);
    expect(row.max).toBeLessThanOrEqual(12);
    expect(row.avg).toBeGreaterThan(7.5);
    expect(row.avg).toBeLessThan(9.5);
    expect(row.without_one_relay).toBe(0);
    // A group only counts members of its own society.
    expect(
      (
        await one(`SELECT count(*)::int AS n FROM group_membership gm JOIN member m ON m.id = gm.member_id
                   WHERE m.society_id <> gm.society_id`)
      ).n,
    ).toBe(0);
  });

  it('signs only held meetings, by current members of the meeting’s group', async () => {
    const row = await one(`
      SELECT count(*) FILTER (WHERE mt.status <> 'HELD')::int AS not_held,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM group_membership gm
                                                WHERE gm.group_id = mt.group_id AND gm.member_id = a.member_id
                                                  AND gm.left_on IS NULL))::int AS not_member,
             count(*) FILTER (WHERE a.signed_at < mt.starts_at
                               OR a.signed_at > mt.starts_at + make_interval(mins => mt.duration_minutes)) AS outside
        FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id`);
    expect(row).toEqual({ not_held: 0, not_member: 0, outside: '0' });
  });

  it('holds past meetings (some cancelled) and plans future ones, over five years', async () => {
    const row = await one(`
      SELECT count(*) FILTER (WHERE status = 'HELD' AND starts_at > now())::int AS held_in_future,
             count(*) FILTER (WHERE status = 'PLANNED' AND starts_at < now() - interval '1 day')::int AS planned_in_past,
             count(*) FILTER (WHERE status = 'CANCELLED')::float / count(*) AS cancelled_share,
             count(*) FILTER (WHERE status = 'PLANNED')::float / count(*) AS planned_share,
             extract(year FROM age(max(starts_at), min(starts_at)))::int AS years
        FROM meeting`);
    expect(row.held_in_future).toBe(0);
    expect(row.planned_in_past).toBe(0);
    expect(row.cancelled_share).toBeGreaterThan(0.02);
    expect(row.cancelled_share).toBeLessThan(0.1);
    expect(row.planned_share).toBeGreaterThan(0.05);
    expect(row.years).toBe(4);
    // Each kept meeting has its animator and secretary, members of the group.
    const roles = await one(`
      SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM meeting_role r WHERE r.meeting_id = mt.id AND r.role = 'ANIMATOR'))::int AS no_animator,
             count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM meeting_role r WHERE r.meeting_id = mt.id AND r.role = 'SECRETARY'))::int AS no_secretary
        FROM meeting mt WHERE mt.status <> 'CANCELLED'`);
    expect(roles).toEqual({ no_animator: 0, no_secretary: 0 });
  });

  it('uses French names, and deterministic identifiers', async () => {
    const { rows } = await db.query(
      `SELECT DISTINCT first_name, last_name FROM user_account WHERE email LIKE 'membre.%'`,
    );
    for (const row of rows) {
      expect(FIRST_NAMES).toContain(row.first_name);
      expect(LAST_NAMES).toContain(row.last_name);
    }
    expect(new Set(rows.map((row) => row.last_name)).size).toBeGreaterThan(50);
    const expected = createHash('md5').update('42:m:0').digest('hex');
    const id = (await one(`SELECT id::text FROM member WHERE rpps = '10000000000'`)).id;
    expect(id.replace(/-/g, '')).toBe(expected);
  });

  it('gives every case content, presented cases a held meeting of their group', async () => {
    const row = await one(`
      SELECT count(*) FILTER (WHERE char_length(t.work_situation) < 50)::int AS short,
             count(*) FILTER (WHERE c.status <> 'DRAFT' AND (mt.status <> 'HELD' OR mt.group_id <> c.group_id))::int AS bad_meeting,
             count(*) FILTER (WHERE c.status = 'SUBMITTED_TO_BINOME')::int AS submitted
        FROM clinical_case c JOIN clinical_case_text t ON t.case_id = c.id
        LEFT JOIN meeting mt ON mt.id = c.presented_at_meeting_id`);
    expect(row.short).toBe(0);
    expect(row.bad_meeting).toBe(0);
    expect(row.submitted).toBeGreaterThan(0);
  });
});
