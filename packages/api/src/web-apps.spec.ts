import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { adminConsoleRouter, memberPortalRouter } from './web-apps';
import { createLogger } from './common/logger';

describe('admin console static serving', () => {
  const dir = mkdtempSync(join(tmpdir(), 'epairs-admin-dist-'));
  const previous = process.env.ADMIN_DIST_DIR;
  const app = express();
  let server: Server;
  let base = '';
  const get = (path: string) => fetch(`${base}${path}`, { redirect: 'manual' });

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    process.env.ADMIN_DIST_DIR = dir;
    app.use(adminConsoleRouter(createLogger('silent')));
    app.use((_request, response) => {
      response.status(404).end();
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    if (previous === undefined) delete process.env.ADMIN_DIST_DIR;
    else process.env.ADMIN_DIST_DIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  it('redirects /admin to /admin/ and answers index.html, never cached', async () => {
    const redirect = await get('/admin');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/admin/');
    const page = await get('/admin/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('console');
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });

  it('answers index.html for any console path (SPA fallback)', async () => {
    const page = await get('/admin/PeerGroup/123/show');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('console');
  });

  it('serves hashed assets for a year and refuses missing ones', async () => {
    const asset = await get('/admin/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await get('/admin/assets/missing.js')).status).toBe(404);
  });

  it('leaves other paths alone', async () => {
    expect((await get('/graphql-not-here')).status).toBe(404);
  });
});

describe('member portal static serving', () => {
  const dir = mkdtempSync(join(tmpdir(), 'epairs-portal-dist-'));
  const previous = process.env.PORTAL_DIST_DIR;
  const app = express();
  let server: Server;
  let base = '';
  const get = (path: string, accept = 'text/html,application/xhtml+xml') =>
    fetch(`${base}${path}`, { redirect: 'manual', headers: { accept } });

  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>portail</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    process.env.PORTAL_DIST_DIR = dir;
    app.get('/rsvp', (_request, response) => {
      response.send('api rsvp page');
    });
    app.use(memberPortalRouter(createLogger('silent')));
    app.use((_request, response) => {
      response.status(404).json({ error: 'NOT_FOUND' });
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    if (previous === undefined) delete process.env.PORTAL_DIST_DIR;
    else process.env.PORTAL_DIST_DIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers index.html, never cached, for the portal pages a browser opens', async () => {
    for (const path of ['/', '/sign?t=abc', '/activate?token=x', '/meetings/42']) {
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('portail');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year and refuses missing ones', async () => {
    const asset = await get('/assets/index-abc.js', '*/*');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await get('/assets/missing.js', '*/*')).status).toBe(404);
  });

  it('leaves the API its routes, and non-page requests their 404', async () => {
    expect(await (await get('/rsvp?token=t')).text()).toBe('api rsvp page');
    expect((await get('/graphql', 'application/json')).status).toBe(404);
    expect((await get('/unknown.json', 'application/json')).status).toBe(404);
    expect((await get('/files/x.pdf')).status).toBe(404);
  });
});
