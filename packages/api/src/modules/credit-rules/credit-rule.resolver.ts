import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { CreditRule } from '../meetings/meeting.entities';
import { creditRuleService } from './credit-rule.service';
import { CreateCreditRuleArgs, CreditRuleFilter, UpdateCreditRuleArgs } from './credit-rule.types';

@Resolver(() => CreditRule)
export class CreditRuleResolver {
  @Can('read', 'CreditRule')
  @Query(() => CreditRule, { name: 'CreditRule', nullable: true })
  creditRule(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return creditRuleService.findOne(ctx, id);
  }

  @Can('read', 'CreditRule')
  @Query(() => [CreditRule])
  allCreditRules(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => CreditRuleFilter, { nullable: true }) filter?: CreditRuleFilter,
  ) {
    return creditRuleService.list(ctx, args, filter);
  }

  @Can('read', 'CreditRule')
  @Query(() => ListMetadata)
  async _allCreditRulesMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => CreditRuleFilter, { nullable: true }) filter?: CreditRuleFilter,
  ) {
    return { count: await creditRuleService.count(ctx, filter) };
  }

  @Can('create', 'CreditRule')
  @Mutation(() => CreditRule, { description: 'Règles de crédits DPC d’une société pour une année' })
  createCreditRule(
    @Ctx() ctx: RequestContext,
    @Args(() => CreateCreditRuleArgs) args: CreateCreditRuleArgs,
  ) {
    return creditRuleService.create(ctx, args);
  }

  @Can('update', 'CreditRule')
  @Mutation(() => CreditRule)
  updateCreditRule(
    @Ctx() ctx: RequestContext,
    @Args(() => UpdateCreditRuleArgs) args: UpdateCreditRuleArgs,
  ) {
    return creditRuleService.update(ctx, args);
  }
}
