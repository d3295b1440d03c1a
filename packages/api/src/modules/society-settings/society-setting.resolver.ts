import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Can } from '../../common/authz/guards';
import { ListArgs, ListMetadata } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { Society } from '../societies/society.entity';
import { SocietySetting } from './society-setting.entity';
import { societySettingService } from './society-setting.service';
import {
  CreateSocietySettingArgs,
  EffectiveThresholds,
  SocietySettingFilter,
  UpdateSocietySettingArgs,
} from './society-setting.types';

@Resolver(() => SocietySetting)
export class SocietySettingResolver {
  @Can('read', 'SocietySetting')
  @Query(() => SocietySetting, { name: 'SocietySetting', nullable: true })
  societySetting(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string) {
    return societySettingService.findOne(ctx, id);
  }

  @Can('read', 'SocietySetting')
  @Query(() => [SocietySetting])
  allSocietySettings(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) args: ListArgs,
    @Arg('filter', () => SocietySettingFilter, { nullable: true }) filter?: SocietySettingFilter,
  ) {
    return societySettingService.list(ctx, args, filter);
  }

  @Can('read', 'SocietySetting')
  @Query(() => ListMetadata)
  async _allSocietySettingsMeta(
    @Ctx() ctx: RequestContext,
    @Args(() => ListArgs) _args: ListArgs,
    @Arg('filter', () => SocietySettingFilter, { nullable: true }) filter?: SocietySettingFilter,
  ) {
    return { count: await societySettingService.count(ctx, filter) };
  }

  @Can('read', 'SocietySetting')
  @Query(() => EffectiveThresholds, {
    description: 'Seuils en vigueur pour une société et une année',
  })
  effectiveThresholds(
    @Ctx() ctx: RequestContext,
    @Arg('societyId', () => ID) societyId: string,
    @Arg('year', () => Int) year: number,
  ) {
    return societySettingService.effective(ctx, societyId, year);
  }

  @Can('create', 'SocietySetting')
  @Mutation(() => SocietySetting)
  createSocietySetting(
    @Ctx() ctx: RequestContext,
    @Args(() => CreateSocietySettingArgs) args: CreateSocietySettingArgs,
  ) {
    return societySettingService.create(ctx, args);
  }

  @Can('update', 'SocietySetting')
  @Mutation(() => SocietySetting)
  updateSocietySetting(
    @Ctx() ctx: RequestContext,
    @Args(() => UpdateSocietySettingArgs) args: UpdateSocietySettingArgs,
  ) {
    return societySettingService.update(ctx, args);
  }

  @FieldResolver(() => Society, { nullable: true })
  society(@Root() setting: SocietySetting, @Ctx() ctx: RequestContext) {
    return ctx.loaders.societyById.load(setting.societyId);
  }
}
