import { accessibleCondition } from '../../common/authz/accessible';
import { applyListArgs, type ListArgs } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/validation';
import { AuditEvent } from './audit-event.entity';
import type { AuditEventFilter } from './audit-event.types';

async function filteredQuery(ctx: RequestContext, filter: AuditEventFilter = {}) {
  const { ability } = await ctx.requireAuth();
  const allowed = accessibleCondition(ability, 'read', 'AuditEvent', {
    id: 'event.id',
    societyId: 'event.society_id',
  });
  const query = (await ctx.manager())
    .getRepository(AuditEvent)
    .createQueryBuilder('event')
    .where(allowed.sql, allowed.params);
  if (filter.ids) query.andWhere('event.id = ANY(:ids)', { ids: filter.ids.filter(isUuid) });
  for (const [field, column] of [
    ['societyId', 'society_id'],
    ['actorUserId', 'actor_user_id'],
  ] as const) {
    const value = filter[field];
    if (value)
      query.andWhere(`event.${column} = :${field}`, { [field]: isUuid(value) ? value : null });
  }
  for (const [field, column] of [
    ['action', 'action'],
    ['entityType', 'entity_type'],
    ['entityId', 'entity_id'],
    ['requestId', 'request_id'],
  ] as const) {
    const value = filter[field];
    if (value) query.andWhere(`event.${column} = :${field}`, { [field]: value });
  }
  if (filter.occurredAt_gte)
    query.andWhere('event.occurred_at >= :from', { from: filter.occurredAt_gte });
  if (filter.occurredAt_lt) query.andWhere('event.occurred_at < :to', { to: filter.occurredAt_lt });
  return query;
}

export const auditEventService = {
  async list(ctx: RequestContext, args: ListArgs, filter?: AuditEventFilter) {
    return applyListArgs(await filteredQuery(ctx, filter), args, {
      sortable: {
        occurredAt: 'event.occurred_at',
        action: 'event.action',
        entityType: 'event.entity_type',
      },
      defaultSort: { field: 'occurredAt', order: 'DESC' },
      tieBreaker: 'event.id',
    }).getMany();
  },

  async count(ctx: RequestContext, filter?: AuditEventFilter) {
    return (await filteredQuery(ctx, filter)).getCount();
  },

  async findOne(ctx: RequestContext, id: string) {
    if (!isUuid(id)) return null;
    return (await filteredQuery(ctx, { ids: [id] })).getOne();
  },
};
