import { DEFAULT_CREDIT_RULES, type CreditRules } from '@epairs/shared';
import { updateVersioned } from '../../common/db/versioned-update';
import { badInput, notFound } from '../../common/errors';
import {
  listOperations,
  readableQuery,
  whereEquals,
  whereIds,
} from '../../common/graphql/resource-query';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { CreditRule } from '../meetings/meeting.entities';
import type {
  CreateCreditRuleArgs,
  CreditRuleFilter,
  UpdateCreditRuleArgs,
} from './credit-rule.types';

const FIELDS = ['creditsPerHour', 'creditsPerCase', 'creditsPerReport'] as const;
const LABELS: Record<(typeof FIELDS)[number], string> = {
  creditsPerHour: 'Les crédits par heure',
  creditsPerCase: 'Les crédits par situation présentée',
  creditsPerReport: 'Les crédits par compte-rendu',
};

function checkCredits(check: InputCheck, values: Partial<CreditRules>) {
  for (const field of FIELDS) {
    const value = values[field];
    if (value === undefined || value === null) continue;
    if (
      !Number.isFinite(value) ||
      value < 0 ||
      value > 100 ||
      Math.round(value * 100) !== value * 100
    ) {
      check.add(field, `${LABELS[field]} : un nombre entre 0 et 100, deux décimales au plus.`);
    }
  }
}

async function query(ctx: RequestContext, filter: CreditRuleFilter) {
  const query = await readableQuery(ctx, CreditRule, 'rule', 'CreditRule', {
    id: 'rule.id',
    societyId: 'rule.society_id',
  });
  whereIds(query, 'rule.id', filter.ids);
  whereEquals(query, 'rule.society_id', filter.societyId, { uuid: true });
  whereEquals(query, 'rule.year', filter.year);
  return query;
}

export const creditRuleService = {
  ...listOperations(query, {
    sortable: { year: 'rule.year', updatedAt: 'rule.updated_at' },
    defaultSort: { field: 'year', order: 'DESC' },
    tieBreaker: 'rule.id',
  }),

  async create(ctx: RequestContext, args: CreateCreditRuleArgs): Promise<CreditRule> {
    const check = new InputCheck();
    check.id('societyId', args.societyId, 'La société');
    if (!Number.isInteger(args.year) || args.year < 2000 || args.year > 2100) {
      check.add('year', "L'année doit être comprise entre 2000 et 2100.");
    }
    checkCredits(check, args);
    check.done();
    await ctx.assertCan('create', 'CreditRule', { id: '', societyId: args.societyId });
    if (!(await ctx.loaders.societyById.load(args.societyId)))
      throw badInput('societyId', 'Société inconnue.');
    const repository = (await ctx.manager()).getRepository(CreditRule);
    const { identifiers } = await repository.insert({
      societyId: args.societyId,
      year: args.year,
      creditsPerHour: args.creditsPerHour ?? DEFAULT_CREDIT_RULES.creditsPerHour,
      creditsPerCase: args.creditsPerCase ?? DEFAULT_CREDIT_RULES.creditsPerCase,
      creditsPerReport: args.creditsPerReport ?? DEFAULT_CREDIT_RULES.creditsPerReport,
    });
    const rule = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    await ctx.audit({
      action: 'credit-rule.create',
      entityType: 'CreditRule',
      entityId: rule.id,
      societyId: rule.societyId,
      changedFields: ['year', ...FIELDS],
    });
    return rule;
  },

  async update(ctx: RequestContext, args: UpdateCreditRuleArgs): Promise<CreditRule> {
    const current = isUuid(args.id) ? await creditRuleService.findOne(ctx, args.id) : null;
    if (!current) throw notFound('Règle de crédits');
    await ctx.assertCan('update', 'CreditRule', { id: current.id, societyId: current.societyId });
    const check = new InputCheck();
    checkCredits(check, args);
    check.done();
    const changes: Partial<CreditRule> = {};
    for (const field of FIELDS) {
      const value = args[field];
      if (value !== undefined && value !== null && value !== current[field]) changes[field] = value;
    }
    const updated = await updateVersioned<CreditRule>(
      ctx,
      CreditRule,
      'La règle de crédits',
      current,
      args.version,
      changes,
    );
    await ctx.audit({
      action: 'credit-rule.update',
      entityType: 'CreditRule',
      entityId: current.id,
      societyId: current.societyId,
      changedFields: Object.keys(changes),
    });
    return updated;
  },
};
