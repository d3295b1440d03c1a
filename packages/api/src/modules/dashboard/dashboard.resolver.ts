import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { buildDashboard, buildSocietyStats } from './dashboard.service';
import { Dashboard, SocietyStats } from './dashboard.types';

@Resolver(() => Dashboard)
export class DashboardResolver {
  @Can('read', 'Dashboard')
  @Query(() => Dashboard, {
    description:
      'Le tableau de bord d’une année : la fédération (E-Pairs) ou une société (ses administrateurs)',
  })
  dashboard(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('societyId', () => ID, { nullable: true }) societyId?: string,
  ) {
    return buildDashboard(ctx, { year, societyId });
  }

  @Can('read', 'Dashboard')
  @Query(() => SocietyStats, {
    description:
      'Les chiffres clés d’une année (groupes actifs, membres, réunions tenues, signatures), comptés comme le tableau de bord, sans le reste',
  })
  societyStats(
    @Ctx() ctx: RequestContext,
    @Arg('year', () => Int, { nullable: true }) year?: number,
    @Arg('societyId', () => ID, { nullable: true }) societyId?: string,
  ) {
    return buildSocietyStats(ctx, { year, societyId });
  }
}
