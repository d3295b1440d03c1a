import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { generateSigningKeys } from '../src/common/auth/keys';
import { DEMO, errorCodes, startTestApp, type TestApp } from './support/test-app';

const ME = `{ me { email } }`;
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

let t: TestApp;
let userId: string;
let sessionId: string;
let refreshToken: string;

beforeAll(async () => {
  t = await startTestApp();
  const session = await t.login(DEMO.physicianSstpc);
  userId = session.userId;
  refreshToken = session.refreshToken;
  sessionId = (jwt.decode(session.accessToken) as { sid: string }).sid;
});
afterAll(() => t.close());

/** Signs like the API does; an option given as undefined is left out of the token. */
function sign(
  payload: object,
  options: Partial<Record<keyof jwt.SignOptions, unknown>> = {},
  key = t.keys.privateKey,
) {
  const merged: Record<string, unknown> = {
    algorithm: 'ES256',
    subject: userId,
    issuer: t.config.jwt.issuer,
    audience: t.config.jwt.audience,
    expiresIn: 300,
    ...options,
  };
  for (const name of Object.keys(merged)) if (merged[name] === undefined) delete merged[name];
  return jwt.sign({ typ: 'access', sid: sessionId, ...payload }, key, merged as jwt.SignOptions);
}

async function expectRefused(token: string) {
  const response = await t.gql(ME, {}, { token });
  expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  expect(response.status).toBe(401);
  expect(response.data ?? null).toBeNull();
}

describe('access tokens', () => {
  it('accept a well-formed token (the control case)', async () => {
    const response = await t.gql(ME, {}, { token: sign({}) });
    expect(response.data?.me.email).toBe(DEMO.physicianSstpc);
  });

  it('refuse alg "none"', async () => {
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({
      typ: 'access',
      sid: sessionId,
      sub: userId,
      iss: t.config.jwt.issuer,
      aud: t.config.jwt.audience,
      iat: now,
      exp: now + 300,
    })}.`;
    await expectRefused(unsigned);
  });

  it('refuse HS256 signed with the public key (algorithm confusion)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url({ alg: 'HS256', typ: 'JWT' });
    const body = base64url({
      typ: 'access',
      sid: sessionId,
      sub: userId,
      iss: t.config.jwt.issuer,
      aud: t.config.jwt.audience,
      iat: now,
      exp: now + 300,
    });
    const signature = createHmac('sha256', t.keys.publicKey)
      .update(`${header}.${body}`)
      .digest('base64url');
    await expectRefused(`${header}.${body}.${signature}`);
  });

  it('refuse an expired token', async () => {
    await expectRefused(
      sign(
        { exp: Math.floor(Date.now() / 1000) - 60, iat: Math.floor(Date.now() / 1000) - 1000 },
        { expiresIn: undefined },
      ),
    );
  });

  it('refuse a token without exp', async () => {
    await expectRefused(sign({}, { expiresIn: undefined }));
  });

  it('refuse a wrong issuer or audience', async () => {
    await expectRefused(sign({}, { issuer: 'someone-else' }));
    await expectRefused(sign({}, { audience: 'another-app' }));
  });

  it('refuse a refresh token, or a token of another type, used as an access token', async () => {
    await expectRefused(refreshToken);
    await expectRefused(sign({ typ: 'refresh' }));
  });

  it('refuse a tampered payload and a token signed by another key', async () => {
    const [header, , signature] = sign({}).split('.');
    const forgedBody = base64url({
      typ: 'access',
      sid: sessionId,
      sub: '00000000-0000-4000-8000-000000000000',
      iss: t.config.jwt.issuer,
      aud: t.config.jwt.audience,
      exp: Math.floor(Date.now() / 1000) + 300,
    });
    await expectRefused(`${header}.${forgedBody}.${signature}`);
    await expectRefused(sign({}, {}, generateSigningKeys().privateKey));
  });

  it('refuse a malformed Authorization header', async () => {
    const response = await t.gql(ME, {}, { headers: { authorization: 'Basic abc' } });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});
