import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { Employer } from '../employers/employer.entity';
import { Member } from '../members/member.entity';
import { Convention } from './convention.entity';
import { conventionService } from './convention.service';
import {
  ChangeConventionStatusArgs,
  ConventionFilter,
  CreateConventionArgs,
} from './convention.types';

@Resolver(() => Convention)
export class ConventionResolver {
  @Can('read', 'Convention')
  @Query(() => Convention, { name: 'Convention', nullable: true })
  convention(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return conventionService.findOne(ctx, id);
  }

  @Can('read', 'Convention')
  @Query(() => [Convention])
  allConventions(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => ConventionFilter, { nullable: true }) filter?: ConventionFilter,
  ) {
    return conventionService.list(ctx, args, filter);
  }

  @Can('read', 'Convention')
  @Query(() => ListMetadata)
  async _allConventionsMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => ConventionFilter, { nullable: true }) filter?: ConventionFilter,
  ) {
    return { count: await conventionService.count(ctx, filter) };
  }

  @Can('create', 'Convention')
  @Mutation(() => Convention)
  createConvention(
    @Ctx() ctx: RequestContext,
    @Args(() => CreateConventionArgs) args: CreateConventionArgs,
  ) {
    return conventionService.create(ctx, args);
  }

  @Can('update', 'Convention')
  @Mutation(() => Convention, {
    description: 'Fait avancer la convention (ou l’annule, avec un motif)',
  })
  changeConventionStatus(
    @Ctx() ctx: RequestContext,
    @Args(() => ChangeConventionStatusArgs) args: ChangeConventionStatusArgs,
  ) {
    return conventionService.changeStatus(ctx, args);
  }

  @FieldResolver(() => Member, { nullable: true })
  member(@Root() convention: Convention, @Ctx() ctx: RequestContext) {
    return ctx.loaders.memberById.load(convention.memberId);
  }

  @FieldResolver(() => Employer, { nullable: true })
  employer(@Root() convention: Convention, @Ctx() ctx: RequestContext) {
    return convention.employerId ? ctx.loaders.employerById.load(convention.employerId) : null;
  }
}
