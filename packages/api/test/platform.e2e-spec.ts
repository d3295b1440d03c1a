import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateSigningKeys } from '../src/common/auth/keys';
import { withCredentials, withDatabase } from '../src/common/db/bootstrap-roles';
import { DEMO, DEMO_PASSWORD } from './support/test-app';

/**
 * The entrypoint itself (packages/api/dist/main.js, what `npm start` and the Docker image run),
 * as a separate process: embedded PostgreSQL, first-start seeding, restart keeping the data, Ctrl-C;
 * and production mode against a separately started PostgreSQL.
 */
const MAIN = join(__dirname, '..', 'dist', 'main.js');

interface Running {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  url: string;
}

function launch(environment: Record<string, string>): Promise<Running> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run build)`);
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...environment,
    },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 45 s:\n${output}`)), 45_000);
    const check = () => {
      const match = /API GraphQL : (http:\/\/localhost:\d+)\/graphql/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, output: () => output, url: match[1]!.replace('localhost', '127.0.0.1') });
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before starting:\n${output}`));
    });
  });
}

function stop(running: Running, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    running.child.removeAllListeners('exit');
    running.child.on('exit', (code) => resolve(code));
    running.child.kill(signal);
  });
}

async function gql(url: string, query: string, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}

const login = async (url: string) =>
  (
    await gql(
      url,
      `mutation { login(email: "${DEMO.federation}", password: "${DEMO_PASSWORD}") { accessToken } }`,
    )
  ).data?.login?.accessToken as string | undefined;

describe('npm start (embedded PostgreSQL)', () => {
  let dataDir: string;
  const environment = () => ({
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(40000 + Math.floor(Math.random() * 10000)),
  });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'epairs-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('seeds on first start, keeps the data on the second, and stops cleanly on Ctrl-C', async () => {
    const first = await launch(environment());
    expect(first.output()).toContain('Comptes de démonstration');
    expect(first.output()).not.toContain('déjà créés');
    const token = await login(first.url);
    expect(token).toBeTruthy();
    const created = await gql(
      first.url,
      `mutation { createSociety(code: "DURABLE", name: "Société durable") { id } }`,
      token,
    );
    expect(created.errors).toBeUndefined();
    const code = await stop(first, 'SIGINT');
    if (code !== 0) console.error(first.output());
    expect(code).toBe(0);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataDir, 'keys', 'jwt-es256-private.pem'))).toBe(true);

    const second = await launch(environment());
    expect(second.output()).toContain('déjà créés');
    // The same signing keys: a token from the first run is still valid.
    const societies = await gql(
      second.url,
      `{ allSocieties(filter: { code: "DURABLE" }) { name } }`,
      token,
    );
    expect(societies.data?.allSocieties).toEqual([{ name: 'Société durable' }]);
    expect(await stop(second, 'SIGTERM')).toBe(0);
  });
});

describe('production entrypoint against a separately started PostgreSQL', () => {
  const database = `epairs_prod_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  let databaseUrl: string;
  let ownerUrl: string;
  const keys = generateSigningKeys();

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: process.env.EPAIRS_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database} OWNER epairs_owner TEMPLATE template0`);
    await admin.end();
    const inside = new pg.Client({
      connectionString: withDatabase(process.env.EPAIRS_TEST_ADMIN_URL!, database),
    });
    await inside.connect();
    await inside.query(`ALTER SCHEMA public OWNER TO epairs_owner; REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                        GRANT CONNECT ON DATABASE ${database} TO epairs_app`);
    await inside.end();
    databaseUrl = withDatabase(process.env.EPAIRS_TEST_APP_URL!, database);
    ownerUrl = withDatabase(process.env.EPAIRS_TEST_OWNER_URL!, database);
  });
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: process.env.EPAIRS_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  const productionEnvironment = (overrides: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    MIGRATION_DATABASE_URL: ownerUrl,
    JWT_PRIVATE_KEY: keys.privateKey.replace(/\n/g, '\\n'),
    JWT_PUBLIC_KEY: keys.publicKey.replace(/\n/g, '\\n'),
    PUBLIC_URL: 'https://e-pairs.example.org',
    ...overrides,
  });

  it('migrates, serves with introspection off and no demo accounts, and stops on SIGTERM', async () => {
    const running = await launch(productionEnvironment());
    expect(running.output()).not.toContain('Comptes de démonstration');
    expect(await (await fetch(`${running.url}/readyz`)).json()).toEqual({
      status: 'ok',
      database: 'ok',
    });
    const introspection = await gql(running.url, `{ __schema { types { name } } }`);
    expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const demo = await gql(
      running.url,
      `mutation { login(email: "${DEMO.federation}", password: "${DEMO_PASSWORD}") { accessToken } }`,
    );
    expect(demo.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await stop(running, 'SIGTERM')).toBe(0);
  });

  it('refuses to serve through the owner role, which would make row-level security moot', async () => {
    await expect(launch(productionEnvironment({ DATABASE_URL: ownerUrl }))).rejects.toThrow(
      /owns tables/,
    );
  });

  it('refuses to start with a bad configuration, naming the problem', async () => {
    await expect(launch(productionEnvironment({ JWT_PUBLIC_KEY: 'not a key' }))).rejects.toThrow(
      /JWT_PUBLIC_KEY/,
    );
  });

  it('keeps credentials out of the environment it is given (sanity of the URLs used here)', () => {
    expect(new URL(withCredentials(databaseUrl, 'a', 'b')).username).toBe('a');
  });
});
