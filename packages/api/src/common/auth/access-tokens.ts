import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
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

  /** Verifies signature (ES256 only), issuer, audience, expiry (required) and token type. */
  verify(token: string): AccessClaims {
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
    return { userId: payload.sub, sessionId: payload.sid };
  }
}
