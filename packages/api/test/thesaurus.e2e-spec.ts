import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/**
 * The thesaurus of « repères professionnels »: the binôme proposes, the group's relay person
 * publishes with the group's agreement, the federation reads and searches in French. Proposals
 * stay with the group and its binôme, in the API and in the database.
 */
let t: TestApp;
let sstpc: string;
let groupId: string;
let otherGroupId: string;
let people: FixtureMember[];
let others: FixtureMember[];
let binomeUserId: string;
let relay: string;
let fellow: string;
let binome: string;
let outsider: string;
let themes: Record<string, string>;

const FIELDS = `id version status title lesson context groupId societyId proposedByUserId
  agreedByMemberId publishedAt withdrawnAt themes { code } society { code }`;

interface Entry {
  title: string;
  lesson: string;
  context?: string;
  themeIds: string[];
}

const entry = (overrides: Partial<Entry> = {}): Entry => ({
  title: 'Un repère sur l’aménagement de poste',
  lesson: 'Un aménagement décidé tôt, avec le salarié et l’encadrement, évite la désinsertion.',
  context: 'Entrepôt logistique, manutention de colis en horaires décalés.',
  themeIds: [themes.JOB_RETENTION!],
  ...overrides,
});

async function propose(input: Entry, token = binome, group = groupId) {
  return t.gql(
    `mutation ($g: ID!, $i: ThesaurusEntryInput!) { proposeThesaurusEntry(groupId: $g, input: $i) { ${FIELDS} } }`,
    { g: group, i: input },
    { token },
  );
}

async function publish(id: string, version: number, token = relay) {
  return t.gql(
    `mutation ($id: ID!, $v: Int!) { publishThesaurusEntry(id: $id, version: $v) { ${FIELDS} } }`,
    { id, v: version },
    { token },
  );
}

async function withdraw(id: string, version: number, token: string) {
  return t.gql(
    `mutation ($id: ID!, $v: Int!) { withdrawThesaurusEntry(id: $id, version: $v) { status version withdrawnAt } }`,
    { id, v: version },
    { token },
  );
}

async function read(token: string, id: string) {
  return t.gql(`query ($id: ID!) { ThesaurusEntry(id: $id) { ${FIELDS} } }`, { id }, { token });
}

/** Proposed by the binôme, published by the relay person; returns the published entry. */
async function published(input: Entry) {
  const proposed = await propose(input);
  expect(proposed.errors).toBeUndefined();
  const done = await publish(proposed.data!.proposeThesaurusEntry.id, 1);
  expect(done.errors).toBeUndefined();
  return done.data!.publishThesaurusEntry as { id: string; version: number };
}

const SEARCH = `query ($q: String!, $theme: ID, $page: Int, $perPage: Int) {
  searchThesaurus(query: $q, themeId: $theme, page: $page, perPage: $perPage) {
    total page perPage
    hits { rank entry { id title status } titleHighlight { text highlighted } excerpt { text highlighted } }
  } }`;

async function search(
  q: string,
  token = outsider,
  extra: { theme?: string; page?: number; perPage?: number } = {},
) {
  const response = await t.gql(SEARCH, { q, perPage: 50, ...extra }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.searchThesaurus as {
    total: number;
    hits: {
      rank: number;
      entry: { id: string; title: string };
      titleHighlight: { text: string; highlighted: boolean }[];
      excerpt: { text: string; highlighted: boolean }[];
    }[];
  };
}

const ids = (list: string[]) => `{${list.join(',')}}`;

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  people = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'thesaurus' });
  groupId = await insertActiveGroup(t, sstpc, 'Groupe du thésaurus', people);
  others = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'voisins' });
  otherGroupId = await insertActiveGroup(t, sstpc, 'Groupe voisin', others);
  [{ id: binomeUserId }] = (await t.sql(`SELECT id FROM user_account WHERE email = $1`, [
    DEMO.binomeAsmt,
  ])) as [{ id: string }];
  await t.sql(`INSERT INTO binome_assignment (society_id, group_id, user_id) VALUES ($1, $2, $3)`, [
    sstpc,
    groupId,
    binomeUserId,
  ]);
  themes = Object.fromEntries(
    (await t.sql<{ code: string; id: string }>(`SELECT code, id FROM theme`)).map((row) => [
      row.code,
      row.id,
    ]),
  );
  relay = (await t.login(people[0]!.email)).accessToken;
  fellow = (await t.login(people[1]!.email)).accessToken;
  binome = (await t.login(DEMO.binomeAsmt)).accessToken;
  // A member of another society, reader of the published thesaurus.
  outsider = (await t.login(DEMO.nurseSmtvl)).accessToken;
});
afterAll(() => t.close());

describe('a « repère », from the binôme’s proposal to the federation', () => {
  it('is proposed by the binôme and read by its group, with its themes', async () => {
    const proposed = await propose(entry());
    expect(proposed.errors).toBeUndefined();
    const made = proposed.data!.proposeThesaurusEntry;
    expect(made).toMatchObject({
      status: 'PROPOSED',
      version: 1,
      groupId,
      societyId: sstpc,
      proposedByUserId: binomeUserId,
      agreedByMemberId: null,
      publishedAt: null,
      themes: [{ code: 'JOB_RETENTION' }],
      society: { code: 'SSTPC' },
    });
    for (const token of [relay, fellow, binome]) {
      expect((await read(token, made.id)).data!.ThesaurusEntry).toMatchObject({
        id: made.id,
        title: entry().title,
      });
    }
    const listed = await t.gql(
      `query ($g: ID!) { groupThesaurusEntries(groupId: $g) { id status } }`,
      { g: groupId },
      { token: fellow },
    );
    expect(listed.data!.groupThesaurusEntries).toContainEqual({ id: made.id, status: 'PROPOSED' });
  });

  it('is proposed by the binôme only: a member, the relay person, another group’s binôme are refused', async () => {
    const before = await t.sql(`SELECT count(*)::int AS n FROM thesaurus_entry`);
    for (const token of [fellow, relay, (await t.login(DEMO.binomeArapt)).accessToken]) {
      const refused = await propose(entry({ title: 'Un repère proposé par un autre' }), token);
      expect(errorCodes(refused)[0]).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
    expect(await t.sql(`SELECT count(*)::int AS n FROM thesaurus_entry`)).toEqual(before);
  });

  it('passes the pseudonymisation guard again: a NIR or a name refuses it whole, nothing stored', async () => {
    const before = await t.sql(`SELECT count(*)::int AS n FROM thesaurus_entry`);
    const refused = await propose(
      entry({
        lesson: 'Mme Durand-Lagarde, née le 3 mars 1970, a pu reprendre grâce au temps partiel.',
        context: 'Dossier 2 95 10 99 126 111 93, atelier de découpe.',
      }),
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const problems = refused.errors![0]!.extensions!.fields as { field: string; message: string }[];
    expect(problems.map((problem) => problem.field).sort()).toEqual(
      expect.arrayContaining(['context', 'lesson']),
    );
    expect(problems.some((problem) => /sécurité sociale/.test(problem.message))).toBe(true);
    expect(problems.some((problem) => /nom de personne/.test(problem.message))).toBe(true);
    expect(JSON.stringify(refused.errors)).not.toMatch(/Lagarde|126 111/);
    expect(await t.sql(`SELECT count(*)::int AS n FROM thesaurus_entry`)).toEqual(before);
    expect(
      await t.sql(
        `SELECT 1 FROM thesaurus_entry WHERE lesson LIKE '%Lagarde%' OR context LIKE '%126%'`,
      ),
    ).toEqual([]);

    const { id, version } = (await propose(entry())).data!.proposeThesaurusEntry;
    const rewrite = await t.gql(
      `mutation ($id: ID!, $v: Int!, $i: ThesaurusEntryInput!) { updateThesaurusEntry(id: $id, version: $v, input: $i) { id } }`,
      { id, v: version, i: entry({ title: 'Le cas de M. Jean Dupont' }) },
      { token: binome },
    );
    expect(errorCodes(rewrite)).toEqual(['BAD_USER_INPUT']);
    expect((await t.sql(`SELECT title FROM thesaurus_entry WHERE id = $1`, [id]))[0]!.title).toBe(
      entry().title,
    );
  });

  it('is edited by the binôme while proposed, with the version read', async () => {
    const { id } = (await propose(entry())).data!.proposeThesaurusEntry;
    const write = (version: number, title: string, token = binome) =>
      t.gql(
        `mutation ($id: ID!, $v: Int!, $i: ThesaurusEntryInput!) { updateThesaurusEntry(id: $id, version: $v, input: $i) { version title themes { code } } }`,
        { id, v: version, i: entry({ title, themeIds: [themes.MSD!, themes.JOB_RETENTION!] }) },
        { token },
      );
    expect((await write(1, 'Un repère relu')).data!.updateThesaurusEntry).toEqual({
      version: 2,
      title: 'Un repère relu',
      themes: [{ code: 'MSD' }, { code: 'JOB_RETENTION' }],
    });
    expect(errorCodes(await write(1, 'Une version périmée'))).toEqual(['CONFLICT']);
    expect(errorCodes(await write(2, 'Réécrit par un membre', fellow))).toEqual(['FORBIDDEN']);
    expect((await publish(id, 2)).errors).toBeUndefined();
    const late = await write(3, 'Réécrit après publication');
    expect(errorCodes(late)).toEqual(['CONFLICT']);
    expect(late.errors![0]!.message).toMatch(/figé/);
  });

  it('is published by the group’s relay person alone, which records the group’s agreement', async () => {
    const { id } = (await propose(entry())).data!.proposeThesaurusEntry;
    for (const token of [fellow, binome, (await t.login(others[0]!.email)).accessToken]) {
      expect(errorCodes(await publish(id, 1, token))[0]).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
    const done = await publish(id, 1);
    expect(done.errors).toBeUndefined();
    expect(done.data!.publishThesaurusEntry).toMatchObject({
      status: 'PUBLISHED',
      version: 2,
      agreedByMemberId: people[0]!.memberId,
      publishedAt: expect.any(String),
    });
    expect(errorCodes(await publish(id, 2))).toEqual(['CONFLICT']);
  });

  it('once published, is read by a member of another society and by administrators', async () => {
    const { id } = await published(entry({ title: 'Un repère pour toute la fédération' }));
    for (const token of [
      outsider,
      (await t.login(others[1]!.email)).accessToken,
      (await t.login(DEMO.adminSmtvl)).accessToken,
      (await t.login(DEMO.federation)).accessToken,
      (await t.login(DEMO.binomeArapt)).accessToken,
    ]) {
      const seen = await read(token, id);
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.ThesaurusEntry).toMatchObject({
        status: 'PUBLISHED',
        title: 'Un repère pour toute la fédération',
        lesson: entry().lesson,
      });
    }
  });

  it('is withdrawn by its binôme or by E-Pairs, never by a member, and leaves the search', async () => {
    const title = 'Un repère sur les horaires atypiques des agents de propreté';
    const first = await published(entry({ title }));
    const second = await published(entry({ title }));
    expect((await search('horaires atypiques propreté')).hits.map((hit) => hit.entry.id)).toEqual(
      expect.arrayContaining([first.id, second.id]),
    );
    expect(errorCodes(await withdraw(first.id, first.version, fellow))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await withdraw(first.id, first.version, relay))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await withdraw(first.id, first.version, outsider))).toEqual(['FORBIDDEN']);
    expect(
      (await withdraw(first.id, first.version, binome)).data!.withdrawThesaurusEntry,
    ).toMatchObject({
      status: 'WITHDRAWN',
    });
    const federation = (await t.login(DEMO.federation)).accessToken;
    expect(
      (await withdraw(second.id, second.version, federation)).data!.withdrawThesaurusEntry,
    ).toMatchObject({ status: 'WITHDRAWN' });
    expect(errorCodes(await withdraw(second.id, second.version + 1, binome))).toEqual(['CONFLICT']);
    const found = (await search('horaires atypiques propreté')).hits.map((hit) => hit.entry.id);
    expect(found).not.toContain(first.id);
    expect(found).not.toContain(second.id);
    expect((await read(outsider, first.id)).data!.ThesaurusEntry).toBeNull();
  });
});

describe('who never reads a proposal', () => {
  let proposalId: string;

  beforeAll(async () => {
    proposalId = (await propose(entry({ title: 'Une proposition encore confidentielle' }))).data!
      .proposeThesaurusEntry.id;
  });

  it('through GraphQL: another group’s member, another society’s member, administrators, another binôme', async () => {
    for (const email of [
      others[0]!.email,
      DEMO.nurseSmtvl,
      DEMO.physicianSstpc,
      DEMO.adminSstpc,
      DEMO.federation,
      DEMO.binomeArapt,
    ]) {
      const token = (await t.login(email)).accessToken;
      const seen = await read(token, proposalId);
      expect({ email, entry: seen.data?.ThesaurusEntry ?? null }).toEqual({ email, entry: null });
      const listed = await t.gql(
        `query ($g: ID!) { groupThesaurusEntries(groupId: $g) { id status } }`,
        { g: groupId },
        { token },
      );
      const entries = (listed.data?.groupThesaurusEntries ?? []) as { status: string }[];
      expect(entries.map((found) => found.status)).not.toContain('PROPOSED');
      const found = await t.gql(SEARCH, { q: 'proposition confidentielle' }, { token });
      expect(found.data?.searchThesaurus?.hits ?? []).toEqual([]);
    }
  });

  it('in the database, as the application role: another group, an administrator scope, no setting', async () => {
    const scopes: Record<string, string>[] = [
      { scope: 'user', user_id: others[0]!.userId, group_ids: ids([otherGroupId]) },
      { scope: 'user', user_id: binomeUserId, binome_group_ids: ids([otherGroupId]) },
      { scope: 'federation', user_id: binomeUserId, admin_society_ids: ids([sstpc]) },
      { scope: 'system' },
      {},
    ];
    for (const settings of scopes) {
      await t.asAppRole(settings, async (query) => {
        const { rows } = await query(
          `SELECT (SELECT count(*)::int FROM thesaurus_entry WHERE id = $1) AS entry,
                  (SELECT count(*)::int FROM thesaurus_entry_theme WHERE entry_id = $1) AS themes`,
          [proposalId],
        );
        expect({ settings, ...rows[0] }).toEqual({ settings, entry: 0, themes: 0 });
        const update = await query(`UPDATE thesaurus_entry SET title = 'Écrasé' WHERE id = $1`, [
          proposalId,
        ]);
        expect(update.rowCount).toBe(0);
      });
    }
  });

  it('in the database, a member of the group reads it but neither rewrites nor publishes it', async () => {
    await t.asAppRole(
      { scope: 'user', user_id: people[1]!.userId, group_ids: ids([groupId]) },
      async (query) => {
        const { rows } = await query(`SELECT title FROM thesaurus_entry WHERE id = $1`, [
          proposalId,
        ]);
        expect(rows).toEqual([{ title: 'Une proposition encore confidentielle' }]);
        const update = await query(
          `UPDATE thesaurus_entry SET status = 'PUBLISHED', published_at = now(), agreed_by_member_id = $2 WHERE id = $1`,
          [proposalId, people[1]!.memberId],
        );
        expect(update.rowCount).toBe(0);
      },
    );
  });

  it('in the database, the agreement is the relay person’s own, and publishing never rewrites', async () => {
    const relaySettings = {
      scope: 'user',
      user_id: people[0]!.userId,
      group_ids: ids([groupId]),
      relay_group_ids: ids([groupId]),
    };
    await t.asAppRole(relaySettings, async (query) => {
      await expect(
        query(
          `UPDATE thesaurus_entry SET status = 'PUBLISHED', published_at = now(), agreed_by_member_id = $2 WHERE id = $1`,
          [proposalId, people[1]!.memberId],
        ),
      ).rejects.toMatchObject({ constraint: 'thesaurus_entry_agreement' });
    });
    // Settings claiming another person's relay role: the agreement is still the signed-in one's.
    await t.asAppRole({ ...relaySettings, user_id: people[1]!.userId }, async (query) => {
      await expect(
        query(
          `UPDATE thesaurus_entry SET status = 'PUBLISHED', published_at = now(), agreed_by_member_id = $2 WHERE id = $1`,
          [proposalId, people[0]!.memberId],
        ),
      ).rejects.toThrow(/row-level security/);
    });
    await t.asAppRole(relaySettings, async (query) => {
      await expect(
        query(
          `UPDATE thesaurus_entry SET status = 'PUBLISHED', published_at = now(), agreed_by_member_id = $2, title = 'Réécrit' WHERE id = $1`,
          [proposalId, people[0]!.memberId],
        ),
      ).rejects.toMatchObject({ constraint: 'thesaurus_entry_frozen' });
    });
    // A binôme cannot forge a publication, nor move a published entry back.
    await t.asAppRole(
      { scope: 'user', user_id: binomeUserId, binome_group_ids: ids([groupId]) },
      async (query) => {
        await expect(
          query(
            `UPDATE thesaurus_entry SET status = 'PUBLISHED', published_at = now(), agreed_by_member_id = $2 WHERE id = $1`,
            [proposalId, people[0]!.memberId],
          ),
        ).rejects.toThrow(/row-level security|relay person/);
      },
    );
  });
});

describe('the French full-text search', () => {
  let inTitle: string;
  let inContext: string;
  let safety: string;

  beforeAll(async () => {
    inContext = (
      await published(
        entry({
          title: 'Traçabilité des expositions aux solvants au garage',
          lesson:
            'La fiche d’entreprise à jour et la liste des produits utilisés permettent d’argumenter le lien santé–travail.',
          context:
            'Garage automobile ; la salariée souffrait aussi de troubles musculo-squelettiques anciens.',
          themeIds: [themes.CHEMICAL_EXPOSURE!],
        }),
      )
    ).id;
    inTitle = (
      await published(
        entry({
          title: 'Troubles musculo-squelettiques des caristes : aménager tôt',
          lesson:
            'Pour les troubles musculo-squelettiques, un aménagement décidé tôt avec le salarié évite la désinsertion professionnelle.',
          context: 'Entrepôt logistique, manutention de colis.',
          themeIds: [themes.MSD!],
        }),
      )
    ).id;
    safety = (
      await published(
        entry({
          title: 'Sécurité des soignants la nuit',
          lesson:
            'Le travail de nuit pèse sur la vigilance : la sécurité se prépare avec l’équipe.',
          context: 'Service hospitalier, équipes en douze heures.',
          themeIds: [themes.PSYCHOSOCIAL_RISKS!],
        }),
      )
    ).id;
  });

  it('finds « troubles musculo-squelettiques » from « musculosquelettique », the better match first', async () => {
    const found = await search('musculosquelettique');
    const order = found.hits
      .map((hit) => hit.entry.id)
      .filter((id) => [inTitle, inContext].includes(id));
    expect(order).toEqual([inTitle, inContext]);
    const [titleHit, contextHit] = [inTitle, inContext].map((id) =>
      found.hits.find((hit) => hit.entry.id === id)!,
    );
    expect(titleHit!.rank).toBeGreaterThan(contextHit!.rank);
    expect(found.total).toBeGreaterThanOrEqual(2);
    // Highlighted as plain segments: the compound as it is written.
    expect(titleHit!.titleHighlight).toEqual([
      { text: 'Troubles ', highlighted: false },
      { text: 'musculo-squelettiques', highlighted: true },
      { text: ' des caristes : aménager tôt', highlighted: false },
    ]);
    expect(contextHit!.excerpt.filter((segment) => segment.highlighted)).toEqual([
      { text: 'musculo-squelettiques', highlighted: true },
    ]);
    // Hyphenated, spaced or in a phrase, the same entries.
    for (const query of [
      'musculo-squelettiques',
      'troubles musculo squelettiques',
      '"troubles musculosquelettiques"',
    ]) {
      const ids = (await search(query)).hits.map((hit) => hit.entry.id);
      expect({ query, found: ids.includes(inTitle) && ids.includes(inContext) }).toEqual({
        query,
        found: true,
      });
    }
  });

  it('ignores accents: « securite » finds « sécurité », and marks it', async () => {
    const found = await search('securite');
    const hit = found.hits.find((candidate) => candidate.entry.id === safety);
    expect(hit).toBeDefined();
    expect(hit!.titleHighlight.filter((segment) => segment.highlighted)).toEqual([
      { text: 'Sécurité', highlighted: true },
    ]);
    expect(hit!.excerpt.some((segment) => segment.highlighted && segment.text === 'sécurité')).toBe(
      true,
    );
  });

  it('filters by theme, excludes with « -mot », pages, and refuses a malformed request', async () => {
    const msd = await search('musculosquelettique', outsider, { theme: themes.MSD! });
    expect(msd.hits.map((hit) => hit.entry.id)).toContain(inTitle);
    expect(msd.hits.map((hit) => hit.entry.id)).not.toContain(inContext);
    const excluded = (await search('musculosquelettique -solvants')).hits.map(
      (hit) => hit.entry.id,
    );
    expect(excluded).toContain(inTitle);
    expect(excluded).not.toContain(inContext);
    const first = await search('musculosquelettique', outsider, { perPage: 1, page: 0 });
    const second = await search('musculosquelettique', outsider, { perPage: 1, page: 1 });
    expect(first.hits).toHaveLength(1);
    expect(second.total).toBe(first.total);
    expect(second.hits[0]?.entry.id).not.toBe(first.hits[0]!.entry.id);
    const beyond = await search('musculosquelettique', outsider, { perPage: 50, page: 40 });
    expect(beyond).toMatchObject({ total: first.total, hits: [] });
    expect((await search('le la les à')).total).toBe(0);
    expect((await search('les troubles à')).hits.map((hit) => hit.entry.id)).toContain(inContext);
    const browse = await search('');
    expect(browse.total).toBeGreaterThanOrEqual(3);
    expect(browse.hits[0]!.titleHighlight.every((segment) => !segment.highlighted)).toBe(true);
    for (const variables of [
      { q: 'x'.repeat(201) },
      { q: 'tms', perPage: 500 },
      { q: 'tms', theme: 'pas-un-id' },
    ]) {
      const refused = await t.gql(SEARCH, variables, { token: outsider });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('is refused to anonymous callers and to an account without any federation role', async () => {
    expect(errorCodes(await t.gql(SEARCH, { q: 'tms' }))).toEqual(['UNAUTHENTICATED']);
    const [account] = await t.sql<{ email: string }>(
      `INSERT INTO user_account (society_id, email, first_name, last_name, status, password_hash)
       SELECT $1, 'sans.role@example.fr', 'Sans', 'Rôle', 'ACTIVE', password_hash
         FROM user_account WHERE email = $2 RETURNING email`,
      [sstpc, DEMO.federation],
    );
    const token = (await t.login(account!.email)).accessToken;
    expect(errorCodes(await t.gql(SEARCH, { q: 'tms' }, { token }))).toEqual(['FORBIDDEN']);
  });

  it('reads hits with their themes, society and group in a constant number of statements', async () => {
    const LIST = `query { searchThesaurus(query: "", perPage: 50) {
      hits { entry { id themes { code } society { code } group { name } } } } }`;
    const statements = async () => {
      const response = await t.gql(LIST, {}, { token: fellow });
      expect(response.errors).toBeUndefined();
      return {
        hits: response.data!.searchThesaurus.hits.length as number,
        statements: Number(response.headers.get('x-sql-statements')),
      };
    };
    const before = await statements();
    for (let index = 0; index < 5; index += 1) {
      await published(entry({ title: `Un repère de plus, numéro ${index + 1}` }));
    }
    const after = await statements();
    expect(after.hits).toBeGreaterThan(before.hits);
    expect(after.statements).toBe(before.statements);
  });
});
