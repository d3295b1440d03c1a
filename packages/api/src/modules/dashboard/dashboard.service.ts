import {
  BINOME_WAITING_DAYS,
  HOURS_BUCKETS,
  hoursBucketOf,
  subject,
  yearInParis,
} from '@epairs/shared';
import { badInput, forbidden } from '../../common/errors';
import type { RequestContext } from '../../common/request-context';
import { isUuid } from '../../common/validation';
import { feedbackService } from '../binome-feedback/feedback.service';
import { complianceQueries } from '../compliance/compliance.queries';
import { groupProgrammes, inParisYear } from '../compliance/compliance.service';
import { PeerGroup } from '../groups/group.entities';
import { societySettingService } from '../society-settings/society-setting.service';
import type { Dashboard, SocietyStats } from './dashboard.types';

// The Paris year as a range of instants: the same meetings as
// `extract(year FROM mt.starts_at AT TIME ZONE 'Europe/Paris') = $2`, but the planner estimates
// it from the statistics and reads it through meeting_society_time_idx (society_id, starts_at);
// the extract() form was guessed at 0.5 % of the rows and counted signatures by a scan of all
// attendance (docs/benchmarks.md). New Year's midnight is never in a Paris DST gap.
const IN_YEAR = inParisYear('mt.starts_at', '$2');
const IN_SCOPE = (column: string) => `($1::uuid IS NULL OR ${column} = $1)`;

/**
 * The scope asked for, as the rules allow it: E-Pairs sees the federation or one society; a
 * society's administrator sees its own society (the one it administers when it names none).
 */
async function scopeOf(ctx: RequestContext, societyId?: string | null): Promise<string | null> {
  const { user, ability } = await ctx.requireAuth();
  let scope = societyId ?? null;
  if (scope && !isUuid(scope)) throw badInput('societyId', 'Société inconnue.');
  if (!scope && !user.federationAdmin) {
    if (user.adminSocietyIds.length > 1) {
      throw badInput('societyId', 'Choisissez la société du tableau de bord.');
    }
    scope = user.adminSocietyIds[0] ?? null;
  }
  if (!ability.can('read', subject('Dashboard', { id: '', societyId: scope ?? '' }))) {
    throw forbidden();
  }
  return scope;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 2000 || year > yearInParis() + 5) {
    throw badInput('year', 'Année invalide.');
  }
}

/**
 * The key figures alone (active groups, active members, meetings held, signatures), as
 * `buildDashboard` counts them, in the same scope rules, read from the counters the database
 * keeps in the same transaction as the writes (migration 1765300000000-society-counters): a few
 * rows, whatever the society's size (docs/benchmarks.md). The counters' own policies show an
 * administrator its societies' rows only.
 */
export async function buildSocietyStats(
  ctx: RequestContext,
  args: { year?: number | null; societyId?: string | null },
): Promise<SocietyStats> {
  const year = args.year ?? yearInParis();
  checkYear(year);
  const societyId = await scopeOf(ctx, args.societyId);
  const manager = await ctx.manager();
  const [row] = (await manager.query(
    `SELECT
       (SELECT coalesce(sum(c.active_groups), 0) FROM society_count c WHERE ${IN_SCOPE('c.society_id')})::int AS "activeGroups",
       (SELECT coalesce(sum(c.active_members), 0) FROM society_count c WHERE ${IN_SCOPE('c.society_id')})::int AS members,
       (SELECT coalesce(sum(y.meetings_held), 0) FROM society_year_count y
         WHERE y.year = $2 AND ${IN_SCOPE('y.society_id')})::int AS "meetingsHeld",
       (SELECT coalesce(sum(y.signatures), 0) FROM society_year_count y
         WHERE y.year = $2 AND ${IN_SCOPE('y.society_id')})::int AS signatures`,
    [societyId, year],
  )) as Omit<SocietyStats, 'societyId' | 'year'>[];
  return { societyId, year, ...row! };
}

/**
 * A year's figures, each computed the way the list behind it is (the same queries or the same
 * rules), in the caller's row-level scope, in a fixed number of statements.
 */
export async function buildDashboard(
  ctx: RequestContext,
  args: { year?: number | null; societyId?: string | null },
): Promise<Dashboard> {
  const year = args.year ?? yearInParis();
  checkYear(year);
  const societyId = await scopeOf(ctx, args.societyId);
  const manager = await ctx.manager();
  const params = [societyId, year];

  const [counts] = (await manager.query(
    `SELECT
       (SELECT count(*) FROM peer_group g WHERE g.status = 'ACTIVE' AND ${IN_SCOPE('g.society_id')})::int AS active_groups,
       (SELECT count(*) FROM member m WHERE m.status = 'ACTIVE' AND ${IN_SCOPE('m.society_id')})::int AS members,
       (SELECT count(*) FROM meeting mt WHERE mt.status <> 'CANCELLED' AND ${IN_YEAR} AND ${IN_SCOPE('mt.society_id')})::int AS planned,
       (SELECT count(*) FROM meeting mt WHERE mt.status = 'HELD' AND ${IN_YEAR} AND ${IN_SCOPE('mt.society_id')})::int AS held,
       (SELECT coalesce(sum(mt.duration_minutes), 0) FROM meeting mt
         WHERE mt.status = 'HELD' AND ${IN_YEAR} AND ${IN_SCOPE('mt.society_id')})::int AS minutes,
       (SELECT count(*) FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
         WHERE a.status = 'SIGNED' AND mt.status = 'HELD' AND ${IN_YEAR} AND ${IN_SCOPE('mt.society_id')})::int AS signatures,
       (SELECT count(*) FROM meeting mt JOIN group_membership gm ON gm.group_id = mt.group_id
           AND gm.joined_on <= (mt.starts_at AT TIME ZONE 'Europe/Paris')::date
           AND (gm.left_on IS NULL OR gm.left_on >= (mt.starts_at AT TIME ZONE 'Europe/Paris')::date)
         WHERE mt.status = 'HELD' AND ${IN_YEAR} AND ${IN_SCOPE('mt.society_id')})::int AS expected,
       (SELECT count(*) FROM member m WHERE m.status = 'ACTIVE' AND ${IN_SCOPE('m.society_id')}
           AND NOT EXISTS (SELECT 1 FROM convention c WHERE c.member_id = m.id AND c.year = $2
                             AND c.status IN ('SIGNED', 'ACTIVE', 'CLOSED')))::int AS conventions_to_chase`,
    params,
  )) as {
    active_groups: number;
    members: number;
    planned: number;
    held: number;
    minutes: number;
    signatures: number;
    expected: number;
    conventions_to_chase: number;
  }[];

  const groupRepository = manager.getRepository(PeerGroup);
  const inScope = (alias: string) => (societyId ? `${alias}.society_id = :societyId` : 'TRUE');
  const [activeGroups, withoutBinome, waiting] = await Promise.all([
    groupRepository
      .createQueryBuilder('g')
      .where(`g.status = 'ACTIVE' AND ${inScope('g')}`, { societyId })
      .orderBy('g.name')
      .addOrderBy('g.id')
      .getMany(),
    groupRepository
      .createQueryBuilder('g')
      .where(`g.status IN ('ACTIVE', 'REGISTERED') AND ${inScope('g')}`, { societyId })
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM binome_assignment b WHERE b.group_id = g.id AND b.ended_at IS NULL)',
      )
      .orderBy('g.name')
      .addOrderBy('g.id')
      .getMany(),
    groupRepository
      .createQueryBuilder('g')
      .where(`g.status = 'SUBMITTED' AND ${inScope('g')}`, { societyId })
      .orderBy('g.submitted_at')
      .addOrderBy('g.id')
      .getMany(),
  ]);

  // Groups below threshold: the programme of the year (planned and held) against its society's.
  const thresholds = new Map(
    await Promise.all(
      [...new Set(activeGroups.map((group) => group.societyId))].map(
        async (id) => [id, await societySettingService.thresholdsFor(ctx, id, year)] as const,
      ),
    ),
  );
  const programmes = await groupProgrammes(
    manager,
    activeGroups.map((group) => ({ id: group.id, thresholds: thresholds.get(group.societyId)! })),
    year,
  );
  const groupsBelowThreshold = programmes
    .filter((programme) => programme.planned.shortfalls.length > 0)
    .map((programme) => ({
      groupId: programme.groupId,
      group: activeGroups.find((group) => group.id === programme.groupId) ?? null,
      reasons: programme.planned.shortfalls,
    }));

  // Members: the compliance report itself, so the figure equals the list it links to.
  const compliance = await complianceQueries.report(ctx, {
    societyId: societyId ?? undefined,
    year,
  });
  const buckets = new Map<string, number>(HOURS_BUCKETS.map((bucket) => [bucket.code, 0]));
  for (const row of compliance) {
    const code = hoursBucketOf(row.hours, row.minHours);
    buckets.set(code, buckets.get(code)! + 1);
  }

  const [perMonth, registrations] = await Promise.all([
    manager.query(
      `SELECT to_char(mt.starts_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS month, s.code AS society_code,
              count(*) FILTER (WHERE mt.status = 'HELD')::int AS held,
              count(*) FILTER (WHERE mt.status = 'PLANNED')::int AS planned
         FROM meeting mt JOIN society s ON s.id = mt.society_id
        WHERE mt.status <> 'CANCELLED' AND ${IN_YEAR} AND ${IN_SCOPE('mt.society_id')}
        GROUP BY 1, 2 ORDER BY 1, 2`,
      params,
    ) as Promise<{ month: string; society_code: string; held: number; planned: number }[]>,
    manager.query(
      `SELECT to_char(make_date($2::int, n, 1), 'YYYY-MM') AS month,
              (SELECT count(*) FROM peer_group g WHERE ${IN_SCOPE('g.society_id')}
                 AND to_char(g.submitted_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') = to_char(make_date($2::int, n, 1), 'YYYY-MM'))::int AS submitted,
              (SELECT count(*) FROM peer_group g WHERE ${IN_SCOPE('g.society_id')}
                 AND to_char(g.registered_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') = to_char(make_date($2::int, n, 1), 'YYYY-MM'))::int AS registered
         FROM generate_series(1, 12) AS n ORDER BY n`,
      params,
    ) as Promise<{ month: string; submitted: number; registered: number }[]>,
  ]);

  // Binôme items without feedback for more than 30 days: the binôme queue, as administrators see it.
  const binomeItemsWaiting30 = (
    await feedbackService.queue(ctx, {
      waitingOnly: true,
      olderThanDays: BINOME_WAITING_DAYS,
      societyId,
    })
  ).length;

  return {
    year,
    societyId,
    activeGroups: counts!.active_groups,
    members: counts!.members,
    meetingsPlanned: counts!.planned,
    meetingsHeld: counts!.held,
    hoursHeld: Math.round((counts!.minutes / 60) * 100) / 100,
    attendanceRate: counts!.expected
      ? Math.min(1, Math.round((counts!.signatures / counts!.expected) * 1000) / 1000)
      : 0,
    groupsBelowThreshold,
    membersBelowThreshold: compliance.filter((row) => !row.compliant).length,
    groupsWithoutBinome: withoutBinome,
    registrationsWaiting: waiting,
    binomeItemsWaiting30,
    conventionsToChase: counts!.conventions_to_chase,
    meetingsPerMonth: perMonth.map((row) => ({
      month: row.month,
      societyCode: row.society_code,
      held: row.held,
      planned: row.planned,
    })),
    hoursDistribution: HOURS_BUCKETS.map((bucket) => ({
      code: bucket.code,
      label: bucket.fr,
      members: buckets.get(bucket.code)!,
    })),
    registrationsOverTime: registrations,
  };
}
