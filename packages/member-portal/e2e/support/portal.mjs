// What the portal's browser scenarios share: one API (real PostgreSQL, demo data) and one
// Chromium for the whole run, pages at a phone's and a desktop's size, sign-in, screenshots,
// axe, the development outbox. The API and the browser come from the console's test support.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../../admin/e2e/support/browser.mjs';
import { apiAs, startApi } from '../../../admin/e2e/support/server.mjs';

export const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'e2e-artifacts');
export const PASSWORD = 'EPairs-demo-2026!';
export const RELAY = 'relais.sstpc@demo.e-pairs.fr';
export const MEMBER = 'medecin.sstpc@demo.e-pairs.fr';
export const OTHER_GROUP_MEMBER = 'infirmiere.smtvl@demo.e-pairs.fr';
export const SSTPC_ADMIN = 'admin.sstpc@demo.e-pairs.fr';
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1280, height: 900 } };

/** The run's API and browser, set by the entry file's before(). */
export const run = { api: null, browser: null };
let shots = 0;

export async function startRun() {
  mkdirSync(ARTIFACTS, { recursive: true });
  run.api = await startApi({ accessTokenTtl: '60s' });
  run.browser = await launchBrowser();
}

export async function stopRun() {
  await run.browser?.close();
  await run.api?.stop();
}

export const url = (path) => `${run.api.url}${path}`;
export const graphqlAs = (email, password) => apiAs(run.api.url, email, password);

/**
 * A fresh browser context (its own storage: one person) at a phone's size unless told otherwise;
 * console errors and failed page scripts are collected for `assertNoConsoleErrors`.
 */
export async function session(device = PHONE) {
  const context = await run.browser.newContext({
    ...device,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** No console error, except the 4xx the scenario provoked on purpose (a refused page). */
export function assertNoConsoleErrors(errors, allowed = []) {
  const unexpected = errors.filter((text) => !allowed.some((pattern) => pattern.test(text)));
  assert.deepEqual(unexpected, [], `console errors: ${unexpected.join('\n')}`);
}

export async function shot(page, name) {
  shots += 1;
  await page.screenshot({
    path: join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`),
    fullPage: true,
  });
}

export async function login(page, email, next = '/') {
  await page.goto(url(`/login?next=${encodeURIComponent(next)}`));
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((current) => !current.pathname.startsWith('/login'));
}

/** axe-core: no serious or critical violation (WCAG 2 A and AA rules). */
export async function assertAccessible(page, name) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const serious = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `accessibility violations on ${name}`,
  );
}

/** The e-mails written to the development outbox so far (oldest first). */
export function outbox() {
  const dir = join(run.api.dataDir, 'outbox');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')));
}

/** Waits for an e-mail to an address whose link matches (e-mails leave after the commit). */
export async function waitForMail(to, linkPattern, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = outbox()
      .reverse()
      .find((mail) => mail.to === to && mail.link && linkPattern.test(mail.link));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no e-mail to ${to} with a link like ${linkPattern}`);
}
