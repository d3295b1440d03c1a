import { randomUUID } from 'node:crypto';
import { AccessTokens } from './access-tokens';
import { generateSigningKeys } from './keys';

const options = { issuer: 'epairs-test', audience: 'epairs-test', ttlSeconds: 2 };

describe('AccessTokens', () => {
  const keys = generateSigningKeys();
  const claims = { userId: randomUUID(), sessionId: randomUUID() };

  it('gives back the claims of a token it signed, from its cache the second time', () => {
    const tokens = new AccessTokens(keys, options);
    const { token } = tokens.sign(claims);
    const first = tokens.verify(token);
    expect(first).toEqual(claims);
    expect(tokens.verify(token)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('refuses a token once it has expired, even after accepting it', async () => {
    const tokens = new AccessTokens(keys, options);
    const { token } = tokens.sign(claims);
    expect(tokens.verify(token)).toEqual(claims);
    // 2 s of life, plus the 5 s of clock tolerance the verification allows.
    await new Promise((done) => setTimeout(done, 7_300));
    expect(() => tokens.verify(token)).toThrow('Votre session a expiré');
  }, 15_000);

  it('refuses a token signed with another key, and keeps refusing it', () => {
    const tokens = new AccessTokens(keys, options);
    const forged = new AccessTokens(generateSigningKeys(), options).sign(claims).token;
    expect(() => tokens.verify(forged)).toThrow("Jeton d'accès invalide.");
    expect(() => tokens.verify(forged)).toThrow("Jeton d'accès invalide.");
  });
});
