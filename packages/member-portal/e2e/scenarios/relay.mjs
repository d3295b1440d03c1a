// The relay person runs a meeting and members sign it: planning through the portal, the rotating
// QR code decoded from a screenshot of the relay person's screen (jsQR) and opened in the member's
// own browser context (signed out, so the sign-in form comes inline on the signing page), the
// signature arriving live on the relay person's screen, closing the sheet; a double tap that signs
// once; axe on the meeting page.
//
// Signing is open from 15 minutes before a meeting's start to 15 minutes after its end, and the
// API refuses to plan a meeting that started more than 15 minutes ago; closing the sheet needs a
// meeting that has started. So the meetings of these scenarios start now: through the page, at
// the current minute in Paris time; through the API (as packages/api/test/meetings.e2e-spec.ts
// does for its signing tests), a few seconds ago.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertAccessible,
  assertNoConsoleErrors,
  DESKTOP,
  graphqlAs,
  login,
  outbox,
  MEMBER,
  PASSWORD,
  PHONE,
  RELAY,
  session,
  shot,
  url,
} from '../support/portal.mjs';
import {
  attendanceOf,
  decodeQr,
  meetingStartingNow,
  memberOf,
  relayGroupId,
} from '../support/meetings.mjs';

const TITLE = 'Réunion de démonstration du portail';

/** The current minute as a Paris wall-clock time, as a datetime-local field takes it. */
function parisMinuteNow() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date())
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

describe('the relay person runs a meeting', () => {
  test('plans a meeting, shows the QR code, a member signs from it, the sheet is closed', async () => {
    const groupId = await relayGroupId();
    const member = await memberOf(MEMBER);
    const relay = await session(DESKTOP);
    await login(relay.page, RELAY, `/groups/${groupId}/plan`);

    // (a) Planning through the page, starting at the current minute (Paris time).
    await relay.page.getByRole('heading', { name: /Programme \d{4}/ }).waitFor();
    await relay.page.getByLabel('Début (heure de Paris)').fill(parisMinuteNow());
    await relay.page.getByLabel('Durée').selectOption('120');
    await relay.page.getByLabel('Lieu').fill('Salle du conseil, Poitiers');
    await relay.page.getByLabel('Titre (facultatif)').fill(TITLE);
    await relay.page.getByRole('button', { name: 'Planifier', exact: true }).click();
    await relay.page.getByText('Réunion planifiée').waitFor();
    await relay.page.getByText(TITLE).first().waitFor();
    await shot(relay.page, 'relay-desktop-plan-year');

    const asRelay = await graphqlAs(RELAY);
    const { data } = await asRelay(
      `query ($g: ID!) { allMeetings(filter: { groupId: $g, status: PLANNED }, perPage: 200) { id title } }`,
      { g: groupId },
    );
    const meetingId = data.allMeetings.find((m) => m.title === TITLE).id;

    // The meeting's page offers the relay person (by permission) to run the sheet.
    await relay.page.goto(url(`/meetings/${meetingId}`));
    await relay.page.getByRole('link', { name: 'Animer l’émargement (QR code)' }).click();
    await relay.page.waitForURL(new RegExp(`/meetings/${meetingId}/run$`));
    const qr = relay.page.getByRole('img', { name: /QR code d’émargement/ });
    await qr.waitFor();
    assert.equal(
      await relay.page.getByRole('navigation', { name: 'Navigation principale' }).count(),
      0,
    );
    assert.match(
      await relay.page.locator('.run-code').innerText(),
      /^\d{6}$/,
      'the fallback code is shown',
    );
    await shot(relay.page, 'relay-desktop-run-qr');

    // (b) The member's phone opens the link of the QR code read from the relay person's screen.
    const link = await decodeQr(relay.page);
    assert.match(link, /\/sign\?t=/);
    const phone = await session(PHONE);
    await phone.page.goto(link);
    // Signed out: the sign-in form, on the signing page, keeping the token.
    await phone.page.getByLabel('Adresse e-mail').fill(MEMBER);
    await phone.page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await phone.page.getByRole('button', { name: 'Se connecter' }).click();
    await phone.page.getByRole('button', { name: 'Signer la feuille' }).click();
    const done = phone.page.locator('.sign-time');
    await done.waitFor();
    assert.match(await done.innerText(), /^Signé à \d{2}:\d{2}:\d{2}$/);
    assert.match(phone.page.url(), /\/sign\?t=/);
    await shot(phone.page, 'member-phone-signed');

    // The relay person's screen shows the signature arriving (polled every 3 s).
    const name = `${member.firstName} ${member.lastName}`;
    await relay.page
      .locator('.run-latest')
      .getByText(`${name} a signé à`)
      .waitFor({ timeout: 10_000 });
    await relay.page.locator('.run-signed').getByText(name).waitFor();
    await shot(relay.page, 'relay-desktop-signature-arrived');

    // Closing the sheet, after a confirmation.
    await relay.page.getByRole('button', { name: 'Clore la feuille' }).click();
    await relay.page.getByRole('button', { name: 'Oui, clore la feuille' }).click();
    await relay.page.getByText(/Feuille close à/).waitFor();
    await shot(relay.page, 'relay-desktop-sheet-closed');
    const sheet = await attendanceOf(meetingId);
    assert.equal(sheet.status, 'HELD');
    assert.ok(sheet.sheetClosedAt);
    assert.deepEqual(
      sheet.attendance.filter((line) => line.status === 'SIGNED').map((line) => line.memberId),
      [member.id],
    );

    assertNoConsoleErrors(relay.errors);
    assertNoConsoleErrors(phone.errors);
    await relay.context.close();
    await phone.context.close();
  });

  test('a double tap on « Signer la feuille » signs once', async () => {
    const groupId = await relayGroupId();
    const member = await memberOf(MEMBER);
    const meetingId = await meetingStartingNow(groupId, 'Double tap');
    const asRelay = await graphqlAs(RELAY);
    const { data } = await asRelay(
      `query ($m: ID!) { signingCredentials(meetingId: $m) { link } }`,
      { m: meetingId },
    );
    const { context, page, errors } = await session(PHONE);
    await login(page, MEMBER);
    let signCalls = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /signAttendance/.test(request.postData() ?? ''))
        signCalls += 1;
    });
    await page.goto(data.signingCredentials.link);
    const button = page.getByRole('button', { name: 'Signer la feuille' });
    await button.waitFor();
    // Two taps in the same instant, before React renders the disabled button.
    await button.evaluate((element) => {
      element.click();
      element.click();
    });
    await page.locator('.sign-time').waitFor();
    assert.match(await page.locator('.sign-time').innerText(), /^Signé à \d{2}:\d{2}:\d{2}$/);
    assert.equal(signCalls, 1, 'one call to signAttendance');
    const sheet = await attendanceOf(meetingId);
    assert.equal(sheet.attendance.filter((line) => line.memberId === member.id).length, 1);

    // Opening the same link again shows the signature already there, as a success.
    await page.reload();
    await page.getByText(/^Déjà signé à \d{2}:\d{2}:\d{2}$/).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Signer la feuille' }).count(), 0);
    await shot(page, 'member-phone-already-signed');
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('a lost answer to « Signer la feuille » is retried and signs once (slow network)', async () => {
    const groupId = await relayGroupId();
    const member = await memberOf(MEMBER);
    const meetingId = await meetingStartingNow(groupId, 'Réseau lent');
    const asRelay = await graphqlAs(RELAY);
    const { data } = await asRelay(
      `query ($m: ID!) { signingCredentials(meetingId: $m) { link } }`,
      { m: meetingId },
    );
    const { context, page } = await session(PHONE);
    await login(page, MEMBER);
    // The first signing request reaches the API, which signs; its answer is lost on the way back.
    let calls = 0;
    await page.route('**/graphql', async (route) => {
      if (!/signAttendance/.test(route.request().postData() ?? '')) return route.fallback();
      calls += 1;
      if (calls === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.fallback();
    });
    await page.goto(data.signingCredentials.link);
    await page.getByRole('button', { name: 'Signer la feuille' }).click();
    await page.locator('.sign-time').waitFor();
    assert.ok(calls >= 2, `the portal retried (${calls} calls)`);
    const sheet = await attendanceOf(meetingId);
    assert.deepEqual(
      sheet.attendance.filter((line) => line.memberId === member.id).map((line) => line.status),
      ['SIGNED'],
    );
    await context.close();
  });

  test('the meeting page: RSVP with three buttons, no serious accessibility violation (phone)', async () => {
    const asMember = await graphqlAs(MEMBER);
    const { data } = await asMember(
      `{ allMeetings(filter: { status: PLANNED }, sortField: "startsAt", sortOrder: "ASC", perPage: 50) { id startsAt } }`,
    );
    const upcoming = data.allMeetings.find((m) => Date.parse(m.startsAt) > Date.now() + 3600_000);
    assert.ok(upcoming, 'an upcoming meeting in the demo data');
    const { context, page, errors } = await session(PHONE);
    await login(page, MEMBER, `/meetings/${upcoming.id}`);
    await page.getByRole('heading', { name: 'Ordre du jour' }).waitFor();
    const yes = page.getByRole('button', { name: 'Je viens' });
    await yes.click();
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('button[aria-pressed]')]
          .find((b) => b.textContent === 'Je viens')
          ?.getAttribute('aria-pressed') === 'true',
    );
    assert.equal(
      await page.getByRole('button', { name: 'Peut-être' }).getAttribute('aria-pressed'),
      'false',
    );
    const answer = await asMember(`query ($id: ID!) { Meeting(id: $id) { myRsvp { answer } } }`, {
      id: upcoming.id,
    });
    assert.equal(answer.data.Meeting.myRsvp.answer, 'YES');
    // A member does not see the relay person's links.
    assert.equal(await page.getByRole('link', { name: /Animer l’émargement/ }).count(), 0);
    await shot(page, 'member-phone-meeting');
    await assertAccessible(page, 'the meeting page');

    await page.goto(url('/meetings'));
    await page.getByRole('heading', { name: 'À venir' }).waitFor();
    await shot(page, 'member-phone-meetings');
    await assertAccessible(page, 'my meetings');
    assertNoConsoleErrors(errors);
    await context.close();
  });
  test('the relay person reminds the members who have not answered a coming meeting', async () => {
    const groupId = await relayGroupId();
    const asRelay = await graphqlAs(RELAY);
    const at = new Date(Date.now() + 40 * 24 * 3600_000);
    at.setUTCHours(16, 0, 0, 0);
    const planned = await asRelay(
      `mutation ($g: ID!, $at: DateTimeISO!) {
         planMeeting(groupId: $g, startsAt: $at, durationMinutes: 150, place: "Salle A", title: "Réunion à relancer") { id }
       }`,
      { g: groupId, at: at.toISOString() },
    );
    assert.ok(planned.data, JSON.stringify(planned.errors));
    const meetingId = planned.data.planMeeting.id;
    const asMember = await graphqlAs(MEMBER);
    await asMember('mutation ($m: ID!) { rsvpMeeting(meetingId: $m, answer: YES) { answer } }', {
      m: meetingId,
    });
    const before = outbox().length;

    const { context, page, errors } = await session(DESKTOP);
    const year = new Intl.DateTimeFormat('en', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
    }).format(at);
    await login(page, RELAY, `/groups/${groupId}/plan?year=${year}`);
    const row = page.locator('li', { hasText: 'Réunion à relancer' }).first();
    await row.getByText(/Réponses : 1 sur \d+/).waitFor();
    await row
      .getByRole('button', { name: /^Relancer (le|les \d+) membres? sans réponse$/ })
      .click();
    const notice = row.getByText(/relancés? par e-mail/);
    await notice.waitFor();
    const count = Number((await notice.innerText()).match(/\d+/)[0]);
    assert.ok(count > 0);
    // The reminders leave after the commit; the member who answered is not among them.
    const deadline = Date.now() + 10_000;
    let reminders = [];
    while (Date.now() < deadline) {
      reminders = outbox()
        .slice(before)
        .filter((mail) => mail.subject.startsWith('Rappel : réunion du groupe'));
      if (reminders.length >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(reminders.length, count);
    assert.ok(
      !reminders.some((mail) => mail.to === MEMBER),
      'the member who answered is left alone',
    );
    assertNoConsoleErrors(errors);
    await context.close();
  });
});
