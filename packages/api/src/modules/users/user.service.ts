import { isPlausibleEmail, normalizeEmail, subject } from '@epairs/shared';
import { accessibleCondition } from '../../common/authz/accessible';
import { updateVersioned } from '../../common/db/versioned-update';
import { AppError, conflict, forbidden, notFound } from '../../common/errors';
import { applyListArgs, type ListArgs } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { sendAccountLink } from '../auth/account-links';
import { revokeAllSessions } from '../auth/sessions';
import { RoleGrant } from '../role-grants/role-grant.entity';
import { escapeLike } from '../societies/society.service';
import { Locale, User, UserStatus } from './user.entity';
import type { CreateUserArgs, UpdateUserArgs, UserFilter } from './user.types';

async function filteredQuery(ctx: RequestContext, filter: UserFilter = {}) {
  const { ability } = await ctx.requireAuth();
  const allowed = accessibleCondition(ability, 'read', 'User', {
    id: 'user.id',
    societyId: 'user.society_id',
  });
  const query = (await ctx.manager())
    .getRepository(User)
    .createQueryBuilder('user')
    .where(allowed.sql, allowed.params);
  if (filter.q) {
    query.andWhere(
      "(user.last_name ILIKE :q OR user.first_name ILIKE :q OR user.email ILIKE :q OR (user.first_name || ' ' || user.last_name) ILIKE :q)",
      { q: `%${escapeLike(filter.q.trim())}%` },
    );
  }
  if (filter.ids) query.andWhere('user.id = ANY(:ids)', { ids: filter.ids.filter(isUuid) });
  if (filter.societyId) {
    query.andWhere('user.society_id = :societyId', {
      societyId: isUuid(filter.societyId) ? filter.societyId : null,
    });
  }
  if (filter.status) query.andWhere('user.status = :status', { status: filter.status });
  return query;
}

const userRecord = (user: User) => ({
  id: user.id,
  societyId: user.societyId,
  status: user.status,
});

/**
 * An administrator manages an account only if its grants stay within what the administrator
 * administers: a society admin may not disable, move or re-address a binôme, a federation admin or
 * another society's admin who happens to belong to its society. Grants outside the society are not
 * visible to a society admin, hence the system-scope read.
 */
async function assertManages(ctx: RequestContext, target: User): Promise<void> {
  const { user: actor } = await ctx.requireAuth();
  if (actor.federationAdmin || actor.id === target.id) return;
  const grants = await ctx.asSystem((manager) =>
    manager
      .getRepository(RoleGrant)
      .find({ where: { userId: target.id }, select: { role: true, societyId: true } }),
  );
  const beyond = grants.some(
    (grant) =>
      grant.role !== 'SOCIETY_ADMIN' || !actor.adminSocietyIds.includes(grant.societyId ?? ''),
  );
  if (beyond) {
    throw forbidden(
      'Ce compte a des rôles au-delà de votre société : seule la fédération peut le modifier.',
    );
  }
}

async function assertEmailFree(ctx: RequestContext, email: string, exceptId?: string) {
  // The address must be unique across the federation, including accounts this person cannot see.
  const taken = await ctx.asSystem((manager) =>
    manager.getRepository(User).findOne({ where: { email }, select: { id: true } }),
  );
  if (taken && taken.id !== exceptId) {
    throw conflict('Un compte existe déjà avec cette adresse e-mail.', { field: 'email' });
  }
}

function checkEmail(check: InputCheck, raw: string): string {
  const email = normalizeEmail(raw);
  if (!isPlausibleEmail(email)) check.add('email', "L'adresse e-mail n'est pas valide.");
  return email;
}

export const userService = {
  async list(ctx: RequestContext, args: ListArgs, filter?: UserFilter): Promise<User[]> {
    return applyListArgs(await filteredQuery(ctx, filter), args, {
      sortable: {
        lastName: 'user.last_name',
        firstName: 'user.first_name',
        email: 'user.email',
        status: 'user.status',
        createdAt: 'user.created_at',
        lastLoginAt: 'user.last_login_at',
      },
      defaultSort: { field: 'lastName', order: 'ASC' },
      tieBreaker: 'user.id',
    }).getMany();
  },

  async count(ctx: RequestContext, filter?: UserFilter): Promise<number> {
    return (await filteredQuery(ctx, filter)).getCount();
  },

  async findOne(ctx: RequestContext, id: string): Promise<User | null> {
    const { ability } = await ctx.requireAuth();
    if (!isUuid(id)) return null;
    const user = await ctx.loaders.userById.load(id);
    if (!user || !ability.can('read', subject('User', userRecord(user)))) return null;
    return user;
  },

  /** Creates an account and e-mails its invitation (activation) link. */
  async create(ctx: RequestContext, args: CreateUserArgs): Promise<User> {
    const user = await userService.invite(ctx, args);
    await ctx.audit({
      action: 'user.invite',
      entityType: 'User',
      entityId: user.id,
      societyId: user.societyId,
      changedFields: ['email', 'firstName', 'lastName', 'societyId', 'locale'],
    });
    return user;
  },

  /**
   * Creates an invited account and e-mails its activation link; the caller audits (an account
   * may be created alone, or with the member profile it belongs to).
   */
  async invite(ctx: RequestContext, args: CreateUserArgs): Promise<User> {
    const check = new InputCheck();
    const email = checkEmail(check, args.email);
    const firstName = check.text('firstName', args.firstName, 'Le prénom', 1, 100);
    const lastName = check.text('lastName', args.lastName, 'Le nom', 1, 100);
    const societyId = args.societyId ? check.id('societyId', args.societyId, 'La société') : null;
    check.done();
    await ctx.assertCan('create', 'User', { id: '', societyId, status: UserStatus.INVITED });
    if (societyId && !(await ctx.loaders.societyById.load(societyId))) {
      throw new AppError('BAD_USER_INPUT', 'Société inconnue.', { field: 'societyId' });
    }
    await assertEmailFree(ctx, email);
    const repository = (await ctx.manager()).getRepository(User);
    const { identifiers } = await repository.insert({
      email,
      firstName,
      lastName,
      societyId,
      locale: args.locale ?? Locale.fr,
      status: UserStatus.INVITED,
    });
    const user = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    await sendAccountLink(ctx, user, 'INVITATION');
    return user;
  },

  async update(ctx: RequestContext, args: UpdateUserArgs): Promise<User> {
    const current = await userService.findOne(ctx, args.id);
    if (!current) throw notFound('Compte');
    const check = new InputCheck();
    const changes: Partial<User> = {};
    if (args.email != null && normalizeEmail(args.email) !== current.email) {
      changes.email = checkEmail(check, args.email);
    }
    if (args.firstName != null && args.firstName.trim() !== current.firstName) {
      changes.firstName = check.text('firstName', args.firstName, 'Le prénom', 1, 100);
    }
    if (args.lastName != null && args.lastName.trim() !== current.lastName) {
      changes.lastName = check.text('lastName', args.lastName, 'Le nom', 1, 100);
    }
    if (args.locale != null && args.locale !== current.locale) changes.locale = args.locale;
    if (args.societyId !== undefined && (args.societyId ?? null) !== current.societyId) {
      changes.societyId = args.societyId
        ? check.id('societyId', args.societyId, 'La société')
        : null;
    }
    if (args.status != null && args.status !== current.status) {
      if (current.status === UserStatus.INVITED || args.status === UserStatus.INVITED) {
        check.add('status', "Un compte invité devient actif en acceptant l'invitation.");
      }
      changes.status = args.status;
    }
    check.done();
    const record = userRecord(current);
    await ctx.assertCan('update', 'User', record);
    for (const field of Object.keys(changes)) await ctx.assertCan('update', 'User', record, field);
    if (changes.societyId !== undefined) {
      // Moving someone to another society: only into a society one may manage too.
      await ctx.assertCan(
        'update',
        'User',
        { ...record, societyId: changes.societyId },
        'societyId',
      );
    }
    await assertManages(ctx, current);
    if (changes.email) await assertEmailFree(ctx, changes.email, current.id);
    const updated = await updateVersioned<User>(
      ctx,
      User,
      'Le compte',
      current,
      args.version,
      changes,
    );
    if (changes.status === UserStatus.DISABLED) {
      await revokeAllSessions(ctx, current.id, 'disabled');
    }
    // A corrected address of an invitation: the earlier link is void, the new address gets one.
    if (changes.email) await sendAccountLink(ctx, updated, 'INVITATION');
    await ctx.audit({
      action: 'user.update',
      entityType: 'User',
      entityId: current.id,
      societyId: updated.societyId,
      changedFields: Object.keys(changes),
    });
    return updated;
  },

  async resendInvitation(ctx: RequestContext, id: string): Promise<User> {
    const user = await userService.findOne(ctx, id);
    if (!user) throw notFound('Compte');
    await ctx.assertCan('update', 'User', userRecord(user), 'status');
    await assertManages(ctx, user);
    if (user.status !== UserStatus.INVITED) {
      throw conflict("Ce compte est déjà activé : l'invitation n'a plus lieu d'être.", {
        field: 'id',
      });
    }
    await sendAccountLink(ctx, user, 'INVITATION');
    await ctx.audit({
      action: 'user.resend-invitation',
      entityType: 'User',
      entityId: user.id,
      societyId: user.societyId,
    });
    return user;
  },
};
