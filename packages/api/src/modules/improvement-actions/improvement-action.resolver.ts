import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { Member } from '../members/member.entity';
import { MeetingReport } from '../reports/report.entities';
import { ImprovementAction, IndicatorValue } from './improvement-action.entities';
import { improvementActionService } from './improvement-action.service';
import { ImprovementActionInput, IndicatorValueInput } from './improvement-action.types';

@Resolver(() => ImprovementAction)
export class ImprovementActionResolver {
  @Can('read', 'ImprovementAction')
  @Query(() => [ImprovementAction], { description: 'Les actions d’amélioration d’un groupe' })
  groupImprovementActions(@Ctx() ctx: RequestContext, @Arg('groupId', () => ID) groupId: string) {
    return improvementActionService.listForGroup(ctx, groupId);
  }

  @Can('create', 'ImprovementAction')
  @Mutation(() => ImprovementAction, { description: 'Proposée dans un compte-rendu' })
  createImprovementAction(
    @Ctx() ctx: RequestContext,
    @Arg('reportId', () => ID) reportId: string,
    @Arg('input', () => ImprovementActionInput) input: ImprovementActionInput,
  ) {
    return improvementActionService.create(ctx, reportId, input);
  }

  @Can('update', 'ImprovementAction')
  @Mutation(() => ImprovementAction)
  updateImprovementAction(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => ImprovementActionInput) input: ImprovementActionInput,
  ) {
    return improvementActionService.update(ctx, id, version, input);
  }

  @Can('update', 'ImprovementAction')
  @Mutation(() => ImprovementAction, { description: 'Une mesure de l’indicateur' })
  recordIndicatorValue(
    @Ctx() ctx: RequestContext,
    @Arg('actionId', () => ID) actionId: string,
    @Arg('input', () => IndicatorValueInput) input: IndicatorValueInput,
  ) {
    return improvementActionService.recordValue(ctx, actionId, input);
  }

  @FieldResolver(() => [IndicatorValue], { description: 'Les mesures, par date' })
  indicatorValues(@Root() action: ImprovementAction, @Ctx() ctx: RequestContext) {
    return ctx.loaders.indicatorValuesByActionId.load(action.id);
  }

  @FieldResolver(() => Member, { nullable: true })
  owner(@Root() action: ImprovementAction, @Ctx() ctx: RequestContext) {
    return action.ownerMemberId ? ctx.loaders.memberById.load(action.ownerMemberId) : null;
  }
}

@Resolver(() => MeetingReport)
export class ReportActionsResolver {
  @FieldResolver(() => [ImprovementAction], { description: 'Les actions d’amélioration proposées' })
  improvementActions(@Root() report: MeetingReport, @Ctx() ctx: RequestContext) {
    return ctx.loaders.improvementActionsByReportId.load(report.id);
  }
}
