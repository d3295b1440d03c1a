import { SOCIETY_SCOPED_ROLES, subject } from '@epairs/shared';
import { accessibleCondition } from '../../common/authz/accessible';
import { badInput, forbidden, notFound } from '../../common/errors';
import { applyListArgs, type ListArgs } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { RoleGrant } from './role-grant.entity';
import type { CreateRoleGrantArgs, RoleGrantFilter } from './role-grant.types';

async function filteredQuery(ctx: RequestContext, filter: RoleGrantFilter = {}) {
  const { ability } = await ctx.requireAuth();
  const allowed = accessibleCondition(ability, 'read', 'RoleGrant', {
    id: 'grant.id',
    userId: 'grant.user_id',
    societyId: 'grant.society_id',
    role: 'grant.role',
  });
  const query = (await ctx.manager())
    .getRepository(RoleGrant)
    .createQueryBuilder('grant')
    .where(allowed.sql, allowed.params);
  if (filter.ids) query.andWhere('grant.id = ANY(:ids)', { ids: filter.ids.filter(isUuid) });
  for (const [field, column] of [
    ['userId', 'user_id'],
    ['societyId', 'society_id'],
  ] as const) {
    const value = filter[field];
    if (value)
      query.andWhere(`grant.${column} = :${field}`, { [field]: isUuid(value) ? value : null });
  }
  if (filter.role) query.andWhere('grant.role = :role', { role: filter.role });
  return query;
}

export const roleGrantService = {
  async list(ctx: RequestContext, args: ListArgs, filter?: RoleGrantFilter): Promise<RoleGrant[]> {
    return applyListArgs(await filteredQuery(ctx, filter), args, {
      sortable: { createdAt: 'grant.created_at', role: 'grant.role' },
      defaultSort: { field: 'createdAt', order: 'DESC' },
      tieBreaker: 'grant.id',
    }).getMany();
  },

  async count(ctx: RequestContext, filter?: RoleGrantFilter): Promise<number> {
    return (await filteredQuery(ctx, filter)).getCount();
  },

  async findOne(ctx: RequestContext, id: string): Promise<RoleGrant | null> {
    if (!isUuid(id)) return null;
    return (await filteredQuery(ctx, { ids: [id] })).getOne();
  },

  async create(ctx: RequestContext, args: CreateRoleGrantArgs): Promise<RoleGrant> {
    const check = new InputCheck();
    check.id('userId', args.userId, 'La personne');
    const scoped = SOCIETY_SCOPED_ROLES.includes(args.role);
    const societyId = scoped ? (args.societyId ?? null) : null;
    if (scoped && !societyId)
      check.add('societyId', 'Ce rôle s’exerce dans une société : choisissez-la.');
    if (!scoped && args.societyId)
      check.add('societyId', 'Ce rôle vaut pour toute la fédération : pas de société.');
    if (societyId) check.id('societyId', societyId, 'La société');
    check.done();
    const { user } = await ctx.assertCan('create', 'RoleGrant', {
      id: '',
      userId: args.userId,
      societyId,
      role: args.role,
    });
    const grantee = await ctx.loaders.userById.load(args.userId);
    if (!grantee) throw badInput('userId', 'Personne introuvable.');
    if (societyId && !(await ctx.loaders.societyById.load(societyId))) {
      throw badInput('societyId', 'Société inconnue.');
    }
    const repository = (await ctx.manager()).getRepository(RoleGrant);
    const { identifiers } = await repository.insert({
      userId: args.userId,
      role: args.role,
      societyId,
      grantedBy: user.id,
    });
    const grant = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    await ctx.audit({
      action: 'role-grant.create',
      entityType: 'RoleGrant',
      entityId: grant.id,
      societyId: societyId ?? grantee.societyId,
      changedFields: ['userId', 'role', 'societyId'],
    });
    return grant;
  },

  async delete(ctx: RequestContext, id: string): Promise<RoleGrant> {
    const grant = await roleGrantService.findOne(ctx, id);
    if (!grant) throw notFound('Rôle');
    const { ability, user } = await ctx.requireAuth();
    if (!ability.can('delete', subject('RoleGrant', { ...grant }))) {
      throw forbidden(
        grant.role === 'FEDERATION_ADMIN' && grant.userId === user.id
          ? 'Vous ne pouvez pas retirer votre propre rôle d’administration fédérale.'
          : "Vous n'avez pas le droit de retirer ce rôle.",
      );
    }
    const manager = await ctx.manager();
    await manager.getRepository(RoleGrant).delete({ id: grant.id });
    if (grant.role === 'BINOME') {
      // No more binôme, no more accompaniment: its assignments end with the role.
      await manager.query(
        `UPDATE binome_assignment SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL`,
        [grant.userId],
      );
    }
    await ctx.audit({
      action: 'role-grant.delete',
      entityType: 'RoleGrant',
      entityId: grant.id,
      societyId: grant.societyId,
      changedFields: ['userId', 'role', 'societyId'],
    });
    return grant;
  },
};
