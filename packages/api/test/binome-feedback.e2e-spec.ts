import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/**
 * The binôme loop, end to end: a validated report enters the queue of the group's two
 * correspondents; one writes questions (never a judgement), the other co-signs, it is sent; the
 * group reads it, debates it at a later meeting (agenda) and records its response. Statuses show
 * where each item is; e-mails go out at each step, naming things, never quoting them.
 */
let t: TestApp;
let sstpc: string;
let groupId: string;
let people: FixtureMember[];
let meetingId: string;
let laterMeetingId: string;
let reportId: string;
const token: Record<string, string> = {};

const gql = (who: string, query: string, variables: Record<string, unknown> = {}) =>
  t.gql(query, variables, { token: token[who] });

const FEEDBACK = `id version status reportId caseId confidential questions remarks response
  cosignedBy { email } author { email } respondedBy { id }`;

const QUEUE = `query ($w: Boolean) { binomeQueue(waitingOnly: $w) {
  kind id groupId reportId caseId ageDays loopStatus group { name } feedback { id status } } }`;

async function insertMeeting(hoursAgo: number): Promise<string> {
  const [row] = (await t.sql(
    `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, status, signing_secret)
     VALUES ($1, $2, now() - make_interval(hours => $3), 150, 'Niort', CASE WHEN $3 > 0 THEN 'HELD' ELSE 'PLANNED' END,
             decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
     RETURNING id`,
    [sstpc, groupId, hoursAgo],
  )) as [{ id: string }];
  return row.id;
}

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  people = await insertMembers(t, { society: 'SSTPC', count: 3, label: 'loop' });
  groupId = await insertActiveGroup(t, sstpc, 'Groupe de la boucle', people);
  meetingId = await insertMeeting(24 * 40);
  await t.sql(
    `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at)
     SELECT $1, $2, $3, 'SIGNED', 'QR', starts_at + interval '5 minutes' FROM meeting WHERE id = $2`,
    [sstpc, meetingId, people[0]!.memberId],
  );
  await t.sql(`UPDATE meeting SET sheet_closed_at = now() WHERE id = $1`, [meetingId]);
  for (const [index, member] of people.entries()) {
    token[`p${index}`] = (await t.login(member.email)).accessToken;
  }
  token.admin = (await t.login(DEMO.adminSstpc)).accessToken;
  token.binome = (await t.login(DEMO.binomeAsmt)).accessToken;
  token.cosigner = (await t.login(DEMO.binomeArapt)).accessToken;
  const binomes = (await t.sql(
    `SELECT id FROM user_account WHERE email = ANY ($1) ORDER BY email`,
    [[DEMO.binomeAsmt, DEMO.binomeArapt]],
  )) as { id: string }[];
  for (const binome of binomes) {
    await t.sql(
      `INSERT INTO binome_assignment (society_id, group_id, user_id) VALUES ($1, $2, $3)`,
      [sstpc, groupId, binome.id],
    );
  }
  // A relay person who attended, alone: the report is validated at its approval.
  const created = await gql(
    'p0',
    `mutation ($m: ID!) { createMeetingReport(meetingId: $m, input: { groupAnswers: "Étude de poste avant la reprise." }) { id version } }`,
    { m: meetingId },
  );
  reportId = created.data!.createMeetingReport.id;
  const submitted = await gql(
    'p0',
    `mutation ($id: ID!, $v: Int!) { submitMeetingReportForReview(id: $id, version: $v) { version } }`,
    { id: reportId, v: created.data!.createMeetingReport.version },
  );
  const approved = await gql(
    'p0',
    `mutation ($id: ID!, $v: Int!) { approveMeetingReport(id: $id, version: $v) { status } }`,
    { id: reportId, v: submitted.data!.submitMeetingReportForReview.version },
  );
  expect(approved.data!.approveMeetingReport.status).toBe('VALIDATED');
});
afterAll(() => t.close());

describe('the binôme loop', () => {
  let feedbackId: string;
  let version: number;

  it('puts the validated report in the queue of the group’s binôme, waiting', async () => {
    const queue = (await gql('binome', QUEUE)).data!.binomeQueue;
    const item = queue.find((row: { reportId: string }) => row.reportId === reportId);
    expect(item).toMatchObject({
      kind: 'REPORT',
      groupId,
      loopStatus: 'WAITING_FOR_BINOME',
      ageDays: 0,
      group: { name: 'Groupe de la boucle' },
      feedback: [],
    });
    // The administrators see the same item (metadata), with its age, among those waiting.
    const waiting = (await gql('admin', QUEUE, { w: true })).data!.binomeQueue;
    expect(waiting.map((row: { reportId: string }) => row.reportId)).toContain(reportId);
  });

  it('takes questions, not judgements, and nothing identifying', async () => {
    const create = (who: string, questions: string[], remarks = '') =>
      gql(
        who,
        `mutation ($r: ID!, $i: BinomeFeedbackInput!) { createBinomeFeedback(reportId: $r, input: $i) { ${FEEDBACK} } }`,
        { r: reportId, i: { questions, remarks } },
      );
    expect(errorCodes(await create('p1', ['Une question ?']))).toEqual(['FORBIDDEN']);
    const judgement = await create('binome', ['Le groupe aurait dû demander une étude de poste.']);
    expect(errorCodes(judgement)).toEqual(['BAD_USER_INPUT']);
    expect(judgement.errors![0]!.message).toContain('il ne juge pas');
    const named = await create('binome', ['Avez-vous revu M. Dupont depuis ?']);
    expect(errorCodes(named)).toEqual(['BAD_USER_INPUT']);
    const [{ n }] = (await t.sql(
      `SELECT count(*)::int AS n FROM binome_feedback WHERE group_id = $1`,
      [groupId],
    )) as [{ n: number }];
    expect(n).toBe(0);

    const created = await create(
      'binome',
      [
        'Quels éléments de l’étude de poste ont orienté la décision ?',
        'Le médecin traitant a-t-il été associé à la reprise ?',
      ],
      'La divergence sur le temps partiel thérapeutique mériterait une référence.',
    );
    expect(created.errors).toBeUndefined();
    const feedback = created.data!.createBinomeFeedback;
    expect(feedback).toMatchObject({ status: 'DRAFT', confidential: false });
    expect(feedback.questions).toHaveLength(2);
    feedbackId = feedback.id;
    version = feedback.version;

    // The group does not see a draft.
    const list = `query ($g: ID!) { groupBinomeFeedback(groupId: $g) { id } }`;
    expect((await gql('p1', list, { g: groupId })).data!.groupBinomeFeedback).toEqual([]);
  });

  it('is co-signed by the other correspondent only', async () => {
    const cosign = (who: string) =>
      gql(
        who,
        `mutation ($id: ID!, $v: Int!) { cosignBinomeFeedback(id: $id, version: $v) { ${FEEDBACK} } }`,
        { id: feedbackId, v: version },
      );
    expect(errorCodes(await cosign('binome'))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await cosign('p0'))).toEqual(['NOT_FOUND']);
    const cosigned = await cosign('cosigner');
    expect(cosigned.errors).toBeUndefined();
    expect(cosigned.data!.cosignBinomeFeedback.cosignedBy).toEqual({ email: DEMO.binomeArapt });
    version = cosigned.data!.cosignBinomeFeedback.version;

    // The co-signer does not rewrite it; its author does, which withdraws the co-signature.
    const rewrite = (who: string, questions: string[]) =>
      gql(
        who,
        `mutation ($id: ID!, $v: Int!, $q: [String!]!) { updateBinomeFeedback(id: $id, version: $v, input: { questions: $q }) { ${FEEDBACK} } }`,
        { id: feedbackId, v: version, q: questions },
      );
    expect(errorCodes(await rewrite('cosigner', ['Autre question ?']))).toEqual(['FORBIDDEN']);
    const rewritten = await rewrite('binome', [
      'Quels éléments de l’étude de poste ont orienté la décision ?',
      'Le médecin traitant a-t-il été associé à la reprise ?',
      'Une mesure des vibrations est-elle prévue ?',
    ]);
    expect(rewritten.errors).toBeUndefined();
    expect(rewritten.data!.updateBinomeFeedback).toMatchObject({ cosignedBy: null });
    version = rewritten.data!.updateBinomeFeedback.version;
    const again = await cosign('cosigner');
    expect(again.errors).toBeUndefined();
    version = again.data!.cosignBinomeFeedback.version;
  });

  it('is sent: the group is told, reads it, finds it on its next agenda; the queue says so', async () => {
    const before = (await t.outbox()).length;
    const sent = await gql(
      'binome',
      `mutation ($id: ID!, $v: Int!) { sendBinomeFeedback(id: $id, version: $v) { id } }`,
      { id: feedbackId, v: version },
    );
    expect(sent.errors).toBeUndefined();
    // The group's next meeting, beginning now.
    laterMeetingId = await insertMeeting(0);
    const mails = (await t.outbox()).slice(before);
    expect(mails.map((mail) => mail.to).sort()).toEqual(
      people.map((member) => member.email).sort(),
    );
    expect(mails[0]!.subject).toContain('Retour de votre binôme');
    expect(JSON.stringify(mails)).not.toContain('étude de poste ont orienté');

    const read = await gql('p1', `query ($id: ID!) { BinomeFeedback(id: $id) { ${FEEDBACK} } }`, {
      id: feedbackId,
    });
    expect(read.data!.BinomeFeedback).toMatchObject({ status: 'SENT', confidential: false });
    version = (await t.sql(`SELECT version FROM binome_feedback WHERE id = $1`, [feedbackId]))[0]!
      .version;
    // Administrators: metadata, never the questions.
    const admin = await gql(
      'admin',
      `query ($id: ID!) { BinomeFeedback(id: $id) { ${FEEDBACK} } }`,
      {
        id: feedbackId,
      },
    );
    expect(admin.data!.BinomeFeedback).toMatchObject({
      status: 'SENT',
      confidential: true,
      questions: null,
      remarks: null,
    });
    const agenda = await gql(
      'p1',
      `query ($id: ID!) { Meeting(id: $id) { agenda { binomeFeedback { id status } } } }`,
      { id: laterMeetingId },
    );
    expect(agenda.data!.Meeting.agenda.binomeFeedback).toEqual([
      { id: feedbackId, status: 'SENT' },
    ]);
    const queue = (await gql('binome', QUEUE)).data!.binomeQueue;
    expect(queue.find((row: { reportId: string }) => row.reportId === reportId).loopStatus).toBe(
      'FEEDBACK_SENT',
    );
    // A sent feedback no longer changes.
    const rewrite = await gql(
      'binome',
      `mutation ($id: ID!, $v: Int!) { updateBinomeFeedback(id: $id, version: $v, input: { questions: ["Autre ?"] }) { id } }`,
      { id: feedbackId, v: version },
    );
    expect(errorCodes(rewrite)).toEqual(['FORBIDDEN']);
  });

  it('is discussed by the group at a meeting, its response recorded, the binôme told', async () => {
    const respond = (who: string, meeting: string) =>
      gql(
        who,
        `mutation ($id: ID!, $v: Int!, $m: ID!, $r: String!) {
           respondToBinomeFeedback(id: $id, version: $v, meetingId: $m, response: $r) { ${FEEDBACK} } }`,
        {
          id: feedbackId,
          v: version,
          m: meeting,
          r: 'Le groupe retient l’association systématique du médecin traitant.',
        },
      );
    expect(errorCodes(await respond('binome', laterMeetingId))).toEqual(['FORBIDDEN']);
    // Not at a meeting held before the feedback was sent.
    expect(errorCodes(await respond('p2', meetingId))).toEqual(['CONFLICT']);
    expect(errorCodes(await respond('admin', laterMeetingId))).toEqual(['FORBIDDEN']);
    const before = (await t.outbox()).length;
    const responded = await respond('p2', laterMeetingId);
    expect(responded.errors).toBeUndefined();
    expect(responded.data!.respondToBinomeFeedback).toMatchObject({
      status: 'DISCUSSED',
      response: 'Le groupe retient l’association systématique du médecin traitant.',
      respondedBy: { id: people[2]!.memberId },
    });
    const mails = (await t.outbox()).slice(before);
    expect(mails.map((mail) => mail.to).sort()).toEqual([DEMO.binomeArapt, DEMO.binomeAsmt].sort());
    const queue = (await gql('binome', QUEUE)).data!.binomeQueue;
    expect(queue.find((row: { reportId: string }) => row.reportId === reportId).loopStatus).toBe(
      'DISCUSSED',
    );
    const report = await gql('p1', `query ($id: ID!) { MeetingReport(id: $id) { loopStatus } }`, {
      id: reportId,
    });
    expect(report.data!.MeetingReport.loopStatus).toBe('DISCUSSED');
  });

  it('keeps the feedback text from everyone else, in the database too', async () => {
    const client = await t.appRoleClient();
    try {
      for (const settings of [
        { 'app.scope': 'federation' },
        { 'app.scope': 'user', 'app.admin_society_ids': `{${sstpc}}` },
        { 'app.scope': 'system' },
      ]) {
        await client.query('BEGIN');
        for (const [name, value] of Object.entries(settings)) {
          await client.query(`SELECT set_config($1, $2, true)`, [name, value]);
        }
        const text = await client.query(`SELECT * FROM binome_feedback_text`);
        const response = await client.query(`SELECT * FROM binome_feedback_response`);
        expect([text.rowCount, response.rowCount]).toEqual([0, 0]);
        await client.query('ROLLBACK');
      }
      // The group's own settings do read them: the policies answer above, not an empty table.
      await client.query('BEGIN');
      await client.query(
        `SELECT set_config('app.scope', 'user', true), set_config('app.group_ids', $1, true)`,
        [`{${groupId}}`],
      );
      const text = await client.query(`SELECT * FROM binome_feedback_text`);
      const response = await client.query(`SELECT * FROM binome_feedback_response`);
      expect([text.rowCount, response.rowCount]).toEqual([1, 1]);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
  });
});
