import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let sstpc: string;
let groupId: string;
let people: FixtureMember[];
let meetings: string[];
let memberToken: string;

const AGENDA = `query ($m: ID!) { Meeting(id: $m) { agenda {
  openQuestions { id status question answer confidential volunteer { lastName } }
  presentations { member { lastName } }
  newQuestions { id question confidential } } } }`;

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  people = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'agenda' });
  groupId = await insertActiveGroup(t, sstpc, 'Groupe de l’agenda', people);
  meetings = (
    await t.sql(
      `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, signing_secret)
       SELECT $1, $2, now() + (n || ' months')::interval, 150, 'Niort', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')
         FROM generate_series(1, 3) AS n RETURNING id, starts_at`,
      [sstpc, groupId],
    )
  )
    .sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime())
    .map((row) => row.id);
  await t.sql(
    `INSERT INTO meeting_role (society_id, meeting_id, member_id, role) VALUES ($1, $2, $3, 'PRESENTER')`,
    [sstpc, meetings[1], people[2]!.memberId],
  );
  memberToken = (await t.login(people[1]!.email)).accessToken;
});
afterAll(() => t.close());

describe('the agenda in three parts', () => {
  it('carries a question to the next meetings until it is answered', async () => {
    const raised = await t.gql(
      `mutation ($m: ID!, $v: ID!) { raiseOpenQuestion(meetingId: $m, question: "Quelle traçabilité pour l’exposition au formaldéhyde ?", volunteerMemberId: $v) { id version status } }`,
      { m: meetings[0], v: people[3]!.memberId },
      { token: memberToken },
    );
    expect(raised.errors).toBeUndefined();
    const questionId = raised.data!.raiseOpenQuestion.id;

    const first = (await t.gql(AGENDA, { m: meetings[0] }, { token: memberToken })).data!.Meeting
      .agenda;
    expect(first.newQuestions.map((q: { id: string }) => q.id)).toEqual([questionId]);
    expect(first.openQuestions).toEqual([]);

    const second = (await t.gql(AGENDA, { m: meetings[1] }, { token: memberToken })).data!.Meeting
      .agenda;
    expect(second.openQuestions).toEqual([
      {
        id: questionId,
        status: 'OPEN',
        question: 'Quelle traçabilité pour l’exposition au formaldéhyde ?',
        answer: null,
        confidential: false,
        volunteer: { lastName: expect.any(String) },
      },
    ]);
    expect(second.presentations).toHaveLength(1);

    const volunteer = (await t.login(people[3]!.email)).accessToken;
    const tooEarly = await t.gql(
      `mutation ($q: ID!, $m: ID!) { answerOpenQuestion(id: $q, version: 1, meetingId: $m, answer: "Voir la fiche INRS.") { id } }`,
      { q: questionId, m: meetings[0] },
      { token: volunteer },
    );
    expect(tooEarly.errors?.[0]?.extensions?.field).toBe('meetingId');
    const answered = await t.gql(
      `mutation ($q: ID!, $m: ID!) { answerOpenQuestion(id: $q, version: 1, meetingId: $m, answer: "Voir la fiche toxicologique INRS et le suivi individuel renforcé.") { status } }`,
      { q: questionId, m: meetings[1] },
      { token: volunteer },
    );
    expect(answered.data?.answerOpenQuestion.status).toBe('ANSWERED');

    const stillSecond = (await t.gql(AGENDA, { m: meetings[1] }, { token: memberToken })).data!
      .Meeting.agenda;
    expect(stillSecond.openQuestions[0].answer).toMatch(/INRS/);
    const third = (await t.gql(AGENDA, { m: meetings[2] }, { token: memberToken })).data!.Meeting
      .agenda;
    expect(third.openQuestions).toEqual([]);
  });

  it('shows administrators the metadata and says the text is confidential', async () => {
    for (const email of [DEMO.adminSstpc, DEMO.federation]) {
      const admin = (await t.login(email)).accessToken;
      const agenda = (await t.gql(AGENDA, { m: meetings[1] }, { token: admin })).data!.Meeting
        .agenda;
      expect(agenda.openQuestions).toHaveLength(1);
      expect(agenda.openQuestions[0]).toMatchObject({
        status: 'ANSWERED',
        question: null,
        answer: null,
        confidential: true,
      });
    }
  });

  it('shows the text to the group’s binôme, and nothing to another group', async () => {
    const [binome] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [DEMO.binomeAsmt]);
    await t.sql(
      `INSERT INTO binome_assignment (society_id, group_id, user_id) VALUES ($1, $2, $3)`,
      [sstpc, groupId, binome!.id],
    );
    const token = (await t.login(DEMO.binomeAsmt)).accessToken;
    const agenda = (await t.gql(AGENDA, { m: meetings[1] }, { token })).data!.Meeting.agenda;
    expect(agenda.openQuestions[0].question).toMatch(/formaldéhyde/);
    const outsider = (await t.login(DEMO.physicianSstpc)).accessToken;
    expect((await t.gql(AGENDA, { m: meetings[1] }, { token: outsider })).data?.Meeting).toBeNull();
    const raise = await t.gql(
      `mutation ($m: ID!) { raiseOpenQuestion(meetingId: $m, question: "Une question d’intrus ?") { id } }`,
      { m: meetings[1] },
      { token: outsider },
    );
    expect(raise.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|NOT_FOUND/);
  });

  it('keeps the text from every administrator scope in the database', async () => {
    const client = await t.appRoleClient();
    try {
      for (const scope of ['federation', 'system']) {
        await client.query('BEGIN');
        await client.query(
          `SELECT set_config('app.scope', $1, true), set_config('app.admin_society_ids', $2, true)`,
          [scope, `{${sstpc}}`],
        );
        const { rows } = await client.query(
          `SELECT (SELECT count(*)::int FROM open_question) AS meta, (SELECT count(*)::int FROM open_question_text) AS text`,
        );
        expect({ scope, ...rows[0] }).toEqual({ scope, meta: 1, text: 0 });
        await client.query('ROLLBACK');
      }
    } finally {
      await client.end();
    }
  });
});
