import { yearInParis } from '@epairs/shared';
import { insertMembers, societyId, type FixtureMember } from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let federation: string;
let adminSstpc: string;
let sstpc: string;
let smtvl: string;

beforeAll(async () => {
  t = await startTestApp();
  federation = (await t.login(DEMO.federation)).accessToken;
  adminSstpc = (await t.login(DEMO.adminSstpc)).accessToken;
  sstpc = await societyId(t, 'SSTPC');
  smtvl = await societyId(t, 'SMTVL');
});
afterAll(() => t.close());

const CREATE_MEMBER = `mutation ($rpps: String!, $email: String!, $s: ID!) {
  createMember(email: $email, firstName: "Louise", lastName: "Bernard", profession: PHYSICIAN, rpps: $rpps, societyId: $s) {
    id rpps firstName email charter { upToDate }
  }
}`;

describe('members and RPPS', () => {
  it('accepts 11 digits and normalises the 12-character card form', async () => {
    const plain = await t.gql(
      CREATE_MEMBER,
      { rpps: '10003456786', email: 'louise.b1@example.fr', s: sstpc },
      { token: adminSstpc },
    );
    expect(plain.errors).toBeUndefined();
    expect(plain.data?.createMember).toMatchObject({
      rpps: '10003456786',
      firstName: 'Louise',
      email: 'louise.b1@example.fr',
    });
    const card = await t.gql(
      CREATE_MEMBER,
      { rpps: '8 1000 3456 794', email: 'louise.b2@example.fr', s: sstpc },
      { token: adminSstpc },
    );
    expect(card.data?.createMember.rpps).toBe('10003456794');
  });

  it('refuses a bad check digit, a wrong length and a duplicate, each with its message', async () => {
    const badKey = await t.gql(
      CREATE_MEMBER,
      { rpps: '10003456787', email: 'x1@example.fr', s: sstpc },
      { token: adminSstpc },
    );
    expect(badKey.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rpps' });
    expect(badKey.errors?.[0]?.message).toMatch(/clé de contrôle/);
    const short = await t.gql(
      CREATE_MEMBER,
      { rpps: '1000345678', email: 'x2@example.fr', s: sstpc },
      { token: adminSstpc },
    );
    expect(short.errors?.[0]?.message).toMatch(/11 chiffres/);
    const duplicate = await t.gql(
      CREATE_MEMBER,
      { rpps: '10003456786', email: 'x3@example.fr', s: sstpc },
      { token: adminSstpc },
    );
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'rpps' });
    // Nothing half-written: the account of a refused member was not kept.
    expect(
      (
        await t.sql(`SELECT count(*)::int AS n FROM user_account WHERE email LIKE 'x_@example.fr'`)
      )[0]!.n,
    ).toBe(0);
  });

  it('refuses a duplicate even across societies (RPPS is unique in the federation)', async () => {
    const admin = (await t.login(DEMO.adminSmtvl)).accessToken;
    const other = await t.gql(
      CREATE_MEMBER,
      { rpps: '10003456786', email: 'x4@example.fr', s: smtvl },
      { token: admin },
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'rpps' });
  });
});

const CREATE_GROUP = `mutation ($s: ID!, $name: String!, $kind: GroupKind!) {
  createPeerGroup(societyId: $s, name: $name, kind: $kind, entryPoint: CASE_PRESENTATION, drawMode: RANDOM) { id version status }
}`;
const ADD = `mutation ($g: ID!, $m: ID!, $role: GroupRole) { addGroupMember(groupId: $g, memberId: $m, role: $role) { id role } }`;
const PROBLEMS = `query ($g: ID!) { groupRegistrationProblems(groupId: $g) { code message } }`;

async function groupWith(
  token: string,
  society: string,
  name: string,
  members: FixtureMember[],
  kind = 'GAPEP',
) {
  const created = await t.gql(CREATE_GROUP, { s: society, name, kind }, { token });
  expect(created.errors).toBeUndefined();
  const groupId = created.data!.createPeerGroup.id as string;
  for (const [index, member] of members.entries()) {
    const added = await t.gql(
      ADD,
      { g: groupId, m: member.memberId, role: index === 0 ? 'RELAY' : 'MEMBER' },
      { token },
    );
    expect(added.errors).toBeUndefined();
  }
  return groupId;
}

/** Arranging: every member accepts the version in force (after a test published a new one). */
const acceptLatestCharterForAll = () =>
  t.sql(`INSERT INTO charter_acceptance (society_id, member_id, charter_version_id)
         SELECT m.society_id, m.id, (SELECT id FROM charter_version ORDER BY number DESC LIMIT 1) FROM member m
         ON CONFLICT DO NOTHING`);

const problemCodes = async (token: string, groupId: string) =>
  ((await t.gql(PROBLEMS, { g: groupId }, { token })).data?.groupRegistrationProblems ?? []).map(
    (p: { code: string }) => p.code,
  );

describe('collective registration', () => {
  it('refuses each broken rule with its reason, and registers when all hold', async () => {
    const five = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'reg' });
    const groupId = await groupWith(adminSstpc, sstpc, 'Groupe des Deux-Sèvres', five.slice(0, 4));
    expect(await problemCodes(adminSstpc, groupId)).toEqual(['TOO_FEW_MEMBERS']);

    const submitTooSoon = await t.gql(
      `mutation ($g: ID!) { submitGroupRegistration(groupId: $g) { status } }`,
      { g: groupId },
      { token: adminSstpc },
    );
    expect(submitTooSoon.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reasons: [expect.objectContaining({ code: 'TOO_FEW_MEMBERS' })],
    });
    expect(submitTooSoon.errors?.[0]?.message).toMatch(/il en faut au moins 5/);

    await t.gql(ADD, { g: groupId, m: five[4]!.memberId }, { token: adminSstpc });
    const [nurse] = await insertMembers(t, {
      society: 'SSTPC',
      count: 1,
      profession: 'NURSE',
      label: 'reg-nurse',
    });
    const nurseJoin = await t.gql(ADD, { g: groupId, m: nurse!.memberId }, { token: adminSstpc });
    expect(await problemCodes(adminSstpc, groupId)).toEqual(['PROFESSION_RULE']);
    await t.gql(
      `mutation ($m: ID!) { removeGroupMember(membershipId: $m) { leftOn } }`,
      { m: nurseJoin.data!.addGroupMember.id },
      { token: adminSstpc },
    );

    const [late] = await insertMembers(t, {
      society: 'SSTPC',
      count: 1,
      convention: false,
      label: 'reg-noconv',
    });
    await t.gql(ADD, { g: groupId, m: late!.memberId }, { token: adminSstpc });
    expect(await problemCodes(adminSstpc, groupId)).toEqual(['NO_CONVENTION']);
    await t.sql(
      `INSERT INTO convention (society_id, member_id, year, min_sessions, min_hours) VALUES ($1, $2, $3, 5, 18)`,
      [sstpc, late!.memberId, yearInParis()],
    );

    await t.sql(`UPDATE group_membership SET role = 'MEMBER' WHERE group_id = $1`, [groupId]);
    expect(await problemCodes(adminSstpc, groupId)).toEqual(['NO_RELAY_PERSON']);
    const relay = await t.gql(
      `mutation ($g: ID!, $m: ID!) { setGroupRelay(groupId: $g, memberId: $m) { role } }`,
      { g: groupId, m: five[0]!.memberId },
      { token: adminSstpc },
    );
    expect(relay.data?.setGroupRelay.role).toBe('RELAY');
    expect(await problemCodes(adminSstpc, groupId)).toEqual([]);

    const submitted = await t.gql(
      `mutation ($g: ID!) { submitGroupRegistration(groupId: $g) { status submittedAt } }`,
      { g: groupId },
      { token: adminSstpc },
    );
    expect(submitted.data?.submitGroupRegistration.status).toBe('SUBMITTED');
    // Only E-Pairs registers.
    expect(
      errorCodes(
        await t.gql(
          `mutation ($g: ID!) { registerGroup(groupId: $g) { status } }`,
          { g: groupId },
          { token: adminSstpc },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const registered = await t.gql(
      `mutation ($g: ID!) { registerGroup(groupId: $g) { status registeredAt } }`,
      { g: groupId },
      { token: federation },
    );
    expect(registered.data?.registerGroup.status).toBe('REGISTERED');
  });

  it('checks the charter in force: a new version stops registration until members accept it', async () => {
    const six = await insertMembers(t, { society: 'SSTPC', count: 6, label: 'charter' });
    const groupId = await groupWith(adminSstpc, sstpc, 'Groupe de la charte', six);
    expect(await problemCodes(adminSstpc, groupId)).toEqual([]);
    const published = await t.gql(
      `mutation { publishCharterVersion(title: "Charte E-Pairs 2027", body: "Confidentialité, pseudonymisation, non-jugement, assiduité.") { id number } }`,
      {},
      { token: federation },
    );
    expect(published.errors).toBeUndefined();
    const { id: versionId } = published.data!.publishCharterVersion;
    expect(await problemCodes(adminSstpc, groupId)).toEqual(['CHARTER_NOT_ACCEPTED']);

    // A member is asked again, and nobody joins a group before accepting.
    const member = await t.login(six[1]!.email);
    const before = await t.gql(
      `{ myMember { charter { upToDate acceptedVersion currentVersion } } }`,
      {},
      { token: member.accessToken },
    );
    expect(before.data?.myMember.charter).toMatchObject({
      upToDate: false,
      currentVersion: published.data!.publishCharterVersion.number,
    });
    const [newcomer] = await insertMembers(t, {
      society: 'SSTPC',
      count: 1,
      charter: false,
      label: 'nocharter',
    });
    const refused = await t.gql(ADD, { g: groupId, m: newcomer!.memberId }, { token: adminSstpc });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'memberId',
    });
    expect(refused.errors?.[0]?.message).toMatch(/charte en vigueur/);

    const old = await t.sql(`SELECT id FROM charter_version WHERE number = 1`);
    const wrong = await t.gql(
      `mutation ($v: ID!) { acceptCharter(charterVersionId: $v) { id } }`,
      { v: old[0]!.id },
      { token: member.accessToken },
    );
    expect(errorCodes(wrong)).toEqual(['CONFLICT']);
    const accepted = await t.gql(
      `mutation ($v: ID!) { acceptCharter(charterVersionId: $v) { acceptedAt charterVersion { number } } }`,
      { v: versionId },
      { token: member.accessToken },
    );
    expect(accepted.errors).toBeUndefined();
    const after = await t.gql(
      `{ myMember { charter { upToDate } } }`,
      {},
      { token: member.accessToken },
    );
    expect(after.data?.myMember.charter.upToDate).toBe(true);
    // Admins cannot accept on someone's behalf.
    expect(
      errorCodes(
        await t.gql(
          `mutation ($v: ID!) { acceptCharter(charterVersionId: $v) { id } }`,
          { v: versionId },
          { token: adminSstpc },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it("applies one society's thresholds to that society alone", async () => {
    await acceptLatestCharterForAll();
    const year = yearInParis();
    await t.gql(
      `mutation ($s: ID!, $y: Int!) { createSocietySetting(societyId: $s, year: $y, minGroupMembers: 7, minMeetings: 7) { id } }`,
      { s: sstpc, y: year },
      { token: adminSstpc },
    );
    const inSstpc = await insertMembers(t, { society: 'SSTPC', count: 6, label: 'seuil-a' });
    const inSmtvl = await insertMembers(t, { society: 'SMTVL', count: 6, label: 'seuil-b' });
    const adminSmtvl = (await t.login(DEMO.adminSmtvl)).accessToken;
    const a = await groupWith(adminSstpc, sstpc, 'Six à Niort', inSstpc);
    const b = await groupWith(adminSmtvl, smtvl, 'Six à Tours', inSmtvl);
    expect(await problemCodes(adminSstpc, a)).toEqual(['TOO_FEW_MEMBERS']);
    expect(await problemCodes(adminSmtvl, b)).toEqual([]);
  });
});

describe('members who leave', () => {
  it('leave their groups, but a relay person of a registered group must be replaced first', async () => {
    await acceptLatestCharterForAll();
    const members = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'depart' });
    const groupId = await groupWith(adminSstpc, sstpc, 'Groupe des départs', members);
    await t.sql(`UPDATE peer_group SET status = 'ACTIVE' WHERE id = $1`, [groupId]);
    const LEAVE = `mutation ($m: ID!, $v: Int!) { updateMember(id: $m, version: $v, status: LEFT) { status } }`;
    const relayLeaves = await t.gql(
      LEAVE,
      { m: members[0]!.memberId, v: 1 },
      { token: adminSstpc },
    );
    expect(relayLeaves.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'status',
    });
    const memberLeaves = await t.gql(
      LEAVE,
      { m: members[1]!.memberId, v: 1 },
      { token: adminSstpc },
    );
    expect(memberLeaves.data?.updateMember.status).toBe('LEFT');
    const [row] = await t.sql(`SELECT left_on FROM group_membership WHERE member_id = $1`, [
      members[1]!.memberId,
    ]);
    expect(row!.left_on).not.toBeNull();
  });
});

describe('binômes', () => {
  let groupId: string;
  let members: FixtureMember[];
  const binomeUser = async (email: string) =>
    (await t.sql(`SELECT id FROM user_account WHERE email = $1`, [email]))[0]!.id as string;
  const ASSIGN = `mutation ($g: ID!, $u: ID!) { assignBinome(groupId: $g, userId: $u) { id user { email } } }`;

  beforeAll(async () => {
    await acceptLatestCharterForAll();
    members = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'binome' });
    groupId = await groupWith(adminSstpc, sstpc, 'Groupe accompagné', members);
    await t.sql(`UPDATE peer_group SET status = 'REGISTERED' WHERE id = $1`, [groupId]);
  });

  it('appoints two correspondents at most, never a member of the group, only from the BINOME role', async () => {
    const extra = await t.sql(
      `SELECT u.id FROM user_account u JOIN role_grant g ON g.user_id = u.id AND g.role = 'BINOME'
                                WHERE u.email NOT IN ($1, $2) ORDER BY u.email LIMIT 1`,
      [DEMO.binomeAsmt, 'binome.arapt@demo.e-pairs.fr'],
    );
    const first = await t.gql(
      ASSIGN,
      { g: groupId, u: await binomeUser(DEMO.binomeAsmt) },
      { token: federation },
    );
    expect(first.errors).toBeUndefined();
    const second = await t.gql(
      ASSIGN,
      { g: groupId, u: await binomeUser('binome.arapt@demo.e-pairs.fr') },
      { token: federation },
    );
    expect(second.errors).toBeUndefined();
    const third = await t.gql(ASSIGN, { g: groupId, u: extra[0]!.id }, { token: federation });
    expect(third.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'userId' });
    expect(third.errors?.[0]?.message).toMatch(/deux correspondants/);

    // A member of the group, even given the BINOME role, cannot accompany it.
    await t.sql(`INSERT INTO role_grant (user_id, role) VALUES ($1, 'BINOME')`, [
      members[2]!.userId,
    ]);
    await t.sql(
      `UPDATE binome_assignment SET ended_at = now() WHERE group_id = $1 AND user_id = $2`,
      [groupId, await binomeUser('binome.arapt@demo.e-pairs.fr')],
    );
    const insider = await t.gql(
      ASSIGN,
      { g: groupId, u: members[2]!.userId },
      { token: federation },
    );
    expect(insider.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'userId' });
    expect(insider.errors?.[0]?.message).toMatch(/membre du groupe/);

    const noRole = await t.gql(
      ASSIGN,
      { g: groupId, u: members[3]!.userId },
      { token: federation },
    );
    expect(noRole.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'userId',
    });
    expect(
      errorCodes(await t.gql(ASSIGN, { g: groupId, u: extra[0]!.id }, { token: adminSstpc })),
    ).toEqual(['FORBIDDEN']);
    await t.gql(
      ASSIGN,
      { g: groupId, u: await binomeUser('binome.arapt@demo.e-pairs.fr') },
      { token: federation },
    );
  });

  it('lets a binôme read its assigned group (of another society) and nothing of another group', async () => {
    const binome = (await t.login(DEMO.binomeAsmt)).accessToken;
    const other = await t.sql(
      `SELECT id FROM peer_group WHERE society_id = $1 AND id <> $2 AND id NOT IN (
                                 SELECT group_id FROM binome_assignment b JOIN user_account u ON u.id = b.user_id WHERE u.email = $3)
                               LIMIT 1`,
      [sstpc, groupId, DEMO.binomeAsmt],
    );
    const response = await t.gql(
      `query ($g: ID!, $o: ID!) { mine: PeerGroup(id: $g) { name society { code } memberships { id } binomes { user { email } } }
                                  other: PeerGroup(id: $o) { id } allPeerGroups(filter: { societyId: "${sstpc}" }) { id } }`,
      { g: groupId, o: other[0]!.id },
      { token: binome },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.mine).toMatchObject({
      name: 'Groupe accompagné',
      society: { code: 'SSTPC' },
      memberships: [],
    });
    expect(
      response.data?.mine.binomes.map((b: { user: { email: string } }) => b.user.email).sort(),
    ).toEqual([DEMO.binomeAsmt, 'binome.arapt@demo.e-pairs.fr'].sort());
    expect(response.data?.other).toBeNull();
    expect(response.data?.allPeerGroups.map((g: { id: string }) => g.id)).toContain(groupId);
    expect(response.data?.allPeerGroups.map((g: { id: string }) => g.id)).not.toContain(
      other[0]!.id,
    );
    // And none of its members' profiles.
    const peek = await t.gql(
      `query ($m: ID!) { Member(id: $m) { id } allMembers { id } }`,
      { m: members[0]!.memberId },
      { token: binome },
    );
    expect(new Set(errorCodes(peek))).toEqual(new Set(['FORBIDDEN']));
  });
});
