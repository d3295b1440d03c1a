import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router, type Request } from 'express';
import type { Logger } from './common/logger';

/** Where a built web app is (packages/<name>/dist), unless its environment variable says otherwise. */
function distDir(variable: string, packageName: string): string {
  return resolve(process.env[variable] ?? join(__dirname, '..', '..', packageName, 'dist'));
}

export const adminDistDir = () => distDir('ADMIN_DIST_DIR', 'admin');
export const portalDistDir = () => distDir('PORTAL_DIST_DIR', 'member-portal');

function notBuilt(message: string) {
  return (_request: Request, response: express.Response) => {
    response.status(404).json({ error: 'NOT_FOUND', message });
  };
}

const immutable = { immutable: true, maxAge: '365d', fallthrough: false } as const;

function sendIndex(index: string) {
  return (_request: Request, response: express.Response) => {
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  };
}

/**
 * Serves the built admin console under /admin: its hashed assets cached for a year, index.html
 * never cached, and index.html for any other path under /admin (the console routes in the hash,
 * but a reload of /admin/anything must still land on it). Absent build: /admin answers 404 with
 * a hint, the API runs as before.
 */
export function adminConsoleRouter(logger: Logger): Router {
  const router = Router();
  const dir = adminDistDir();
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.info({ dir }, 'admin console not built: /admin is not served');
    router.use('/admin', notBuilt('Console non construite : lancez « npm run build ».'));
    return router;
  }
  router.get(/^\/admin$/, (_request, response) => response.redirect(301, '/admin/'));
  router.use('/admin/assets', express.static(join(dir, 'assets'), immutable));
  router.use('/admin', express.static(dir, { index: false, maxAge: 0, redirect: false }));
  router.get(/^\/admin\/.*/, sendIndex(index));
  return router;
}

/** A browser asking for a page (not a script, an image or an API call). */
function wantsPage(request: Request): boolean {
  return request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
}

/**
 * Serves the built member portal at the site's root: /assets cached for a year, and index.html
 * (never cached) for any other page a browser asks for, since the portal routes by path
 * (/meetings/…, /sign?t=…, /activate?token=…). Mounted after the API's own routes, so /graphql,
 * /files, /verify, /rsvp and /admin keep theirs; anything else that is not a page still gets the
 * API's 404.
 */
export function memberPortalRouter(logger: Logger): Router {
  const router = Router();
  const dir = portalDistDir();
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.info({ dir }, 'member portal not built: / is not served');
    router.get('/', notBuilt('Portail non construit : lancez « npm run build ».'));
    return router;
  }
  router.use('/assets', express.static(join(dir, 'assets'), immutable));
  router.use(express.static(dir, { index: false, maxAge: 0, redirect: false }));
  router.get(/^\/(?!graphql|files\/|admin|assets\/).*/, (request, response, next) =>
    wantsPage(request) ? sendIndex(index)(request, response) : next(),
  );
  return router;
}
