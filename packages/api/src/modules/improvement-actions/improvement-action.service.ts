import { subject } from '@epairs/shared';
import { updateVersioned } from '../../common/db/versioned-update';
import { conflict, notFound } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { assertPseudonymised, InputCheck, isUuid } from '../../common/validation';
import { reportService } from '../reports/report.service';
import { ImprovementAction, IndicatorValue } from './improvement-action.entities';
import type { ImprovementActionInput, IndicatorValueInput } from './improvement-action.types';

const record = (action: ImprovementAction) => ({
  id: action.id,
  societyId: action.societyId,
  groupId: action.groupId,
});

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: string) =>
  ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** Checks the action's fields; the free texts pass the pseudonymisation guard. */
async function checkedAction(ctx: RequestContext, groupId: string, input: ImprovementActionInput) {
  const check = new InputCheck();
  const description = check.text('description', input.description, 'La description', 3, 2000);
  const followUp = check.text('followUp', input.followUp ?? '', 'La modalité de suivi', 0, 2000);
  const indicatorLabel = input.indicatorLabel?.trim()
    ? check.text('indicatorLabel', input.indicatorLabel, 'L’indicateur', 2, 200)
    : null;
  const indicatorUnit = input.indicatorUnit?.trim()
    ? check.text('indicatorUnit', input.indicatorUnit, 'L’unité', 1, 40)
    : null;
  if (input.dueOn && !isDay(input.dueOn)) {
    check.add('dueOn', 'L’échéance doit être une date (AAAA-MM-JJ).');
  }
  if (input.ownerMemberId) {
    const memberships = await ctx.loaders.membershipsByGroupId.load(groupId);
    if (!memberships.some((membership) => membership.memberId === input.ownerMemberId)) {
      check.add('ownerMemberId', 'Le ou la responsable doit être membre du groupe.');
    }
  }
  check.done();
  assertPseudonymised({ description, followUp, indicatorLabel });
  return {
    description,
    followUp,
    indicatorLabel,
    indicatorUnit,
    dueOn: input.dueOn || null,
    ownerMemberId: input.ownerMemberId || null,
  };
}

async function findAction(ctx: RequestContext, id: string): Promise<ImprovementAction> {
  const found = isUuid(id) ? await ctx.loaders.improvementActionById.load(id) : null;
  const { ability } = await ctx.requireAuth();
  if (!found || !ability.can('read', subject('ImprovementAction', record(found)))) {
    throw notFound('Action d’amélioration');
  }
  return found;
}

export const improvementActionService = {
  /** The group's actions, oldest first (the group's page and the annual summary show them). */
  async listForGroup(ctx: RequestContext, groupId: string): Promise<ImprovementAction[]> {
    if (!isUuid(groupId)) return [];
    const rows = await (
      await ctx.manager()
    )
      .getRepository(ImprovementAction)
      .find({ where: { groupId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const { ability } = await ctx.requireAuth();
    return rows.filter((row) => ability.can('read', subject('ImprovementAction', record(row))));
  },

  /** Proposed in a report by a member of its group. */
  async create(
    ctx: RequestContext,
    reportId: string,
    input: ImprovementActionInput,
  ): Promise<ImprovementAction> {
    const report = await reportService.findOne(ctx, reportId);
    if (!report) throw notFound('Compte-rendu');
    const { user } = await ctx.assertCan('create', 'ImprovementAction', {
      id: '',
      societyId: report.societyId,
      groupId: report.groupId,
    });
    const values = await checkedAction(ctx, report.groupId, input);
    const manager = await ctx.manager();
    const { identifiers } = await manager.getRepository(ImprovementAction).insert({
      ...values,
      status: input.status ?? 'PROPOSED',
      societyId: report.societyId,
      groupId: report.groupId,
      reportId: report.id,
      createdByMemberId: user.memberId!,
    });
    const id = identifiers[0]!.id as string;
    await ctx.audit({
      action: 'improvement-action.create',
      entityType: 'ImprovementAction',
      entityId: id,
      societyId: report.societyId,
      changedFields: [...Object.keys(values), 'status'],
    });
    ctx.loaders.improvementActionsByReportId.clear(report.id);
    return manager.getRepository(ImprovementAction).findOneByOrFail({ id });
  },

  /** Followed up by the group: status, owner, due date, indicator (version read required). */
  async update(
    ctx: RequestContext,
    id: string,
    version: number,
    input: ImprovementActionInput,
  ): Promise<ImprovementAction> {
    const current = await findAction(ctx, id);
    await ctx.assertCan('update', 'ImprovementAction', record(current));
    const values = await checkedAction(ctx, current.groupId, input);
    const changes = { ...values, status: input.status ?? current.status };
    const updated = await updateVersioned<ImprovementAction>(
      ctx,
      ImprovementAction,
      'L’action',
      current,
      version,
      changes,
    );
    await ctx.audit({
      action: 'improvement-action.update',
      entityType: 'ImprovementAction',
      entityId: id,
      societyId: current.societyId,
      changedFields: Object.keys(changes),
    });
    return updated;
  },

  /** A measure of the action's indicator at a date (one per day). */
  async recordValue(
    ctx: RequestContext,
    actionId: string,
    input: IndicatorValueInput,
  ): Promise<ImprovementAction> {
    const action = await findAction(ctx, actionId);
    const { user } = await ctx.assertCan('update', 'ImprovementAction', record(action));
    if (!action.indicatorLabel) {
      throw conflict('Cette action n’a pas d’indicateur : définissez-le d’abord.');
    }
    const check = new InputCheck();
    if (!isDay(input.measuredOn)) check.add('measuredOn', 'La date doit être AAAA-MM-JJ.');
    if (!Number.isFinite(input.value) || Math.abs(input.value) >= 1e10) {
      check.add('value', 'La valeur doit être un nombre.');
    }
    check.done();
    const manager = await ctx.manager();
    const existing = await manager
      .getRepository(IndicatorValue)
      .findOneBy({ actionId, measuredOn: input.measuredOn });
    if (existing) {
      throw conflict('Une mesure existe déjà à cette date.', { field: 'measuredOn' });
    }
    await manager.getRepository(IndicatorValue).insert({
      actionId,
      societyId: action.societyId,
      groupId: action.groupId,
      measuredOn: input.measuredOn,
      value: input.value,
      recordedByMemberId: user.memberId!,
    });
    ctx.loaders.indicatorValuesByActionId.clear(actionId);
    await ctx.audit({
      action: 'improvement-action.record-value',
      entityType: 'ImprovementAction',
      entityId: actionId,
      societyId: action.societyId,
      changedFields: ['indicatorValues'],
    });
    return action;
  },
};
