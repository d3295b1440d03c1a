import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { CharterAcceptance, CharterVersion } from './charter.entity';
import { charterService } from './charter.service';
import { CharterVersionFilter, PublishCharterArgs } from './charter.types';

@Resolver(() => CharterVersion)
export class CharterResolver {
  @Can('read', 'CharterVersion')
  @Query(() => CharterVersion, { name: 'CharterVersion', nullable: true })
  charterVersion(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return charterService.findOne(ctx, id);
  }

  @Can('read', 'CharterVersion')
  @Query(() => [CharterVersion])
  allCharterVersions(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => CharterVersionFilter, { nullable: true }) filter?: CharterVersionFilter,
  ) {
    return charterService.list(ctx, args, filter);
  }

  @Can('read', 'CharterVersion')
  @Query(() => ListMetadata)
  async _allCharterVersionsMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => CharterVersionFilter, { nullable: true }) filter?: CharterVersionFilter,
  ) {
    return { count: await charterService.count(ctx, filter) };
  }

  @Can('read', 'CharterVersion')
  @Query(() => CharterVersion, { nullable: true, description: 'La charte en vigueur' })
  currentCharter(@Ctx() ctx: RequestContext) {
    return charterService.current(ctx);
  }

  @Can('create', 'CharterVersion')
  @Mutation(() => CharterVersion, {
    description: 'Publie une nouvelle version : chacun devra l’accepter',
  })
  publishCharterVersion(
    @Ctx() ctx: RequestContext,
    @Args(() => PublishCharterArgs) args: PublishCharterArgs,
  ) {
    return charterService.publish(ctx, args);
  }

  @Can('accept', 'CharterVersion')
  @Mutation(() => CharterAcceptance, { description: 'Accepte la version en vigueur de la charte' })
  acceptCharter(
    @Ctx() ctx: RequestContext,
    @Arg('charterVersionId', () => ID) charterVersionId: string,
  ) {
    return charterService.accept(ctx, charterVersionId);
  }
}

@Resolver(() => CharterAcceptance)
export class CharterAcceptanceResolver {
  @FieldResolver(() => CharterVersion, { nullable: true })
  charterVersion(@Root() acceptance: CharterAcceptance, @Ctx() ctx: RequestContext) {
    return ctx.loaders.charterVersionById.load(acceptance.charterVersionId);
  }
}
