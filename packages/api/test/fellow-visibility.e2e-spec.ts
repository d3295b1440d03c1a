import type pg from 'pg';
import { insertActiveGroup, insertMembers, societyId } from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/**
 * Who sees which members and accounts, per person, as the rules say it (DOMAIN.md, the register
 * migration), checked against what the row-level policies return through `app.open_session`.
 * The `member_fellow` and `user_account_fellow` policies compute their sets once per statement
 * (migration 1765500000000-fellow-sets); this pins down that they still mean the same thing.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ids = (rows: Record<string, unknown>[]) => rows.map((row) => String(row.id)).sort();

/** The person's own session, opened as the API opens it, in a transaction rolled back after. */
async function asPerson(email: string, work: (client: pg.Client) => Promise<void>) {
  await t.login(email);
  const [me] = await t.sql(
    `SELECT u.id, t.family_id FROM user_account u
       JOIN refresh_token t ON t.user_id = u.id
      WHERE u.email = $1 ORDER BY t.created_at DESC LIMIT 1`,
    [email],
  );
  const client = await t.appRoleClient();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT app.open_session($1, $2)`, [me!.id, me!.family_id]);
    await work(client);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

/**
 * The rules, computed as the superuser: members of the societies one administers (all for
 * E-Pairs), oneself, and everyone who ever belonged to one's current groups; accounts of those
 * members, of the societies one administers, and of the current correspondents of one's groups,
 * of the groups one is a binôme of, and of the societies one administers.
 */
async function expected(email: string) {
  const [person] = await t.sql(
    `SELECT u.id AS user_id, m.id AS member_id, m.status AS member_status,
            EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role = 'FEDERATION_ADMIN') AS federation,
            coalesce((SELECT array_agg(g.society_id) FROM role_grant g
                       WHERE g.user_id = u.id AND g.role = 'SOCIETY_ADMIN' AND g.society_id IS NOT NULL), '{}') AS admin_of,
            coalesce((SELECT array_agg(b.group_id) FROM binome_assignment b
                       WHERE b.user_id = u.id AND b.ended_at IS NULL
                         AND EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role = 'BINOME')), '{}') AS binome_of
       FROM user_account u LEFT JOIN member m ON m.user_id = u.id WHERE u.email = $1`,
    [email],
  );
  const groups = (
    person!.member_status === 'ACTIVE'
      ? await t.sql(
          `SELECT group_id FROM group_membership WHERE member_id = $1 AND left_on IS NULL`,
          [person!.member_id],
        )
      : []
  ).map((row) => row.group_id);
  if (person!.federation) {
    return {
      members: ids(await t.sql(`SELECT id FROM member`)),
      accounts: ids(await t.sql(`SELECT id FROM user_account`)),
    };
  }
  const members = await t.sql(
    `SELECT id FROM member
      WHERE society_id = ANY ($1::uuid[]) OR user_id = $2
         OR id IN (SELECT member_id FROM group_membership WHERE group_id = ANY ($3::uuid[]))`,
    [person!.admin_of, person!.user_id, groups],
  );
  const accounts = await t.sql(
    `SELECT id FROM user_account
      WHERE society_id = ANY ($1::uuid[]) OR id = $2
         OR id IN (SELECT user_id FROM member WHERE id = ANY ($3::uuid[]))
         OR id IN (SELECT user_id FROM binome_assignment
                    WHERE ended_at IS NULL
                      AND (group_id = ANY ($4::uuid[]) OR group_id = ANY ($5::uuid[])
                           OR society_id = ANY ($1::uuid[])))`,
    [person!.admin_of, person!.user_id, ids(members), groups, person!.binome_of],
  );
  return { members: ids(members), accounts: ids(accounts) };
}

describe('members and accounts one may read', () => {
  it.each([
    ['a physician in a group', DEMO.physicianSstpc],
    ['a relay person', DEMO.relaySstpc],
    ['a nurse of another society', DEMO.nurseSmtvl],
    ['a binôme correspondent', DEMO.binomeAsmt],
    ["a society's administrator", DEMO.adminSmtvl],
    ['E-Pairs', DEMO.federation],
  ])('are, for %s, exactly those the rules give', async (_who, email) => {
    const rules = await expected(email);
    await asPerson(email, async (client) => {
      const members = ids((await client.query(`SELECT id FROM member`)).rows);
      const accounts = ids((await client.query(`SELECT id FROM user_account`)).rows);
      expect(members).toEqual(rules.members);
      expect(accounts).toEqual(rules.accounts);
    });
    // Not vacuous: everyone sees themselves and someone else.
    expect(rules.accounts.length).toBeGreaterThan(1);
  });

  it('are, for someone who left a group, a member no longer active and around ended assignments, those the rules give', async () => {
    const sstpc = await societyId(t, 'SSTPC');
    const people = await insertMembers(t, { society: 'SSTPC', count: 7, label: 'visibilite' });
    const groupId = await insertActiveGroup(
      t,
      sstpc,
      'Groupe de la visibilité',
      people.slice(0, 6),
    );
    // One left the group (their former fellows still see them; they no longer see the group),
    // one is no longer an active member, one joined another group only.
    await t.sql(
      `UPDATE group_membership SET left_on = current_date WHERE group_id = $1 AND member_id = $2`,
      [groupId, people[1]!.memberId],
    );
    await t.sql(`UPDATE member SET status = 'LEFT' WHERE id = $1`, [people[2]!.memberId]);
    // Two correspondents: one still assigned to the group, one whose assignment ended.
    const binomes = await t.sql(
      `SELECT u.id FROM user_account u WHERE u.email = ANY ($1) ORDER BY u.email`,
      [[DEMO.binomeAsmt, DEMO.binomeArapt]],
    );
    await t.sql(
      `INSERT INTO binome_assignment (society_id, group_id, user_id, ended_at)
       VALUES ($1, $2, $3, NULL), ($1, $2, $4, now())`,
      [sstpc, groupId, binomes[0]!.id, binomes[1]!.id],
    );
    for (const person of [people[0]!, people[1]!, people[2]!, people[3]!, people[6]!]) {
      const rules = await expected(person.email);
      await asPerson(person.email, async (client) => {
        expect(ids((await client.query(`SELECT id FROM member`)).rows)).toEqual(rules.members);
        expect(ids((await client.query(`SELECT id FROM user_account`)).rows)).toEqual(
          rules.accounts,
        );
      });
    }
    // Not vacuous: a current member sees the one who left and the current correspondent only.
    const seenBy = await expected(people[3]!.email);
    expect(seenBy.members).toContain(people[1]!.memberId);
    expect(seenBy.accounts).toContain(binomes[0]!.id);
    expect(seenBy.accounts).not.toContain(binomes[1]!.id);
  });

  it("refuse to move a member's account to another society: member and account stay together", async () => {
    const federation = (await t.login(DEMO.federation)).accessToken;
    const [account] = await t.sql(
      `SELECT u.id, u.version, u.society_id FROM user_account u WHERE u.email = $1`,
      [DEMO.physicianSstpc],
    );
    const smtvl = await societyId(t, 'SMTVL');
    const moved = await t.gql(
      `mutation ($id: ID!, $v: Int!, $s: ID) { updateUser(id: $id, version: $v, societyId: $s) { id } }`,
      { id: account!.id, v: account!.version, s: smtvl },
      { token: federation },
    );
    expect(errorCodes(moved)).toEqual(['CONFLICT']);
    expect(moved.errors?.[0]?.extensions?.field).toBe('societyId');
    const [after] = await t.sql(`SELECT society_id FROM user_account WHERE id = $1`, [account!.id]);
    expect(after!.society_id).toBe(account!.society_id);
  });

  it('include, in the directory scope, the relay persons and their accounts only (and oneself)', async () => {
    const [me] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [DEMO.binomeAsmt]);
    const relays = await t.sql(
      `SELECT m.id, m.user_id FROM group_membership gm JOIN member m ON m.id = gm.member_id
        WHERE gm.role = 'RELAY' AND gm.left_on IS NULL`,
    );
    expect(relays.length).toBeGreaterThan(0);
    const client = await t.appRoleClient();
    try {
      await client.query('BEGIN');
      await client.query(
        `SELECT set_config('app.user_id', $1, true), set_config('app.scope', 'directory', true)`,
        [me!.id],
      );
      expect(ids((await client.query(`SELECT id FROM member`)).rows)).toEqual(ids(relays));
      const accounts = ids((await client.query(`SELECT id FROM user_account`)).rows);
      expect(accounts).toEqual(ids([...relays.map((relay) => ({ id: relay.user_id })), me!]));
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('follow a membership written earlier in the same transaction', async () => {
    // A member of another group, not yet visible to the relay person, joins the relay's group.
    const [relay] = await t.sql(
      `SELECT gm.group_id, gm.society_id FROM group_membership gm JOIN member m ON m.id = gm.member_id
         JOIN user_account u ON u.id = m.user_id
        WHERE u.email = $1 AND gm.role = 'RELAY' AND gm.left_on IS NULL`,
      [DEMO.relaySstpc],
    );
    const [outsider] = await t.sql(
      `SELECT m.id, m.user_id FROM member m
        WHERE m.society_id = $1 AND m.status = 'ACTIVE'
          AND NOT EXISTS (SELECT 1 FROM group_membership gm WHERE gm.member_id = m.id AND gm.group_id = $2)
          AND NOT EXISTS (SELECT 1 FROM group_membership gm WHERE gm.member_id = m.id AND gm.left_on IS NULL)
        LIMIT 1`,
      [relay!.society_id, relay!.group_id],
    );
    expect(outsider).toBeDefined();
    await asPerson(DEMO.relaySstpc, async (client) => {
      const sees = async () =>
        (
          await client.query(
            `SELECT (SELECT count(*)::int FROM member WHERE id = $1) AS member,
                    (SELECT count(*)::int FROM user_account WHERE id = $2) AS account`,
            [outsider!.id, outsider!.user_id],
          )
        ).rows[0];
      expect(await sees()).toEqual({ member: 0, account: 0 });
      await client.query(
        `INSERT INTO group_membership (society_id, group_id, member_id, role, joined_on)
         VALUES ($1, $2, $3, 'MEMBER', current_date)`,
        [relay!.society_id, relay!.group_id, outsider!.id],
      );
      expect(await sees()).toEqual({ member: 1, account: 1 });
    });
  });
});
