import { insertActiveGroup, insertMembers, societyId } from './support/register-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * The pseudonymisation guard before content is saved, here on open questions (clinical cases:
 * clinical-cases.e2e-spec.ts): a likely identifier refuses the request with a French message that
 * says where, and the identifier is stored nowhere, in any table, nor written to the logs.
 */
const NIR = '2 95 10 99 126 111 93';
const NIR_DIGITS = '295109912611193';
const PHONE = '06 12 34 56 78';

let t: TestApp;
const logLines: string[] = [];
let meetings: string[];
let token: string;

/** Every table of the public schema whose rows, as text, contain the needle. */
async function tablesContaining(needle: string): Promise<string[]> {
  const tables = await t.sql<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const found: string[] = [];
  for (const { name } of tables) {
    const [row] = await t.sql<{ hits: number }>(
      `SELECT count(*)::int AS hits FROM ${name} AS r WHERE r::text LIKE '%' || $1 || '%'`,
      [needle],
    );
    if (row!.hits > 0) found.push(name);
  }
  return found;
}

beforeAll(async () => {
  t = await startTestApp({}, { logLines });
  const sstpc = await societyId(t, 'SSTPC');
  const people = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'pseudo' });
  const groupId = await insertActiveGroup(t, sstpc, 'Groupe de la pseudonymisation', people);
  meetings = (
    await t.sql(
      `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, signing_secret)
       SELECT $1, $2, now() + (n || ' months')::interval, 150, 'Tours', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
         FROM generate_series(1, 2) AS n RETURNING id, starts_at`,
      [sstpc, groupId],
    )
  )
    .sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime())
    .map((row) => row.id);
  token = (await t.login(people[0]!.email)).accessToken;
});
afterAll(() => t.close());

describe('the pseudonymisation guard on saved content', () => {
  it('refuses a question carrying a NIR, says where, and stores nothing of it anywhere', async () => {
    const before = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM open_question`);
    const refused = await t.gql(
      `mutation ($m: ID!, $q: String!) { raiseOpenQuestion(meetingId: $m, question: $q) { id } }`,
      {
        m: meetings[0],
        q: `Faut-il déclarer la maladie professionnelle ?\nLe salarié (NIR ${NIR}) le demande.`,
      },
      { token },
    );
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'question',
      fields: [
        {
          field: 'question',
          message: expect.stringMatching(
            /^Ligne 2, caractère 17 .*numéro de sécurité sociale \(NIR\)/,
          ),
        },
      ],
    });
    expect(refused.errors?.[0]?.message).not.toContain('95 10');

    const after = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM open_question`);
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await tablesContaining(NIR)).toEqual([]);
    expect(await tablesContaining(NIR_DIGITS)).toEqual([]);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => line.includes('95 10') || line.includes(NIR_DIGITS))).toEqual(
      [],
    );
  });

  it('lets the rephrased question through, then guards its answer the same way', async () => {
    const raised = await t.gql(
      `mutation ($m: ID!) { raiseOpenQuestion(meetingId: $m, question: "Faut-il déclarer la maladie professionnelle de M. X ?") { id version } }`,
      { m: meetings[0] },
      { token },
    );
    expect(raised.errors).toBeUndefined();
    const { id, version } = raised.data!.raiseOpenQuestion;

    const refused = await t.gql(
      `mutation ($q: ID!, $v: Int!, $m: ID!, $a: String!) { answerOpenQuestion(id: $q, version: $v, meetingId: $m, answer: $a) { status } }`,
      { q: id, v: version, m: meetings[1], a: `Oui ; appeler Mme Quenardel au ${PHONE}.` },
      { token },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(
      (refused.errors?.[0]?.extensions?.fields as Array<{ message: string }>).map((problem) =>
        problem.message.replace(/ :.*/, ''),
      ),
    ).toEqual(['Ligne 1, caractère 15 (« Mme… »)', 'Ligne 1, caractère 32 (« 06… »)']);
    const [stored] = await t.sql(
      `SELECT q.status, t.answer FROM open_question q JOIN open_question_text t ON t.question_id = q.id WHERE q.id = $1`,
      [id],
    );
    expect(stored).toEqual({ status: 'OPEN', answer: null });
    expect(await tablesContaining(PHONE)).toEqual([]);
    expect(await tablesContaining('Quenardel')).toEqual([]);

    const answered = await t.gql(
      `mutation ($q: ID!, $v: Int!, $m: ID!) { answerOpenQuestion(id: $q, version: $v, meetingId: $m, answer: "Oui, avec l’accord du salarié ; voir le tableau n° 57 du régime général.") { status } }`,
      { q: id, v: version, m: meetings[1] },
      { token },
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data?.answerOpenQuestion.status).toBe('ANSWERED');
  });

  it('guards every other kind of content the same way: nothing refused is stored or logged', async () => {
    const sstpc = await societyId(t, 'SSTPC');
    const [relay] = await insertMembers(t, { society: 'SSTPC', count: 1, label: 'pseudo-cr' });
    const groupId = await insertActiveGroup(t, sstpc, 'Groupe des contenus', [relay!]);
    const [past, another] = (await t.sql(
      `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, status, signing_secret)
       VALUES ($1, $2, now() - interval '1 day', 120, 'Tours', 'HELD', decode(md5('p') || md5('q'), 'hex')),
              ($1, $2, now() - interval '2 days', 120, 'Tours', 'HELD', decode(md5('r') || md5('s'), 'hex'))
       RETURNING id`,
      [sstpc, groupId],
    )) as [{ id: string }, { id: string }];
    await t.sql(
      `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at)
       SELECT $1, $2, $3, 'SIGNED', 'QR', starts_at + interval '5 minutes' FROM meeting WHERE id = $2`,
      [sstpc, past.id, relay!.memberId],
    );
    await t.sql(`UPDATE meeting SET sheet_closed_at = now() WHERE id = $1`, [past.id]);
    await t.sql(
      `INSERT INTO binome_assignment (society_id, group_id, user_id)
       SELECT $1, $2, id FROM user_account WHERE email = 'binome.asmt@demo.e-pairs.fr'`,
      [sstpc, groupId],
    );
    const member = (await t.login(relay!.email)).accessToken;
    const binome = (await t.login('binome.asmt@demo.e-pairs.fr')).accessToken;
    const gql = (who: string, query: string, variables: Record<string, unknown>) =>
      t.gql(query, variables, { token: who });

    const report = await gql(
      member,
      `mutation ($m: ID!) { createMeetingReport(meetingId: $m, input: { groupAnswers: "Une réponse." }) { id version } }`,
      { m: past.id },
    );
    const reportId = report.data!.createMeetingReport.id as string;
    const submitted = await gql(
      member,
      `mutation ($id: ID!, $v: Int!) { submitMeetingReportForReview(id: $id, version: $v) { version } }`,
      { id: reportId, v: report.data!.createMeetingReport.version },
    );
    await gql(
      member,
      `mutation ($id: ID!, $v: Int!) { approveMeetingReport(id: $id, version: $v) { status } }`,
      { id: reportId, v: submitted.data!.submitMeetingReportForReview.version },
    );

    const [theme] = await t.sql<{ id: string }>(`SELECT id FROM theme WHERE active LIMIT 1`);
    // [kind, who, mutation, variables, the field the guard must name]
    const attempts: [string, string, string, Record<string, unknown>, string][] = [
      [
        'report',
        member,
        `mutation ($m: ID!, $t: String!) { createMeetingReport(meetingId: $m, input: { problemsIdentified: $t }) { id } }`,
        { m: another.id },
        'problemsIdentified',
      ],
      [
        'action',
        member,
        `mutation ($r: ID!, $t: String!) { createImprovementAction(reportId: $r, input: { description: $t }) { id } }`,
        { r: reportId },
        'description',
      ],
      [
        'feedback',
        binome,
        `mutation ($r: ID!, $t: String!) { createBinomeFeedback(reportId: $r, input: { questions: [], remarks: $t }) { id } }`,
        { r: reportId },
        'remarks',
      ],
      [
        'self-evaluation',
        member,
        `mutation ($g: ID!, $t: String!) { saveSelfEvaluation(groupId: $g, year: 2026, answers: [], comment: $t) { id } }`,
        { g: groupId },
        'comment',
      ],
      [
        'case',
        member,
        `mutation ($g: ID!, $t: String!) { createClinicalCase(groupId: $g, input: { title: "Un cas", origin: GROUP, situationKind: OTHER_THIRD_TIME, exposures: $t }) { id } }`,
        { g: groupId },
        'exposures',
      ],
      [
        'thesaurus',
        binome,
        `mutation ($g: ID!, $t: String!, $th: ID!) { proposeThesaurusEntry(groupId: $g, input: { title: "Un repère", lesson: $t, themeIds: [$th] }) { id } }`,
        { g: groupId, th: theme!.id },
        'lesson',
      ],
    ];
    for (const [kind, who, query, variables, field] of attempts) {
      const text = `Revu avec M. Vautrinot-${kind} (NIR ${NIR}), joignable au ${PHONE}.`;
      const refused = await gql(who, query, { ...variables, t: text });
      // Refused by the guard itself: every problem names the guarded field and where.
      expect({
        kind,
        codes: refused.errors?.map((error) => error.extensions?.code),
        fields: [
          ...new Set(
            (refused.errors?.[0]?.extensions?.fields as { field: string }[] | undefined)?.map(
              (problem) => problem.field,
            ),
          ),
        ],
      }).toEqual({ kind, codes: ['BAD_USER_INPUT'], fields: [field] });
      expect(refused.errors?.[0]?.message).toMatch(/Ligne 1, caractère \d+/);
      expect(await tablesContaining(`Vautrinot-${kind}`)).toEqual([]);
    }
    expect(await tablesContaining(NIR)).toEqual([]);
    expect(await tablesContaining(PHONE)).toEqual([]);
    expect(logLines.filter((line) => /Vautrinot|95 10 99|12 34 56/.test(line))).toEqual([]);
  });
});
