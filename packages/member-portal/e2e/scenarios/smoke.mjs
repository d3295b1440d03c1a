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
} from '../support/portal.mjs';

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
});
