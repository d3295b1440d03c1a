// Browser tests of the admin console: the real API and PostgreSQL (demo data), the built console,
// headless Chromium. Run by `npm test` (scripts/epairs.mjs) after the API's suite, or alone with
// `pnpm --filter @epairs/admin test:browser` after `npm run build`.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './support/browser.mjs';
import { apiAs, startApi } from './support/server.mjs';

const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'e2e-artifacts');
const PASSWORD = 'EPairs-demo-2026!';
const FEDERATION = 'federation@demo.e-pairs.fr';
const SSTPC_ADMIN = 'admin.sstpc@demo.e-pairs.fr';
const BINOME = 'binome.asmt@demo.e-pairs.fr';
const YEAR = Number(
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(
    new Date(),
  ),
);

let api;
let browser;
let shots = 0;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  api = await startApi({ accessTokenTtl: '12s' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await api?.stop();
});

/** A fresh browser session that records console errors and token refreshes. */
async function session() {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'fr-FR',
  });
  const page = await context.newPage();
  const errors = [];
  const counters = { refresh: 0 };
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (request.url().endsWith('/graphql') && request.postData()?.includes('refreshSession')) {
      counters.refresh += 1;
    }
  });
  return { context, page, errors, counters };
}

async function shot(page, name) {
  shots += 1;
  await page.screenshot({
    path: join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

async function login(page, email) {
  await page.goto(`${api.url}/admin/`);
  await page.locator('input[name="username"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForFunction(() => !location.hash.startsWith('#/login'));
}

async function go(page, hash) {
  await page.goto(`${api.url}/admin/#${hash}`);
}

/** axe-core: no serious or critical violation (WCAG 2 A and AA rules). */
async function assertAccessible(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
    `accessibility violations on ${label}`,
  );
}

function assertNoConsoleErrors(errors) {
  assert.deepEqual(errors, [], 'console errors');
}

const DASHBOARD = `query($year: Int) { dashboard(year: $year) {
  activeGroups members meetingsPlanned meetingsHeld membersBelowThreshold
  groupsBelowThreshold { groupId reasons } groupsWithoutBinome { id } registrationsWaiting { id } } }`;

describe('admin console', { concurrency: false }, () => {
  test('federation admin: the dashboard shows the API figures; drill down to a group below thresholds and see why', async () => {
    const federation = await apiAs(api.url, FEDERATION);
    const { data } = await federation(DASHBOARD, { year: YEAR });
    const expected = data.dashboard;
    const { context, page, errors } = await session();
    await login(page, FEDERATION);
    await page.getByTestId('active-groups-value').waitFor();
    const figure = (id) => page.getByTestId(`${id}-value`).innerText();
    assert.equal(await figure('active-groups'), String(expected.activeGroups));
    assert.equal(await figure('members'), String(expected.members));
    assert.equal(await figure('meetings-planned'), String(expected.meetingsPlanned));
    assert.equal(await figure('meetings-held'), String(expected.meetingsHeld));
    assert.equal(await figure('members-below'), String(expected.membersBelowThreshold));
    assert.equal(await figure('groups-below'), String(expected.groupsBelowThreshold.length));
    assert.equal(
      await figure('groups-without-binome'),
      String(expected.groupsWithoutBinome.length),
    );
    assert.equal(
      await figure('registrations-waiting'),
      String(expected.registrationsWaiting.length),
    );
    await shot(page, 'federation-dashboard');
    await assertAccessible(page, 'the dashboard');

    // The figure opens the list behind it, and the list agrees.
    assert.ok(
      expected.groupsBelowThreshold.length > 0,
      'the demo data has groups below thresholds',
    );
    await page.getByTestId('groups-below').click();
    await page.waitForURL(/#\/PeerGroup\?/);
    await page.locator('tbody .RaDatagrid-row').first().waitFor();
    assert.equal(
      await page.locator('tbody .RaDatagrid-row').count(),
      expected.groupsBelowThreshold.length,
    );
    await shot(page, 'groups-below-list');

    // One click from the dashboard to the group, and why it is below.
    await page.goBack();
    const first = expected.groupsBelowThreshold[0];
    await page.getByTestId('groups-below-list').locator('a').first().click();
    await page.waitForURL(new RegExp(`#/PeerGroup/${first.groupId}/show`));
    const reasons = page.getByTestId('programme-reasons');
    await reasons.waitFor();
    for (const reason of first.reasons)
      assert.ok((await reasons.innerText()).includes(reason), reason);
    await shot(page, 'group-below-why');
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('a list and a form have no serious accessibility violation', async () => {
    const { context, page, errors } = await session();
    await login(page, FEDERATION);
    await go(page, '/PeerGroup');
    await page.locator('tbody .RaDatagrid-row').first().waitFor();
    await shot(page, 'peer-group-list');
    await assertAccessible(page, 'the peer group list');
    await go(page, '/Member/create');
    await page.locator('input[name="lastName"]').waitFor();
    await shot(page, 'member-create-form');
    await assertAccessible(page, 'the member form');
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('register a group end to end: refused with the reasons, fixed, registered, a binôme assigned', async () => {
    const federation = await apiAs(api.url, FEDERATION);
    const societies = (await federation(`query { allSocieties(perPage: 50) { id code } }`)).data
      .allSocieties;
    const sstpc = societies.find((society) => society.code === 'SSTPC');
    // Five physicians of the society with a convention for the year, the charter accepted.
    const [members, conventions] = await Promise.all([
      federation(
        `query($f: MemberFilter) { allMembers(filter: $f, perPage: 500) { id email charter { upToDate } } }`,
        { f: { societyId: sstpc.id, status: 'ACTIVE', profession: 'PHYSICIAN' } },
      ),
      federation(
        `query($f: ConventionFilter) { allConventions(filter: $f, perPage: 1000) { memberId status } }`,
        { f: { societyId: sstpc.id, year: YEAR } },
      ),
    ]);
    const covered = new Set(
      conventions.data.allConventions
        .filter((convention) => ['SIGNED', 'ACTIVE'].includes(convention.status))
        .map((convention) => convention.memberId),
    );
    const five = members.data.allMembers
      .filter((member) => covered.has(member.id) && member.email && member.charter?.upToDate)
      .slice(0, 5);
    assert.equal(five.length, 5, 'the demo data has such members');

    const created = await federation(
      `mutation($s: ID!) { createPeerGroup(societyId: $s, name: "GAPEP Châtellerault (test)", kind: GAPEP,
         entryPoint: CASE_PRESENTATION, drawMode: RANDOM) { id } }`,
      { s: sstpc.id },
    );
    const groupId = created.data.createPeerGroup.id;
    for (const [index, member] of five.entries()) {
      const added = await federation(
        `mutation($g: ID!, $m: ID!, $r: GroupRole) { addGroupMember(groupId: $g, memberId: $m, role: $r) { id } }`,
        { g: groupId, m: member.id, r: index === 0 ? 'RELAY' : 'MEMBER' },
      );
      assert.equal(added.errors, undefined, JSON.stringify(added.errors));
    }
    // E-Pairs publishes a new charter: nobody has accepted it yet. (Last tests of the run do
    // not depend on the charter.)
    const published = await federation(
      `mutation { publishCharterVersion(title: "Charte E-Pairs (test)", body: "Texte de la charte, version de test.") { id } }`,
    );
    assert.equal(published.errors, undefined, JSON.stringify(published.errors));
    const charterId = published.data.publishCharterVersion.id;

    const { context, page, errors } = await session();
    await login(page, FEDERATION);
    await go(page, `/PeerGroup/${groupId}/show`);
    await page.getByRole('button', { name: 'Déposer la demande d’inscription' }).click();
    // Refused, with the reason, in French.
    await page
      .getByText(/charte/i)
      .first()
      .waitFor();
    await go(page, `/PeerGroup/${groupId}/show/registration`);
    const problems = page.getByTestId('registration-problems');
    await problems.waitFor();
    assert.match(await problems.innerText(), /CHARTER_NOT_ACCEPTED/);
    await shot(page, 'registration-refused-reasons');

    // The members accept the charter in force; the request goes through.
    for (const person of five) {
      const member = await apiAs(api.url, person.email);
      const acceptance = await member(
        `mutation($v: ID!) { acceptCharter(charterVersionId: $v) { id } }`,
        { v: charterId },
      );
      assert.equal(acceptance.errors, undefined, JSON.stringify(acceptance.errors));
    }
    await go(page, `/PeerGroup/${groupId}/show/registration`);
    await page.reload();
    await page.getByText('Rien n’empêche l’inscription.').waitFor();
    await page.getByRole('button', { name: 'Déposer la demande d’inscription' }).click();
    await page.getByRole('button', { name: 'Inscrire le groupe' }).waitFor();
    await page.getByRole('button', { name: 'Inscrire le groupe' }).click();
    await page.getByRole('button', { name: 'Confirmer' }).click();
    const status = async () =>
      (await federation(`query($id: ID!) { PeerGroup(id: $id) { status } }`, { id: groupId })).data
        .PeerGroup.status;
    await page.waitForFunction(() => !document.querySelector('[role="dialog"]'));
    for (let tries = 0; tries < 15 && (await status()) !== 'REGISTERED'; tries += 1) {
      await page.waitForTimeout(300);
    }
    assert.equal(await status(), 'REGISTERED');
    await shot(page, 'group-registered');

    // A binôme is assigned from the group's page.
    await page.getByRole('button', { name: 'Affecter un binôme' }).click();
    await page.getByLabel('Correspondant(e) : nom ou e-mail').fill('binome.arapt');
    await page.getByRole('option', { name: /binome\.arapt@demo\.e-pairs\.fr/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await go(page, `/PeerGroup/${groupId}/show/binomes`);
    await page.getByText('binome.arapt@demo.e-pairs.fr').waitFor();
    await shot(page, 'binome-assigned');

    // Its first meeting, typed in Paris time.
    await page.getByRole('button', { name: 'Planifier une réunion' }).click();
    await page.getByLabel('Début (heure de Paris)').fill(`${YEAR + 1}-03-12T18:30`);
    await page.getByLabel('Lieu').fill('Salle du conseil, Châtellerault');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    const planned = async () =>
      (
        await federation(
          `query($f: MeetingFilter) { allMeetings(filter: $f) { id startsAt place status } }`,
          { f: { groupId } },
        )
      ).data.allMeetings;
    for (let tries = 0; tries < 15 && (await planned()).length === 0; tries += 1) {
      await page.waitForTimeout(300);
    }
    const [meeting] = await planned();
    // 18:30 in Paris in March (winter time, UTC+1) is 17:30 UTC.
    assert.equal(new Date(meeting.startsAt).toISOString(), `${YEAR + 1}-03-12T17:30:00.000Z`);
    assert.equal(meeting.place, 'Salle du conseil, Châtellerault');
    // Moved to 19:00, Paris time.
    await go(page, `/Meeting/${meeting.id}/show`);
    await page.getByRole('button', { name: 'Déplacer ou modifier' }).click();
    await page.getByLabel('Début (heure de Paris)').fill(`${YEAR + 1}-03-12T19:00`);
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    for (
      let tries = 0;
      tries < 15 && !(await planned())[0].startsAt.includes('T18:00');
      tries += 1
    ) {
      await page.waitForTimeout(300);
    }
    assert.equal(
      new Date((await planned())[0].startsAt).toISOString(),
      `${YEAR + 1}-03-12T18:00:00.000Z`,
    );
    // And cancelled, with a reason.
    await page.reload();
    await page.getByRole('button', { name: 'Annuler la réunion' }).click();
    await page.getByLabel('Motif de l’annulation').fill('Salle indisponible');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    for (let tries = 0; tries < 15 && (await planned())[0].status !== 'CANCELLED'; tries += 1) {
      await page.waitForTimeout(300);
    }
    assert.equal((await planned())[0].status, 'CANCELLED');
    await shot(page, 'meeting-cancelled');

    // A member leaves the group, after a confirmation.
    await go(page, `/PeerGroup/${groupId}/show/members`);
    await page.getByRole('button', { name: 'Retirer du groupe' }).last().click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    const current = async () =>
      (
        await federation(`query($id: ID!) { PeerGroup(id: $id) { memberships { id } } }`, {
          id: groupId,
        })
      ).data.PeerGroup.memberships.length;
    for (let tries = 0; tries < 15 && (await current()) !== 4; tries += 1) {
      await page.waitForTimeout(300);
    }
    assert.equal(await current(), 4);
    await shot(page, 'member-removed');
    assertNoConsoleErrors(errors.filter((e) => !/status of 40[09]/.test(e)));
    await context.close();
  });

  test('society admin: sees its society only, and another society’s group is refused', async () => {
    const federation = await apiAs(api.url, FEDERATION);
    const { data } = await federation(`query { allSocieties(perPage: 50) { id code } }`);
    const smtvl = data.allSocieties.find((society) => society.code === 'SMTVL');
    const groups = await federation(
      `query($filter: PeerGroupFilter) { allPeerGroups(filter: $filter, perPage: 1) { id name } }`,
      { filter: { societyId: smtvl.id } },
    );
    const other = groups.data.allPeerGroups[0];

    const admin = await apiAs(api.url, SSTPC_ADMIN);
    const own = (
      await admin(
        `query($year: Int) { dashboard(year: $year) {
           conventionsToChase binomeItemsWaiting30 hoursDistribution { code members } } }`,
        { year: YEAR },
      )
    ).data.dashboard;

    const { context, page, errors } = await session();
    await login(page, SSTPC_ADMIN);
    await page.getByTestId('active-groups-value').waitFor();
    assert.equal(await page.locator('#dashboard-society').count(), 0, 'no society picker');
    const figure = (id) => page.getByTestId(`${id}-value`).innerText();
    assert.equal(await figure('conventions-to-chase'), String(own.conventionsToChase));
    assert.equal(await figure('binome-waiting'), String(own.binomeItemsWaiting30));
    await shot(page, 'society-dashboard');

    // Each figure opens the list behind it, and the list agrees.
    assert.ok(own.conventionsToChase > 0, 'the demo data has conventions to chase');
    await page.getByTestId('conventions-to-chase').click();
    await page.waitForURL(/#\/Member\?/);
    const displayed = page.locator('.MuiTablePagination-displayedRows');
    await displayed.waitFor();
    assert.match(await displayed.innerText(), new RegExp(`\\D${own.conventionsToChase}$`));
    await shot(page, 'conventions-to-chase');
    await page.goBack();
    await page.getByTestId('binome-waiting').click();
    await page.waitForURL(/#\/binome-waiting/);
    if (own.binomeItemsWaiting30 > 0) {
      await page.getByTestId('binome-waiting-table').waitFor();
      assert.equal(
        await page.getByTestId('binome-waiting-table').locator('tbody tr').count(),
        own.binomeItemsWaiting30,
      );
    }
    await shot(page, 'binome-waiting');
    await page.goBack();
    const bucket = own.hoursDistribution.find((row) => row.members > 0);
    await page.getByTestId(`hours-bucket-${bucket.code}`).click();
    await page.waitForURL(/#\/compliance\?/);
    await page.getByTestId('compliance-table').waitFor();
    assert.equal(
      await page.getByTestId('compliance-table').locator('tbody tr').count(),
      bucket.members,
    );
    await shot(page, 'hours-bucket-members');
    await go(page, '/PeerGroup');
    await page.locator('tbody .RaDatagrid-row').first().waitFor();
    const codes = await page.locator('td.column-society\\.code').allInnerTexts();
    assert.ok(codes.length > 0);
    assert.deepEqual([...new Set(codes)], ['SSTPC']);
    await shot(page, 'society-groups');

    await go(page, `/PeerGroup/${other.id}/show`);
    await page.getByTestId('access-denied').waitFor();
    assert.equal(await page.getByText(other.name).count(), 0, 'the other group is not shown');
    await shot(page, 'other-society-group-refused');
    // The API refuses or finds nothing: the console's refusal is all the browser logged.
    assertNoConsoleErrors(errors.filter((e) => !/status of 40[34]/.test(e)));
    await context.close();
  });

  test('a role without a permission does not see the button, and the API refuses anyway', async () => {
    const { context, page, errors } = await session();
    await login(page, SSTPC_ADMIN);
    await go(page, '/Society');
    await page.locator('tbody .RaDatagrid-row').first().waitFor();
    assert.equal(await page.locator('a[href$="#/Society/create"]').count(), 0, 'no create button');
    await shot(page, 'society-list-no-create');
    await go(page, '/Society/create');
    await page.getByTestId('access-denied').waitFor();
    const sstpc = await apiAs(api.url, SSTPC_ADMIN);
    const refused = await sstpc(`mutation { createSociety(code: "ZZZ", name: "Refusée") { id } }`);
    assert.equal(refused.errors?.[0]?.extensions?.code, 'FORBIDDEN');

    // The federation admin has the button.
    const fed = await session();
    await login(fed.page, FEDERATION);
    await go(fed.page, '/Society');
    await fed.page.locator('a[href$="#/Society/create"]').waitFor();
    assertNoConsoleErrors([...errors, ...fed.errors]);
    await fed.context.close();
    await context.close();
  });

  test('binôme: finds the validated report in its queue, writes feedback, the loop status changes', async () => {
    const { context, page, errors } = await session();
    await login(page, BINOME);
    await page.waitForURL(/#\/binome/);
    const queue = page.getByTestId('binome-queue');
    await queue.waitFor();
    await shot(page, 'binome-queue');
    const reportRow = page.getByTestId('queue-REPORT').first();
    assert.ok((await reportRow.innerText()).includes('GAPEP Poitiers Centre'));
    await reportRow.locator('a[href*="/binome/report/"]').click();
    await page.getByRole('heading', { name: 'Points d’accord' }).waitFor();
    const sentBefore = await page
      .getByTestId('feedback-status')
      .filter({ hasText: 'Envoyé' })
      .count();
    await shot(page, 'binome-report');

    // A question must be a question: the error shows next to the field.
    await page.locator('#question-0').fill('Le groupe a pensé au maintien dans l’emploi');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.locator('#question-0-helper-text').filter({ hasText: '« ? »' }).waitFor();
    await assertAccessible(page, 'the feedback form');
    await page.locator('#question-0').fill('Le groupe a-t-il pensé au maintien dans l’emploi ?');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByTestId('feedback-status').filter({ hasText: 'Brouillon' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer au groupe' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await page.waitForFunction(
      (count) =>
        [...document.querySelectorAll('[data-testid="feedback-status"]')].filter((e) =>
          e.textContent.includes('Envoyé'),
        ).length ===
        count + 1,
      sentBefore,
    );
    await shot(page, 'binome-report-feedback-sent');

    // The submitted case waits for the binôme; once feedback is sent, its status changes.
    await go(page, '/binome');
    const caseRow = page.getByTestId('queue-CASE').first();
    await caseRow.waitFor();
    assert.equal(await caseRow.getByTestId('loop-status').innerText(), 'En attente du binôme');
    await caseRow.locator('a[href*="/binome/case/"]').click();
    await page
      .locator('#question-0')
      .fill('Quels éléments de l’étude de poste ont orienté le groupe ?');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByTestId('feedback-status').filter({ hasText: 'Brouillon' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer au groupe' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await page.getByTestId('feedback-status').filter({ hasText: 'Envoyé' }).waitFor();
    await go(page, '/binome');
    await page
      .getByTestId('queue-CASE')
      .first()
      .getByTestId('loop-status')
      .filter({ hasText: 'Retour envoyé' })
      .waitFor();
    await shot(page, 'binome-queue-after');
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('token expiry during a session refreshes silently, and a 401 is retried once', async () => {
    const { context, page, errors, counters } = await session();
    await login(page, FEDERATION);
    await page.getByTestId('active-groups-value').waitFor();
    // The access token lives 12 s on this server: wait past its expiry, then keep working.
    await page.waitForTimeout(14_000);
    await go(page, '/Member');
    await page.locator('tbody .RaDatagrid-row').first().waitFor();
    assert.ok(counters.refresh >= 1, `refreshed ${counters.refresh} times`);
    assert.ok(!page.url().includes('#/login'));

    // A request refused with 401 (token revoked or expired in flight): refreshed, retried once.
    let refused = 0;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (refused === 0 && body.includes('allEmployers')) {
        refused += 1;
        await route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({
            errors: [{ message: 'Session expirée.', extensions: { code: 'UNAUTHENTICATED' } }],
          }),
        });
        return;
      }
      await route.continue();
    });
    const before = counters.refresh;
    await go(page, '/Employer');
    await page.locator('tbody .RaDatagrid-row').first().waitFor();
    assert.equal(refused, 1);
    assert.ok(counters.refresh > before, 'refreshed after the 401');
    await shot(page, 'after-silent-refresh');
    // Chromium logs the refused request itself; nothing else may be logged.
    assertNoConsoleErrors(errors.filter((e) => !/status of 401/.test(e)));
    await context.close();
  });
});
