// Cases, reports and the binôme's feedback in the portal: the pseudonymisation guard while typing
// and the API's refusal under the field, another group's member refused, approving a report as
// an attendee, a CONFLICT merged section by section, axe on the case page.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  assertAccessible,
  assertNoConsoleErrors,
  DESKTOP,
  graphqlAs,
  login,
  MEMBER,
  OTHER_GROUP_MEMBER,
  PHONE,
  session,
  shot,
  SSTPC_ADMIN,
  url,
} from '../support/portal.mjs';

/** A valid NIR (its key checks): the guard must catch it, the API must refuse it. */
const NIR = '2 95 10 99 126 111 93';
const SUBMITTED_CASE_TITLE = 'Lombalgie d’un cariste en horaires postés';
const SUBMITTED_CASE_TEXT = 'Cariste depuis quinze ans';
const DRAFT_CASE_TITLE = 'Exposition au bruit d’un agent de tri';

async function call(email, query, variables = {}) {
  const graphql = await graphqlAs(email);
  const result = await graphql(query, variables);
  assert.equal(result.errors, undefined, `${email}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The demo physician's group (the one with the demo cases), its cases by title. */
async function demoGroup() {
  const { myMember } = await call(MEMBER, '{ myMember { id memberships { group { id } } } }');
  for (const membership of myMember.memberships) {
    const { groupClinicalCases } = await call(
      MEMBER,
      'query($g: ID!) { groupClinicalCases(groupId: $g) { id title status } }',
      { g: membership.group.id },
    );
    const byTitle = Object.fromEntries(groupClinicalCases.map((found) => [found.title, found]));
    if (byTitle[SUBMITTED_CASE_TITLE] && byTitle[DRAFT_CASE_TITLE]) {
      return { groupId: membership.group.id, memberId: myMember.id, cases: byTitle };
    }
  }
  throw new Error('the demo group with the demo cases was not found');
}

/**
 * A report under review, set up through the API: a held meeting of the group without a report,
 * its sheet closed; its secretary (or the relay person) writes and submits it. Returns the
 * meeting, the report and an attendee who may approve (the demo physician when present).
 */
async function reportUnderReview(groupId) {
  const { allMeetings } = await call(
    SSTPC_ADMIN,
    `query($g: ID!) { allMeetings(filter: { groupId: $g, status: HELD }, sortField: "startsAt", sortOrder: "DESC", perPage: 50) {
        id sheetClosedAt
        roles { role member { email } }
        attendance { status member { id email } }
      } }`,
    { g: groupId },
  );
  const { PeerGroup } = await call(
    SSTPC_ADMIN,
    'query($g: ID!) { PeerGroup(id: $g) { relay { member { email } } } }',
    { g: groupId },
  );
  for (const meeting of allMeetings) {
    if (!meeting.sheetClosedAt) continue;
    const signed = meeting.attendance.filter((line) => line.status === 'SIGNED' && line.member);
    if (signed.length === 0) continue;
    const { meetingReportOfMeeting } = await call(
      SSTPC_ADMIN,
      'query($m: ID!) { meetingReportOfMeeting(meetingId: $m) { id } }',
      { m: meeting.id },
    );
    if (meetingReportOfMeeting) continue;
    const secretary = meeting.roles.find((role) => role.role === 'SECRETARY')?.member?.email;
    const drafter = secretary ?? PeerGroup.relay.member.email;
    const input = {
      casesDiscussed: 'Un cas de troubles musculo-squelettiques chez une caissière de 38 ans.',
      problemsIdentified: 'Gestes répétitifs et absence de rotation des postes.',
      groupAnswers: 'Proposer une étude de poste conjointe avec l’ergonome.',
      agreementPoints: 'Intérêt d’une alternance des tâches.',
      disagreementPoints: 'Place de l’aménagement d’horaires.',
    };
    const { createMeetingReport } = await call(
      drafter,
      'mutation($m: ID!, $i: MeetingReportInput!) { createMeetingReport(meetingId: $m, input: $i) { id version } }',
      { m: meeting.id, i: input },
    );
    await call(
      drafter,
      'mutation($id: ID!, $v: Int!) { submitMeetingReportForReview(id: $id, version: $v) { id status } }',
      { id: createMeetingReport.id, v: createMeetingReport.version },
    );
    const attendee =
      signed.find((line) => line.member.email === MEMBER) ??
      signed.find((line) => line.member.email !== drafter) ??
      signed[0];
    return {
      meetingId: meeting.id,
      reportId: createMeetingReport.id,
      input,
      attendee: { email: attendee.member.email, memberId: attendee.member.id },
    };
  }
  throw new Error('no held meeting with a closed sheet and no report in the demo group');
}

async function reportText(email, meetingId) {
  const { meetingReportOfMeeting } = await call(
    email,
    `query($m: ID!) { meetingReportOfMeeting(meetingId: $m) {
        id version status textVersion problemsIdentified disagreementPoints agreementPoints
        attendees { memberId approvedAt }
      } }`,
    { m: meetingId },
  );
  return meetingReportOfMeeting;
}

const fieldOf = (page, label) =>
  page.locator('.field', { has: page.getByLabel(label, { exact: true }) });

describe('cases, reports and feedback', () => {
  let demo;
  let review;

  before(async () => {
    demo = await demoGroup();
    review = await reportUnderReview(demo.groupId);
  });

  test('(a) phone: a NIR is flagged while typing, refused under its field, rephrased and saved', async () => {
    const { context, page, errors } = await session(PHONE);
    await login(page, MEMBER, `/groups/${demo.groupId}/cases/new`);
    await page.getByRole('heading', { name: 'Nouveau cas' }).waitFor();
    const title = `Tendinite d’une caissière ${Date.now()}`;
    await page.getByLabel('Titre', { exact: true }).fill(title);
    const situation = page.getByLabel('Situation de travail', { exact: true });
    await situation.fill('Caissière de 38 ans en hypermarché, NIR ');
    await situation.pressSequentially(NIR);
    const field = fieldOf(page, 'Situation de travail');
    await field
      .locator('.field-warning')
      .getByText(/numéro de sécurité sociale/)
      .waitFor();
    await shot(page, 'case-nir-warning-phone');

    // The guard warns, it does not block: the API refuses, and says so under the field.
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const refusal = field.locator('.field-message');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /sécurité sociale/);
    assert.equal(await situation.getAttribute('aria-invalid'), 'true');
    assert.match(page.url(), /\/cases\/new$/);
    await shot(page, 'case-nir-refused-phone');
    const before = await call(
      MEMBER,
      'query($g: ID!) { groupClinicalCases(groupId: $g) { title } }',
      { g: demo.groupId },
    );
    assert.ok(!before.groupClinicalCases.some((found) => found.title === title), 'nothing stored');

    const rephrased = 'Caissière de 38 ans en hypermarché, gestes répétitifs au scanner.';
    await situation.fill(rephrased);
    await field.locator('.field-warning').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByText('Enregistré', { exact: true }).waitFor();
    await shot(page, 'case-saved-phone');
    const caseId = new URL(page.url()).pathname.split('/').pop();
    const { ClinicalCase } = await call(
      MEMBER,
      'query($id: ID!) { ClinicalCase(id: $id) { title workSituation status authorMemberId } }',
      { id: caseId },
    );
    assert.equal(ClinicalCase.title, title);
    assert.equal(ClinicalCase.workSituation, rephrased);
    assert.equal(ClinicalCase.status, 'DRAFT');
    assert.equal(ClinicalCase.authorMemberId, demo.memberId);
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('(b) a member of another group opening a direct URL to the case sees a refusal, no text', async () => {
    const { context, page, errors } = await session(PHONE);
    const caseId = demo.cases[SUBMITTED_CASE_TITLE].id;
    await login(page, OTHER_GROUP_MEMBER, `/groups/${demo.groupId}/cases/${caseId}`);
    await page.getByText('Vous n’avez pas accès à ce cas.').waitFor();
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes(SUBMITTED_CASE_TITLE), 'the title is not shown');
    assert.ok(!text.includes(SUBMITTED_CASE_TEXT), 'the text is not shown');
    await shot(page, 'case-refused-other-group');
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('(d) a CONFLICT on a report: both texts shown, merged section by section, nothing lost', async () => {
    const first = await session(DESKTOP);
    const second = await session(PHONE);
    const path = `/meetings/${review.meetingId}/report`;
    await login(first.page, review.attendee.email, path);
    await login(second.page, review.attendee.email, path);
    const problems = 'Problèmes identifiés';
    for (const { page } of [first, second]) await page.getByLabel(problems).waitFor();

    // The first context saves its amendment.
    const textA = `${review.input.problemsIdentified} Ajout A : contraintes de cadence.`;
    await first.page.getByLabel(problems).fill(textA);
    await first.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await first.page.getByText('Enregistré', { exact: true }).waitFor();

    // The second one, still on the version it read, changes the same section and another.
    const textB = `${review.input.problemsIdentified} Ajout B : absence de pause.`;
    const disagreementB = 'Place de l’aménagement d’horaires, discutée sans consensus.';
    await second.page.getByLabel(problems).fill(textB);
    await second.page.getByLabel('Points de désaccord').fill(disagreementB);
    await second.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const merge = second.page.getByRole('region', { name: /Quelqu’un d’autre a enregistré/ });
    await merge.waitFor();
    assert.match(await merge.innerText(), /1 partie modifiée : Problèmes identifiés/);
    assert.equal(
      await merge.getByTestId('mine-problemsIdentified').innerText(),
      textB,
      'my text is shown',
    );
    assert.equal(
      await merge.getByTestId('theirs-problemsIdentified').innerText(),
      textA,
      'their text is shown',
    );
    await shot(second.page, 'report-conflict-phone');

    // Take theirs, add mine back, save: both texts are kept, and my other section too.
    await merge.getByRole('button', { name: 'Prendre son texte' }).click();
    assert.equal(await second.page.getByLabel(problems).inputValue(), textA);
    const merged = `${textA} Ajout B : absence de pause.`;
    await second.page.getByLabel(problems).fill(merged);
    await merge.getByRole('button', { name: 'Enregistrer la fusion' }).click();
    await second.page.getByText('Enregistré', { exact: true }).waitFor();
    await merge.waitFor({ state: 'detached' });
    const saved = await reportText(review.attendee.email, review.meetingId);
    assert.equal(saved.problemsIdentified, merged);
    assert.equal(saved.disagreementPoints, disagreementB);
    await shot(second.page, 'report-merged-phone');
    assertNoConsoleErrors(first.errors);
    assertNoConsoleErrors(second.errors);
    await first.context.close();
    await second.context.close();
  });

  test('(c) an attendee approves the report through the page; the API shows the approval', async () => {
    const { context, page, errors } = await session(PHONE);
    await login(page, review.attendee.email, `/meetings/${review.meetingId}/report`);
    await page.getByTestId('report-status').getByText('En relecture').waitFor();
    const approve = page.getByRole('button', { name: /J’approuve la révision/ });
    await approve.click();
    await page.getByText('Vous avez approuvé cette révision.').waitFor();
    await shot(page, 'report-approved-phone');
    const report = await reportText(review.attendee.email, review.meetingId);
    const mine = report.attendees.find((row) => row.memberId === review.attendee.memberId);
    assert.ok(mine?.approvedAt, 'the approval is recorded for the current revision');
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('(d′) a CONFLICT on my case: the other save is merged, nothing lost', async () => {
    const caseId = demo.cases[DRAFT_CASE_TITLE].id;
    const first = await session(DESKTOP);
    const second = await session(PHONE);
    const path = `/groups/${demo.groupId}/cases/${caseId}`;
    await login(first.page, MEMBER, path);
    await login(second.page, MEMBER, path);
    for (const { page } of [first, second])
      await page.getByLabel('Expositions et traçabilité').waitFor();
    const exposuresA = 'Niveau sonore estimé au-dessus de 85 dB(A) ; mesure demandée.';
    await first.page.getByLabel('Expositions et traçabilité').fill(exposuresA);
    await first.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await first.page.getByText('Enregistré', { exact: true }).waitFor();

    const diagnosisB = 'Acouphènes bilatéraux, audiogramme à programmer.';
    await second.page.getByLabel('Diagnostic clinique').fill(diagnosisB);
    await second.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const merge = second.page.getByRole('region', { name: /Quelqu’un d’autre a enregistré/ });
    await merge.waitFor();
    assert.equal(await merge.getByTestId('theirs-exposures').innerText(), exposuresA);
    // What I did not touch takes theirs; my own section is untouched.
    assert.equal(
      await second.page.getByLabel('Expositions et traçabilité').inputValue(),
      exposuresA,
    );
    assert.equal(await second.page.getByLabel('Diagnostic clinique').inputValue(), diagnosisB);
    await merge.getByRole('button', { name: 'Enregistrer la fusion' }).click();
    await second.page.getByText('Enregistré', { exact: true }).waitFor();
    const { ClinicalCase } = await call(
      MEMBER,
      'query($id: ID!) { ClinicalCase(id: $id) { exposures clinicalDiagnosis } }',
      { id: caseId },
    );
    assert.equal(ClinicalCase.exposures, exposuresA);
    assert.equal(ClinicalCase.clinicalDiagnosis, diagnosisB);
    assertNoConsoleErrors(first.errors);
    assertNoConsoleErrors(second.errors);
    await first.context.close();
    await second.context.close();
  });

  test('(e) axe: no serious violation on the case page (phone), nor on the report page', async () => {
    const { context, page, errors } = await session(PHONE);
    await login(page, MEMBER, `/groups/${demo.groupId}/cases/${demo.cases[DRAFT_CASE_TITLE].id}`);
    await page.getByLabel('Situation de travail', { exact: true }).waitFor();
    await page.getByLabel('Situation de travail', { exact: true }).fill(`NIR ${NIR}`);
    await page.locator('.field-warning').first().waitFor();
    await assertAccessible(page, 'case page');
    await shot(page, 'case-page-axe-phone');
    await page.goto(url(`/meetings/${review.meetingId}/report`));
    await page.getByTestId('report-status').waitFor();
    await assertAccessible(page, 'report page');
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('the binôme’s feedback (the e-mail’s link): questions, remarks, and the response form', async () => {
    const { groupBinomeFeedback } = await call(
      MEMBER,
      'query($g: ID!) { groupBinomeFeedback(groupId: $g) { id status } }',
      { g: demo.groupId },
    );
    const sent = groupBinomeFeedback.find((feedback) => feedback.status === 'SENT');
    assert.ok(sent, 'the demo feedback is sent');
    const { context, page, errors } = await session(PHONE);
    await login(page, MEMBER, `/groups/${demo.groupId}/feedback/${sent.id}`);
    await page.getByText(/Quels éléments de l’étude de poste/).waitFor();
    await shot(page, 'feedback-phone');
    const select = page.getByLabel('Réunion où le groupe en a débattu');
    if (await select.count()) {
      const value = await select.locator('option').nth(1).getAttribute('value');
      await select.selectOption(value);
      const response = 'Le groupe a repris l’étude de poste et associera le médecin traitant.';
      await page.getByRole('textbox', { name: 'Réponse du groupe' }).fill(response);
      await page.getByRole('button', { name: 'Consigner la réponse' }).click();
      // Recorded: the page shows the feedback as discussed, with the group's response.
      await page.getByText(response, { exact: true }).waitFor();
      await page.getByText(/Consignée par/).waitFor();
      const { BinomeFeedback } = await call(
        MEMBER,
        'query($id: ID!) { BinomeFeedback(id: $id) { status response } }',
        { id: sent.id },
      );
      assert.equal(BinomeFeedback.status, 'DISCUSSED');
      assert.equal(BinomeFeedback.response, response);
    } else {
      // The demo's feedback was sent after the group's last held meeting: nothing to record yet.
      await page.getByText(/Aucune réunion tenue depuis l’envoi du retour/).waitFor();
    }
    assertNoConsoleErrors(errors);
    await context.close();
  });
});
