import type pg from 'pg';
import { prepareStatementsOn } from '../src/common/db/prepared-statements';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

/**
 * Request connections keep their statements prepared, with one generic plan each, shared by
 * every person the connection serves (docs/benchmarks.md). What one person may see must still be
 * decided by their own settings at every run.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('prepareStatementsOn', () => {
  let client: pg.Client;
  beforeEach(async () => {
    client = await t.appRoleClient();
    prepareStatementsOn(client as unknown as pg.PoolClient);
  });
  afterEach(() => client.end());

  const prepared = async () =>
    (await client.query(`SELECT name, statement FROM pg_prepared_statements ORDER BY name`))
      .rows as { name: string; statement: string }[];

  it('prepares a parameterised statement once, under a name given by its text', async () => {
    const text = `SELECT $1::int + 1 AS n`;
    for (const value of [1, 2, 3]) {
      expect((await client.query(text, [value])).rows).toEqual([{ n: value + 1 }]);
    }
    const statements = await prepared();
    expect(statements).toHaveLength(1);
    expect(statements[0]!.statement).toBe(text);
    expect(statements[0]!.name).toMatch(/^s[\w-]{27}$/);
  });

  it('leaves lists of placeholders and statements without parameters unnamed', async () => {
    await client.query(`SELECT 1 AS one`);
    await client.query(`SELECT x FROM unnest(ARRAY[1, 2, 3]) AS x WHERE x IN ($1, $2)`, [1, 2]);
    expect(await prepared()).toEqual([]);
  });

  it('reports a failing statement as pg does, and still runs it again afterwards', async () => {
    const text = `SELECT 1 / $1::int AS n`;
    await expect(client.query(text, [0])).rejects.toThrow('division by zero');
    expect((await client.query(text, [1])).rows).toEqual([{ n: 1 }]);
  });
});

describe('prepared statements across people', () => {
  const MEMBER = `query ($id: ID!) { Member(id: $id) { id lastName society { code } memberships { group { name } } } }`;

  it('decide what each person sees from their own settings at every run', async () => {
    const [member] = await t.sql<{ id: string }>(
      `SELECT m.id FROM member m JOIN society s ON s.id = m.society_id
        WHERE s.code = 'SSTPC' ORDER BY m.id LIMIT 1`,
    );
    const own = (await t.login(DEMO.adminSstpc)).accessToken;
    const other = (await t.login(DEMO.adminSmtvl)).accessToken;
    // More requests than the pool has connections, alternating, so every connection runs the
    // same prepared statements for both administrators, in both orders.
    for (let round = 0; round < 12; round += 1) {
      const [mine, theirs] = await Promise.all([
        t.gql(MEMBER, { id: member!.id }, { token: own }),
        t.gql(MEMBER, { id: member!.id }, { token: other }),
      ]);
      expect(mine.errors).toBeUndefined();
      expect(mine.data!.Member).toMatchObject({ id: member!.id, society: { code: 'SSTPC' } });
      expect(theirs.errors).toBeUndefined();
      expect(theirs.data!.Member).toBeNull();
    }
  });
});

describe('a session call that fails', () => {
  const ME = `query { myMember { id } }`;

  it('leaves no aborted transaction on the connection for the next request', async () => {
    const token = (await t.login(DEMO.physicianSstpc)).accessToken;
    expect((await t.gql(ME, {}, { token })).errors).toBeUndefined();
    await t.sql(`ALTER FUNCTION app.open_session(uuid, uuid) RENAME TO open_session_away`);
    try {
      const failed = await t.gql(ME, {}, { token });
      expect(failed.errors?.length).toBeGreaterThan(0);
    } finally {
      await t.sql(`ALTER FUNCTION app.open_session_away(uuid, uuid) RENAME TO open_session`);
    }
    // The pool hands back the connection released last first: the next requests get it.
    for (let request = 0; request < 6; request += 1) {
      const response = await t.gql(ME, {}, { token });
      expect(response.errors).toBeUndefined();
      expect(response.data!.myMember).not.toBeNull();
    }
  });
});
