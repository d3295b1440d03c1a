import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createApp, type RunningApp } from '../../src/app';
import { generateSigningKeys, type SigningKeys } from '../../src/common/auth/keys';
import { withDatabase } from '../../src/common/db/bootstrap-roles';
import { createDataSource } from '../../src/common/db/data-source';
import { createLogger } from '../../src/common/logger';
import { loadConfig, type Config } from '../../src/config';
import { startJobs, type PgBossJobs } from '../../src/modules/meetings/reminders';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed';

export { DEMO_PASSWORD };

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data: T | null | undefined;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestApp {
  url: string;
  config: Config;
  keys: SigningKeys;
  app: RunningApp;
  databaseName: string;
  /** Posts one GraphQL operation. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** Logs a demo account in; returns its tokens. */
  login(
    email: string,
    password?: string,
  ): Promise<{ accessToken: string; refreshToken: string; userId: string }>;
  /** SQL as superuser (bypasses row-level security): for arranging and checking only. */
  sql<R = Record<string, any>>(text: string, values?: unknown[]): Promise<R[]>;
  /** A client connected as the application role, with no settings. */
  appRoleClient(): Promise<pg.Client>;
  /**
   * Runs statements as the application role with these settings (`app.<name>`), in one
   * transaction rolled back at the end.
   */
  asAppRole(
    settings: Record<string, string>,
    work: (query: AppRoleQuery) => Promise<void>,
  ): Promise<void>;
  appRoleUrl: string;
  /** The job queue and workers, when started with `{ jobs: true }`. */
  jobs: PgBossJobs | null;
  outbox(): Promise<{ to: string; subject: string; link: string | null }[]>;
  close(): Promise<void>;
}

export async function createTestDatabase(): Promise<string> {
  const name = `epairs_t_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  const admin = new pg.Client({ connectionString: process.env.EPAIRS_TEST_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE epairs OWNER epairs_owner`);
  } finally {
    await admin.end();
  }
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.EPAIRS_TEST_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Boots the real API on a fresh copy of the migrated, seeded template database. With `jobs`, also
 * pg-boss as server.ts runs it (schema prepared as the owner, queue and workers as the app role).
 */
export type AppRoleQuery = (text: string, values?: unknown[]) => Promise<any>;

export async function startTestApp(
  environment: Record<string, string> = {},
  options: { jobs?: boolean; logLines?: string[] } = {},
): Promise<TestApp> {
  const databaseName = await createTestDatabase();
  const appRoleUrl = withDatabase(process.env.EPAIRS_TEST_APP_URL!, databaseName);
  const dataDir = await mkdtemp(join(tmpdir(), 'epairs-app-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: options.logLines ? 'trace' : 'silent',
    DATA_DIR: dataDir,
    DATABASE_URL: appRoleUrl,
    PUBLIC_URL: 'http://portal.test',
    SQL_COUNT_HEADER: 'true',
    ...environment,
  });
  const logLines = options.logLines;
  const logger = createLogger(
    config.logLevel,
    logLines ? { write: (line: string) => void logLines.push(line) } : undefined,
  );
  const dataSource: DataSource = createDataSource({
    url: appRoleUrl,
    poolSize: 5,
    logger,
    applicationName: 'epairs-test',
  });
  await dataSource.initialize();
  const keys = generateSigningKeys();
  let jobs: PgBossJobs | null = null;
  if (options.jobs) {
    jobs = await startJobs({
      appUrl: appRoleUrl,
      ownerUrl: withDatabase(process.env.EPAIRS_TEST_OWNER_URL!, databaseName),
      logger,
    });
  }
  const app = await createApp({ config, logger, dataSource, keys, jobs: jobs ?? undefined });
  await jobs?.work(app.services, { pollingIntervalSeconds: 1 });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const admin = new pg.Pool({
    connectionString: withDatabase(process.env.EPAIRS_TEST_ADMIN_URL!, databaseName),
    max: 2,
  });

  const gql: TestApp['gql'] = async (query, variables, options = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: GraphQLResponse['errors'] };
    return {
      status: response.status,
      headers: response.headers,
      data: body.data,
      errors: body.errors,
    };
  };

  return {
    url,
    config,
    keys,
    app,
    databaseName,
    appRoleUrl,
    jobs,
    gql,
    async login(email, password = DEMO_PASSWORD) {
      const result = await gql(
        `mutation ($email: String!, $password: String!) {
          login(email: $email, password: $password) { accessToken refreshToken user { id } }
        }`,
        { email, password },
      );
      if (!result.data?.login)
        throw new Error(`login failed for ${email}: ${JSON.stringify(result.errors)}`);
      return { ...result.data.login, userId: result.data.login.user.id };
    },
    async sql(text, values) {
      return (await admin.query(text, values)).rows;
    },
    async appRoleClient() {
      const client = new pg.Client({ connectionString: appRoleUrl });
      await client.connect();
      return client;
    },
    async asAppRole(settings, work) {
      const client = new pg.Client({ connectionString: appRoleUrl });
      await client.connect();
      try {
        await client.query('BEGIN');
        for (const [name, value] of Object.entries(settings)) {
          await client.query(`SELECT set_config($1, $2, true)`, [`app.${name}`, value]);
        }
        await work((text, values) => client.query(text, values));
      } finally {
        await client.query('ROLLBACK');
        await client.end();
      }
    },
    async outbox() {
      // Mail leaves after the response, in the background: wait for what has started.
      await app.services.background.drain();
      const folder = config.mail.outboxDir;
      const files = (await readdir(folder).catch(() => [] as string[]))
        .filter((file) => file.endsWith('.json'))
        .sort();
      return Promise.all(
        files.map(async (file) => JSON.parse(await readFile(join(folder, file), 'utf8'))),
      );
    },
    async close() {
      await app.stop();
      await jobs?.stop();
      await dataSource.destroy();
      await admin.end();
      await dropTestDatabase(databaseName);
    },
  };
}

export const DEMO = {
  federation: 'federation@demo.e-pairs.fr',
  adminSstpc: 'admin.sstpc@demo.e-pairs.fr',
  adminSmtvl: 'admin.smtvl@demo.e-pairs.fr',
  physicianSstpc: 'medecin.sstpc@demo.e-pairs.fr',
  relaySstpc: 'relais.sstpc@demo.e-pairs.fr',
  nurseSmtvl: 'infirmiere.smtvl@demo.e-pairs.fr',
  binomeAsmt: 'binome.asmt@demo.e-pairs.fr',
  binomeArapt: 'binome.arapt@demo.e-pairs.fr',
};

export function errorCodes(response: GraphQLResponse): string[] {
  return (response.errors ?? []).map((error) => String(error.extensions?.code));
}
