import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { hashOpaqueToken, newOpaqueToken } from '../../common/auth/opaque-tokens';
import { inSeparateSystemTransaction } from '../../common/db/system-transaction';
import { unauthenticated } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { RefreshToken } from './refresh-token.entity';

export interface IssuedSession {
  sessionId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** The session a rotation continues: its family and its absolute end. */
export interface SessionFamily {
  familyId: string;
  sessionExpiresAt: Date;
}

/**
 * Issues an access token and a refresh token: in a new family at login, or in the continued
 * family on rotation, never outliving the session's absolute end.
 */
export async function issueSession(
  ctx: RequestContext,
  userId: string,
  family?: SessionFamily,
): Promise<IssuedSession> {
  const { config } = ctx.services;
  const familyId = family?.familyId ?? randomUUID();
  const sessionExpiresAt =
    family?.sessionExpiresAt ?? new Date(Date.now() + config.sessionMaxAgeSeconds * 1000);
  const { token, hash } = newOpaqueToken();
  const refreshTokenExpiresAt = new Date(
    Math.min(Date.now() + config.refreshTtlSeconds * 1000, sessionExpiresAt.getTime()),
  );
  await ctx.asSystem((manager) =>
    manager.getRepository(RefreshToken).insert({
      userId,
      familyId,
      tokenHash: hash,
      expiresAt: refreshTokenExpiresAt,
      sessionExpiresAt,
      userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    }),
  );
  const access = ctx.services.accessTokens.sign({ userId, sessionId: familyId });
  return {
    sessionId: familyId,
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken: token,
    refreshTokenExpiresAt,
  };
}

export interface RotationOutcome extends SessionFamily {
  kind: 'rotated' | 'reused';
  userId: string;
}

/**
 * Spends a refresh token. `reused` means it had been spent already (stolen or replayed): the
 * caller revokes the family with `revokeStolenFamily` and refuses.
 */
export async function spendRefreshToken(
  ctx: RequestContext,
  token: string,
): Promise<RotationOutcome> {
  return ctx.asSystem(async (manager) => {
    const repository = manager.getRepository(RefreshToken);
    const found = await repository.findOneBy({ tokenHash: hashOpaqueToken(token) });
    const now = new Date();
    if (!found || found.revokedAt || found.expiresAt <= now || found.sessionExpiresAt <= now) {
      throw unauthenticated('Session expirée : reconnectez-vous.');
    }
    const outcome = {
      userId: found.userId,
      familyId: found.familyId,
      sessionExpiresAt: found.sessionExpiresAt,
    };
    if (found.usedAt) return { kind: 'reused', ...outcome };
    // Atomic spend: of two concurrent uses of one token, exactly one wins; the other is a reuse.
    const spent = await repository
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND used_at IS NULL', { id: found.id })
      .execute();
    return { kind: spent.affected === 1 ? 'rotated' : 'reused', ...outcome };
  });
}

/**
 * Revokes a family whose token was replayed, and records it, in a transaction of its own, once
 * the request's transaction has ended: the request fails (UNAUTHENTICATED) and rolls back, the
 * revocation must stay; and waiting for the end releases any lock the request took on the family
 * (two spends of one token in one request would otherwise wait on each other).
 */
export function revokeStolenFamilyAfterRequest(
  ctx: RequestContext,
  outcome: RotationOutcome,
): void {
  ctx.tx.afterEnd(() => revokeStolenFamily(ctx, outcome));
}

async function revokeStolenFamily(ctx: RequestContext, outcome: RotationOutcome): Promise<void> {
  await inSeparateSystemTransaction(ctx.services.dataSource, async (manager) => {
    await manager
      .getRepository(RefreshToken)
      .update(
        { familyId: outcome.familyId, revokedAt: IsNull() },
        { revokedAt: () => 'now()', revokedReason: 'reuse' },
      );
    await manager.query(
      `INSERT INTO audit_event (actor_user_id, action, entity_type, entity_id, request_id, society_id)
       SELECT id, 'auth.refresh-reuse', 'Session', $2, $3, society_id FROM user_account WHERE id = $1`,
      [outcome.userId, outcome.familyId, ctx.requestId],
    );
  });
}

/** Revokes one refresh family (logout); returns its user, or null for an unknown token. */
export async function revokeFamilyOf(ctx: RequestContext, token: string): Promise<string | null> {
  return ctx.asSystem(async (manager) => {
    const repository = manager.getRepository(RefreshToken);
    const found = await repository.findOneBy({ tokenHash: hashOpaqueToken(token) });
    if (!found) return null;
    await repository.update(
      { familyId: found.familyId, revokedAt: IsNull() },
      { revokedAt: () => 'now()', revokedReason: 'logout' },
    );
    return found.userId;
  });
}

/** Ends every session of a person (password change or reset, account disabled). */
export async function revokeAllSessions(
  ctx: RequestContext,
  userId: string,
  reason: string,
): Promise<void> {
  await ctx.asSystem((manager) =>
    manager
      .getRepository(RefreshToken)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()', revokedReason: reason }),
  );
}
