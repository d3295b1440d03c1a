import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import { pdfText } from './support/pdf-text';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/**
 * Meeting reports: the secretary drafts; submitted once the sheet is closed; attendees (from the
 * signed sheet) amend and approve; validated and frozen when the group's rule is met; a later
 * change is a new edition and the old one is kept. Concurrent edits end in one CONFLICT with what
 * changed. The text is the group's and, once validated, its binôme's; nobody else reads it.
 */
let t: TestApp;
let sstpc: string;
let groupId: string;
let otherGroupId: string;
let people: FixtureMember[];
let outsider: FixtureMember;
let meetingId: string;
const token: Record<string, string> = {};

const FIELDS = `id version status edition textVersion validatedEdition validationRule confidential
  casesDiscussed problemsIdentified groupAnswers agreementPoints disagreementPoints readTextVersion
  mayAmend mayApprove draftedByMemberId
  attendees { memberId approvedAt name member { id } } editions { edition textVersion groupAnswers }
  references { id citation } improvementActions { id description status }`;

const TEXT = {
  casesDiscussed: 'Deux cas : lombalgie d’un cariste ; asthme d’un boulanger.',
  problemsIdentified: 'Maintien en emploi après arrêt long ; traçabilité des expositions.',
  groupAnswers: 'Visite de pré-reprise systématique ; fiche d’entreprise à actualiser.',
  agreementPoints: 'Intérêt de l’étude de poste avant la reprise.',
  disagreementPoints: 'Place du temps partiel thérapeutique : deux avis divergents.',
};

const gql = (who: string, query: string, variables: Record<string, unknown> = {}) =>
  t.gql(query, variables, { token: token[who] });

const read = (who: string, id: string) =>
  gql(who, `query ($id: ID!) { MeetingReport(id: $id) { ${FIELDS} } }`, { id });

const update = (who: string, id: string, version: number, input: Record<string, unknown>) =>
  gql(
    who,
    `mutation ($id: ID!, $v: Int!, $i: MeetingReportInput!) {
       updateMeetingReport(id: $id, version: $v, input: $i) { ${FIELDS} } }`,
    { id, v: version, i: input },
  );

const approve = (who: string, id: string, version: number) =>
  gql(
    who,
    `mutation ($id: ID!, $v: Int!) { approveMeetingReport(id: $id, version: $v) { ${FIELDS} } }`,
    { id, v: version },
  );

async function insertMeeting(group: string, hoursAgo: number): Promise<string> {
  const [row] = (await t.sql(
    `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, status, signing_secret)
     VALUES ($1, $2, now() - make_interval(hours => $3), 150, 'Poitiers', 'HELD',
             decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
     RETURNING id`,
    [sstpc, group, hoursAgo],
  )) as [{ id: string }];
  return row.id;
}

async function sign(meeting: string, member: FixtureMember): Promise<void> {
  await t.sql(
    `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at)
     SELECT $1, $2, $3, 'SIGNED', 'QR', starts_at + interval '5 minutes' FROM meeting WHERE id = $2`,
    [sstpc, meeting, member.memberId],
  );
}

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  people = await insertMembers(t, { society: 'SSTPC', count: 5, label: 'reports' });
  outsider = (await insertMembers(t, { society: 'SSTPC', count: 1, label: 'outsider' }))[0]!;
  groupId = await insertActiveGroup(t, sstpc, 'Groupe des comptes-rendus', people);
  otherGroupId = await insertActiveGroup(t, sstpc, 'Groupe voisin', [outsider]);
  meetingId = await insertMeeting(groupId, 3);
  await t.sql(
    `INSERT INTO meeting_role (society_id, meeting_id, member_id, role) VALUES ($1, $2, $3, 'SECRETARY')`,
    [sstpc, meetingId, people[1]!.memberId],
  );
  // people[0..3] attend; people[4] does not.
  for (const member of people.slice(0, 4)) await sign(meetingId, member);
  for (const [index, member] of people.entries()) {
    token[`p${index}`] = (await t.login(member.email)).accessToken;
  }
  token.outsider = (await t.login(outsider!.email)).accessToken;
  token.admin = (await t.login(DEMO.adminSstpc)).accessToken;
  token.federation = (await t.login(DEMO.federation)).accessToken;
  token.binome = (await t.login(DEMO.binomeAsmt)).accessToken;
  token.otherBinome = (await t.login(DEMO.binomeArapt)).accessToken;
  const [binome] = await t.sql(`SELECT id FROM user_account WHERE email = $1`, [DEMO.binomeAsmt]);
  await t.sql(`INSERT INTO binome_assignment (society_id, group_id, user_id) VALUES ($1, $2, $3)`, [
    sstpc,
    groupId,
    binome!.id,
  ]);
});
afterAll(() => t.close());

describe('a meeting report, from the secretary’s draft to a validated, frozen text', () => {
  let reportId: string;
  let version: number;

  it('is drafted by the meeting’s secretary only, and passes the pseudonymisation guard', async () => {
    const create = (who: string, input: Record<string, unknown>) =>
      gql(
        who,
        `mutation ($m: ID!, $i: MeetingReportInput!) { createMeetingReport(meetingId: $m, input: $i) { ${FIELDS} } }`,
        { m: meetingId, i: input },
      );
    expect(errorCodes(await create('p2', TEXT))).toEqual(['FORBIDDEN']);
    // Another group's member does not even learn that the meeting exists.
    expect(errorCodes(await create('outsider', TEXT))).toEqual(['NOT_FOUND']);
    const blocked = await create('p1', {
      ...TEXT,
      problemsIdentified: 'Mme Martin, NIR 1 84 12 75 123 456 74, en arrêt.',
    });
    expect(errorCodes(blocked)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(blocked.errors)).not.toContain('123 456');
    const [{ n }] = (await t.sql(
      `SELECT count(*)::int AS n FROM meeting_report_text WHERE group_id = $1`,
      [groupId],
    )) as [{ n: number }];
    expect(n).toBe(0);

    const created = await create('p1', TEXT);
    expect(created.errors).toBeUndefined();
    const report = created.data!.createMeetingReport;
    expect(report).toMatchObject({
      ...TEXT,
      status: 'DRAFT',
      edition: 1,
      confidential: false,
      mayAmend: true,
      mayApprove: false,
      draftedByMemberId: people[1]!.memberId,
    });
    // The attendance list comes from the signed sheet: four attendees, not the absent member.
    expect(report.attendees.map((row: { memberId: string }) => row.memberId).sort()).toEqual(
      people
        .slice(0, 4)
        .map((member) => member.memberId)
        .sort(),
    );
    reportId = report.id;
    version = report.version;

    const again = await create('p1', TEXT);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
  });

  it('is edited by its secretary alone while a draft', async () => {
    expect(errorCodes(await update('p2', reportId, version, TEXT))).toEqual(['FORBIDDEN']);
    const edited = await update('p1', reportId, version, {
      ...TEXT,
      groupAnswers: `${TEXT.groupAnswers} Relire le référentiel HAS.`,
    });
    expect(edited.errors).toBeUndefined();
    version = edited.data!.updateMeetingReport.version;
    expect(edited.data!.updateMeetingReport.textVersion).toBe(version);
  });

  it('is submitted for review only once the sheet is closed, and the attendees are told', async () => {
    const submit = (who: string) =>
      gql(
        who,
        `mutation ($id: ID!, $v: Int!) { submitMeetingReportForReview(id: $id, version: $v) { ${FIELDS} } }`,
        { id: reportId, v: version },
      );
    const early = await submit('p1');
    expect(errorCodes(early)).toEqual(['CONFLICT']);
    expect(early.errors![0]!.message).toContain('feuille d’émargement');
    await t.sql(`UPDATE meeting SET sheet_closed_at = now() WHERE id = $1`, [meetingId]);
    expect(errorCodes(await submit('p2'))).toEqual(['FORBIDDEN']);
    const before = (await t.outbox()).length;
    const submitted = await submit('p1');
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitMeetingReportForReview.status).toBe('SUBMITTED_FOR_REVIEW');
    version = submitted.data!.submitMeetingReportForReview.version;
    const mails = (await t.outbox()).slice(before);
    // The three other attendees, not the absent member, not the secretary who submitted.
    expect(mails.map((mail) => mail.to).sort()).toEqual(
      [people[0]!, people[2]!, people[3]!].map((member) => member.email).sort(),
    );
    expect(mails[0]!.subject).toContain('Compte-rendu à relire');
    // E-mails name the report, never its content.
    expect(JSON.stringify(mails)).not.toContain('cariste');
  });

  it('is amended by attendees only; two concurrent edits give one CONFLICT and lose no text', async () => {
    expect(errorCodes(await update('p4', reportId, version, TEXT))).toEqual(['FORBIDDEN']);
    const { data } = await read('p2', reportId);
    const base = Object.fromEntries(
      Object.keys(TEXT).map((key) => [key, data!.MeetingReport[key]]),
    );
    const mine: Record<string, string> = {
      ...base,
      agreementPoints: 'Accord sur l’étude de poste avant toute reprise.',
    };
    const theirs: Record<string, string> = {
      ...base,
      disagreementPoints: 'Divergence sur le temps partiel thérapeutique.',
    };
    const [first, second] = await Promise.all([
      update('p2', reportId, version, mine),
      update('p3', reportId, version, theirs),
    ]);
    const results = [first, second];
    const won = results.filter((result) => !result.errors);
    const lost = results.filter((result) => result.errors);
    expect(won).toHaveLength(1);
    expect(lost.map(errorCodes)).toEqual([['CONFLICT']]);
    const winner = won[0]!.data!.updateMeetingReport;
    const conflict = lost[0]!.errors![0]!.extensions as Record<string, any>;
    expect(conflict.currentVersion).toBe(winner.version);
    // What changed, with its text now: the loser can merge.
    const winnerText = winner.agreementPoints === mine.agreementPoints ? mine : theirs;
    const changed = winnerText === mine ? 'agreementPoints' : 'disagreementPoints';
    expect(conflict.changedSections).toEqual([changed]);
    expect(conflict.current[changed]).toBe(winnerText[changed]);

    // The loser resends its text merged with the winner's, at the current version.
    const merged = await update(winnerText === mine ? 'p3' : 'p2', reportId, winner.version, {
      ...base,
      agreementPoints: mine.agreementPoints,
      disagreementPoints: theirs.disagreementPoints,
    });
    expect(merged.errors).toBeUndefined();
    const report = merged.data!.updateMeetingReport;
    expect(report).toMatchObject({
      agreementPoints: mine.agreementPoints,
      disagreementPoints: theirs.disagreementPoints,
    });
    version = report.version;
    // Every saved revision is kept.
    const [{ n }] = (await t.sql(
      `SELECT count(*)::int AS n FROM meeting_report_text WHERE report_id = $1`,
      [reportId],
    )) as [{ n: number }];
    expect(n).toBe(4);
  });

  it('under review, refuses in the database a forged drafter, attendance list or validation', async () => {
    const asMember = (member: FixtureMember) => ({
      scope: 'user',
      user_id: member.userId,
      group_ids: `{${groupId}}`,
    });
    const forged: [FixtureMember, string, RegExp][] = [
      [
        people[2]!,
        `UPDATE meeting_report SET drafted_by_member_id = '${people[2]!.memberId}' WHERE id = $1`,
        /keeps its drafter/,
      ],
      [
        people[2]!,
        `UPDATE meeting_report SET attendance_list = '[]' WHERE id = $1`,
        /attendance list/,
      ],
      [
        people[1]!,
        `UPDATE meeting_report SET status = 'VALIDATED', validated_at = now(), validated_edition = 1 WHERE id = $1`,
        /group's rule/,
      ],
      [
        people[4]!,
        `INSERT INTO meeting_report_text (report_id, version, edition, society_id, group_id, written_by_member_id)
         SELECT id, version, edition, society_id, group_id, '${people[4]!.memberId}' FROM meeting_report WHERE id = $1`,
        /row-level security/,
      ],
    ];
    for (const [member, statement, error] of forged) {
      await t.asAppRole(asMember(member), async (query) => {
        await expect(query(statement, [reportId])).rejects.toThrow(error);
      });
    }
  });

  it('is approved by attendees; an amendment restarts the approvals; the rule validates it', async () => {
    expect(errorCodes(await approve('p4', reportId, version))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await approve('outsider', reportId, version))).toEqual(['NOT_FOUND']);
    const stale = await approve('p0', reportId, version - 1);
    expect(errorCodes(stale)).toEqual(['CONFLICT']);

    const firstApproval = await approve('p0', reportId, version);
    expect(firstApproval.errors).toBeUndefined();
    expect(firstApproval.data!.approveMeetingReport.status).toBe('SUBMITTED_FOR_REVIEW');
    expect(errorCodes(await approve('p0', reportId, version))).toEqual(['CONFLICT']);

    // An amendment makes a new revision: approvals of the old one no longer count.
    const amended = await update('p2', reportId, version, {
      ...TEXT,
      casesDiscussed: `${TEXT.casesDiscussed} Un troisième cas reporté.`,
    });
    expect(amended.errors).toBeUndefined();
    version = amended.data!.updateMeetingReport.version;
    expect(
      amended.data!.updateMeetingReport.attendees.every(
        (row: { approvedAt: string | null }) => row.approvedAt === null,
      ),
    ).toBe(true);

    for (const who of ['p0', 'p1', 'p2']) {
      const result = await approve(who, reportId, version);
      expect(result.errors).toBeUndefined();
      expect(result.data!.approveMeetingReport.status).toBe('SUBMITTED_FOR_REVIEW');
    }
    const before = (await t.outbox()).length;
    const last = await approve('p3', reportId, version);
    expect(last.errors).toBeUndefined();
    const validated = last.data!.approveMeetingReport;
    expect(validated).toMatchObject({ status: 'VALIDATED', validatedEdition: 1 });
    version = validated.version;
    const mails = (await t.outbox()).slice(before);
    const binomeMail = mails.find((mail) => mail.to === DEMO.binomeAsmt);
    expect(binomeMail?.subject).toContain('Compte-rendu validé');
    expect(mails.map((mail) => mail.to)).toContain(people[4]!.email);
  });

  it('is frozen once validated, in the API and in the database', async () => {
    const refused = await update('p1', reportId, version, TEXT);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors![0]!.message).toContain('figé');
    // What it cites stays as cited: a correction is a new reference.
    const cited = await gql(
      'p1',
      `mutation ($g: ID!) { createReference(groupId: $g, input: { kind: REGULATORY, citation: "Code du travail, art. L4624-2-2" }) { id version } }`,
      { g: groupId },
    );
    const reference = cited.data!.createReference;
    await t.sql(
      `INSERT INTO reference_link (reference_id, society_id, group_id, report_id) VALUES ($1, $2, $3, $4)`,
      [reference.id, sstpc, groupId, reportId],
    );
    const rewritten = await gql(
      'p1',
      `mutation ($id: ID!, $v: Int!) { updateReference(id: $id, version: $v, input: { kind: REGULATORY, citation: "Autre chose" }) { id } }`,
      { id: reference.id, v: reference.version },
    );
    expect(errorCodes(rewritten)).toEqual(['CONFLICT']);
    expect(rewritten.errors![0]!.message).toContain('citée par un travail figé');
    await t.asAppRole(
      { scope: 'user', user_id: people[1]!.userId, group_ids: `{${groupId}}` },
      async (query) => {
        await expect(
          query(`UPDATE meeting_report_text SET group_answers = 'réécrit' WHERE report_id = $1`, [
            reportId,
          ]),
        ).rejects.toThrow(/never rewritten/);
      },
    );
    await t.asAppRole(
      { scope: 'user', user_id: people[1]!.userId, group_ids: `{${groupId}}` },
      async (query) => {
        await expect(
          query(`UPDATE meeting_report SET status = 'DRAFT' WHERE id = $1`, [reportId]),
        ).rejects.toThrow(/frozen/);
      },
    );
  });

  it('is read by its binôme once validated; administrators and others see metadata only', async () => {
    const binome = (await read('binome', reportId)).data!.MeetingReport;
    expect(binome).toMatchObject({ confidential: false, groupAnswers: expect.any(String) });
    // The attendance list with names, not the members' profiles.
    expect(binome.attendees).toHaveLength(4);
    for (const attendee of binome.attendees) {
      expect(attendee).toMatchObject({ name: expect.stringContaining('reports'), member: null });
    }
    for (const who of ['admin', 'federation']) {
      const seen = await read(who, reportId);
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.MeetingReport).toMatchObject({
        status: 'VALIDATED',
        confidential: true,
        groupAnswers: null,
        casesDiscussed: null,
        editions: [],
      });
    }
    for (const who of ['outsider', 'otherBinome']) {
      expect((await read(who, reportId)).data!.MeetingReport).toBeNull();
    }
    // Its PDF: a link for those who read the text, read with their own rights.
    const pdf = `query ($id: ID!) { MeetingReport(id: $id) { pdfUrl } }`;
    expect((await gql('admin', pdf, { id: reportId })).data!.MeetingReport.pdfUrl).toBeNull();
    const { pdfUrl } = (await gql('binome', pdf, { id: reportId })).data!.MeetingReport;
    const response = await fetch(pdfUrl.replace('http://portal.test', t.url));
    expect(response.status).toBe(200);
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain('Compte-rendu de la réunion du');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Un troisième cas reporté.');
    // The attendance list, from the signed sheet, with names and approvals.
    expect(flat).toContain(people[3]!.name);
    expect(flat).not.toContain(people[4]!.name);
    // The binôme's assignment ends: the same link now serves nothing.
    await t.sql(`UPDATE binome_assignment SET ended_at = now() WHERE group_id = $1`, [groupId]);
    expect((await fetch(pdfUrl.replace('http://portal.test', t.url))).status).toBe(404);
    await t.sql(`UPDATE binome_assignment SET ended_at = NULL WHERE group_id = $1`, [groupId]);
    // The database itself: no text row under an administrator's, another member's or another
    // binôme's settings.
    const settings: Record<string, string>[] = [
      { scope: 'federation', user_id: (await t.login(DEMO.federation)).userId },
      { scope: 'user', user_id: outsider.userId, group_ids: `{${otherGroupId}}` },
      { scope: 'user', admin_society_ids: `{${sstpc}}`, society_ids: `{${sstpc}}` },
      { scope: 'system' },
      { scope: 'user', binome_group_ids: `{${otherGroupId}}` },
    ];
    for (const setting of settings) {
      await t.asAppRole(setting, async (query) => {
        const { rowCount } = await query(`SELECT * FROM meeting_report_text`);
        expect(rowCount).toBe(0);
      });
    }
  });

  it('changes only as a new edition, keeping the validated one for the binôme', async () => {
    const reopen = (who: string) =>
      gql(
        who,
        `mutation ($id: ID!, $v: Int!) { reopenMeetingReport(id: $id, version: $v) { ${FIELDS} } }`,
        { id: reportId, v: version },
      );
    expect(errorCodes(await reopen('p4'))).toEqual(['FORBIDDEN']);
    const reopened = await reopen('p2');
    expect(reopened.errors).toBeUndefined();
    const draft = reopened.data!.reopenMeetingReport;
    expect(draft).toMatchObject({
      status: 'DRAFT',
      edition: 2,
      validatedEdition: 1,
      draftedByMemberId: people[2]!.memberId,
    });
    const edited = await update('p2', reportId, draft.version, {
      ...TEXT,
      groupAnswers: 'Réponse corrigée après relecture du référentiel.',
    });
    expect(edited.errors).toBeUndefined();
    const group = (await read('p0', reportId)).data!.MeetingReport;
    expect(group.groupAnswers).toBe('Réponse corrigée après relecture du référentiel.');
    expect(group.editions).toHaveLength(1);
    expect(group.editions[0].groupAnswers).not.toBe(group.groupAnswers);
    // The binôme still reads the validated edition, not the new draft.
    const binome = (await read('binome', reportId)).data!.MeetingReport;
    expect(binome.groupAnswers).toBe(group.editions[0].groupAnswers);
    expect(binome.readTextVersion).toBe(group.editions[0].textVersion);
  });
});

describe('references and improvement actions', () => {
  let reportId: string;
  let referenceId: string;

  beforeAll(async () => {
    const meeting = await insertMeeting(groupId, 30);
    await t.sql(
      `INSERT INTO meeting_role (society_id, meeting_id, member_id, role) VALUES ($1, $2, $3, 'SECRETARY')`,
      [sstpc, meeting, people[3]!.memberId],
    );
    const created = await gql(
      'p3',
      `mutation ($m: ID!) { createMeetingReport(meetingId: $m, input: {}) { id } }`,
      { m: meeting },
    );
    expect(created.errors).toBeUndefined();
    reportId = created.data!.createMeetingReport.id;
  });

  it('keeps a group library: typed, reused by DOI, attached to a report', async () => {
    const add = (who: string, input: Record<string, unknown>) =>
      gql(
        who,
        `mutation ($g: ID!, $i: ReferenceInput!) { createReference(groupId: $g, input: $i) { id kind citation doi year } }`,
        { g: groupId, i: input },
      );
    const added = await add('p0', {
      kind: 'PRACTICE_GUIDELINE',
      citation: 'HAS. Santé et maintien en emploi : prévention de la désinsertion professionnelle.',
      year: 2019,
      doi: 'https://doi.org/10.1000/has-2019-mde',
    });
    expect(added.errors).toBeUndefined();
    expect(added.data!.createReference.doi).toBe('10.1000/has-2019-mde');
    referenceId = added.data!.createReference.id;
    const twice = await add('p2', {
      kind: 'SCIENTIFIC',
      citation: 'La même, retapée',
      doi: '10.1000/HAS-2019-MDE',
    });
    expect(errorCodes(twice)).toEqual(['CONFLICT']);
    expect(twice.errors![0]!.extensions!.referenceId).toBe(referenceId);
    expect(errorCodes(await add('p0', { kind: 'SCIENTIFIC', citation: 'x', doi: 'abc' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      errorCodes(await add('outsider', { kind: 'REGULATORY', citation: 'Code du travail' })),
    ).toEqual(['NOT_FOUND']);

    // Only the secretary may attach it while the report is a draft.
    const attach = (who: string) =>
      update(who, reportId, 1, { ...TEXT, referenceIds: [referenceId] });
    expect(errorCodes(await attach('p0'))).toEqual(['FORBIDDEN']);
    const attached = await attach('p3');
    expect(attached.errors).toBeUndefined();
    expect(attached.data!.updateMeetingReport.references).toEqual([
      { id: referenceId, citation: expect.stringContaining('HAS') },
    ]);
    // Another group's report cannot use this group's reference.
    const [{ id: otherMeeting }] = (await t.sql(`SELECT $1::uuid AS id`, [
      await insertMeeting(otherGroupId, 2),
    ])) as [{ id: string }];
    const foreign = await gql(
      'outsider',
      `mutation ($m: ID!, $r: [ID!]) { createMeetingReport(meetingId: $m, input: { referenceIds: $r }) { id } }`,
      { m: otherMeeting, r: [referenceId] },
    );
    expect(errorCodes(foreign)).toEqual(['BAD_USER_INPUT']);
  });

  it('records actions with an owner, a follow-up and indicator values over time', async () => {
    const create = (who: string, input: Record<string, unknown>) =>
      gql(
        who,
        `mutation ($r: ID!, $i: ImprovementActionInput!) { createImprovementAction(reportId: $r, input: $i) {
           id version status description dueOn indicatorLabel owner { id } } }`,
        { r: reportId, i: input },
      );
    const blocked = await create('p1', { description: 'Rappeler M. Dupont au 06 12 34 56 78' });
    expect(errorCodes(blocked)).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(await create('p1', { description: 'Action', ownerMemberId: outsider.memberId })),
    ).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await create('outsider', { description: 'Intrusion' }))).toEqual([
      'NOT_FOUND',
    ]);
    const created = await create('p1', {
      description: 'Proposer une visite de pré-reprise à chaque arrêt de plus de 30 jours.',
      ownerMemberId: people[2]!.memberId,
      followUp: 'Point à chaque réunion',
      dueOn: '2027-06-30',
      indicatorLabel: 'Part des arrêts longs avec visite de pré-reprise',
      indicatorUnit: '%',
    });
    expect(created.errors).toBeUndefined();
    const action = created.data!.createImprovementAction;
    expect(action).toMatchObject({ status: 'PROPOSED', owner: { id: people[2]!.memberId } });

    for (const [day, value] of [
      ['2026-09-01', 35],
      ['2026-11-01', 52.5],
    ] as const) {
      const recorded = await gql(
        'p2',
        `mutation ($a: ID!, $i: IndicatorValueInput!) { recordIndicatorValue(actionId: $a, input: $i) { id } }`,
        { a: action.id, i: { measuredOn: day, value } },
      );
      expect(recorded.errors).toBeUndefined();
    }
    const progressed = await gql(
      'p2',
      `mutation ($id: ID!, $v: Int!, $i: ImprovementActionInput!) { updateImprovementAction(id: $id, version: $v, input: $i) {
         status version indicatorValues { measuredOn value } } }`,
      {
        id: action.id,
        v: action.version,
        i: {
          description: action.description,
          status: 'IN_PROGRESS',
          indicatorLabel: 'Part',
          dueOn: '2027-06-30',
        },
      },
    );
    expect(progressed.errors).toBeUndefined();
    expect(progressed.data!.updateImprovementAction).toMatchObject({
      status: 'IN_PROGRESS',
      indicatorValues: [
        { measuredOn: '2026-09-01', value: 35 },
        { measuredOn: '2026-11-01', value: 52.5 },
      ],
    });

    const list = `query ($g: ID!) { groupImprovementActions(groupId: $g) { id status } }`;
    // Administrators of the society follow actions (the annual summary shows them); other groups do not.
    expect((await gql('admin', list, { g: groupId })).data!.groupImprovementActions).toHaveLength(
      1,
    );
    expect((await gql('outsider', list, { g: groupId })).data!.groupImprovementActions).toEqual([]);
  });
});

describe('a group’s reports through DataLoader', () => {
  const LIST = `query ($g: ID!) { groupMeetingReports(groupId: $g) {
    id status groupAnswers attendees { name approvedAt } references { id } cases { id }
    improvementActions { id indicatorValues { value } } binomeFeedback { id } loopStatus meeting { id } } }`;

  async function statements(): Promise<{ reports: number; statements: number }> {
    const response = await gql('p0', LIST, { g: groupId });
    expect(response.errors).toBeUndefined();
    return {
      reports: response.data!.groupMeetingReports.length,
      statements: Number(response.headers.get('x-sql-statements')),
    };
  }

  it('reads 6 more reports, their texts, attendees and relations in the same number of statements', async () => {
    const before = await statements();
    for (let index = 0; index < 6; index += 1) {
      const meeting = await insertMeeting(groupId, 100 + index);
      await sign(meeting, people[0]!);
      await sign(meeting, people[2]!);
      const [{ id }] = (await t.sql(
        `INSERT INTO meeting_report (society_id, group_id, meeting_id, drafted_by_member_id, last_written_by_member_id)
         VALUES ($1, $2, $3, $4, $4) RETURNING id`,
        [sstpc, groupId, meeting, people[0]!.memberId],
      )) as [{ id: string }];
      await t.sql(
        `INSERT INTO meeting_report_text (report_id, version, edition, society_id, group_id, written_by_member_id, group_answers)
         VALUES ($1, 1, 1, $2, $3, $4, 'Réponse chargée.')`,
        [id, sstpc, groupId, people[0]!.memberId],
      );
    }
    const after = await statements();
    expect(after.reports).toBe(before.reports + 6);
    expect(after.statements).toBe(before.statements);
  });
});
