import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/**
 * Content is confidential by construction: one group writes every kind of content (a question and
 * its answer, a case submitted to its binôme, a validated report, the binôme's feedback and the
 * group's response). A federation admin, the society's admin, a member of another group and the
 * binôme of another group get no content text by any query, only metadata marked confidential;
 * as the application role under their settings, the content tables return no rows.
 */
let t: TestApp;
let sstpc: string;
let groupId: string;
let otherGroupId: string;
let relay: FixtureMember;
let outsider: FixtureMember;
const ids: Record<string, string> = {};
const token: Record<string, string> = {};

const CONTENT_TABLES = [
  'open_question_text',
  'clinical_case_text',
  'meeting_report_text',
  'binome_feedback_text',
  'binome_feedback_response',
];

const gql = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
  const result = await t.gql(query, variables, { token: token[who] });
  return result;
};

async function ok(who: string, query: string, variables: Record<string, unknown> = {}) {
  const result = await gql(who, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  [relay] = (await insertMembers(t, { society: 'SSTPC', count: 1, label: 'secret' })) as [
    FixtureMember,
  ];
  [outsider] = (await insertMembers(t, { society: 'SSTPC', count: 1, label: 'voisin' })) as [
    FixtureMember,
  ];
  groupId = await insertActiveGroup(t, sstpc, 'Groupe au secret', [relay]);
  otherGroupId = await insertActiveGroup(t, sstpc, 'Groupe voisin du secret', [outsider]);
  for (const [group, email] of [
    [groupId, DEMO.binomeAsmt],
    [otherGroupId, DEMO.binomeArapt],
  ] as const) {
    await t.sql(
      `INSERT INTO binome_assignment (society_id, group_id, user_id) SELECT $1, $2, id FROM user_account WHERE email = $3`,
      [sstpc, group, email],
    );
  }
  const [past, later] = (await t.sql(
    `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, status, signing_secret)
     VALUES ($1, $2, now() - interval '7 days', 150, 'Poitiers', 'HELD', decode(md5('g') || md5('h'), 'hex')),
            ($1, $2, now() - interval '1 day', 150, 'Poitiers', 'HELD', decode(md5('i') || md5('j'), 'hex'))
     RETURNING id`,
    [sstpc, groupId],
  )) as [{ id: string }, { id: string }];
  await t.sql(
    `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at)
     SELECT $1, $2, $3, 'SIGNED', 'QR', starts_at + interval '5 minutes' FROM meeting WHERE id = $2`,
    [sstpc, past.id, relay.memberId],
  );
  await t.sql(`UPDATE meeting SET sheet_closed_at = now() WHERE id = $1`, [past.id]);
  ids.past = past.id;
  ids.later = later.id;
  token.relay = (await t.login(relay.email)).accessToken;
  token.binome = (await t.login(DEMO.binomeAsmt)).accessToken;

  // A question raised at the first meeting, answered at the second.
  const raised = await ok(
    'relay',
    `mutation ($m: ID!) { raiseOpenQuestion(meetingId: $m, question: "Quel délai pour la visite de reprise ?") { id version } }`,
    { m: past.id },
  );
  ids.question = raised.raiseOpenQuestion.id;
  await ok(
    'relay',
    `mutation ($q: ID!, $v: Int!, $m: ID!) { answerOpenQuestion(id: $q, version: $v, meetingId: $m, answer: "Huit jours après la reprise effective.") { id } }`,
    { q: ids.question, v: raised.raiseOpenQuestion.version, m: later.id },
  );
  // A case presented and submitted to the binôme.
  const created = await ok(
    'relay',
    `mutation ($g: ID!) { createClinicalCase(groupId: $g, input: { title: "Asthme d’un boulanger", origin: QMCP, situationKind: MEDICAL_EXAMINATION, clinicalDiagnosis: "Asthme allergique à la farine." }) { id } }`,
    { g: groupId },
  );
  ids.case = created.createClinicalCase.id;
  const presented = await ok(
    'relay',
    `mutation ($id: ID!, $m: ID!) { presentClinicalCase(id: $id, version: 1, meetingId: $m) { version } }`,
    { id: ids.case, m: past.id },
  );
  await ok(
    'relay',
    `mutation ($id: ID!, $v: Int!) { submitClinicalCase(id: $id, version: $v) { id } }`,
    { id: ids.case, v: presented.presentClinicalCase.version },
  );
  // A validated report.
  const report = await ok(
    'relay',
    `mutation ($m: ID!) { createMeetingReport(meetingId: $m, input: { groupAnswers: "Éviction partielle, masque FFP2." }) { id version } }`,
    { m: past.id },
  );
  ids.report = report.createMeetingReport.id;
  const submitted = await ok(
    'relay',
    `mutation ($id: ID!, $v: Int!) { submitMeetingReportForReview(id: $id, version: $v) { version } }`,
    { id: ids.report, v: report.createMeetingReport.version },
  );
  await ok(
    'relay',
    `mutation ($id: ID!, $v: Int!) { approveMeetingReport(id: $id, version: $v) { status } }`,
    { id: ids.report, v: submitted.submitMeetingReportForReview.version },
  );
  // The binôme's feedback, sent, and the group's response at a meeting held since.
  const feedback = await ok(
    'binome',
    `mutation ($r: ID!) { createBinomeFeedback(reportId: $r, input: { questions: ["Le médecin traitant a-t-il été informé ?"] }) { id version } }`,
    { r: ids.report },
  );
  ids.feedback = feedback.createBinomeFeedback.id;
  const sent = await ok(
    'binome',
    `mutation ($id: ID!, $v: Int!) { sendBinomeFeedback(id: $id, version: $v) { version } }`,
    { id: ids.feedback, v: feedback.createBinomeFeedback.version },
  );
  const [debate] = (await t.sql(
    `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, signing_secret)
     VALUES ($1, $2, now(), 120, 'Poitiers', decode(md5('k') || md5('l'), 'hex')) RETURNING id`,
    [sstpc, groupId],
  )) as [{ id: string }];
  await ok(
    'relay',
    `mutation ($id: ID!, $v: Int!, $m: ID!) { respondToBinomeFeedback(id: $id, version: $v, meetingId: $m, response: "Oui, par courrier remis au salarié.") { id } }`,
    { id: ids.feedback, v: sent.sendBinomeFeedback.version, m: debate.id },
  );

  token.federation = (await t.login(DEMO.federation)).accessToken;
  token.admin = (await t.login(DEMO.adminSstpc)).accessToken;
  token.outsider = (await t.login(outsider.email)).accessToken;
  token.otherBinome = (await t.login(DEMO.binomeArapt)).accessToken;
});
afterAll(() => t.close());

const READ_ALL = `query ($past: ID!, $later: ID!, $c: ID!, $r: ID!, $f: ID!, $g: ID!) {
  raisedAt: Meeting(id: $past) { agenda { newQuestions { question answer } } }
  answeredAt: Meeting(id: $later) { agenda { openQuestions { question answer } binomeFeedback { questions } } }
  ClinicalCase(id: $c) { confidential title clinicalDiagnosis }
  MeetingReport(id: $r) { confidential groupAnswers editions { groupAnswers } pdfUrl cases { title } }
  BinomeFeedback(id: $f) { confidential questions remarks response }
  groupClinicalCases(groupId: $g) { title }
  groupMeetingReports(groupId: $g) { groupAnswers }
  groupBinomeFeedback(groupId: $g) { questions response }
}`;

describe('content confidentiality', () => {
  it('the group and its binôme read the content (so the test below can fail)', async () => {
    const group = await gql('relay', `query ($r: ID!) { MeetingReport(id: $r) { groupAnswers } }`, {
      r: ids.report,
    });
    expect(group.data!.MeetingReport.groupAnswers).toBe('Éviction partielle, masque FFP2.');
    const binome = await gql(
      'binome',
      `query ($f: ID!) { BinomeFeedback(id: $f) { questions response } }`,
      { f: ids.feedback },
    );
    expect(binome.data!.BinomeFeedback).toEqual({
      questions: ['Le médecin traitant a-t-il été informé ?'],
      response: 'Oui, par courrier remis au salarié.',
    });
  });

  it.each(['federation', 'admin', 'outsider', 'otherBinome'])(
    '%s gets no content text by any query',
    async (who) => {
      const result = await gql(who, READ_ALL, {
        past: ids.past,
        later: ids.later,
        c: ids.case,
        r: ids.report,
        f: ids.feedback,
        g: groupId,
      });
      expect(errorCodes(result).filter((code) => code !== 'FORBIDDEN')).toEqual([]);
      const texts = [
        'Quel délai',
        'Huit jours',
        'Asthme',
        'farine',
        'Éviction',
        'médecin traitant',
        'courrier remis',
      ];
      const body = JSON.stringify(result.data);
      for (const text of texts)
        expect({ who, text, found: body.includes(text) }).toMatchObject({
          found: false,
        });
      // Administrators see that the content exists, and that it is confidential.
      if (who === 'federation' || who === 'admin') {
        expect(result.data!.MeetingReport).toMatchObject({
          confidential: true,
          groupAnswers: null,
        });
        expect(result.data!.ClinicalCase).toMatchObject({ confidential: true, title: null });
        expect(result.data!.BinomeFeedback).toMatchObject({ confidential: true, questions: null });
        expect(result.data!.MeetingReport.pdfUrl).toBeNull();
      } else {
        expect(result.data!.MeetingReport).toBeNull();
        expect(result.data!.ClinicalCase).toBeNull();
        expect(result.data!.BinomeFeedback).toBeNull();
      }
    },
  );

  it.each([
    ['a federation admin', () => ({ scope: 'federation' })],
    [
      'the society admin',
      () => ({ scope: 'user', admin_society_ids: `{${sstpc}}`, society_ids: `{${sstpc}}` }),
    ],
    [
      'a member of another group',
      () => ({ scope: 'user', user_id: outsider.userId, group_ids: `{${otherGroupId}}` }),
    ],
    [
      'the binôme of another group',
      () => ({ scope: 'user', binome_group_ids: `{${otherGroupId}}` }),
    ],
    ['system work', () => ({ scope: 'system' })],
  ])('as the application role, %s reads no row of the content tables', async (_who, settings) => {
    const client = await t.appRoleClient();
    try {
      await client.query('BEGIN');
      for (const [name, value] of Object.entries(settings() as Record<string, string>)) {
        await client.query(`SELECT set_config($1, $2, true)`, [`app.${name}`, value]);
      }
      const counts: Record<string, number> = {};
      for (const table of CONTENT_TABLES) {
        counts[table] = (await client.query(`SELECT * FROM ${table}`)).rowCount ?? -1;
      }
      expect(counts).toEqual(Object.fromEntries(CONTENT_TABLES.map((table) => [table, 0])));
      // The group's own settings do see them: the policies, not an empty table, answer above.
      await client.query(
        `SELECT set_config('app.scope', 'user', true), set_config('app.group_ids', $1, true)`,
        [`{${groupId}}`],
      );
      for (const table of CONTENT_TABLES) {
        expect((await client.query(`SELECT * FROM ${table}`)).rowCount).toBeGreaterThan(0);
      }
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
