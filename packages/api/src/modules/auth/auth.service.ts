import {
  defineRulesFor,
  normalizeEmail,
  packAppRules,
  rolesOf,
  validateNewPassword,
} from '@epairs/shared';
import { hashPassword, verifyPassword } from '../../common/auth/passwords';
import { AppError, badInputs, notFound, unauthenticated } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { User, UserStatus } from '../users/user.entity';
import { consumeAccountLink, sendAccountLink } from './account-links';
import type { AuthPayload, Permissions } from './auth.types';
import {
  issueSession,
  revokeAllSessions,
  revokeFamilyOf,
  revokeStolenFamilyAfterRequest,
  spendRefreshToken,
  type SessionFamily,
} from './sessions';

const INVALID_CREDENTIALS = 'Adresse e-mail ou mot de passe incorrect.';

function findUserBy(ctx: RequestContext, where: { email: string } | { id: string }) {
  return ctx.asSystem((manager) =>
    manager
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where(where)
      .getOne(),
  );
}

async function setPassword(ctx: RequestContext, user: User, password: string): Promise<void> {
  const problems = validateNewPassword(password, user.email);
  if (problems.length > 0) throw badInputs(problems);
  const passwordHash = await hashPassword(password);
  await ctx.asSystem((manager) =>
    manager
      .getRepository(User)
      .update(
        { id: user.id },
        { passwordHash, passwordChangedAt: () => 'now()', status: UserStatus.ACTIVE },
      ),
  );
  // A new password ends every session opened with the old one.
  await revokeAllSessions(ctx, user.id, 'password-changed');
}

/** Opens (or continues) a session and answers the rest of the request as that person. */
async function payload(
  ctx: RequestContext,
  userId: string,
  family?: SessionFamily,
): Promise<AuthPayload> {
  const session = await issueSession(ctx, userId, family);
  await ctx.signInAs({ userId, sessionId: session.sessionId });
  const user = await ctx.loaders.userById.load(userId);
  if (!user) throw unauthenticated();
  return { ...session, user };
}

export const authService = {
  async login(ctx: RequestContext, rawEmail: string, password: string): Promise<AuthPayload> {
    const email = normalizeEmail(rawEmail);
    // Counted before the password is checked: aliases and retries each spend an attempt.
    await ctx.services.loginLimiter.consume(email, ctx.clientAddress);
    const user = await findUserBy(ctx, { email });
    const valid = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !valid || user.status !== UserStatus.ACTIVE) {
      throw new AppError('UNAUTHENTICATED', INVALID_CREDENTIALS);
    }
    await ctx.services.loginLimiter.succeeded(email, ctx.clientAddress);
    await ctx.asSystem((manager) =>
      manager.getRepository(User).update({ id: user.id }, { lastLoginAt: () => 'now()' }),
    );
    const result = await payload(ctx, user.id);
    await ctx.asSystem(() =>
      ctx.audit({
        action: 'auth.login',
        entityType: 'User',
        entityId: user.id,
        societyId: user.societyId,
        actorUserId: user.id,
      }),
    );
    return result;
  },

  async refresh(ctx: RequestContext, refreshToken: string): Promise<AuthPayload> {
    const outcome = await spendRefreshToken(ctx, refreshToken);
    if (outcome.kind === 'reused') {
      revokeStolenFamilyAfterRequest(ctx, outcome);
      throw unauthenticated(
        'Ce jeton a déjà servi : par sécurité, la session est close. Reconnectez-vous.',
      );
    }
    const user = await findUserBy(ctx, { id: outcome.userId });
    if (!user || user.status !== UserStatus.ACTIVE) throw unauthenticated('Compte inactif.');
    const result = await payload(ctx, user.id, outcome);
    await ctx.asSystem(() =>
      ctx.audit({
        action: 'auth.refresh',
        entityType: 'Session',
        entityId: outcome.familyId,
        societyId: user.societyId,
        actorUserId: user.id,
      }),
    );
    return result;
  },

  async logout(ctx: RequestContext, refreshToken: string): Promise<boolean> {
    const userId = await revokeFamilyOf(ctx, refreshToken);
    await ctx.asSystem(() =>
      ctx.audit({
        action: 'auth.logout',
        entityType: 'Session',
        entityId: null,
        societyId: null,
        actorUserId: userId,
      }),
    );
    return true;
  },

  async acceptInvitation(
    ctx: RequestContext,
    token: string,
    password: string,
  ): Promise<AuthPayload> {
    return authService.completeLink(ctx, token, password, ['INVITATION'], 'auth.accept-invitation');
  },

  async resetPassword(ctx: RequestContext, token: string, password: string): Promise<AuthPayload> {
    // An invited person who lost the invitation may also use a reset link: it activates the account.
    return authService.completeLink(
      ctx,
      token,
      password,
      ['PASSWORD_RESET'],
      'auth.reset-password',
    );
  },

  async completeLink(
    ctx: RequestContext,
    token: string,
    password: string,
    purposes: ('INVITATION' | 'PASSWORD_RESET')[],
    action: string,
  ): Promise<AuthPayload> {
    const { userId } = await consumeAccountLink(ctx, token, purposes);
    const user = await findUserBy(ctx, { id: userId });
    if (!user || user.status === UserStatus.DISABLED) throw notFound('Compte');
    await setPassword(ctx, user, password);
    const result = await payload(ctx, user.id);
    await ctx.asSystem(() =>
      ctx.audit({
        action,
        entityType: 'User',
        entityId: user.id,
        societyId: user.societyId,
        actorUserId: user.id,
        changedFields: ['password', 'status'],
      }),
    );
    return result;
  },

  /** Always answers true, so the answer does not tell whether an account exists. */
  async requestPasswordReset(ctx: RequestContext, rawEmail: string): Promise<boolean> {
    const email = normalizeEmail(rawEmail);
    await ctx.services.loginLimiter.consume(`reset:${email}`, ctx.clientAddress);
    const user = await findUserBy(ctx, { email });
    if (user && user.status !== UserStatus.DISABLED) {
      await sendAccountLink(ctx, user, 'PASSWORD_RESET');
    }
    await ctx.asSystem(() =>
      ctx.audit({
        action: 'auth.request-password-reset',
        entityType: 'User',
        entityId: user?.id ?? null,
        societyId: user?.societyId ?? null,
        actorUserId: null,
      }),
    );
    return true;
  },

  async changePassword(
    ctx: RequestContext,
    currentPassword: string,
    newPassword: string,
  ): Promise<AuthPayload> {
    const { user: me } = await ctx.requireAuth();
    const user = await findUserBy(ctx, { id: me.id });
    if (!user) throw unauthenticated();
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new AppError('BAD_USER_INPUT', 'Le mot de passe actuel est incorrect.', {
        field: 'currentPassword',
      });
    }
    await setPassword(ctx, user, newPassword);
    const result = await payload(ctx, user.id);
    await ctx.audit({
      action: 'auth.change-password',
      entityType: 'User',
      entityId: user.id,
      societyId: user.societyId,
      changedFields: ['password'],
    });
    return result;
  },

  async me(ctx: RequestContext): Promise<User> {
    const { user } = await ctx.requireAuth();
    const found = await ctx.loaders.userById.load(user.id);
    if (!found) throw unauthenticated();
    return found;
  },

  async permissions(ctx: RequestContext): Promise<Permissions> {
    const { user } = await ctx.requireAuth();
    return { roles: rolesOf(user), rules: packAppRules(defineRulesFor(user)) };
  },
};
