import { updateVersioned } from '../../common/db/versioned-update';
import { notFound } from '../../common/errors';
import {
  listOperations,
  readableQuery,
  whereEquals,
  whereIds,
} from '../../common/graphql/resource-query';
import type { RequestContext } from '../../common/request-context';
import { InputCheck } from '../../common/validation';
import { Theme } from './theme.entity';
import type { CreateThemeArgs, ThemeFilter, UpdateThemeArgs } from './theme.types';

async function query(ctx: RequestContext, filter: ThemeFilter) {
  const query = await readableQuery(ctx, Theme, 'theme', 'Theme', { id: 'theme.id' });
  whereIds(query, 'theme.id', filter.ids);
  whereEquals(query, 'theme.active', filter.active);
  return query;
}

export const themeService = {
  ...listOperations(query, {
    sortable: { sortOrder: 'theme.sort_order', code: 'theme.code', labelFr: 'theme.label_fr' },
    defaultSort: { field: 'sortOrder', order: 'ASC' },
    tieBreaker: 'theme.id',
  }),

  async create(ctx: RequestContext, args: CreateThemeArgs): Promise<Theme> {
    await ctx.assertCan('create', 'Theme');
    const check = new InputCheck();
    const code = args.code.trim().toUpperCase();
    if (!/^[A-Z][A-Z0-9_]{1,40}$/.test(code)) {
      check.add('code', 'Le code : lettres majuscules, chiffres et _, 2 à 41 caractères.');
    }
    const labelFr = check.text('labelFr', args.labelFr, 'Le libellé français', 2, 200);
    const labelEn = check.text('labelEn', args.labelEn, 'Le libellé anglais', 2, 200);
    check.done();
    const repository = (await ctx.manager()).getRepository(Theme);
    const { identifiers } = await repository.insert({
      code,
      labelFr,
      labelEn,
      period: args.period?.trim() || null,
      sortOrder: args.sortOrder ?? 50,
      active: true,
    });
    const theme = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    await ctx.audit({
      action: 'theme.create',
      entityType: 'Theme',
      entityId: theme.id,
      societyId: null,
      changedFields: ['code', 'labelFr', 'labelEn', 'period', 'sortOrder'],
    });
    return theme;
  },

  async update(ctx: RequestContext, args: UpdateThemeArgs): Promise<Theme> {
    await ctx.assertCan('update', 'Theme');
    const current = await themeService.findOne(ctx, args.id);
    if (!current) throw notFound('Thème');
    const check = new InputCheck();
    const changes: Partial<Theme> = {};
    if (args.labelFr != null && args.labelFr.trim() !== current.labelFr) {
      changes.labelFr = check.text('labelFr', args.labelFr, 'Le libellé français', 2, 200);
    }
    if (args.labelEn != null && args.labelEn.trim() !== current.labelEn) {
      changes.labelEn = check.text('labelEn', args.labelEn, 'Le libellé anglais', 2, 200);
    }
    if (args.period !== undefined && (args.period?.trim() || null) !== current.period) {
      changes.period = args.period?.trim() || null;
    }
    if (args.active != null && args.active !== current.active) changes.active = args.active;
    if (args.sortOrder != null && args.sortOrder !== current.sortOrder)
      changes.sortOrder = args.sortOrder;
    check.done();
    const updated = await updateVersioned<Theme>(
      ctx,
      Theme,
      'Le thème',
      current,
      args.version,
      changes,
    );
    await ctx.audit({
      action: 'theme.update',
      entityType: 'Theme',
      entityId: current.id,
      societyId: null,
      changedFields: Object.keys(changes),
    });
    return updated;
  },
};
