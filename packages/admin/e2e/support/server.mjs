// Starts the real API (built packages/api/dist) with its embedded PostgreSQL in a temporary
// directory, seeded with the demo data, on free ports; serves the built console under /admin.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url, child, logs, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`API exited (${child.exitCode}):\n${logs.join('')}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`API not ready after ${timeoutMs} ms:\n${logs.join('')}`);
}

/** @returns {Promise<{ url: string, dataDir: string, logs: string[], stop: () => Promise<void> }>} */
export async function startApi({ accessTokenTtl = '12s' } = {}) {
  const temp = mkdtempSync(join(tmpdir(), 'epairs-console-'));
  // The embedded PostgreSQL runs as the `postgres` user when we are root: it must reach its dir.
  chmodSync(temp, 0o755);
  const [port, pgPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${port}`;
  const logs = [];
  // Our own PostgreSQL, whatever the calling shell points at.
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.MIGRATION_DATABASE_URL;
  const child = spawn(process.execPath, ['packages/api/dist/main.js'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...inherited,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      EMBEDDED_PG_PORT: String(pgPort),
      DATA_DIR: join(temp, 'data'),
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      // Short-lived access tokens: the console must refresh them silently during the tests.
      ACCESS_TOKEN_TTL: accessTokenTtl,
    },
  });
  child.stdout.on('data', (chunk) => logs.push(chunk.toString()));
  child.stderr.on('data', (chunk) => logs.push(chunk.toString()));
  await waitReady(`${url}/readyz`, child, logs);
  return {
    url,
    // The development outbox (e-mails as JSON) is under it: DATA_DIR/outbox.
    dataDir: join(temp, 'data'),
    logs,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

/** A GraphQL client for the same API, to compare what the console shows with what the API says. */
export async function apiAs(url, email, password = 'EPairs-demo-2026!') {
  const call = async (query, variables = {}, token) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  };
  // Access tokens are short-lived on the test server: sign in again for each call.
  return async (query, variables) => {
    const login = await call(
      'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      { email, password },
    );
    if (!login.data) throw new Error(`login ${email}: ${JSON.stringify(login.errors)}`);
    return call(query, variables, login.data.login.accessToken);
  };
}
