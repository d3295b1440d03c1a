// The member's own pages: home, groups, DPC, thesaurus, directory, my data; a refusal across
// groups; English; accessibility at a phone's size.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import {
  assertAccessible,
  assertNoConsoleErrors,
  DESKTOP,
  graphqlAs,
  login,
  MEMBER,
  OTHER_GROUP_MEMBER,
  session,
  shot,
} from '../support/portal.mjs';

async function myGroupId(email) {
  const call = await graphqlAs(email);
  const result = await call('{ myMember { memberships { group { id name } } } }');
  return result.data.myMember.memberships[0].group;
}

describe('self-service pages', () => {
  test('home, my group and my DPC on a phone: real figures, no serious accessibility issue', async () => {
    const { context, page, errors } = await session();
    await login(page, MEMBER);
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    await page.getByRole('heading', { name: 'Prochaines réunions' }).waitFor();
    await page.getByRole('progressbar').first().waitFor();
    await assertAccessible(page, 'home');
    await shot(page, 'phone-home');

    const group = await myGroupId(MEMBER);
    await page.getByRole('link', { name: group.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: group.name }).waitFor();
    await page.getByRole('heading', { name: /Membres \(\d+\)/ }).waitFor();
    // The member is not the relay person: no relay tools.
    assert.equal(await page.getByRole('link', { name: /Planifier l’année/ }).count(), 0);
    await assertAccessible(page, 'group');
    await shot(page, 'phone-group');

    await page.getByRole('link', { name: 'Mon DPC' }).click();
    await page.getByRole('heading', { name: 'Mes attestations' }).waitFor();
    await page.getByRole('progressbar').first().waitFor();
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('a member of another group opening this group’s page sees a refusal, not its members', async () => {
    const group = await myGroupId(MEMBER);
    const { context, page } = await session();
    await login(page, OTHER_GROUP_MEMBER, `/groups/${group.id}`);
    await page.getByRole('alert').waitFor();
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /Membres \(/);
    assert.ok(!text.includes(group.name), 'the group’s name is not shown');
    await context.close();
  });

  test('the thesaurus finds « musculosquelettique » without the hyphen, highlighted', async () => {
    const { context, page } = await session();
    await login(page, MEMBER, '/thesaurus');
    await page.getByLabel('Rechercher').fill('musculosquelettique');
    // The empty search lists the latest entries first: wait for the search's own results.
    await page.locator('main li.card mark').first().waitFor();
    const first = page.locator('main li.card').first();
    assert.match(await first.locator('h2').innerText(), /musculo-squelettiques/i);
    assert.ok((await first.locator('mark').count()) > 0, 'the words found are marked');
    await shot(page, 'phone-thesaurus');
    await context.close();
  });

  test('the directory finds groups by theme, with their relay person to write to', async () => {
    const { context, page } = await session(DESKTOP);
    await login(page, MEMBER, '/directory');
    await page.locator('main li.card').first().waitFor();
    const all = await page.locator('main li.card').count();
    await page
      .getByLabel('Thème travaillé')
      .selectOption({ label: 'Troubles musculo-squelettiques (TMS)' });
    await page.waitForFunction(
      (before) => document.querySelectorAll('main li.card').length !== before,
      all,
    );
    const cards = page.locator('main li.card');
    const count = await cards.count();
    assert.ok(count > 0 && count < all, `${count} of ${all} groups work on TMS`);
    for (let index = 0; index < count; index += 1) {
      assert.match(await cards.nth(index).innerText(), /musculo-squelettiques/i);
    }
    await context.close();
  });

  test('my data: the JSON export is mine; a deletion request is recorded and can be withdrawn', async () => {
    const { context, page, errors } = await session();
    await login(page, MEMBER, '/my-data');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger (JSON)' }).click(),
    ]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(exported.account.email, MEMBER);
    assert.ok(exported.memberships.length > 0);

    await page.getByRole('button', { name: 'Demander la suppression de mon compte' }).click();
    await page.getByRole('button', { name: 'Confirmer la demande de suppression' }).click();
    await page.getByText(/en attente de traitement/).waitFor();
    const call = await graphqlAs(MEMBER);
    const pending = await call('{ myAccountDeletionRequest { status } }');
    assert.equal(pending.data.myAccountDeletionRequest.status, 'PENDING');
    await assertAccessible(page, 'my data');

    await page.getByRole('button', { name: 'Retirer ma demande' }).click();
    await page.getByRole('button', { name: 'Demander la suppression de mon compte' }).waitFor();
    const withdrawn = await call('{ myAccountDeletionRequest { status } }');
    assert.equal(withdrawn.data.myAccountDeletionRequest.status, 'CANCELLED');
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('in English, the pages speak English and dates stay in Paris time', async () => {
    const { context, page } = await session(DESKTOP);
    await login(page, MEMBER, '/more');
    await page.getByRole('button', { name: /Langue : English/ }).click();
    await page.getByRole('heading', { level: 1, name: 'More' }).waitFor();
    await page.getByRole('link', { name: 'My CPD' }).click();
    await page.getByRole('heading', { name: 'My attestations' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await shot(page, 'desktop-dpc-english');
    await context.close();
  });
});
