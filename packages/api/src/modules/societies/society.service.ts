import { accessibleCondition } from '../../common/authz/accessible';
import { updateVersioned } from '../../common/db/versioned-update';
import { notFound } from '../../common/errors';
import { applyListArgs, type ListArgs } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { Society } from './society.entity';
import type { CreateSocietyArgs, SocietyFilter, UpdateSocietyArgs } from './society.types';

const SOCIETY_CODE = /^[A-Z][A-Z0-9_-]{1,15}$/;

async function filteredQuery(ctx: RequestContext, filter: SocietyFilter = {}) {
  const { ability } = await ctx.requireAuth();
  const allowed = accessibleCondition(ability, 'read', 'Society', { id: 'society.id' });
  const query = (await ctx.manager())
    .getRepository(Society)
    .createQueryBuilder('society')
    .where(allowed.sql, allowed.params);
  if (filter.q) {
    query.andWhere('(society.code ILIKE :q OR society.name ILIKE :q)', {
      q: `%${escapeLike(filter.q)}%`,
    });
  }
  if (filter.ids) query.andWhere('society.id = ANY(:ids)', { ids: filter.ids.filter(isUuid) });
  if (filter.code) query.andWhere('society.code = :code', { code: filter.code.toUpperCase() });
  return query;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export const societyService = {
  async list(ctx: RequestContext, args: ListArgs, filter?: SocietyFilter): Promise<Society[]> {
    const query = await filteredQuery(ctx, filter);
    return applyListArgs(query, args, {
      sortable: {
        code: 'society.code',
        name: 'society.name',
        region: 'society.region',
        createdAt: 'society.created_at',
      },
      defaultSort: { field: 'code', order: 'ASC' },
      tieBreaker: 'society.id',
    }).getMany();
  },

  async count(ctx: RequestContext, filter?: SocietyFilter): Promise<number> {
    return (await filteredQuery(ctx, filter)).getCount();
  },

  async findOne(ctx: RequestContext, id: string): Promise<Society | null> {
    await ctx.assertCan('read', 'Society');
    return isUuid(id) ? ctx.loaders.societyById.load(id) : null;
  },

  async create(ctx: RequestContext, args: CreateSocietyArgs): Promise<Society> {
    await ctx.assertCan('create', 'Society');
    const check = new InputCheck();
    const code = args.code.trim().toUpperCase();
    if (!SOCIETY_CODE.test(code)) {
      check.add(
        'code',
        'Le sigle doit faire 2 à 16 caractères : lettres majuscules, chiffres, - ou _.',
      );
    }
    const name = check.text('name', args.name, 'Le nom', 2, 200);
    const region = args.region?.trim() || null;
    check.done();
    const repository = (await ctx.manager()).getRepository(Society);
    const { identifiers } = await repository.insert({ code, name, region });
    const created = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    await ctx.audit({
      action: 'society.create',
      entityType: 'Society',
      entityId: created.id,
      societyId: created.id,
      changedFields: ['code', 'name', 'region'],
    });
    return created;
  },

  async update(ctx: RequestContext, args: UpdateSocietyArgs): Promise<Society> {
    const current = await societyService.findOne(ctx, args.id);
    if (!current) throw notFound('Société');
    // Before anything else: not even a version number of a society one may not edit.
    await ctx.assertCan('update', 'Society', { id: current.id });
    const check = new InputCheck();
    const changes: Partial<Pick<Society, 'code' | 'name' | 'region'>> = {};
    if (
      args.code !== undefined &&
      args.code !== null &&
      args.code.trim().toUpperCase() !== current.code
    ) {
      changes.code = args.code.trim().toUpperCase();
      if (!SOCIETY_CODE.test(changes.code)) {
        check.add(
          'code',
          'Le sigle doit faire 2 à 16 caractères : lettres majuscules, chiffres, - ou _.',
        );
      }
    }
    if (args.name !== undefined && args.name !== null && args.name.trim() !== current.name) {
      changes.name = check.text('name', args.name, 'Le nom', 2, 200);
    }
    if (args.region !== undefined && (args.region?.trim() || null) !== current.region) {
      changes.region = args.region?.trim() || null;
    }
    check.done();
    for (const field of Object.keys(changes)) {
      await ctx.assertCan('update', 'Society', { id: current.id }, field);
    }
    const updated = await updateVersioned<Society>(
      ctx,
      Society,
      'La société',
      current,
      args.version,
      changes,
    );
    await ctx.audit({
      action: 'society.update',
      entityType: 'Society',
      entityId: current.id,
      societyId: current.id,
      changedFields: Object.keys(changes),
    });
    return updated;
  },
};
