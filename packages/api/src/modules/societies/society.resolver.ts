import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Can, SignedIn } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { Society } from './society.entity';
import { societyService } from './society.service';
import { CreateSocietyArgs, SocietyFilter, UpdateSocietyArgs } from './society.types';

@Resolver(() => Society)
export class SocietyResolver {
  @SignedIn()
  @Query(() => Society, { name: 'Society', nullable: true })
  society(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return societyService.findOne(ctx, id);
  }

  @SignedIn()
  @Query(() => [Society])
  allSocieties(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => SocietyFilter, { nullable: true }) filter?: SocietyFilter,
  ) {
    return societyService.list(ctx, args, filter);
  }

  @SignedIn()
  @Query(() => ListMetadata)
  async _allSocietiesMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => SocietyFilter, { nullable: true }) filter?: SocietyFilter,
  ) {
    return { count: await societyService.count(ctx, filter) };
  }

  @Can('create', 'Society')
  @Mutation(() => Society)
  createSociety(
    @Ctx() ctx: RequestContext,
    @Args(() => CreateSocietyArgs) args: CreateSocietyArgs,
  ) {
    return societyService.create(ctx, args);
  }

  @Can('update', 'Society')
  @Mutation(() => Society)
  updateSociety(
    @Ctx() ctx: RequestContext,
    @Args(() => UpdateSocietyArgs) args: UpdateSocietyArgs,
  ) {
    return societyService.update(ctx, args);
  }
}
