// Headless Chromium for the browser tests, without downloads: the binary shipped inside the npm
// package @sparticuz/chromium (unpacked to the temp dir on first use), driven by playwright-core.
// CHROMIUM_PATH may point at another build (e.g. Debian's /usr/bin/chromium).
import chromium from '@sparticuz/chromium';
import { chromium as playwright } from 'playwright-core';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  const executablePath = process.env.CHROMIUM_PATH || (await chromium.executablePath());
  return playwright.launch({ executablePath, headless: true, args: FLAGS });
}
