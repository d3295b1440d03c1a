import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import { unauthenticated } from '../errors';
import type { SigningKeys } from './keys';

const ALGORITHM = 'ES256';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessClaims {
  userId: string;
  /** The refresh-token family (the login session); revoking it ends the access token too. */
  sessionId: string;
}

/** Short-lived access JWTs, signed with ES256; a refresh token can never pass for one. */
export class AccessTokens {
  // Parsed once: jsonwebtoken given a PEM string parses it at every call (3 % of the API's time
  // under load, docs/benchmarks.md).
  private readonly publicKey: KeyObject;
  private readonly privateKey: KeyObject;

  constructor(
    keys: SigningKeys,
    private readonly options: { issuer: string; audience: string; ttlSeconds: number },
  ) {
    this.publicKey = createPublicKey(keys.publicKey);
    this.privateKey = createPrivateKey(keys.privateKey);
  }

  sign(claims: AccessClaims): { token: string; expiresAt: Date } {
    const token = jwt.sign({ typ: 'access', sid: claims.sessionId }, this.privateKey, {
      algorithm: ALGORITHM,
      subject: claims.userId,
      issuer: this.options.issuer,
      audience: this.options.audience,
      expiresIn: this.options.ttlSeconds,
      jwtid: randomUUID(),
    });
    return { token, expiresAt: new Date(Date.now() + this.options.ttlSeconds * 1000) };
  }

  /**
   * Tokens already verified, until they expire: a signed-in person sends the same token with
   * every request for its lifetime, and an ES256 verification costs about 0.3 ms of CPU (a tenth
   * of a small read, docs/benchmarks.md). Only the signature's verdict is kept; the session is
   * still read from the database at every request, so a sign-out ends the token at once.
   */
  private readonly verified = new LRUCache<string, AccessClaims>({ max: 20_000 });

  /** Verifies signature (ES256 only), issuer, audience, expiry (required) and token type. */
  verify(token: string): AccessClaims {
    const known = this.verified.get(token);
    if (known) return known;
    const { claims, expiresAtMs } = this.verifySignature(token);
    this.verified.set(token, claims, { ttl: Math.max(1, expiresAtMs - Date.now()) });
    return claims;
  }

  private verifySignature(token: string): { claims: AccessClaims; expiresAtMs: number } {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.publicKey, {
        algorithms: [ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTolerance: 5,
      });
    } catch (error) {
      throw unauthenticated(
        error instanceof jwt.TokenExpiredError
          ? 'Votre session a expiré : reconnectez-vous.'
          : "Jeton d'accès invalide.",
      );
    }
    if (
      typeof payload !== 'object' ||
      typeof payload.exp !== 'number' ||
      payload.typ !== 'access' ||
      typeof payload.sub !== 'string' ||
      !UUID.test(payload.sub) ||
      typeof payload.sid !== 'string' ||
      !UUID.test(payload.sid)
    ) {
      throw unauthenticated("Jeton d'accès invalide.");
    }
    return {
      // Frozen: the same object is handed to every request that brings this token.
      claims: Object.freeze({ userId: payload.sub, sessionId: payload.sid }),
      expiresAtMs: payload.exp * 1000,
    };
  }
}
