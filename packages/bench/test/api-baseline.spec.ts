import pg from 'pg';
import { readPool, apiRead, checkSameData } from '../src/run';
import type { ReadPoolSpec } from '../src/load';
import type { BenchDatabase, Started } from '../src/processes';

/**
 * The API (production mode, real logins, row-level security) and the raw-SQL baseline return the
 * same data for the three read operations; the API's statement count does not grow with rows.
 */
describe('API and baseline', () => {
  const apiUrl = process.env.BENCH_TEST_API_URL!;
  const baselineUrl = process.env.BENCH_TEST_BASELINE_URL!;
  const database = { superuserUrl: process.env.BENCH_TEST_SUPERUSER_URL! } as BenchDatabase;
  let pool: ReadPoolSpec;

  beforeAll(async () => {
    pool = await readPool(database, apiUrl, 200);
  });

  it('return identical data for the group page, member by id and society figures', async () => {
    const report = await checkSameData(
      { url: apiUrl } as Started,
      { url: baselineUrl } as Started,
      pool,
      15,
    );
    expect(report.map((entry) => entry.op)).toEqual(['groups', 'member', 'stats']);
  });

  it('agree on the last (partial) group page and on an unknown member', async () => {
    const page = Math.floor(350 / 25) - 1;
    const request = {
      op: 'groups' as const,
      token: pool.federationToken!,
      variables: { page, perPage: 25, year: pool.year },
    };
    const fromApi = await apiRead(apiUrl, request);
    const fromBaseline = await (
      await fetch(`${baselineUrl}/groups`, {
        method: 'POST',
        body: JSON.stringify(request.variables),
      })
    ).json();
    expect(fromApi.body).toEqual(fromBaseline);
    expect((fromApi.body as any).data.allPeerGroups).toHaveLength(25);
  });

  it('uses as many SQL statements for 10 rows as for 100', async () => {
    const count = async (variables: Record<string, unknown>, op: 'groups' | 'member' | 'stats') => {
      const token =
        op === 'groups'
          ? pool.federationToken!
          : op === 'member'
            ? pool.members![0]!.token
            : pool.societies![0]!.token;
      const result = await apiRead(apiUrl, { op, token, variables });
      expect((result.body as any).errors).toBeUndefined();
      return result.sql;
    };
    // Group page: 10 groups and 100 groups, each with their members and programme.
    const ten = await count({ page: 0, perPage: 10, year: pool.year }, 'groups');
    const hundred = await count({ page: 0, perPage: 100, year: pool.year }, 'groups');
    expect(hundred).toBe(ten);

    // Member by id: a member of 10 groups and one of 100 groups (memberships added here).
    const admin = new pg.Client({ connectionString: database.superuserUrl });
    const arranged: string[] = [];
    await admin.connect();
    try {
      const societyId = pool.societies![0]!.id;
      const members = (
        await admin.query(
          `SELECT id FROM member m WHERE society_id = $1
              AND NOT EXISTS (SELECT 1 FROM group_membership gm WHERE gm.member_id = m.id)
            ORDER BY id LIMIT 2`,
          [societyId],
        )
      ).rows as { id: string }[];
      const groups = (
        await admin.query(`SELECT id FROM peer_group WHERE society_id = $1 ORDER BY id`, [
          societyId,
        ])
      ).rows as { id: string }[];
      // The first society holds 30 % of the 350 groups: 105.
      expect(groups.length).toBeGreaterThanOrEqual(100);
      // Arranged memberships, removed afterwards: the generator's spec reads the same database.
      for (const [member, count] of [
        [members[0]!, 10],
        [members[1]!, 100],
      ] as const) {
        const inserted = await admin.query(
          `INSERT INTO group_membership (society_id, group_id, member_id, role)
           SELECT $1, g, $2, 'MEMBER' FROM unnest($3::uuid[]) g RETURNING id`,
          [societyId, member.id, groups.slice(0, count).map((group) => group.id)],
        );
        arranged.push(...inserted.rows.map((row: { id: string }) => row.id));
      }
      const societyToken = pool.societies![0]!.token;
      const memberCount = async (id: string) => {
        const result = await apiRead(apiUrl, {
          op: 'member',
          token: societyToken,
          variables: { id },
        });
        return { sql: result.sql, groups: (result.body as any).data.Member.memberships.length };
      };
      const few = await memberCount(members[0]!.id);
      const many = await memberCount(members[1]!.id);
      expect(few.groups).toBe(10);
      expect(many.groups).toBe(100);
      expect(many.sql).toBe(few.sql);
    } finally {
      await admin.query(`DELETE FROM group_membership WHERE id = ANY ($1)`, [arranged]);
      await admin.end();
    }

    // Society figures: the largest society (105 groups) and the smallest (35).
    const societies = pool.societies!;
    const statsCounts = await Promise.all(
      [societies[0]!, societies[societies.length - 1]!].map((society) =>
        apiRead(apiUrl, {
          op: 'stats',
          token: society.token,
          variables: { societyId: society.id, year: pool.year },
        }),
      ),
    );
    expect(statsCounts[0]!.sql).toBe(statsCounts[1]!.sql);
  });
});
