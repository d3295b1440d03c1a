import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { Society } from '../societies/society.entity';
import { Employer } from './employer.entity';
import { employerService } from './employer.service';
import { CreateEmployerArgs, EmployerFilter, UpdateEmployerArgs } from './employer.types';

@Resolver(() => Employer)
export class EmployerResolver {
  @Can('read', 'Employer')
  @Query(() => Employer, { name: 'Employer', nullable: true })
  employer(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return employerService.findOne(ctx, id);
  }

  @Can('read', 'Employer')
  @Query(() => [Employer])
  allEmployers(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => EmployerFilter, { nullable: true }) filter?: EmployerFilter,
  ) {
    return employerService.list(ctx, args, filter);
  }

  @Can('read', 'Employer')
  @Query(() => ListMetadata)
  async _allEmployersMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => EmployerFilter, { nullable: true }) filter?: EmployerFilter,
  ) {
    return { count: await employerService.count(ctx, filter) };
  }

  @Can('create', 'Employer')
  @Mutation(() => Employer)
  createEmployer(
    @Ctx() ctx: RequestContext,
    @Args(() => CreateEmployerArgs) args: CreateEmployerArgs,
  ) {
    return employerService.create(ctx, args);
  }

  @Can('update', 'Employer')
  @Mutation(() => Employer)
  updateEmployer(
    @Ctx() ctx: RequestContext,
    @Args(() => UpdateEmployerArgs) args: UpdateEmployerArgs,
  ) {
    return employerService.update(ctx, args);
  }

  @FieldResolver(() => Society, { nullable: true })
  society(@Root() employer: Employer, @Ctx() ctx: RequestContext) {
    return ctx.loaders.societyById.load(employer.societyId);
  }
}
