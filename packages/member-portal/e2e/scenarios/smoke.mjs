import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertNoConsoleErrors,
  DESKTOP,
  login,
  MEMBER,
  OTHER_GROUP_MEMBER,
  session,
  shot,
  url,
  graphqlAs,
  waitForMail,
} from '../support/portal.mjs';

// An account of the demo that no other scenario signs in with (its password changes here).
const RESET_EMAIL = 'binome.arapt@demo.e-pairs.fr';
const NEW_PASSWORD = 'Nouveau-mot-de-passe-2026!';

describe('signing in', () => {
  test('a signed-out visitor is sent to sign in, then lands where they were going', async () => {
    const { context, page, errors } = await session();
    await page.goto(url('/dpc'));
    await page.waitForURL(/\/login\?next=%2Fdpc/);
    await login(page, MEMBER, '/dpc');
    assert.equal(new URL(page.url()).pathname, '/dpc');
    await shot(page, 'phone-after-login');
    assertNoConsoleErrors(errors);
    await context.close();
  });

  test('a wrong password is refused with the API’s message, next to the form', async () => {
    const { context, page } = await session(DESKTOP);
    await page.goto(url('/login'));
    await page.getByLabel('Adresse e-mail').fill(MEMBER);
    await page.getByLabel('Mot de passe', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /identifiants|mot de passe/i);
    assert.equal(new URL(page.url()).pathname, '/login');
    await context.close();
  });
  test('signing out in another tab ends the session here too; the next person sees nothing of the first', async () => {
    const { context, page, errors } = await session();
    await login(page, MEMBER);
    const firstGroups = page.locator('#home-groups + ul a');
    await firstGroups.first().waitFor();
    const names = await firstGroups.allInnerTexts();
    await page.getByRole('progressbar').first().waitFor();

    const other = await context.newPage();
    await other.goto(url('/more'));
    await other.getByRole('button', { name: 'Se déconnecter' }).click();
    await other.waitForURL(/\/login/);
    // The first tab follows: back to the sign-in page.
    await page.waitForURL(/\/login/);

    await login(page, OTHER_GROUP_MEMBER);
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    await page.locator('#home-groups + ul a').first().waitFor();
    const now = await page.locator('#home-groups + ul a').allInnerTexts();
    for (const name of names)
      assert.ok(!now.includes(name), `${name} is not shown to the next person`);
    // A request of this tab may meet the session the other tab just revoked (401) before the
    // tab follows: the API refusing it is the point.
    assertNoConsoleErrors(errors, [/status of 401/]);
    await context.close();
  });
  test('a forgotten password: the e-mailed link sets a new one and signs in', async () => {
    const { context, page, errors } = await session();
    await page.goto(url('/login'));
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.getByLabel('Adresse e-mail').fill(RESET_EMAIL);
    await page.getByRole('button', { name: 'Recevoir le lien' }).click();
    await page.getByText(/un e-mail vient de partir/).waitFor();
    const mail = await waitForMail(RESET_EMAIL, /\/reset-password\?token=/);
    await page.goto(mail.link);
    // Too short: refused by the shared rules on submit, next to the field.
    await page.getByLabel('Nouveau mot de passe').fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByText(/au moins 12 caractères/).waitFor();
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await page.getByRole('heading', { level: 1, name: /Bonjour/ }).waitFor();
    // A binôme has no member profile: the portal sends them to the console.
    await page.getByRole('link', { name: 'Ouvrir la console' }).waitFor();
    // The new password works, and the link does not work twice.
    const asAgain = await graphqlAs(RESET_EMAIL, NEW_PASSWORD);
    const me = await asAgain('{ me { email } }');
    assert.equal(me.data.me.email, RESET_EMAIL);
    const second = await session();
    await second.page.goto(mail.link);
    await second.page.getByLabel('Nouveau mot de passe').fill(`${NEW_PASSWORD}-bis`);
    await second.page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await second.page.getByRole('alert').waitFor();
    assertNoConsoleErrors(errors);
    await second.context.close();
    await context.close();
  });
});
