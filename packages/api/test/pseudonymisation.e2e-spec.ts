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
});
