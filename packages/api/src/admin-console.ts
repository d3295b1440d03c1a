import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router } from 'express';
import type { Logger } from './common/logger';

/** Where the built console is (packages/admin/dist), unless ADMIN_DIST_DIR says otherwise. */
export function adminDistDir(): string {
  return resolve(process.env.ADMIN_DIST_DIR ?? join(__dirname, '..', '..', 'admin', 'dist'));
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
    router.use('/admin', (_request, response) => {
      response.status(404).json({
        error: 'NOT_FOUND',
        message: 'Console non construite : lancez « npm run build ».',
      });
    });
    return router;
  }
  router.get(/^\/admin$/, (_request, response) => response.redirect(301, '/admin/'));
  router.use(
    '/admin/assets',
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.use('/admin', express.static(dir, { index: false, maxAge: 0, redirect: false }));
  router.get(/^\/admin\/.*/, (_request, response) => {
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
  return router;
}
