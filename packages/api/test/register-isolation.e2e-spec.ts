import { buildAppSchema } from '../src/schema';
import { insertMembers, societyId } from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/**
 * Who sees and changes what in the register (DOMAIN.md roles): a member of society A, its
 * administrator, the relay person of another group, each against the others' data.
 */
let t: TestApp;
let sstpc: string;
let smtvl: string;
let relayGroup: string; // the demo relay person's group (SSTPC)
let otherGroup: string; // another SSTPC group
let groupOfB: string; // an SMTVL group
let memberOfB: string;
let employerOfB: string;
let conventionOfB: string;
let tokens: Record<'member' | 'relay' | 'admin', string>;

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  smtvl = await societyId(t, 'SMTVL');
  relayGroup = (
    await t.sql(
      `SELECT gm.group_id FROM group_membership gm JOIN member m ON m.id = gm.member_id JOIN user_account u ON u.id = m.user_id
      WHERE u.email = $1 AND gm.role = 'RELAY' AND gm.left_on IS NULL`,
      [DEMO.relaySstpc],
    )
  )[0]!.group_id;
  otherGroup = (
    await t.sql(
      `SELECT id FROM peer_group WHERE society_id = $1 AND id <> $2 ORDER BY name LIMIT 1`,
      [sstpc, relayGroup],
    )
  )[0]!.id;
  groupOfB = (
    await t.sql(`SELECT id FROM peer_group WHERE society_id = $1 ORDER BY name LIMIT 1`, [smtvl])
  )[0]!.id;
  memberOfB = (await t.sql(`SELECT id FROM member WHERE society_id = $1 LIMIT 1`, [smtvl]))[0]!.id;
  employerOfB = (await t.sql(`SELECT id FROM employer WHERE society_id = $1 LIMIT 1`, [smtvl]))[0]!
    .id;
  conventionOfB = (
    await t.sql(`SELECT id FROM convention WHERE society_id = $1 LIMIT 1`, [smtvl])
  )[0]!.id;
  tokens = {
    member: (await t.login(DEMO.physicianSstpc)).accessToken,
    relay: (await t.login(DEMO.relaySstpc)).accessToken,
    admin: (await t.login(DEMO.adminSstpc)).accessToken,
  };
});
afterAll(() => t.close());

const ids = (list: { id: string }[] | undefined) => (list ?? []).map((item) => item.id);

/** Every mutation this issue added: each role's refusals below must cover them all. */
const REGISTER_MUTATIONS = [
  'createEmployer',
  'updateEmployer',
  'createMember',
  'updateMember',
  'publishCharterVersion',
  'acceptCharter',
  'createConvention',
  'changeConventionStatus',
  'createTheme',
  'updateTheme',
  'createPeerGroup',
  'updatePeerGroup',
  'changePeerGroupStatus',
  'submitGroupRegistration',
  'registerGroup',
  'addGroupMember',
  'removeGroupMember',
  'setGroupRelay',
  'assignBinome',
  'endBinomeAssignment',
];

/**
 * Each mutation aimed at society B (or, for federation-only ones, at anything): what a member
 * of A or the administrator of A tries, and must be refused.
 */
async function mutationsAgainst(
  role: 'member' | 'relay' | 'admin',
): Promise<Record<string, [string, Record<string, unknown>]>> {
  // The group each role tries to act on: its own without being relay, another group of its
  // society, or a group of the other society.
  const target = { member: relayGroup, relay: otherGroup, admin: groupOfB }[role];
  const [membershipOfB] = await t.sql(
    `SELECT id, member_id FROM group_membership WHERE group_id = $1 AND left_on IS NULL LIMIT 1`,
    [role === 'relay' ? otherGroup : groupOfB],
  );
  const [assignment] = await t.sql(
    `SELECT id FROM binome_assignment WHERE ended_at IS NULL LIMIT 1`,
  );
  const [theme] = await t.sql(`SELECT id, version FROM theme LIMIT 1`);
  const [charter] = await t.sql(`SELECT id FROM charter_version ORDER BY number DESC LIMIT 1`);
  const attempts: Record<string, [string, Record<string, unknown>]> = {
    createEmployer: [
      `mutation ($s: ID!) { createEmployer(societyId: $s, name: "SPST pirate", city: "Tours") { id } }`,
      { s: smtvl },
    ],
    updateEmployer: [
      `mutation ($e: ID!) { updateEmployer(id: $e, version: 1, name: "Piraté") { id } }`,
      { e: employerOfB },
    ],
    createMember: [
      `mutation ($s: ID!) { createMember(email: "pirate@example.fr", firstName: "P", lastName: "P", profession: NURSE, rpps: "10000000009", societyId: $s) { id } }`,
      { s: smtvl },
    ],
    updateMember: [
      `mutation ($m: ID!) { updateMember(id: $m, version: 1, region: "Ailleurs") { id } }`,
      { m: memberOfB },
    ],
    publishCharterVersion: [
      `mutation { publishCharterVersion(title: "Charte", body: "Un texte assez long pour passer.") { id } }`,
      {},
    ],
    acceptCharter: [
      `mutation ($v: ID!) { acceptCharter(charterVersionId: $v) { id } }`,
      { v: charter!.id },
    ],
    createConvention: [
      `mutation ($m: ID!) { createConvention(memberId: $m, year: 2030) { id } }`,
      { m: memberOfB },
    ],
    changeConventionStatus: [
      `mutation ($c: ID!) { changeConventionStatus(id: $c, version: 1, status: CANCELLED, reason: "x") { id } }`,
      { c: conventionOfB },
    ],
    createTheme: [
      `mutation { createTheme(code: "PIRATE", labelFr: "Pirate", labelEn: "Pirate") { id } }`,
      {},
    ],
    updateTheme: [
      `mutation ($t: ID!, $v: Int!) { updateTheme(id: $t, version: $v, active: false) { id } }`,
      { t: theme!.id, v: theme!.version },
    ],
    createPeerGroup: [
      `mutation ($s: ID!) { createPeerGroup(societyId: $s, name: "Pirate", kind: GAPEP, entryPoint: RECOMMENDATION_DISCUSSION) { id } }`,
      { s: smtvl },
    ],
    updatePeerGroup: [
      `mutation ($g: ID!) { updatePeerGroup(id: $g, version: 1, name: "Renommé") { id } }`,
      { g: target },
    ],
    changePeerGroupStatus: [
      `mutation ($g: ID!) { changePeerGroupStatus(id: $g, version: 1, status: CLOSED) { id } }`,
      { g: target },
    ],
    submitGroupRegistration: [
      `mutation ($g: ID!) { submitGroupRegistration(groupId: $g) { id } }`,
      { g: target },
    ],
    registerGroup: [`mutation ($g: ID!) { registerGroup(groupId: $g) { id } }`, { g: relayGroup }],
    addGroupMember: [
      `mutation ($g: ID!, $m: ID!) { addGroupMember(groupId: $g, memberId: $m) { id } }`,
      { g: target, m: memberOfB },
    ],
    removeGroupMember: [
      `mutation ($m: ID!) { removeGroupMember(membershipId: $m) { id } }`,
      { m: membershipOfB!.id },
    ],
    setGroupRelay: [
      `mutation ($g: ID!, $m: ID!) { setGroupRelay(groupId: $g, memberId: $m) { id } }`,
      { g: role === 'relay' ? otherGroup : groupOfB, m: membershipOfB!.member_id },
    ],
    assignBinome: [
      `mutation ($g: ID!) { assignBinome(groupId: $g, userId: "00000000-0000-4000-8000-000000000000") { id } }`,
      { g: relayGroup },
    ],
    endBinomeAssignment: [
      `mutation ($a: ID!) { endBinomeAssignment(id: $a) { id } }`,
      { a: assignment!.id },
    ],
  };
  if (role !== 'admin') delete attempts.acceptCharter;
  return attempts;
}

async function expectAllRefused(
  attempts: Record<string, [string, Record<string, unknown>]>,
  token: string,
) {
  for (const [name, [query, variables]] of Object.entries(attempts)) {
    const response = await t.gql(query, variables, { token });
    // An id one may not see is reported as unknown: NOT_FOUND, or BAD_USER_INPUT on that id's field.
    const [error] = response.errors ?? [];
    const refused =
      ['FORBIDDEN', 'NOT_FOUND'].includes(String(error?.extensions?.code)) ||
      (error?.extensions?.code === 'BAD_USER_INPUT' && /Id$/.test(String(error.extensions.field)));
    expect({ name, refused, count: response.errors?.length }).toEqual({
      name,
      refused: true,
      count: 1,
    });
    expect(response.data).toBeNull();
  }
}

describe('a member of A', () => {
  it('reads its own profile, groups and conventions, and its fellow members through the group', async () => {
    const response = await t.gql(
      `{ myMember { id societyId } allMembers { id } allPeerGroups { id memberships { member { lastName } } }
         allConventions { memberId } }`,
      {},
      { token: tokens.member },
    );
    expect(response.errors).toBeUndefined();
    const me = response.data!.myMember;
    expect(ids(response.data!.allMembers)).toEqual([me.id]);
    expect(ids(response.data!.allPeerGroups)).toEqual([relayGroup]);
    expect(response.data!.allPeerGroups[0].memberships.length).toBeGreaterThanOrEqual(5);
    for (const membership of response.data!.allPeerGroups[0].memberships)
      expect(membership.member.lastName).toBeTruthy();
    for (const convention of response.data!.allConventions) expect(convention.memberId).toBe(me.id);
  });

  it('reads nothing of another group, society or member', async () => {
    const response = await t.gql(
      `query ($g: ID!, $b: ID!, $m: ID!) { other: PeerGroup(id: $g) { id } groupOfB: PeerGroup(id: $b) { id } Member(id: $m) { id } }`,
      { g: otherGroup, b: groupOfB, m: memberOfB },
      { token: tokens.member },
    );
    expect(response.data).toEqual({ other: null, groupOfB: null, Member: null });
    expect(
      errorCodes(await t.gql(`{ allEmployers { id } }`, {}, { token: tokens.member })),
    ).toEqual(['FORBIDDEN']);
  });

  it('may change nothing of the register but its own charter acceptance', async () => {
    const attempts = await mutationsAgainst('member');
    expect(Object.keys(attempts).sort()).toEqual(
      REGISTER_MUTATIONS.filter((name) => name !== 'acceptCharter').sort(),
    );
    await expectAllRefused(attempts, tokens.member);
  });
});

describe('the relay person of a group', () => {
  it('manages its own group but reads and changes nothing of another group', async () => {
    const own = await t.gql(
      `query ($g: ID!) { groupRegistrationProblems(groupId: $g) { code } }`,
      { g: relayGroup },
      { token: tokens.relay },
    );
    expect(own.errors).toBeUndefined();
    const other = await t.gql(
      `query ($g: ID!) { PeerGroup(id: $g) { id } groupRegistrationProblems(groupId: $g) { code } }`,
      { g: otherGroup },
      { token: tokens.relay },
    );
    expect(other.data).toBeNull();
    expect(errorCodes(other)).toEqual(['NOT_FOUND']);
    const [newcomer] = await insertMembers(t, { society: 'SSTPC', count: 1, label: 'relay' });
    const intoOther = await t.gql(
      `mutation ($g: ID!, $m: ID!) { addGroupMember(groupId: $g, memberId: $m) { id } }`,
      { g: otherGroup, m: newcomer!.memberId },
      { token: tokens.relay },
    );
    expect(errorCodes(intoOther)).toEqual(['NOT_FOUND']);
    const intoOwn = await t.gql(
      `mutation ($g: ID!, $r: String!) { addGroupMember(groupId: $g, email: $r) { role member { lastName } } }`,
      { g: relayGroup, r: newcomer!.email },
      { token: tokens.relay },
    );
    expect(intoOwn.errors).toBeUndefined();
    expect(intoOwn.data?.addGroupMember.role).toBe('MEMBER');
    // …but only members of the group's society, found by exact RPPS or e-mail.
    const fromB = await t.gql(
      `mutation ($g: ID!, $m: ID!) { addGroupMember(groupId: $g, memberId: $m) { id } }`,
      { g: relayGroup, m: memberOfB },
      { token: tokens.relay },
    );
    expect(fromB.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('changes nothing of another group or society', async () => {
    const attempts = await mutationsAgainst('relay');
    expect(Object.keys(attempts).sort()).toEqual(
      REGISTER_MUTATIONS.filter((name) => name !== 'acceptCharter').sort(),
    );
    await expectAllRefused(attempts, tokens.relay);
  });

  it("does not change its own group's status: the society and E-Pairs do", async () => {
    const [group] = await t.sql(`SELECT version, status FROM peer_group WHERE id = $1`, [
      relayGroup,
    ]);
    const response = await t.gql(
      `mutation ($g: ID!, $v: Int!) { changePeerGroupStatus(id: $g, version: $v, status: SUSPENDED) { status } }`,
      { g: relayGroup, v: group!.version },
      { token: tokens.relay },
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(
      (await t.sql(`SELECT status FROM peer_group WHERE id = $1`, [relayGroup]))[0]!.status,
    ).toBe(group!.status);
  });

  it('founds a group and leads it at once', async () => {
    const member = (await insertMembers(t, { society: 'SSTPC', count: 1, label: 'founder' }))[0]!;
    const session = await t.login(member.email);
    const founded = await t.gql(
      `mutation ($s: ID!) { createPeerGroup(societyId: $s, name: "Nouveau groupe de Poitiers", kind: GAPEP, entryPoint: RECOMMENDATION_DISCUSSION) {
          status relay { member { id } } } }`,
      { s: sstpc },
      { token: session.accessToken },
    );
    expect(founded.errors).toBeUndefined();
    expect(founded.data?.createPeerGroup).toEqual({
      status: 'FORMING',
      relay: { member: { id: member.memberId } },
    });
    const elsewhere = await t.gql(
      `mutation ($s: ID!) { createPeerGroup(societyId: $s, name: "Ailleurs", kind: GAPEP, entryPoint: RECOMMENDATION_DISCUSSION) { id } }`,
      { s: smtvl },
      { token: session.accessToken },
    );
    expect(errorCodes(elsewhere)).toEqual(['FORBIDDEN']);
  });
});

describe('the administrator of A', () => {
  it("sees all of A's register and nothing of B's", async () => {
    const response = await t.gql(
      `query ($g: ID!, $m: ID!, $e: ID!, $c: ID!) {
         allMembers(perPage: 500) { societyId } allPeerGroups(perPage: 500) { societyId } allEmployers { societyId }
         allConventions(perPage: 500) { societyId }
         PeerGroup(id: $g) { id } Member(id: $m) { id } Employer(id: $e) { id } Convention(id: $c) { id } }`,
      { g: groupOfB, m: memberOfB, e: employerOfB, c: conventionOfB },
      { token: tokens.admin },
    );
    expect(response.errors).toBeUndefined();
    for (const list of ['allMembers', 'allPeerGroups', 'allEmployers', 'allConventions']) {
      expect(response.data![list].length).toBeGreaterThan(0);
      expect(
        new Set(response.data![list].map((row: { societyId: string }) => row.societyId)),
      ).toEqual(new Set([sstpc]));
    }
    expect(response.data).toMatchObject({
      PeerGroup: null,
      Member: null,
      Employer: null,
      Convention: null,
    });
  });

  it("changes nothing of B's register, and does not register groups, appoint binômes or accept for others", async () => {
    const attempts = await mutationsAgainst('admin');
    expect(Object.keys(attempts).sort()).toEqual([...REGISTER_MUTATIONS].sort());
    await expectAllRefused(attempts, tokens.admin);
    expect(
      (await t.sql(`SELECT count(*)::int AS n FROM employer WHERE name LIKE '%irat%'`))[0]!.n,
    ).toBe(0);
    expect(
      (await t.sql(`SELECT status FROM peer_group WHERE id = $1`, [groupOfB]))[0]!.status,
    ).not.toBe('CLOSED');
  });
});

describe('the network directory', () => {
  it('shows registered and active groups of every society, with their public face only', async () => {
    const response = await t.gql(
      `{ groupDirectory(perPage: 200) { groupId name societyCode societyName entryPoint themes { code labelFr } relay { firstName lastName email } } }`,
      {},
      { token: tokens.member },
    );
    expect(response.errors).toBeUndefined();
    const entries = response.data!.groupDirectory as {
      groupId: string;
      societyCode: string;
      relay: { email: string } | null;
    }[];
    expect(new Set(entries.map((entry) => entry.societyCode)).size).toBe(5);
    const statuses = await t.sql(`SELECT DISTINCT status FROM peer_group WHERE id = ANY($1)`, [
      entries.map((entry) => entry.groupId),
    ]);
    for (const { status } of statuses) expect(['REGISTERED', 'ACTIVE']).toContain(status);
    expect(entries.every((entry) => entry.relay?.email)).toBe(true);
    const filtered = await t.gql(
      `{ groupDirectory(filter: { themeCodes: ["MSD"] }) { groupId themes { code } } }`,
      {},
      { token: tokens.member },
    );
    for (const entry of filtered.data!.groupDirectory) {
      expect(entry.themes.map((theme: { code: string }) => theme.code)).toContain('MSD');
    }
  });

  it('offers no other field, and opens no other row, even in the database', async () => {
    const schema = await buildAppSchema();
    const type = schema.getType('GroupDirectoryEntry') as { getFields(): Record<string, unknown> };
    expect(Object.keys(type.getFields()).sort()).toEqual([
      'entryPoint',
      'groupId',
      'name',
      'relay',
      'societyCode',
      'societyName',
      'themes',
    ]);
    // Someone with no profile of their own, so that every visible member is a relay person.
    const me = (
      await t.sql(`SELECT u.id FROM user_account u WHERE email = $1`, [DEMO.binomeAsmt])
    )[0]!.id;
    const client = await t.appRoleClient();
    try {
      await client.query('BEGIN');
      await client.query(
        `SELECT set_config('app.user_id', $1, true), set_config('app.scope', 'directory', true)`,
        [me],
      );
      const { rows } = await client.query(
        `SELECT (SELECT count(*)::int FROM member) AS members,
                (SELECT count(*)::int FROM group_membership WHERE role = 'RELAY' AND left_on IS NULL) AS relays,
                (SELECT count(*)::int FROM group_membership) AS memberships,
                (SELECT count(*)::int FROM convention) AS conventions,
                (SELECT count(*)::int FROM employer) AS employers`,
      );
      expect(rows[0].members).toBe(rows[0].relays);
      expect(rows[0].memberships).toBe(rows[0].relays);
      expect(rows[0].conventions).toBe(0);
      expect(rows[0].employers).toBe(0);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
