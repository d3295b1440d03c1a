import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertNoConsoleErrors,
  DESKTOP,
  login,
  MEMBER,
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
});
