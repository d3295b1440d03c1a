import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Can } from '../../common/authz/guards';
import type { RequestContext } from '../../common/request-context';
import { buildDashboard } from './dashboard.service';
import { Dashboard } from './dashboard.types';

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
}
