import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { Society } from '../societies/society.entity';
import { User } from '../users/user.entity';
import { RoleGrant } from './role-grant.entity';
import { roleGrantService } from './role-grant.service';
import { CreateRoleGrantArgs, RoleGrantFilter } from './role-grant.types';

@Resolver(() => RoleGrant)
export class RoleGrantResolver {
  @Can('read', 'RoleGrant')
  @Query(() => RoleGrant, { name: 'RoleGrant', nullable: true })
  roleGrant(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return roleGrantService.findOne(ctx, id);
  }

  @Can('read', 'RoleGrant')
  @Query(() => [RoleGrant])
  allRoleGrants(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => RoleGrantFilter, { nullable: true }) filter?: RoleGrantFilter,
  ) {
    return roleGrantService.list(ctx, args, filter);
  }

  @Can('read', 'RoleGrant')
  @Query(() => ListMetadata)
  async _allRoleGrantsMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => RoleGrantFilter, { nullable: true }) filter?: RoleGrantFilter,
  ) {
    return { count: await roleGrantService.count(ctx, filter) };
  }

  @Can('create', 'RoleGrant')
  @Mutation(() => RoleGrant)
  createRoleGrant(
    @Ctx() ctx: RequestContext,
    @Args(() => CreateRoleGrantArgs) args: CreateRoleGrantArgs,
  ) {
    return roleGrantService.create(ctx, args);
  }

  @Can('delete', 'RoleGrant')
  @Mutation(() => RoleGrant, { description: 'Retire un rôle' })
  deleteRoleGrant(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return roleGrantService.delete(ctx, id);
  }

  @FieldResolver(() => User, { nullable: true })
  user(@Root() grant: RoleGrant, @Ctx() ctx: RequestContext) {
    return ctx.loaders.userById.load(grant.userId);
  }

  @FieldResolver(() => Society, { nullable: true })
  society(@Root() grant: RoleGrant, @Ctx() ctx: RequestContext) {
    return grant.societyId ? ctx.loaders.societyById.load(grant.societyId) : null;
  }
}
