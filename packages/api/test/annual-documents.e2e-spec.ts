import JSZip from 'jszip';
import {
  insertActiveGroup,
  insertMembers,
  societyId,
  type FixtureMember,
} from './support/register-fixtures';
import { pdfText } from './support/pdf-text';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

/**
 * The annual documents of a group, against a fixture whose figures were computed by hand (see
 * EXPECTED): the summary in the API and in its PDF, the self-evaluation kept per year, the ZIP
 * archive for the group's members only.
 */
let t: TestApp;
let sstpc: string;
let groupId: string;
let a: FixtureMember; // relay person
let b: FixtureMember;
let c: FixtureMember;
let d: FixtureMember;
let e: FixtureMember; // left the group on 30 June 2025
let outsider: FixtureMember;
const token: Record<string, string> = {};
const YEAR = 2025;

const gql = (who: string, query: string, variables: Record<string, unknown> = {}) =>
  t.gql(query, variables, { token: token[who] });

async function meeting(startsAt: string, minutes: number, status: string): Promise<string> {
  const [row] = (await t.sql(
    `INSERT INTO meeting (society_id, group_id, starts_at, duration_minutes, place, status, cancel_reason, signing_secret)
     VALUES ($1, $2, $3, $4, 'Angoulême', $5, CASE WHEN $5 = 'CANCELLED' THEN 'Grève' END,
             decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
     RETURNING id`,
    [sstpc, groupId, startsAt, minutes, status],
  )) as [{ id: string }];
  return row.id;
}

async function sign(meetingId: string, ...members: FixtureMember[]): Promise<void> {
  for (const member of members) {
    await t.sql(
      `INSERT INTO attendance (society_id, meeting_id, member_id, status, method, signed_at)
       SELECT $1, $2, $3, 'SIGNED', 'QR', starts_at + interval '5 minutes' FROM meeting WHERE id = $2`,
      [sstpc, meetingId, member.memberId],
    );
  }
}

async function role(meetingId: string, member: FixtureMember, name: string): Promise<void> {
  await t.sql(
    `INSERT INTO meeting_role (society_id, meeting_id, member_id, role) VALUES ($1, $2, $3, $4)`,
    [sstpc, meetingId, member.memberId, name],
  );
}

/** A report written straight in the database (arranging), validated or left as a draft. */
async function report(meetingId: string, writer: FixtureMember, validated: boolean) {
  const [row] = (await t.sql(
    `INSERT INTO meeting_report (society_id, group_id, meeting_id, drafted_by_member_id, last_written_by_member_id)
     VALUES ($1, $2, $3, $4, $4) RETURNING id`,
    [sstpc, groupId, meetingId, writer.memberId],
  )) as [{ id: string }];
  await t.sql(
    `INSERT INTO meeting_report_text (report_id, version, edition, society_id, group_id, written_by_member_id, group_answers)
     VALUES ($1, 1, 1, $2, $3, $4, 'Réponses du groupe.')`,
    [row.id, sstpc, groupId, writer.memberId],
  );
  if (validated) {
    // Submitted with the sheet's attendance list, approved by everyone on it, then validated.
    await t.sql(
      `UPDATE meeting_report SET status = 'SUBMITTED_FOR_REVIEW', submitted_at = now(),
              attendance_list = (SELECT jsonb_agg(jsonb_build_object('memberId', a.member_id::text, 'name', 'Membre'))
                                   FROM attendance a WHERE a.meeting_id = $2 AND a.status = 'SIGNED')
        WHERE id = $1`,
      [row.id, meetingId],
    );
    await t.sql(
      `INSERT INTO meeting_report_approval (report_id, text_version, member_id, society_id, group_id)
       SELECT $1, 1, a.member_id, $3, $4 FROM attendance a WHERE a.meeting_id = $2 AND a.status = 'SIGNED'`,
      [row.id, meetingId, sstpc, groupId],
    );
    await t.sql(
      `UPDATE meeting_report SET status = 'VALIDATED', validated_at = now(), validated_edition = 1,
              first_validated_at = now() WHERE id = $1`,
      [row.id],
    );
    await t.sql(
      `UPDATE meeting_report_text SET validated = true, validated_at = now() WHERE report_id = $1`,
      [row.id],
    );
  }
  return row.id;
}

async function reference(kind: string, citation: string, createdAt: string, linkedTo?: string) {
  const [row] = (await t.sql(
    `INSERT INTO reference (society_id, group_id, kind, citation, added_by_member_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [sstpc, groupId, kind, citation, a.memberId, createdAt],
  )) as [{ id: string }];
  if (linkedTo) {
    await t.sql(
      `INSERT INTO reference_link (reference_id, society_id, group_id, report_id) VALUES ($1, $2, $3, $4)`,
      [row.id, sstpc, groupId, linkedTo],
    );
  }
}

async function action(
  reportId: string,
  description: string,
  status: string,
  owner?: FixtureMember,
) {
  const [row] = (await t.sql(
    `INSERT INTO improvement_action (society_id, group_id, report_id, description, status, owner_member_id,
                                     created_by_member_id, indicator_label, due_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      sstpc,
      groupId,
      reportId,
      description,
      status,
      owner?.memberId ?? null,
      a.memberId,
      owner ? 'Part des visites de pré-reprise' : null,
      owner ? '2026-03-31' : null,
    ],
  )) as [{ id: string }];
  return row.id;
}

/**
 * Hand-computed from the fixture below. Held in 2025 (Paris time): M1 (180 min; A, B, C, E), M2 (150
 * min; A, B, D) and M5 (90 min, 1 January 2025 00:30 in Paris; C, D). M4 is 1 January 2026 in
 * Paris: not this year. M3 cancelled, M6 planned and never held.
 *   held 3 · planned 1 · cancelled 1 · 420 min · signatures 4 + 3 + 2 = 9 → 9 / 3 = 3 a meeting
 *   E left the group on 30 June 2025: still named, with M1 (180 min)
 *   A: M1, M2 → 2, 330 min; animator M1; presenter M2 · B: M1, M2 → 2, 330 min; animator M2, secretary M1
 *   C: M1, M5 → 2, 270 min; secretary M2, presenter M1 · D: M2, M5 → 2, 240 min; presenter M2, secretary M5
 *   reports: M1 validated, M2 draft, M5 none → 1 / 1 / 1
 *   references used: R1 (M1's report), R2 (M2's report); collected in 2025: R1, R3
 *   actions: X (M1, in progress, last value 55 on 2025-10-01), Y (2024, still proposed); Z (2024, done) out
 */
const EXPECTED = {
  meetingsHeld: 3,
  meetingsPlanned: 1,
  meetingsCancelled: 1,
  totalMinutes: 420,
  distinctParticipants: 5,
  averageParticipants: 3,
  casesPresented: 1,
  reports: { validated: 1, inProgress: 1, missing: 1 },
};

beforeAll(async () => {
  t = await startTestApp();
  sstpc = await societyId(t, 'SSTPC');
  [a, b, c, d] = (await insertMembers(t, { society: 'SSTPC', count: 4, label: 'annuel' })) as [
    FixtureMember,
    FixtureMember,
    FixtureMember,
    FixtureMember,
  ];
  outsider = (await insertMembers(t, { society: 'SSTPC', count: 1, label: 'ailleurs' }))[0]!;
  e = (await insertMembers(t, { society: 'SSTPC', count: 1, label: 'parti' }))[0]!;
  groupId = await insertActiveGroup(t, sstpc, 'Groupe du bilan annuel', []);
  await t.sql(
    `INSERT INTO group_membership (society_id, group_id, member_id, role, joined_on)
     SELECT $1, $2, m, CASE WHEN ordinality = 1 THEN 'RELAY' ELSE 'MEMBER' END, '2024-01-01'
       FROM unnest($3::uuid[]) WITH ORDINALITY AS m`,
    [sstpc, groupId, [a, b, c, d].map((member) => member.memberId)],
  );
  await t.sql(
    `INSERT INTO group_membership (society_id, group_id, member_id, role, joined_on, left_on)
     VALUES ($1, $2, $3, 'MEMBER', '2024-01-01', '2025-06-30')`,
    [sstpc, groupId, e.memberId],
  );
  await insertActiveGroup(t, sstpc, 'Groupe d’ailleurs', [outsider]);
  await t.sql(
    `INSERT INTO binome_assignment (society_id, group_id, user_id)
     SELECT $1, $2, id FROM user_account WHERE email = $3`,
    [sstpc, groupId, DEMO.binomeAsmt],
  );
  const [themeA, themeB] = (await t.sql(
    `SELECT id, label_fr FROM theme ORDER BY sort_order LIMIT 2`,
  )) as [{ id: string; label_fr: string }, { id: string; label_fr: string }];
  await t.sql(`INSERT INTO group_theme (group_id, theme_id, society_id) VALUES ($1, $2, $3)`, [
    groupId,
    themeA.id,
    sstpc,
  ]);

  const m0 = await meeting('2024-10-01T16:00:00Z', 120, 'HELD');
  const m1 = await meeting('2025-02-10T17:00:00Z', 180, 'HELD');
  const m2 = await meeting('2025-05-12T16:00:00Z', 150, 'HELD');
  await meeting('2025-09-15T16:00:00Z', 120, 'CANCELLED');
  const m4 = await meeting('2025-12-31T23:30:00Z', 60, 'HELD');
  const m5 = await meeting('2024-12-31T23:30:00Z', 90, 'HELD');
  await meeting('2025-11-20T17:00:00Z', 120, 'PLANNED');
  await sign(m0, a);
  await sign(m1, a, b, c, e);
  await sign(m2, a, b, d);
  await sign(m4, a);
  await sign(m5, c, d);
  await role(m1, a, 'ANIMATOR');
  await role(m1, b, 'SECRETARY');
  await role(m1, c, 'PRESENTER');
  await role(m2, b, 'ANIMATOR');
  await role(m2, c, 'SECRETARY');
  await role(m2, d, 'PRESENTER');
  await role(m2, a, 'PRESENTER');
  await role(m5, d, 'SECRETARY');
  await role(m4, a, 'ANIMATOR');

  const r0 = await report(m0, a, true);
  const r1 = await report(m1, b, true);
  const r2 = await report(m2, c, false);
  await reference(
    'SCIENTIFIC',
    'Roquelaure Y. Troubles musculo-squelettiques et travail. 2018.',
    '2025-03-01',
    r1,
  );
  await reference('REGULATORY', 'Code du travail, article R4624-29.', '2024-06-01', r2);
  await reference('PRACTICE_GUIDELINE', 'HAS. Maintien en emploi, 2019.', '2025-07-01');
  await reference('SCIENTIFIC', 'Une référence ancienne et inutilisée.', '2023-01-01');
  const x = await action(
    r1,
    'Visite de pré-reprise systématique après 30 jours d’arrêt',
    'IN_PROGRESS',
    b,
  );
  await t.sql(
    `INSERT INTO improvement_indicator_value (action_id, society_id, group_id, measured_on, value, recorded_by_member_id)
     VALUES ($1, $2, $3, '2025-06-01', 40, $4), ($1, $2, $3, '2025-10-01', 55, $4)`,
    [x, sstpc, groupId, b.memberId],
  );
  await action(r0, 'Fiche réflexe sur le risque chimique', 'PROPOSED');
  await action(r0, 'Action close de l’an passé', 'DONE');

  const [kase] = (await t.sql(
    `INSERT INTO clinical_case (society_id, group_id, author_member_id, origin, situation_kind, status, presented_at_meeting_id)
     VALUES ($1, $2, $3, 'GROUP', 'MEDICAL_EXAMINATION', 'PRESENTED', $4) RETURNING id`,
    [sstpc, groupId, c.memberId, m1],
  )) as [{ id: string }];
  await t.sql(
    `INSERT INTO clinical_case_text (case_id, society_id, group_id, title) VALUES ($1, $2, $3, 'Lombalgie d’un cariste')`,
    [kase.id, sstpc, groupId],
  );
  await t.sql(
    `INSERT INTO clinical_case_presentation (case_id, meeting_id, society_id, group_id) VALUES ($1, $2, $3, $4)`,
    [kase.id, m1, sstpc, groupId],
  );
  await t.sql(
    `INSERT INTO clinical_case_theme (case_id, theme_id, society_id, group_id) VALUES ($1, $2, $3, $4)`,
    [kase.id, themeB.id, sstpc, groupId],
  );

  for (const [name, member] of Object.entries({ a, b, c, d, outsider })) {
    token[name] = (await t.login(member.email)).accessToken;
  }
  token.admin = (await t.login(DEMO.adminSstpc)).accessToken;
  token.otherAdmin = (await t.login(DEMO.adminSmtvl)).accessToken;
});
afterAll(() => t.close());

const SUMMARY = `query ($g: ID!, $y: Int!) { annualSummary(groupId: $g, year: $y) {
  groupName year meetingsHeld meetingsPlanned meetingsCancelled totalMinutes distinctParticipants
  averageParticipants casesPresented themes selfEvaluationSubmitted pdfUrl archiveUrl
  reports { validated inProgress missing }
  meetings { startsAt durationMinutes status participants reportStatus }
  members { memberId relay meetingsAttended minutesAttended animator secretary presenter }
  referencesUsed { citation } referencesCollected { citation }
  actions { description owner status lastValue lastMeasuredOn } } }`;

describe('the annual summary', () => {
  it('matches the hand-computed figures', async () => {
    const result = await gql('b', SUMMARY, { g: groupId, y: YEAR });
    expect(result.errors).toBeUndefined();
    const summary = result.data!.annualSummary;
    expect(summary).toMatchObject(EXPECTED);
    expect(summary.meetings.map((row: { participants: number }) => row.participants)).toEqual([
      2, 4, 3, 0,
    ]);
    const byMember = Object.fromEntries(
      summary.members.map((row: { memberId: string }) => [row.memberId, row]),
    );
    expect(byMember[a.memberId]).toMatchObject({
      relay: true,
      meetingsAttended: 2,
      minutesAttended: 330,
      animator: 1,
      secretary: 0,
      presenter: 1,
    });
    expect(byMember[b.memberId]).toMatchObject({
      meetingsAttended: 2,
      minutesAttended: 330,
      animator: 1,
      secretary: 1,
      presenter: 0,
    });
    expect(byMember[c.memberId]).toMatchObject({
      meetingsAttended: 2,
      minutesAttended: 270,
      secretary: 1,
      presenter: 1,
    });
    expect(byMember[d.memberId]).toMatchObject({
      meetingsAttended: 2,
      minutesAttended: 240,
      secretary: 1,
      presenter: 1,
    });
    expect(byMember[e.memberId]).toMatchObject({
      relay: false,
      meetingsAttended: 1,
      minutesAttended: 180,
    });
    expect(summary.members).toHaveLength(5);
    expect(summary.themes).toHaveLength(2);
    expect(summary.referencesUsed.map((row: { citation: string }) => row.citation)).toEqual([
      'Code du travail, article R4624-29.',
      'Roquelaure Y. Troubles musculo-squelettiques et travail. 2018.',
    ]);
    expect(summary.referencesCollected.map((row: { citation: string }) => row.citation)).toEqual([
      'HAS. Maintien en emploi, 2019.',
      'Roquelaure Y. Troubles musculo-squelettiques et travail. 2018.',
    ]);
    expect(summary.actions).toEqual([
      {
        description: 'Fiche réflexe sur le risque chimique',
        owner: null,
        status: 'PROPOSED',
        lastValue: null,
        lastMeasuredOn: null,
      },
      {
        description: 'Visite de pré-reprise systématique après 30 jours d’arrêt',
        owner: `Membre ${b.name.replace('Membre ', '')}`,
        status: 'IN_PROGRESS',
        lastValue: 55,
        lastMeasuredOn: '2025-10-01',
      },
    ]);
  });

  it('prints the same figures in its PDF', async () => {
    const { pdfUrl } = (await gql('a', SUMMARY, { g: groupId, y: YEAR })).data!.annualSummary;
    const response = await fetch(pdfUrl.replace('http://portal.test', t.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfText(Buffer.from(await response.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Document récapitulatif annuel 2025');
    expect(text).toContain('Réunions tenues : 3');
    expect(text).toContain('Réunions annulées : 1');
    expect(text).toContain('Durée totale : 7 h');
    expect(text).toContain('Participants différents : 5');
    expect(text).toContain('Participants par réunion (moyenne) : 3');
    expect(text).toContain(e.name);
    expect(text).toContain('1 validé(s), 1 en cours, 1 manquant(s)');
    expect(text).toContain(`${b.name}`);
    expect(text).toContain('Code du travail, article R4624-29.');
    expect(text).toContain('55 (2025-10-01)');
    expect(text).not.toContain('Action close de l’an passé');
  });

  it('is read by the society’s administrators, refused to other groups and societies', async () => {
    const admin = await gql('admin', SUMMARY, { g: groupId, y: YEAR });
    expect(admin.errors).toBeUndefined();
    expect(admin.data!.annualSummary).toMatchObject({ ...EXPECTED, archiveUrl: null });
    // Nor to the group's binôme: it reads what the group submits, not the group's year.
    token.binome = (await t.login(DEMO.binomeAsmt)).accessToken;
    expect(errorCodes(await gql('binome', SUMMARY, { g: groupId, y: YEAR }))).toEqual([
      'FORBIDDEN',
    ]);
    for (const who of ['outsider', 'otherAdmin']) {
      expect(errorCodes(await gql(who, SUMMARY, { g: groupId, y: YEAR }))).toEqual(['NOT_FOUND']);
    }
    // A link signed for one person does not serve another's path.
    const { pdfUrl } = admin.data!.annualSummary;
    const forged = pdfUrl.replace(groupId, '00000000-0000-4000-8000-000000000000');
    expect((await fetch(forged.replace('http://portal.test', t.url))).status).toBe(403);
  });
});

describe('the annual self-evaluation', () => {
  const SAVE = `mutation ($g: ID!, $y: Int!, $a: [SelfEvaluationAnswerInput!]!, $c: String, $v: Int) {
    saveSelfEvaluation(groupId: $g, year: $y, answers: $a, comment: $c, version: $v) {
      id version status answers { code score } } }`;

  it('keeps the group’s answers per year, and freezes them once submitted', async () => {
    const first = await gql('c', SAVE, {
      g: groupId,
      y: YEAR,
      a: [{ code: 'PROGRAMME', score: 4 }],
      c: 'Bonne dynamique.',
    });
    expect(first.errors).toBeUndefined();
    const saved = first.data!.saveSelfEvaluation;
    expect(
      errorCodes(
        await gql('c', SAVE, {
          g: groupId,
          y: YEAR,
          a: [{ code: 'PROGRAMME', score: 7 }],
          v: saved.version,
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      errorCodes(
        await gql('c', SAVE, {
          g: groupId,
          y: YEAR,
          a: [],
          c: 'Merci à Mme Dupont.',
          v: saved.version,
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await gql('outsider', SAVE, { g: groupId, y: YEAR, a: [] }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(errorCodes(await gql('admin', SAVE, { g: groupId, y: YEAR, a: [] }))).toEqual([
      'FORBIDDEN',
    ]);

    const submit = `mutation ($id: ID!, $v: Int!) { submitSelfEvaluation(id: $id, version: $v) { status version } }`;
    const early = await gql('a', submit, { id: saved.id, v: saved.version });
    expect(errorCodes(early)).toEqual(['BAD_USER_INPUT']);
    const complete = await gql('d', SAVE, {
      g: groupId,
      y: YEAR,
      v: saved.version,
      c: 'Bonne dynamique ; les comptes-rendus tardent.',
      a: [
        'PROGRAMME',
        'ROTATION',
        'CASES',
        'REFERENCES',
        'DIVERGENCES',
        'REPORTS',
        'BINOME',
        'ACTIONS',
      ].map((code, index) => ({ code, score: (index % 4) + 1 })),
    });
    expect(complete.errors).toBeUndefined();
    const submitted = await gql('a', submit, {
      id: saved.id,
      v: complete.data!.saveSelfEvaluation.version,
    });
    expect(submitted.data!.submitSelfEvaluation.status).toBe('SUBMITTED');
    expect(
      errorCodes(
        await gql('a', SAVE, {
          g: groupId,
          y: YEAR,
          a: [],
          v: submitted.data!.submitSelfEvaluation.version,
        }),
      ),
    ).toEqual(['CONFLICT']);
    // Another year starts empty.
    const other = await gql(
      'a',
      `query ($g: ID!) { groupSelfEvaluation(groupId: $g, year: 2024) { id } }`,
      {
        g: groupId,
      },
    );
    expect(other.data!.groupSelfEvaluation).toBeNull();
    const summary = await gql('admin', SUMMARY, { g: groupId, y: YEAR });
    expect(summary.data!.annualSummary.selfEvaluationSubmitted).toBe(true);
  });
});

describe('the year’s archive', () => {
  it('zips the summary, the reports, the signed sheets and the self-evaluation, for members only', async () => {
    const { archiveUrl } = (await gql('a', SUMMARY, { g: groupId, y: YEAR })).data!.annualSummary;
    const response = await fetch(archiveUrl.replace('http://portal.test', t.url));
    expect(response.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([
      'auto-evaluation-2025.txt',
      'comptes-rendus/',
      'comptes-rendus/2025-02-10-compte-rendu-v1.pdf',
      'comptes-rendus/2025-05-12-compte-rendu-v1.pdf',
      'emargement/',
      'emargement/2025-01-01-feuille.pdf',
      'emargement/2025-02-10-feuille.pdf',
      'emargement/2025-05-12-feuille.pdf',
      'recapitulatif-2025.pdf',
    ]);
    const reportText = await pdfText(
      await zip.file('comptes-rendus/2025-02-10-compte-rendu-v1.pdf')!.async('nodebuffer'),
    );
    expect(reportText).toContain('Réponses du groupe.');
    expect(reportText).toContain('Lombalgie d’un cariste');
    expect(await zip.file('auto-evaluation-2025.txt')!.async('string')).toContain('remise');
  });
});
