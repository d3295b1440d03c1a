import { IsNull, MoreThan } from 'typeorm';
import { hashOpaqueToken, newOpaqueToken } from '../../common/auth/opaque-tokens';
import { AppError } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { User } from '../users/user.entity';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity';

const LINK_PATH: Record<AccountTokenPurpose, string> = {
  INVITATION: '/activate',
  PASSWORD_RESET: '/reset-password',
};

function ttlSeconds(ctx: RequestContext, purpose: AccountTokenPurpose): number {
  const { config } = ctx.services;
  return purpose === 'INVITATION' ? config.invitationTtlSeconds : config.passwordResetTtlSeconds;
}

/**
 * Issues a single-use link for a user (earlier unused links of the same purpose stop working)
 * and sends it by e-mail once the transaction commits.
 */
export async function sendAccountLink(
  ctx: RequestContext,
  user: Pick<User, 'id' | 'email' | 'firstName'>,
  purpose: AccountTokenPurpose,
): Promise<void> {
  const { token, hash } = newOpaqueToken();
  const seconds = ttlSeconds(ctx, purpose);
  await ctx.asSystem(async (manager) => {
    const repository = manager.getRepository(AccountToken);
    await repository.update(
      { userId: user.id, purpose, usedAt: IsNull() },
      { usedAt: () => 'now()' },
    );
    await repository.insert({
      userId: user.id,
      purpose,
      tokenHash: hash,
      expiresAt: new Date(Date.now() + seconds * 1000),
    });
  });
  const link = `${ctx.services.config.publicUrl}${LINK_PATH[purpose]}?token=${encodeURIComponent(token)}`;
  const message =
    purpose === 'INVITATION'
      ? {
          subject: 'Votre compte E-Pairs : activez-le',
          text:
            `Bonjour ${user.firstName},\n\n` +
            `Un compte a été créé pour vous sur la plateforme E-Pairs des groupes de pairs en santé au travail.\n` +
            `Pour l'activer et choisir votre mot de passe, ouvrez ce lien (valable ${Math.round(seconds / 86400)} jours, une seule fois) :\n\n` +
            `${link}\n\nSi vous n'attendiez pas ce message, ignorez-le.\n\nE-Pairs`,
        }
      : {
          subject: 'E-Pairs : réinitialisation de votre mot de passe',
          text:
            `Bonjour ${user.firstName},\n\n` +
            `Pour choisir un nouveau mot de passe, ouvrez ce lien (valable ${Math.round(seconds / 60)} minutes, une seule fois) :\n\n` +
            `${link}\n\nSi vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.\n\nE-Pairs`,
        };
  ctx.tx.afterCommit(() => ctx.services.mailer.send({ to: user.email, link, ...message }));
}

/** Spends a link: returns its user id, or refuses with a French message when used or expired. */
export async function consumeAccountLink(
  ctx: RequestContext,
  token: string,
  purposes: AccountTokenPurpose[],
): Promise<{ userId: string; purpose: AccountTokenPurpose }> {
  return ctx.asSystem(async (manager) => {
    const repository = manager.getRepository(AccountToken);
    const found = await repository
      .createQueryBuilder('token')
      .setLock('pessimistic_write')
      .where('token.token_hash = :hash', { hash: hashOpaqueToken(token) })
      .andWhere('token.purpose = ANY(:purposes)', { purposes })
      .getOne();
    if (!found || found.usedAt || found.expiresAt <= new Date()) {
      throw new AppError(
        'BAD_USER_INPUT',
        'Ce lien est invalide, expiré ou déjà utilisé. Demandez-en un nouveau.',
        { field: 'token' },
      );
    }
    await repository.update(
      { id: found.id, usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      {
        usedAt: () => 'now()',
      },
    );
    return { userId: found.userId, purpose: found.purpose };
  });
}
