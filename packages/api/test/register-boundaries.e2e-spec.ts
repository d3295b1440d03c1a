import { insertMembers, societyId } from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/** Regressions from the review of the register: each crossed a boundary before its fix. */
let t: TestApp;
let sstpc: string;
let relayGroup: string;
let federation: string;
let relay: string;

const ADD = `mutation ($g: ID!, $email: String, $m: ID) { addGroupMember(groupId: $g, email: $email, memberId: $m) { id } }`;

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  relayGroup = (
    await t.sql(
      `SELECT gm.group_id FROM group_membership gm JOIN member m ON m.id = gm.member_id JOIN user_account u ON u.id = m.user_id
      WHERE u.email = $1 AND gm.role = 'RELAY' AND gm.left_on IS NULL`,
      [DEMO.relaySstpc],
    )
  )[0]!.group_id;
  federation = (await t.login(DEMO.federation)).accessToken;
  relay = (await t.login(DEMO.relaySstpc)).accessToken;
});
afterAll(() => t.close());

describe('adding members', () => {
  it("refuses the group's own binôme as a member, even to a relay person who cannot see its account", async () => {
    const [insider] = await insertMembers(t, {
      society: 'SSTPC',
      count: 1,
      label: 'correspondant',
    });
    await t.sql(`INSERT INTO role_grant (user_id, role) VALUES ($1, 'BINOME')`, [insider!.userId]);
    await t.sql(
      `UPDATE binome_assignment SET ended_at = now() WHERE group_id = $1 AND ended_at IS NULL`,
      [relayGroup],
    );
    const assigned = await t.gql(
      `mutation ($g: ID!, $u: ID!) { assignBinome(groupId: $g, userId: $u) { id } }`,
      { g: relayGroup, u: insider!.userId },
      { token: federation },
    );
    expect(assigned.errors).toBeUndefined();
    const added = await t.gql(ADD, { g: relayGroup, email: insider!.email }, { token: relay });
    expect(added.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'memberId' });
    expect(
      (
        await t.sql(`SELECT count(*)::int AS n FROM group_membership WHERE member_id = $1`, [
          insider!.memberId,
        ])
      )[0]!.n,
    ).toBe(0);
  });

  it('keeps a registered group within its rules: profession, convention', async () => {
    const [nurse] = await insertMembers(t, {
      society: 'SSTPC',
      count: 1,
      profession: 'NURSE',
      label: 'infirmiere',
    });
    const nurseAdded = await t.gql(ADD, { g: relayGroup, m: nurse!.memberId }, { token: relay });
    expect(nurseAdded.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'memberId',
    });
    expect(nurseAdded.errors?.[0]?.message).toMatch(/GAPEP/);
    const [unsigned] = await insertMembers(t, {
      society: 'SSTPC',
      count: 1,
      convention: false,
      label: 'sans-convention',
    });
    const unsignedAdded = await t.gql(
      ADD,
      { g: relayGroup, m: unsigned!.memberId },
      { token: relay },
    );
    expect(unsignedAdded.errors?.[0]?.message).toMatch(/convention/);
  });

  it('answers a failed look-up the same way, whatever the reason', async () => {
    const [left] = await insertMembers(t, { society: 'SSTPC', count: 1, label: 'parti' });
    await t.sql(`UPDATE member SET status = 'LEFT' WHERE id = $1`, [left!.memberId]);
    const [noCharter] = await insertMembers(t, {
      society: 'SSTPC',
      count: 1,
      charter: false,
      label: 'sans-charte',
    });
    const messages = new Set<string>();
    for (const email of ['personne@example.fr', left!.email, noCharter!.email]) {
      const response = await t.gql(ADD, { g: relayGroup, email }, { token: relay });
      messages.add(`${response.errors?.[0]?.extensions?.code} ${response.errors?.[0]?.message}`);
    }
    expect(messages.size).toBe(1);
  });
});

describe('the directory scope', () => {
  it('does not reach sibling fields of the same request', async () => {
    const alone = await t.gql(`{ _allMembersMeta { count } }`, {}, { token: federation });
    const together = await t.gql(
      `{ groupDirectory { groupId } _allMembersMeta { count } a: allMembers(perPage: 1000) { id } }`,
      {},
      { token: federation },
    );
    expect(together.errors).toBeUndefined();
    expect(together.data!._allMembersMeta.count).toBe(alone.data!._allMembersMeta.count);
    expect(together.data!.a.length).toBe(alone.data!._allMembersMeta.count);
  });
});

describe('binômes', () => {
  it('lose their access with their role', async () => {
    const session = await t.login(DEMO.binomeArapt);
    const groups = await t.gql(`{ allPeerGroups { id } }`, {}, { token: session.accessToken });
    expect(groups.data!.allPeerGroups.length).toBeGreaterThan(0);
    const [grant] = await t.sql(
      `SELECT g.id FROM role_grant g JOIN user_account u ON u.id = g.user_id WHERE u.email = $1 AND g.role = 'BINOME'`,
      [DEMO.binomeArapt],
    );
    const revoked = await t.gql(
      `mutation ($id: ID!) { deleteRoleGrant(id: $id) { id } }`,
      { id: grant!.id },
      { token: federation },
    );
    expect(revoked.errors).toBeUndefined();
    const after = await t.gql(`{ allPeerGroups { id } }`, {}, { token: session.accessToken });
    expect(errorCodes(after)).toEqual(['FORBIDDEN']);
    const live = await t.sql(
      `SELECT count(*)::int AS n FROM binome_assignment b JOIN user_account u ON u.id = b.user_id WHERE u.email = $1 AND b.ended_at IS NULL`,
      [DEMO.binomeArapt],
    );
    expect(live[0]!.n).toBe(0);
  });
});

describe('fellow members', () => {
  it('see a name, an e-mail and a profession, not identifiers, employer, charter status or last login', async () => {
    const member = (await t.login(DEMO.physicianSstpc)).accessToken;
    const response = await t.gql(
      `query ($g: ID!) { PeerGroup(id: $g) { memberships { member { userId firstName email profession rpps region employer { name } charter { upToDate } user { lastLoginAt } } } } }`,
      { g: relayGroup },
      { token: member },
    );
    expect(response.errors).toBeUndefined();
    const [{ id: me }] = (await t.sql(`SELECT id FROM user_account WHERE email = $1`, [
      DEMO.physicianSstpc,
    ])) as [{ id: string }];
    const members = response.data!.PeerGroup.memberships.map(
      (membership: { member: Record<string, any> }) => membership.member,
    );
    const others = members.filter((m: { userId: string }) => m.userId !== me);
    const self = members.find((m: { userId: string }) => m.userId === me);
    expect(others.length).toBeGreaterThan(3);
    for (const other of others) {
      expect(other.email).toBeTruthy();
      expect(other).toMatchObject({
        rpps: null,
        region: null,
        employer: null,
        charter: null,
        user: { lastLoginAt: null },
      });
    }
    expect(self.rpps).toMatch(/^\d{11}$/);
    expect(self.charter).not.toBeNull();
  });
});

describe('in the database', () => {
  it("keeps a relay person from registering its own group or rewriting a membership's history", async () => {
    const [me] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [DEMO.relaySstpc]);
    const client = await t.appRoleClient();
    const asRelay = async (sql: string, values: unknown[]) => {
      await client.query('BEGIN');
      try {
        await client.query(
          `SELECT set_config('app.user_id', $1, true), set_config('app.scope', 'user', true),
                  set_config('app.society_ids', $2, true), set_config('app.group_ids', $3, true),
                  set_config('app.relay_group_ids', $3, true)`,
          [me!.id, `{${sstpc}}`, `{${relayGroup}}`],
        );
        return await client.query(sql, values);
      } finally {
        await client.query('ROLLBACK');
      }
    };
    try {
      await expect(
        asRelay(
          `UPDATE peer_group SET status = 'REGISTERED', registered_at = now() WHERE id = $1`,
          [relayGroup],
        ),
      ).rejects.toThrow(/administrator scope/);
      const renamed = await asRelay(`UPDATE peer_group SET name = 'Nouveau nom' WHERE id = $1`, [
        relayGroup,
      ]);
      expect(renamed.rowCount).toBe(1);
      await expect(
        asRelay(`UPDATE group_membership SET joined_on = '2000-01-01' WHERE group_id = $1`, [
          relayGroup,
        ]),
      ).rejects.toThrow(/do not change/);
      // Nobody makes themselves relay person of another group.
      const [orphan] = await t.sql(
        `SELECT id FROM peer_group WHERE society_id = $1 AND id <> $2 LIMIT 1`,
        [sstpc, relayGroup],
      );
      const [mine] = await t.sql(`SELECT m.id FROM member m WHERE m.user_id = $1`, [me!.id]);
      await expect(
        asRelay(
          `INSERT INTO group_membership (society_id, group_id, member_id, role) VALUES ($1, $2, $3, 'RELAY')`,
          [sstpc, orphan!.id, mine!.id],
        ),
      ).rejects.toThrow(/row-level security/);
    } finally {
      await client.end();
    }
  });
});
