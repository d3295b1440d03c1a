import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { generateSigningKeys } from '@epairs/api/dist/common/auth/keys';
import { hashPassword } from '@epairs/api/dist/common/auth/passwords';
import { withDatabase } from '@epairs/api/dist/common/db/bootstrap-roles';
import { runMigrations } from '@epairs/api/dist/common/db/data-source';
import { startEmbeddedPostgres } from '@epairs/api/dist/common/db/embedded-postgres';
import { createLogger } from '@epairs/api/dist/common/logger';
import { BENCH_PASSWORD, generate, type GenerateResult } from './generate';

export const API_MAIN = require.resolve('@epairs/api/dist/main.js');
/** Built output, whether this module runs from dist/ or from src/ (jest). */
export const BASELINE_MAIN = join(__dirname, '..', 'dist', 'baseline.js');

export interface BenchDatabase {
  superuserUrl: string;
  appUrl: string;
  ownerUrl: string;
  stop(): Promise<void>;
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** The bench's own embedded PostgreSQL (the API's code), migrated. */
export async function openBenchDatabase(dataDir: string, port?: number): Promise<BenchDatabase> {
  const logger = createLogger('warn');
  await mkdir(dataDir, { recursive: true });
  const database = await startEmbeddedPostgres({
    dataDir,
    port: port ?? (await freePort()),
    logger,
  });
  await runMigrations(database.ownerUrl, logger);
  return {
    superuserUrl: withDatabase(database.adminUrl, 'epairs'),
    appUrl: database.appUrl,
    ownerUrl: database.ownerUrl,
    stop: () => database.stop(),
  };
}

export interface GeneratedMarker extends GenerateResult {
  scale: number;
  seed: number;
  asOf: string;
}

/** Generates the data unless this folder already holds the same scale and seed. */
export async function ensureData(
  dataDir: string,
  database: BenchDatabase,
  options: { scale: number; seed: number; log?: (message: string) => void },
): Promise<GeneratedMarker & { reused: boolean }> {
  const markerPath = join(dataDir, 'generated.json');
  if (existsSync(markerPath)) {
    const marker = JSON.parse(await readFile(markerPath, 'utf8')) as GeneratedMarker;
    if (marker.scale !== options.scale || marker.seed !== options.seed) {
      throw new Error(
        `${dataDir} holds data of scale ${marker.scale}, seed ${marker.seed}: remove the folder or use --data-dir`,
      );
    }
    return { ...marker, reused: true };
  }
  const asOf = new Date();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const result = await generate(database.superuserUrl, { ...options, asOf, passwordHash });
  const marker: GeneratedMarker = { ...result, ...options, asOf: asOf.toISOString() };
  delete (marker as { log?: unknown }).log;
  await writeFile(markerPath, JSON.stringify(marker, null, 2));
  return { ...marker, reused: false };
}

export interface Started {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn to ready. */
  readyMs: number;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    const ok = await fetch(url)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
}

/** The real API, production mode: real authentication, row-level security, no introspection. */
export async function startApi(
  dataDir: string,
  database: BenchDatabase,
  options: { poolSize?: number; logLevel?: string; quiet?: boolean } = {},
): Promise<Started> {
  const keysPath = join(dataDir, 'jwt-keys.json');
  if (!existsSync(keysPath)) await writeFile(keysPath, JSON.stringify(generateSigningKeys()));
  const keys = JSON.parse(readFileSync(keysPath, 'utf8')) as {
    privateKey: string;
    publicKey: string;
  };
  const port = await freePort();
  const started = Date.now();
  // The heap ceiling `npm start` and the Docker image give the API (docs/operations.md,
  // "Memory"), then BENCH_API_NODE_FLAGS: for profiling the API under load (e.g. --cpu-prof).
  const flags = [
    '--max-old-space-size=1024',
    ...(process.env.BENCH_API_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  ];
  const child = spawn(process.execPath, [...flags, API_MAIN], {
    cwd: resolve(dataDir),
    stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', 'inherit'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: resolve(dataDir, 'api'),
      OUTBOX_DIR: resolve(dataDir, 'api', 'outbox'),
      DATABASE_URL: database.appUrl,
      MIGRATION_DATABASE_URL: database.ownerUrl,
      DB_POOL_SIZE: String(options.poolSize ?? 10),
      JWT_PRIVATE_KEY: keys.privateKey,
      JWT_PUBLIC_KEY: keys.publicKey,
      // Every request logs a line at info; the load would mostly measure the terminal.
      LOG_LEVEL: options.logLevel ?? 'warn',
      SQL_COUNT_HEADER: 'true',
      // The run lasts longer than the default 15 minutes of an access token.
      ACCESS_TOKEN_TTL: '2h',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/readyz`, child, 60_000);
  return { child, url, readyMs: Date.now() - started, stop: stopper(child) };
}

/** The raw-SQL baseline server (baseline.ts), as the superuser (no row-level security). */
export async function startBaseline(
  database: BenchDatabase,
  options: { poolSize?: number } = {},
): Promise<Started> {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [BASELINE_MAIN], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: database.superuserUrl,
      DB_POOL_SIZE: String(options.poolSize ?? 10),
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/healthz`, child, 30_000);
  return { child, url, readyMs: Date.now() - started, stop: stopper(child) };
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
