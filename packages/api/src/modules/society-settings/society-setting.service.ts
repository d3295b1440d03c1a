import { DEFAULT_THRESHOLDS, validateThresholds, type Thresholds } from '@epairs/shared';
import { accessibleCondition } from '../../common/authz/accessible';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInput, badInputs, notFound } from '../../common/errors';
import { applyListArgs, type ListArgs } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/validation';
import { SocietySetting } from './society-setting.entity';
import {
  ThresholdSource,
  type CreateSocietySettingArgs,
  type EffectiveThresholds,
  type SocietySettingFilter,
  type UpdateSocietySettingArgs,
} from './society-setting.types';

const THRESHOLD_FIELDS = Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[];

async function filteredQuery(ctx: RequestContext, filter: SocietySettingFilter = {}) {
  const { ability } = await ctx.requireAuth();
  const allowed = accessibleCondition(ability, 'read', 'SocietySetting', {
    id: 'setting.id',
    societyId: 'setting.society_id',
  });
  const query = (await ctx.manager())
    .getRepository(SocietySetting)
    .createQueryBuilder('setting')
    .where(allowed.sql, allowed.params);
  if (filter.ids) query.andWhere('setting.id = ANY(:ids)', { ids: filter.ids.filter(isUuid) });
  if (filter.societyId) {
    query.andWhere('setting.society_id = :societyId', {
      societyId: isUuid(filter.societyId) ? filter.societyId : null,
    });
  }
  if (filter.year) query.andWhere('setting.year = :year', { year: filter.year });
  return query;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw badInput('year', "L'année doit être comprise entre 2000 et 2100.");
  }
}

export const societySettingService = {
  async list(ctx: RequestContext, args: ListArgs, filter?: SocietySettingFilter) {
    return applyListArgs(await filteredQuery(ctx, filter), args, {
      sortable: { year: 'setting.year', updatedAt: 'setting.updated_at' },
      defaultSort: { field: 'year', order: 'DESC' },
      tieBreaker: 'setting.id',
    }).getMany();
  },

  async count(ctx: RequestContext, filter?: SocietySettingFilter) {
    return (await filteredQuery(ctx, filter)).getCount();
  },

  async findOne(ctx: RequestContext, id: string) {
    if (!isUuid(id)) return null;
    return (await filteredQuery(ctx, { ids: [id] })).getOne();
  },

  /** The rules in force: the year's own row, else the latest earlier year, else the defaults. */
  async effective(
    ctx: RequestContext,
    societyId: string,
    year: number,
  ): Promise<EffectiveThresholds> {
    checkYear(year);
    if (!isUuid(societyId)) throw badInput('societyId', 'Société inconnue.');
    await ctx.assertCan('read', 'SocietySetting', { id: '', societyId });
    const row = await (
      await filteredQuery(ctx, { societyId })
    )
      .andWhere('setting.year <= :year', { year })
      .orderBy('setting.year', 'DESC')
      .limit(1)
      .getOne();
    const values: Thresholds = row ? pickThresholds(row) : { ...DEFAULT_THRESHOLDS };
    return {
      societyId,
      year,
      source: !row
        ? ThresholdSource.DEFAULT
        : row.year === year
          ? ThresholdSource.SOCIETY_YEAR
          : ThresholdSource.EARLIER_YEAR,
      sourceYear: row?.year ?? null,
      ...values,
    };
  },

  /** The thresholds in force, for internal computations (batched; no permission check). */
  async thresholdsFor(ctx: RequestContext, societyId: string, year: number): Promise<Thresholds> {
    return ctx.loaders.thresholdsBySocietyYear.load(`${societyId}:${year}`);
  },

  async create(ctx: RequestContext, args: CreateSocietySettingArgs): Promise<SocietySetting> {
    checkYear(args.year);
    if (!isUuid(args.societyId)) throw badInput('societyId', 'Société inconnue.');
    await ctx.assertCan('create', 'SocietySetting', { id: '', societyId: args.societyId });
    // Unset values start from the thresholds in force, not from zero.
    const base = await societySettingService.effective(ctx, args.societyId, args.year);
    const values = Object.fromEntries(
      THRESHOLD_FIELDS.map((field) => [field, args[field] ?? base[field]]),
    ) as unknown as Thresholds;
    const problems = validateThresholds(values);
    if (problems.length > 0) throw badInputs(problems);
    const repository = (await ctx.manager()).getRepository(SocietySetting);
    const { identifiers } = await repository.insert({
      societyId: args.societyId,
      year: args.year,
      ...values,
    });
    const created = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    await ctx.audit({
      action: 'society-setting.create',
      entityType: 'SocietySetting',
      entityId: created.id,
      societyId: created.societyId,
      changedFields: ['year', ...THRESHOLD_FIELDS],
    });
    return created;
  },

  async update(ctx: RequestContext, args: UpdateSocietySettingArgs): Promise<SocietySetting> {
    const current = await societySettingService.findOne(ctx, args.id);
    if (!current) throw notFound('Seuils');
    await ctx.assertCan('update', 'SocietySetting', {
      id: current.id,
      societyId: current.societyId,
    });
    const changes: Partial<Thresholds> = {};
    for (const field of THRESHOLD_FIELDS) {
      const value = args[field];
      if (value !== undefined && value !== null && value !== current[field]) changes[field] = value;
    }
    const problems = validateThresholds({ ...pickThresholds(current), ...changes });
    if (problems.length > 0) throw badInputs(problems);
    const updated = await updateVersioned<SocietySetting>(
      ctx,
      SocietySetting,
      'Les seuils',
      current,
      args.version,
      changes,
    );
    await ctx.audit({
      action: 'society-setting.update',
      entityType: 'SocietySetting',
      entityId: current.id,
      societyId: current.societyId,
      changedFields: Object.keys(changes),
    });
    return updated;
  },
};

function pickThresholds(row: Thresholds): Thresholds {
  return Object.fromEntries(
    THRESHOLD_FIELDS.map((field) => [field, row[field]]),
  ) as unknown as Thresholds;
}
