import { inSeparateScopedTransaction } from '../../common/db/system-transaction';
import { badInput } from '../../common/errors';
import { MAX_PER_PAGE } from '../../common/graphql/list';
import type { RequestContext } from '../../common/request-context';
import { escapeLike } from '../societies/society.service';
import type { GroupDirectoryEntry, GroupDirectoryFilter } from './group.types';
import { memberByKey } from '../../common/db/lookups';

/**
 * The network: registered and active groups of the whole federation, by theme and entry point,
 * with their public face only (name, society, themes, relay person's contact). Runs under the
 * 'directory' scope, in a transaction of its own, in one statement that selects nothing else.
 */
export const directoryService = {
  async search(
    ctx: RequestContext,
    filter: GroupDirectoryFilter = {},
    page = 0,
    perPage = 25,
  ): Promise<GroupDirectoryEntry[]> {
    const { user } = await ctx.assertCan('read', 'GroupDirectory');
    if (perPage < 1 || perPage > MAX_PER_PAGE) {
      throw badInput(
        'perPage',
        `Le nombre d'éléments par page doit être entre 1 et ${MAX_PER_PAGE}.`,
      );
    }
    if (page < 0) throw badInput('page', 'Le numéro de page ne peut être négatif.');
    // Its own connection: the directory scope must not reach the request's other fields.
    const scope = { userId: user.id, scope: 'directory' as const };
    return inSeparateScopedTransaction(ctx.services.dataSource, scope, async (manager) => {
      const rows = (await manager.query(
        `SELECT g.id AS "groupId", g.name, g.entry_point AS "entryPoint",
                s.code AS "societyCode", s.name AS "societyName",
                coalesce((SELECT json_agg(json_build_object('code', t.code, 'labelFr', t.label_fr, 'labelEn', t.label_en)
                                          ORDER BY t.sort_order)
                            FROM group_theme gt JOIN theme t ON t.id = gt.theme_id
                           WHERE gt.group_id = g.id), '[]') AS themes,
                (SELECT json_build_object('firstName', u.first_name, 'lastName', u.last_name, 'email', u.email)
                   FROM group_membership gm
                   JOIN ${memberByKey('m', 'gm.member_id')}
                   JOIN user_account u ON u.id = m.user_id
                  WHERE gm.group_id = g.id AND gm.role = 'RELAY' AND gm.left_on IS NULL) AS relay
           FROM peer_group g JOIN society s ON s.id = g.society_id
          WHERE g.status IN ('REGISTERED', 'ACTIVE')
            AND ($1::text[] IS NULL OR EXISTS (SELECT 1 FROM group_theme gt JOIN theme t ON t.id = gt.theme_id
                                                WHERE gt.group_id = g.id AND t.code = ANY($1)))
            AND ($2::text IS NULL OR g.entry_point = $2)
            AND ($3::text IS NULL OR g.name ILIKE $3)
          ORDER BY g.name, g.id
          LIMIT $4 OFFSET $5`,
        [
          filter.themeCodes?.length ? filter.themeCodes : null,
          filter.entryPoint ?? null,
          filter.q ? `%${escapeLike(filter.q)}%` : null,
          perPage,
          page * perPage,
        ],
      )) as GroupDirectoryEntry[];
      return rows;
    });
  },
};
