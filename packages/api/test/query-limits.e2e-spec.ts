import { QUERY_LIMITS } from '../src/app';
import { generateSigningKeys } from '../src/common/auth/keys';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await t.login(DEMO.federation)).accessToken;
});
afterAll(() => t.close());

describe('abusive queries', () => {
  it('refuses a query deeper than the limit, in French', async () => {
    // me → roleGrants → user → roleGrants → user … : one level per step.
    let selection = 'id';
    for (let level = 0; level < QUERY_LIMITS.maxDepth; level += 1) {
      selection = level % 2 === 0 ? `roleGrants { ${selection} }` : `user { ${selection} }`;
    }
    const response = await t.gql(`{ me { ${selection} } }`, {}, { token });
    expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toBe('Requête refusée : elle imbrique trop de niveaux.');
    expect(response.data ?? null).toBeNull();
  });

  it('accepts the same shape within the limit', async () => {
    const response = await t.gql(
      `{ me { roleGrants { user { roleGrants { id } } } } }`,
      {},
      { token },
    );
    expect(response.errors).toBeUndefined();
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from(
      { length: QUERY_LIMITS.maxAliases + 1 },
      (_, index) => `m${index}: me { id }`,
    );
    const response = await t.gql(`{ ${aliases.join(' ')} }`, {}, { token });
    expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toBe("Requête refusée : elle utilise trop d'alias.");
  });

  it('refuses a query over the cost budget, however few its tokens', async () => {
    // Fragments multiply the work without multiplying the text: 12 × 12 × 12 user fields.
    const spreads = (name: string) => Array.from({ length: 12 }, () => `...${name}`).join(' ');
    const query = `{ me { ...F3 } }
      fragment F1 on User { id email firstName lastName status locale createdAt updatedAt version societyId }
      fragment F2 on User { ${spreads('F1')} }
      fragment F3 on User { ${spreads('F2')} }`;
    const response = await t.gql(query, {}, { token });
    expect(response.errors?.[0]?.message).toBe('Requête refusée : elle est trop coûteuse.');
    expect(response.data ?? null).toBeNull();
  });

  it('refuses a query with too many tokens', async () => {
    const response = await t.gql(
      `{ me { ${'id '.repeat(QUERY_LIMITS.maxTokens)} } }`,
      {},
      { token },
    );
    expect(response.errors?.[0]?.message).toBe('Requête refusée : elle est trop longue.');
  });

  it('does not suggest field names', async () => {
    const response = await t.gql(`{ me { emial } }`, {}, { token });
    expect(JSON.stringify(response.errors)).not.toMatch(/Did you mean/);
  });
});

describe('HTTP hardening', () => {
  it('refuses batched requests', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.status).toBe(400);
  });

  it('refuses a simple cross-site GET (CSRF prevention)', async () => {
    const response = await fetch(`${t.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF|preflight/i);
  });

  it('answers health and readiness', async () => {
    expect(await (await fetch(`${t.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${t.url}/readyz`)).json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('gives every request its own id, ignoring one sent by an untrusted client', async () => {
    const response = await fetch(`${t.url}/healthz`, {
      headers: { 'x-request-id': 'forged-request-0001' },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers', async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('masks unexpected errors', async () => {
    // A sort on an unknown field is a client error with its field named…
    const known = await t.gql(`{ allUsers(sortField: "password_hash") { id } }`, {}, { token });
    expect(known.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'sortField',
    });
    expect(known.errors?.[0]?.message).toMatch(/Tri impossible/);
  });
});

describe('production mode', () => {
  let production: TestApp;
  beforeAll(async () => {
    const keys = generateSigningKeys();
    production = await startTestApp({
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY: keys.privateKey,
      JWT_PUBLIC_KEY: keys.publicKey,
      RUN_MIGRATIONS: 'false',
      TRUST_PROXY: 'loopback',
      SQL_COUNT_HEADER: 'false',
    });
  });
  afterAll(() => production.close());

  it('turns introspection off and shows no SQL counts', async () => {
    const response = await production.gql(`{ __schema { queryType { name } } }`);
    expect(errorCodes(response)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(response.headers.get('x-sql-statements')).toBeNull();
  });

  it('takes the request id of a trusted proxy', async () => {
    const response = await fetch(`${production.url}/healthz`, {
      headers: { 'x-request-id': 'proxy-request-0001' },
    });
    expect(response.headers.get('x-request-id')).toBe('proxy-request-0001');
  });

  it('still serves signed-in requests', async () => {
    const session = await production.login(DEMO.adminSstpc);
    const response = await production.gql(`{ me { email } }`, {}, { token: session.accessToken });
    expect(response.data?.me.email).toBe(DEMO.adminSstpc);
  });
});
