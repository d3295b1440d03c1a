import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { Society } from '../societies/society.entity';
import { User } from '../users/user.entity';
import { AuditEvent } from './audit-event.entity';
import { auditEventService } from './audit-event.service';
import { AuditEventFilter } from './audit-event.types';

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Can('read', 'AuditEvent')
  @Query(() => AuditEvent, { name: 'AuditEvent', nullable: true })
  auditEvent(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return auditEventService.findOne(ctx, id);
  }

  @Can('read', 'AuditEvent')
  @Query(() => [AuditEvent])
  allAuditEvents(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter,
  ) {
    return auditEventService.list(ctx, args, filter);
  }

  @Can('read', 'AuditEvent')
  @Query(() => ListMetadata)
  async _allAuditEventsMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => AuditEventFilter, { nullable: true }) filter?: AuditEventFilter,
  ) {
    return { count: await auditEventService.count(ctx, filter) };
  }

  @FieldResolver(() => User, { nullable: true, description: "L'auteur, s'il vous est visible" })
  actor(@Root() event: AuditEvent, @Ctx() ctx: RequestContext) {
    return event.actorUserId ? ctx.loaders.userById.load(event.actorUserId) : null;
  }

  @FieldResolver(() => Society, { nullable: true })
  society(@Root() event: AuditEvent, @Ctx() ctx: RequestContext) {
    return event.societyId ? ctx.loaders.societyById.load(event.societyId) : null;
  }
}
