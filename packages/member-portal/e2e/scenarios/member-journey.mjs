// The whole journey of a new member, on a phone, end to end: the invitation's link from the
// outbox → a password → the charter → RSVP → signing the sheet from the QR code on the relay
// person's screen → a case blocked for a NIR, rephrased, saved → approving the report from the
// e-mail's link → downloading the attestation, a PDF with the member's name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PDFParse } from 'pdf-parse';
import { attendanceOf, decodeQr, meetingStartingNow, relayGroupId } from '../support/meetings.mjs';
import {
  assertAccessible,
  assertNoConsoleErrors,
  DESKTOP,
  graphqlAs,
  login,
  RELAY,
  session,
  shot,
  SSTPC_ADMIN,
  url,
  waitForMail,
} from '../support/portal.mjs';

const NIR = '2 95 10 99 126 111 93';
const NEW_PASSWORD = 'Portail-E-Pairs-2026!';
const YEAR = Number(
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(
    new Date(),
  ),
);

/** An RPPS nobody has: ten digits from the clock, and its Luhn key. */
function freshRpps() {
  const body = `1${String(Date.now()).slice(-9)}`;
  for (let key = 0; key <= 9; key += 1) {
    const digits = `${body}${key}`;
    let sum = 0;
    for (let index = 0; index < digits.length; index += 1) {
      let digit = Number(digits[digits.length - 1 - index]);
      if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error('no Luhn key');
}

async function call(email, query, variables = {}) {
  const graphql = await graphqlAs(email);
  const result = await graphql(query, variables);
  assert.equal(result.errors, undefined, `${email}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

async function pdfText(path) {
  const parser = new PDFParse({ data: readFileSync(path) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe('a new member’s journey, on a phone', () => {
  test('invitation → password → charter → RSVP → QR signature → case → report → attestation', async () => {
    const groupId = await relayGroupId();
    const { PeerGroup: group } = await call(
      RELAY,
      'query($g: ID!) { PeerGroup(id: $g) { id name societyId } }',
      { g: groupId },
    );
    const email = `camille.journet.${Date.now()}@example.org`;
    const { allEmployers } = await call(
      SSTPC_ADMIN,
      'query($s: ID!) { allEmployers(filter: { societyId: $s }, perPage: 1) { id } }',
      { s: group.societyId },
    );
    const { createMember: member } = await call(
      SSTPC_ADMIN,
      `mutation($email: String!, $rpps: String!, $society: ID!, $employer: ID) {
         createMember(email: $email, firstName: "Camille", lastName: "Journet", profession: PHYSICIAN,
                      rpps: $rpps, societyId: $society, employerId: $employer) { id }
       }`,
      { email, rpps: freshRpps(), society: group.societyId, employer: allEmployers[0]?.id ?? null },
    );
    // A registered group welcomes members with a convention for the year.
    await call(
      SSTPC_ADMIN,
      'mutation($m: ID!, $y: Int!) { createConvention(memberId: $m, year: $y) { id } }',
      { m: member.id, y: YEAR },
    );
    const asMember = () => graphqlAs(email, NEW_PASSWORD);
    const phone = await session();
    const { page } = phone;

    // 1. The invitation's link, from the outbox, opens the portal's activation page.
    const invitation = await waitForMail(email, /\/activate\?token=/);
    await page.goto(invitation.link);
    await page.getByRole('heading', { name: 'Activer mon compte' }).waitFor();
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Activer mon compte' }).click();

    // 2. The charter, then home.
    await page.waitForURL(/\/charter$/);
    await page.getByRole('button', { name: 'J’ai lu la charte et je l’accepte' }).click();
    await page.waitForURL((current) => current.pathname === '/');
    await page.getByRole('heading', { level: 1, name: 'Bonjour Camille' }).waitFor();
    assert.equal(await page.getByText(/nouvelle version de la charte/).count(), 0);
    await page.getByText('Vous n’êtes membre d’aucun groupe pour l’instant.').waitFor();
    await page.getByText(`Convention ${YEAR} : en préparation`).waitFor();

    // Having accepted the charter (the condition to join a group), the relay person adds her.
    await call(
      RELAY,
      'mutation($g: ID!, $e: String!) { addGroupMember(groupId: $g, email: $e) { id } }',
      {
        g: groupId,
        e: email,
      },
    );
    await page.reload();
    await page.getByRole('link', { name: group.name, exact: true }).waitFor();
    await shot(page, 'journey-home');

    // 3. RSVP to the group's next meeting, in a week, from the home page's list.
    const nextWeek = new Date(Date.now() + 7 * 24 * 3600_000);
    nextWeek.setUTCHours(16, 30, 0, 0);
    const { planMeeting: next } = await call(
      RELAY,
      `mutation($g: ID!, $at: DateTimeISO!) {
         planMeeting(groupId: $g, startsAt: $at, durationMinutes: 150, place: "Salle B", title: "Réunion de la semaine prochaine") { id }
       }`,
      { g: groupId, at: nextWeek.toISOString() },
    );
    await page.goto(url('/'));
    await page.locator(`a[href="/meetings/${next.id}"]`).click();
    await page.getByRole('button', { name: 'Je viens' }).click();
    await page.locator('button[aria-pressed="true"]', { hasText: 'Je viens' }).waitFor();
    const rsvp = await (
      await asMember()
    )('query($m: ID!) { Meeting(id: $m) { myRsvp { answer } } }', {
      m: next.id,
    });
    assert.equal(rsvp.data.Meeting.myRsvp.answer, 'YES');
    await shot(page, 'journey-rsvp');

    // Today's meeting, started a moment ago: its sheet is open.
    const meetingId = await meetingStartingNow(groupId, 'Réunion du parcours');

    // 4. The relay person shows the QR code; the member's phone opens what it encodes, and signs.
    const relay = await session(DESKTOP);
    await login(relay.page, RELAY, `/meetings/${meetingId}/run`);
    await relay.page.getByRole('img', { name: /QR code d’émargement/ }).waitFor();
    const link = await decodeQr(relay.page);
    await page.goto(link);
    await page.getByRole('button', { name: 'Signer la feuille' }).click();
    const signedAt = page.locator('.sign-time');
    await signedAt.waitFor();
    assert.match(await signedAt.innerText(), /^Signé à \d{2}:\d{2}:\d{2}$/);
    await shot(page, 'journey-signed');
    await relay.page
      .locator('.run-signed')
      .getByText('Camille Journet')
      .waitFor({ timeout: 10_000 });
    await relay.page.getByRole('button', { name: 'Clore la feuille' }).click();
    await relay.page.getByRole('button', { name: 'Oui, clore la feuille' }).click();
    await relay.page.getByText(/Feuille close à/).waitFor();
    const sheet = await attendanceOf(meetingId);
    assert.equal(sheet.status, 'HELD');
    assert.ok(
      sheet.attendance.some((line) => line.memberId === member.id && line.status === 'SIGNED'),
    );

    // 5. A case: blocked for a NIR (warned while typing, refused by the API), rephrased, saved.
    await page.goto(url(`/groups/${groupId}/cases/new`));
    await page.getByRole('heading', { name: 'Nouveau cas' }).waitFor();
    const title = `Lombalgie d’un magasinier ${Date.now()}`;
    await page.getByLabel('Titre', { exact: true }).fill(title);
    const situation = page.getByLabel('Situation de travail', { exact: true });
    await situation.fill(`Magasinier de 45 ans, NIR ${NIR}`);
    const field = page.locator('.field', { has: situation });
    await field.locator('.field-warning').waitFor();
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await field.locator('.field-message').waitFor();
    await assertAccessible(page, 'case');
    await situation.fill('Magasinier de 45 ans, port de charges répété en entrepôt.');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByText('Enregistré', { exact: true }).waitFor();
    const cases = await (
      await asMember()
    )('query($g: ID!) { groupClinicalCases(groupId: $g) { title authorMemberId } }', {
      g: groupId,
    });
    assert.ok(
      cases.data.groupClinicalCases.some(
        (c) => c.title === title && c.authorMemberId === member.id,
      ),
    );
    await shot(page, 'journey-case-saved');

    // 6. The relay person (no secretary was named) drafts and submits the report; the e-mail's
    //    link brings the attendee to it, who approves, which validates it (the rule: all).
    const { createMeetingReport: draft } = await call(
      RELAY,
      'mutation($m: ID!, $i: MeetingReportInput!) { createMeetingReport(meetingId: $m, input: $i) { id version } }',
      {
        m: meetingId,
        i: {
          casesDiscussed: 'Un cas de lombalgie chez un magasinier.',
          problemsIdentified: 'Port de charges sans aide à la manutention.',
          groupAnswers: 'Étude de poste et aides mécaniques.',
          agreementPoints: 'Priorité à la prévention collective.',
          disagreementPoints: 'Aucun.',
        },
      },
    );
    await call(
      RELAY,
      'mutation($id: ID!, $v: Int!) { submitMeetingReportForReview(id: $id, version: $v) { id } }',
      { id: draft.id, v: draft.version },
    );
    const review = await waitForMail(email, new RegExp(`/meetings/${meetingId}/report$`));
    await page.goto(review.link);
    await page.getByRole('button', { name: /J’approuve la révision/ }).click();
    await page.getByText('Vous avez approuvé cette révision.').waitFor();
    const report = await (
      await asMember()
    )('query($m: ID!) { meetingReportOfMeeting(meetingId: $m) { status } }', { m: meetingId });
    assert.equal(report.data.meetingReportOfMeeting.status, 'VALIDATED');
    await shot(page, 'journey-report-approved');

    // 7. The society issues the year's attestation; the member downloads it: a PDF with the name.
    await call(
      SSTPC_ADMIN,
      'mutation($m: ID!, $y: Int!) { issueAttestation(memberId: $m, year: $y) { id } }',
      {
        m: member.id,
        y: YEAR,
      },
    );
    await page.goto(url('/dpc'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Télécharger le PDF (${YEAR})` }).click(),
    ]);
    const path = await download.path();
    assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');
    assert.match(await pdfText(path), /Camille\s+JOURNET|Camille\s+Journet/i);
    await shot(page, 'journey-dpc');

    assertNoConsoleErrors(phone.errors);
    assertNoConsoleErrors(relay.errors);
    await relay.context.close();
    await phone.context.close();
  });
});
