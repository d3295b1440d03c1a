import { DEFAULT_THRESHOLDS, type Thresholds } from '@epairs/shared';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../common/request-context';

/**
 * The thresholds row in force for each `k(society_id, year, key)` of `keys` (a FROM item): that
 * year's row, else the latest before; no row where none is (the defaults apply). Shared with the
 * programme loader, which reads them in its own statement.
 */
export const thresholdsInForce = (keys: string) =>
  `SELECT k.key, s.min_meetings AS "minMeetings", s.min_hours AS "minHours", s.min_attended AS "minAttended",
          s.min_group_members AS "minGroupMembers", s.max_group_members AS "maxGroupMembers"
     FROM ${keys}
     JOIN LATERAL (SELECT * FROM society_setting ss WHERE ss.society_id = k.society_id AND ss.year <= k.year
                    ORDER BY ss.year DESC LIMIT 1) s ON true`;

/** Thresholds in force per "<societyId>:<year>", else the defaults. */
export function thresholdsByKey(keys: readonly string[], rows: (Thresholds & { key: string })[]) {
  const found = new Map(rows.map(({ key, ...thresholds }) => [key, thresholds]));
  return keys.map((key) => found.get(key) ?? { ...DEFAULT_THRESHOLDS });
}

/** Thresholds in force per "<societyId>:<year>": that year's row, else the latest before, else defaults. */
export function createSocietySettingLoaders(ctx: RequestContext) {
  return {
    thresholdsBySocietyYear: new DataLoader<string, Thresholds>(async (keys) => {
      const manager = await ctx.manager();
      const pairs = keys.map((key) => key.split(':') as [string, string]);
      const rows = (await manager.query(
        thresholdsInForce('unnest($1::uuid[], $2::int[], $3::text[]) AS k(society_id, year, key)'),
        [pairs.map(([society]) => society), pairs.map(([, year]) => Number(year)), [...keys]],
      )) as (Thresholds & { key: string })[];
      return thresholdsByKey(keys, rows);
    }),
  };
}
