import { administers } from '@epairs/shared';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can, SignedIn } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { RoleGrant } from '../role-grants/role-grant.entity';
import { Society } from '../societies/society.entity';
import { User } from './user.entity';
import { userService } from './user.service';
import { CreateUserArgs, UpdateUserArgs, UserFilter } from './user.types';

@Resolver(() => User)
export class UserResolver {
  @SignedIn()
  @Query(() => User, { name: 'User', nullable: true })
  user(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return userService.findOne(ctx, id);
  }

  @SignedIn()
  @Query(() => [User])
  allUsers(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => UserFilter, { nullable: true }) filter?: UserFilter,
  ) {
    return userService.list(ctx, args, filter);
  }

  @SignedIn()
  @Query(() => ListMetadata)
  async _allUsersMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => UserFilter, { nullable: true }) filter?: UserFilter,
  ) {
    return { count: await userService.count(ctx, filter) };
  }

  @Can('create', 'User')
  @Mutation(() => User, { description: "Crée un compte et envoie l'invitation par e-mail" })
  createUser(@Ctx() ctx: RequestContext, @Args(() => CreateUserArgs) args: CreateUserArgs) {
    return userService.create(ctx, args);
  }

  @SignedIn()
  @Mutation(() => User)
  updateUser(@Ctx() ctx: RequestContext, @Args(() => UpdateUserArgs) args: UpdateUserArgs) {
    return userService.update(ctx, args);
  }

  @Can('update', 'User')
  @Mutation(() => User)
  resendInvitation(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return userService.resendInvitation(ctx, id);
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description: 'Pour la personne et ses administrateurs',
  })
  async lastLoginAt(@Root() user: User, @Ctx() ctx: RequestContext) {
    const { user: viewer } = await ctx.requireAuth();
    return viewer.id === user.id || administers(viewer, user.societyId) ? user.lastLoginAt : null;
  }

  @FieldResolver(() => Society, { nullable: true })
  society(@Root() user: User, @Ctx() ctx: RequestContext) {
    return user.societyId ? ctx.loaders.societyById.load(user.societyId) : null;
  }

  @FieldResolver(() => [RoleGrant], { description: 'Rôles attribués (visibles selon vos droits)' })
  roleGrants(@Root() user: User, @Ctx() ctx: RequestContext) {
    return ctx.loaders.roleGrantsByUserId.load(user.id);
  }
}
