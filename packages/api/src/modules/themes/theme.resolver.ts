import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { Theme } from './theme.entity';
import { themeService } from './theme.service';
import { CreateThemeArgs, ThemeFilter, UpdateThemeArgs } from './theme.types';

@Resolver(() => Theme)
export class ThemeResolver {
  @Can('read', 'Theme')
  @Query(() => Theme, { name: 'Theme', nullable: true })
  theme(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return themeService.findOne(ctx, id);
  }

  @Can('read', 'Theme')
  @Query(() => [Theme])
  allThemes(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => ThemeFilter, { nullable: true }) filter?: ThemeFilter,
  ) {
    return themeService.list(ctx, args, filter);
  }

  @Can('read', 'Theme')
  @Query(() => ListMetadata)
  async _allThemesMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => ThemeFilter, { nullable: true }) filter?: ThemeFilter,
  ) {
    return { count: await themeService.count(ctx, filter) };
  }

  @Can('create', 'Theme')
  @Mutation(() => Theme)
  createTheme(@Ctx() ctx: RequestContext, @Args(() => CreateThemeArgs) args: CreateThemeArgs) {
    return themeService.create(ctx, args);
  }

  @Can('update', 'Theme')
  @Mutation(() => Theme)
  updateTheme(@Ctx() ctx: RequestContext, @Args(() => UpdateThemeArgs) args: UpdateThemeArgs) {
    return themeService.update(ctx, args);
  }
}
