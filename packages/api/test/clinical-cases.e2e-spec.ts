import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import {
  type AppRoleQuery,
  DEMO,
  errorCodes,
  startTestApp,
  type TestApp,
} from './support/test-app';

/**
 * Clinical cases: the author's draft, presented at a meeting, submitted to the binôme. The text
 * is the group's and, once submitted, its binôme's; administrators see the metadata only, and the
 * database itself returns no text row to anyone else.
 */
let t: TestApp;
let sstpc: string;
let groupId: string;
let people: FixtureMember[];
let meetingId: string;
let author: string;
let fellow: string;

const FIELDS = `id version updatedAt status origin situationKind authorMemberId presentedAtMeetingId submittedAt
  confidential title workSituation clinicalDiagnosis exposures healthWorkLink linkStrength
  informationAndAlert questionsRaised`;

const CASE = {
  title: 'Lombalgie d’un cariste',
  origin: 'GROUP',
  situationKind: 'MEDICAL_EXAMINATION',
  workSituation: 'M. X, 45 ans, cariste depuis 2009, manutention de charges de 15 à 25 kg.',
  clinicalDiagnosis: 'Lombosciatique L5 droite ; IRM du 12/03/2024 : hernie discale L4-L5.',
  exposures: 'Vibrations corps entier, A(8) estimée à 0,6 m/s² ; fiche d’entreprise de 2022.',
  healthWorkLink: 'Tableau n° 98 du régime général, délai de prise en charge respecté.',
  linkStrength: 'STRONG',
  informationAndAlert: 'Salarié informé ; alerte au CSE sur les chariots.',
  questionsRaised: 'Quel aménagement de poste proposer ?',
};

async function create(token: string, input: Record<string, unknown> = CASE) {
  return t.gql(
    `mutation ($g: ID!, $i: ClinicalCaseInput!) { createClinicalCase(groupId: $g, input: $i) { ${FIELDS} } }`,
    { g: groupId, i: input },
    { token },
  );
}

async function read(token: string, id: string) {
  return t.gql(`query ($id: ID!) { ClinicalCase(id: $id) { ${FIELDS} } }`, { id }, { token });
}

/** A member's or a binôme's settings, as the API gives them. */
function asPerson(
  person: { userId: string; groupIds?: string[]; binomeGroupIds?: string[] },
  work: (query: AppRoleQuery) => Promise<void>,
) {
  return t.asAppRole(
    {
      scope: 'user',
      user_id: person.userId,
      group_ids: `{${(person.groupIds ?? []).join(',')}}`,
      binome_group_ids: `{${(person.binomeGroupIds ?? []).join(',')}}`,
    },
    work,
  );
}

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  people = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'cases' });
  groupId = await insertActiveGroup(t, sstpc, 'Groupe des cas', people);
  [{ id: meetingId }] = (await t.sql(
    `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, signing_secret)
     VALUES ($1, $2, now() - interval '1 hour', 150, 'Poitiers', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
     RETURNING id`,
    [sstpc, groupId],
  )) as [{ id: string }];
  author = (await t.login(people[1]!.email)).accessToken;
  fellow = (await t.login(people[2]!.email)).accessToken;
  const [binome] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [DEMO.binomeAsmt]);
  await t.sql(`INSERT INTO binome_assignment (society_id, group_id, user_id) VALUES ($1, $2, $3)`, [
    sstpc,
    groupId,
    binome!.id,
  ]);
});
afterAll(() => t.close());

describe('a clinical case, from draft to binôme', () => {
  it('is written by a member as its draft, read by the group, edited by its author only', async () => {
    const created = await create(author);
    expect(created.errors).toBeUndefined();
    const draft = created.data!.createClinicalCase;
    expect(draft).toMatchObject({
      ...CASE,
      status: 'DRAFT',
      version: 1,
      authorMemberId: people[1]!.memberId,
      confidential: false,
    });

    expect((await read(fellow, draft.id)).data!.ClinicalCase).toMatchObject({
      title: CASE.title,
      confidential: false,
    });
    const hijack = await t.gql(
      `mutation ($id: ID!) { updateClinicalCase(id: $id, version: 1, input: { title: "Réécrit par un autre", origin: GROUP, situationKind: OTHER_THIRD_TIME }) { id } }`,
      { id: draft.id },
      { token: fellow },
    );
    expect(errorCodes(hijack)).toEqual(['FORBIDDEN']);

    const edited = await t.gql(
      `mutation ($id: ID!, $i: ClinicalCaseInput!) { updateClinicalCase(id: $id, version: 1, input: $i) { ${FIELDS} } }`,
      { id: draft.id, i: { ...CASE, questionsRaised: 'Quel aménagement, et quand ?' } },
      { token: author },
    );
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.updateClinicalCase).toMatchObject({
      version: 2,
      questionsRaised: 'Quel aménagement, et quand ?',
    });
    const [stored] = await t.sql(
      `SELECT questions_raised FROM clinical_case_text WHERE case_id = $1`,
      [draft.id],
    );
    expect(stored!.questions_raised).toBe('Quel aménagement, et quand ?');
  });

  it('detects a concurrent edit: the second writer gets CONFLICT and the first text stays', async () => {
    const { id } = (await create(author)).data!.createClinicalCase;
    const write = (questionsRaised: string) =>
      t.gql(
        `mutation ($id: ID!, $i: ClinicalCaseInput!) { updateClinicalCase(id: $id, version: 1, input: $i) { version } }`,
        { id, i: { ...CASE, questionsRaised } },
        { token: author },
      );
    const results = await Promise.all([write('Première version'), write('Seconde version')]);
    const codes = results.map((result) => errorCodes(result)[0] ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    const winner = results.findIndex((result) => !result.errors);
    const [stored] = await t.sql(
      `SELECT questions_raised FROM clinical_case_text WHERE case_id = $1`,
      [id],
    );
    expect(stored!.questions_raised).toBe(winner === 0 ? 'Première version' : 'Seconde version');
  });

  it('blocks an identifier in any section and stores nothing', async () => {
    const before = await t.sql(`SELECT count(*)::int AS n FROM clinical_case`);
    const refused = await create(author, {
      ...CASE,
      workSituation: 'Mme Durand-Lagarde, née le 3 mars 1970, aide-soignante.',
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [
        { field: 'workSituation', message: expect.stringMatching(/nom de personne/) },
        { field: 'workSituation', message: expect.stringMatching(/date de naissance/) },
      ],
    });
    expect(await t.sql(`SELECT count(*)::int AS n FROM clinical_case`)).toEqual(before);
    expect(
      await t.sql(`SELECT 1 FROM clinical_case_text WHERE work_situation LIKE '%Lagarde%'`),
    ).toEqual([]);
  });

  it('moves on: presented at a meeting, frozen, then submitted to the binôme who reads it', async () => {
    const { id } = (await create(author)).data!.createClinicalCase;
    const binome = (await t.login(DEMO.binomeAsmt)).accessToken;
    expect((await read(binome, id)).data?.ClinicalCase).toBeNull();

    const early = await t.gql(
      `mutation ($id: ID!) { submitClinicalCase(id: $id, version: 1) { status } }`,
      { id },
      { token: author },
    );
    expect(errorCodes(early)).toEqual(['CONFLICT']);

    const presented = await t.gql(
      `mutation ($id: ID!, $m: ID!) { presentClinicalCase(id: $id, version: 1, meetingId: $m) { status version presentedAtMeetingId } }`,
      { id, m: meetingId },
      { token: author },
    );
    expect(presented.data?.presentClinicalCase).toEqual({
      status: 'PRESENTED',
      version: 2,
      presentedAtMeetingId: meetingId,
    });
    const late = await t.gql(
      `mutation ($id: ID!, $i: ClinicalCaseInput!) { updateClinicalCase(id: $id, version: 2, input: $i) { id } }`,
      { id, i: CASE },
      { token: author },
    );
    expect(errorCodes(late)).toEqual(['CONFLICT']);
    expect(late.errors?.[0]?.message).toMatch(/figé/);

    const submitted = await t.gql(
      `mutation ($id: ID!) { submitClinicalCase(id: $id, version: 2) { status submittedAt } }`,
      { id },
      { token: author },
    );
    expect(submitted.data?.submitClinicalCase.status).toBe('SUBMITTED_TO_BINOME');
    expect((await read(binome, id)).data?.ClinicalCase).toMatchObject({
      confidential: false,
      title: CASE.title,
      clinicalDiagnosis: CASE.clinicalDiagnosis,
    });
  });
});

describe('who never reads a case’s text', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = (await create(author)).data!.createClinicalCase.id;
    const present = await t.gql(
      `mutation ($id: ID!, $m: ID!) { presentClinicalCase(id: $id, version: 1, meetingId: $m) { id } }`,
      { id: caseId, m: meetingId },
      { token: author },
    );
    expect(present.errors).toBeUndefined();
    await t.gql(
      `mutation ($id: ID!) { submitClinicalCase(id: $id, version: 2) { id } }`,
      { id: caseId },
      { token: author },
    );
  });

  it('administrators see the metadata and « confidential », never the text', async () => {
    for (const email of [DEMO.federation, DEMO.adminSstpc]) {
      const token = (await t.login(email)).accessToken;
      const seen = await read(token, caseId);
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.ClinicalCase).toMatchObject({
        status: 'SUBMITTED_TO_BINOME',
        confidential: true,
        title: null,
        workSituation: null,
        clinicalDiagnosis: null,
        questionsRaised: null,
        linkStrength: null,
      });
      const listed = await t.gql(
        `query ($g: ID!) { groupClinicalCases(groupId: $g) { id confidential title } }`,
        { g: groupId },
        { token },
      );
      expect(listed.data!.groupClinicalCases.length).toBeGreaterThan(0);
      expect(
        listed.data!.groupClinicalCases.every((c: { title: unknown }) => c.title === null),
      ).toBe(true);
    }
  });

  it('another society’s admin, a member of another group and another group’s binôme see nothing', async () => {
    for (const email of [DEMO.adminSmtvl, DEMO.physicianSstpc, DEMO.binomeArapt]) {
      const token = (await t.login(email)).accessToken;
      expect((await read(token, caseId)).data?.ClinicalCase).toBeNull();
      const listed = await t.gql(
        `query ($g: ID!) { groupClinicalCases(groupId: $g) { id } }`,
        { g: groupId },
        { token },
      );
      expect(listed.data?.groupClinicalCases ?? []).toEqual([]);
      const write = await t.gql(
        `mutation ($g: ID!, $i: ClinicalCaseInput!) { createClinicalCase(groupId: $g, input: $i) { id } }`,
        { g: groupId, i: CASE },
        { token },
      );
      expect(errorCodes(write)[0]).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
  });

  it('in the database, as the application role, no administrator scope reads a text row', async () => {
    // Another group's member and binôme, administrator of the society, at every scope.
    const [other] = await t.sql(`SELECT id FROM peer_group WHERE id <> $1 LIMIT 1`, [groupId]);
    for (const scope of ['federation', 'user', 'system']) {
      await t.asAppRole(
        {
          scope,
          admin_society_ids: `{${sstpc}}`,
          group_ids: `{${other!.id}}`,
          binome_group_ids: `{${other!.id}}`,
        },
        async (query) => {
          const { rows } = await query(
            `SELECT (SELECT count(*)::int FROM clinical_case WHERE id = $1) AS meta,
                    (SELECT count(*)::int FROM clinical_case_text) AS text`,
            [caseId],
          );
          expect({ scope, ...rows[0] }).toEqual({ scope, meta: 1, text: 0 });
          const update = await query(
            `UPDATE clinical_case_text SET title = 'Écrasé' WHERE case_id = $1`,
            [caseId],
          );
          expect(update.rowCount).toBe(0);
        },
      );
    }
  });

  it('in the database, a fellow member reads a draft but cannot rewrite it: the author alone', async () => {
    const draftId = (await create(author)).data!.createClinicalCase.id;
    for (const [person, rewrites] of [
      [people[2]!, 0],
      [people[1]!, 1],
    ] as const) {
      await asPerson({ userId: person.userId, groupIds: [groupId] }, async (query) => {
        const read = await query(`SELECT title FROM clinical_case_text WHERE case_id = $1`, [
          draftId,
        ]);
        expect(read.rows).toEqual([{ title: CASE.title }]);
        const update = await query(
          `UPDATE clinical_case_text SET title = 'Réécrit' WHERE case_id = $1`,
          [draftId],
        );
        expect({ person: person.email, rewrites: update.rowCount }).toEqual({
          person: person.email,
          rewrites,
        });
      });
    }
  });
});

describe('a group’s cases through DataLoader', () => {
  const LIST = `query ($g: ID!) { groupClinicalCases(groupId: $g) {
    id title workSituation confidential author { lastName } } }`;

  async function statements(): Promise<{ cases: number; statements: number }> {
    const response = await t.gql(LIST, { g: groupId }, { token: fellow });
    expect(response.errors).toBeUndefined();
    return {
      cases: response.data!.groupClinicalCases.length,
      statements: Number(response.headers.get('x-sql-statements')),
    };
  }

  it('reads 30 more cases, their texts and authors in the same number of statements', async () => {
    const before = await statements();
    await t.sql(
      `WITH made AS (
         INSERT INTO clinical_case (society_id, group_id, author_member_id, origin, situation_kind)
         SELECT $1, $2, (ARRAY[$3, $4]::uuid[])[1 + n % 2], 'GROUP', 'WORKPLACE_STUDY'
           FROM generate_series(1, 30) AS n RETURNING id)
       INSERT INTO clinical_case_text (case_id, society_id, group_id, title)
       SELECT id, $1, $2, 'Cas chargé' FROM made`,
      [sstpc, groupId, people[1]!.memberId, people[3]!.memberId],
    );
    const after = await statements();
    expect(after.cases).toBe(before.cases + 30);
    expect(after.statements).toBe(before.statements);
  });
});

describe('what the database refuses, whoever asks', () => {
  it('a binôme reads no draft, a presented case keeps its text, and a case only moves forward', async () => {
    const draftId = (await create(author)).data!.createClinicalCase.id;
    const presentedId = (await create(author)).data!.createClinicalCase.id;
    await t.gql(
      `mutation ($id: ID!, $m: ID!) { presentClinicalCase(id: $id, version: 1, meetingId: $m) { id } }`,
      { id: presentedId, m: meetingId },
      { token: author },
    );
    const [binome] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [DEMO.binomeAsmt]);
    await asPerson({ userId: binome!.id, binomeGroupIds: [groupId] }, async (query) => {
      const { rows } = await query(
        `SELECT (SELECT count(*)::int FROM clinical_case WHERE id = ANY ($1)) AS meta,
                (SELECT count(*)::int FROM clinical_case_text WHERE case_id = ANY ($1)) AS text`,
        [[draftId, presentedId]],
      );
      expect(rows[0]).toEqual({ meta: 0, text: 0 });
    });

    const authorSettings = { userId: people[1]!.userId, groupIds: [groupId] };
    await asPerson(authorSettings, async (query) => {
      const rewrite = await query(
        `UPDATE clinical_case_text SET title = 'Réécrit après coup' WHERE case_id = $1`,
        [presentedId],
      );
      expect(rewrite.rowCount).toBe(0);
    });
    const [otherMeeting] = await t.sql(
      `SELECT id FROM meeting WHERE group_id <> $1 AND society_id = $2 AND starts_at < now() LIMIT 1`,
      [groupId, sstpc],
    );
    for (const [id, forged, constraint] of [
      [presentedId, `status = 'DRAFT', presented_at_meeting_id = NULL`, 'clinical_case_transition'],
      [
        draftId,
        `status = 'SUBMITTED_TO_BINOME', presented_at_meeting_id = '${meetingId}', submitted_at = now()`,
        'clinical_case_transition',
      ],
      [presentedId, `situation_kind = 'OTHER_THIRD_TIME'`, 'clinical_case_frozen'],
      [
        draftId,
        `status = 'PRESENTED', presented_at_meeting_id = '${otherMeeting!.id}'`,
        'clinical_case_meeting',
      ],
    ] as const) {
      await asPerson(authorSettings, async (query) => {
        await expect(
          query(`UPDATE clinical_case SET ${forged} WHERE id = $1`, [id]),
        ).rejects.toMatchObject({ constraint });
      });
    }
  });

  it('the API says why a case cannot be presented, and that only its author presents it', async () => {
    const { id } = (await create(author)).data!.createClinicalCase;
    const [cancelled, future] = (await t.sql(
      `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, signing_secret, status, cancel_reason)
       VALUES ($1, $2, now() - interval '2 days', 150, 'Poitiers', decode(md5('a') || md5('b'), 'hex'), 'CANCELLED', 'Salle fermée'),
              ($1, $2, now() + interval '1 month', 150, 'Poitiers', decode(md5('c') || md5('d'), 'hex'), 'PLANNED', NULL)
       RETURNING id`,
      [sstpc, groupId],
    )) as [{ id: string }, { id: string }];
    const [elsewhere] = await t.sql(
      `SELECT id FROM meeting WHERE group_id <> $1 AND society_id = $2 LIMIT 1`,
      [groupId, sstpc],
    );
    const present = (meeting: string, token = author) =>
      t.gql(
        `mutation ($id: ID!, $m: ID!) { presentClinicalCase(id: $id, version: 1, meetingId: $m) { status } }`,
        { id, m: meeting },
        { token },
      );
    expect((await present(cancelled.id)).errors?.[0]?.message).toMatch(/annulée/);
    expect((await present(future.id)).errors?.[0]?.message).toMatch(
      /une fois la réunion commencée/,
    );
    expect(errorCodes(await present(elsewhere!.id))[0]).toMatch(/NOT_FOUND|BAD_USER_INPUT/);
    expect(errorCodes(await present(meetingId, fellow))).toEqual(['FORBIDDEN']);
    expect((await present(meetingId)).data?.presentClinicalCase.status).toBe('PRESENTED');
  });
});

describe('themes, draw mode, bibliography and several meetings', () => {
  it('keeps one to three active themes, the draw mode and the references of its bibliography', async () => {
    const themes = (await t.sql(
      `SELECT id FROM theme WHERE active ORDER BY sort_order LIMIT 4`,
    )) as {
      id: string;
    }[];
    const reference = await t.gql(
      `mutation ($g: ID!) { createReference(groupId: $g, input: { kind: SCIENTIFIC, citation: "INRS. Lombalgies et manutentions. ED 6087, 2021.", year: 2021 }) { id } }`,
      { g: groupId },
      { token: fellow },
    );
    const referenceId = reference.data!.createReference.id as string;
    const tooMany = await create(author, { ...CASE, themeIds: themes.map((theme) => theme.id) });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    const unknown = await create(author, { ...CASE, themeIds: [sstpc] });
    expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);

    const created = await create(author, {
      ...CASE,
      drawMode: 'THEMATIC',
      themeIds: [themes[0]!.id, themes[1]!.id],
      referenceIds: [referenceId],
    });
    expect(created.errors).toBeUndefined();
    const { id } = created.data!.createClinicalCase;
    const read = async (token: string) =>
      (
        await t.gql(
          `query ($id: ID!) { ClinicalCase(id: $id) { version drawMode themes { id } references { id } presentations { id } } }`,
          { id },
          { token },
        )
      ).data!.ClinicalCase;
    expect(await read(fellow)).toMatchObject({
      drawMode: 'THEMATIC',
      themes: [{ id: themes[0]!.id }, { id: themes[1]!.id }],
      references: [{ id: referenceId }],
      presentations: [],
    });

    // Presented at one meeting, resumed at a later one: both are kept, the text stays frozen.
    const [later] = (await t.sql(
      `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, signing_secret)
       VALUES ($1, $2, now() - interval '10 minutes', 120, 'Poitiers', decode(md5('e') || md5('f'), 'hex'))
       RETURNING id`,
      [sstpc, groupId],
    )) as [{ id: string }];
    const present = (meeting: string, version: number) =>
      t.gql(
        `mutation ($id: ID!, $v: Int!, $m: ID!) { presentClinicalCase(id: $id, version: $v, meetingId: $m) { status version } }`,
        { id, v: version, m: meeting },
        { token: author },
      );
    const first = await present(meetingId, 1);
    expect(first.data!.presentClinicalCase.status).toBe('PRESENTED');
    expect(errorCodes(await present(meetingId, first.data!.presentClinicalCase.version))).toEqual([
      'CONFLICT',
    ]);
    const resumed = await present(later.id, first.data!.presentClinicalCase.version);
    expect(resumed.errors).toBeUndefined();
    expect((await read(author)).presentations.map((m: { id: string }) => m.id)).toEqual([
      meetingId,
      later.id,
    ]);
    // Its themes are frozen with it: the database refuses a change by its author too.
    await asPerson({ userId: people[1]!.userId, groupIds: [groupId] }, async (query) => {
      await expect(
        query(`DELETE FROM clinical_case_theme WHERE case_id = $1`, [id]),
      ).resolves.toMatchObject({ rowCount: 0 });
    });
  });
});
