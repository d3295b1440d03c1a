/**
 * The three read operations, as the API is asked (GraphQL) and as the baseline answers them
 * (one hand-written statement each, PostgreSQL building the JSON of the same response).
 */

export const PER_PAGE = 25;

export const GROUP_PAGE_QUERY = `query GroupPage($page: Int!, $perPage: Int!, $year: Int!) {
  allPeerGroups(page: $page, perPage: $perPage, sortField: "name", sortOrder: "ASC") {
    id
    name
    society { name }
    memberships { role member { id firstName lastName profession } }
    programme(year: $year) { held { meetings } }
  }
}`;

export const MEMBER_QUERY = `query MemberById($id: ID!) {
  Member(id: $id) {
    id
    firstName
    lastName
    profession
    society { name }
    memberships { role group { id name } }
  }
}`;

export const SOCIETY_STATS_QUERY = `query SocietyStats($societyId: ID!, $year: Int!) {
  societyStats(societyId: $societyId, year: $year) { activeGroups members meetingsHeld signatures }
}`;

export const SIGN_MUTATION = `mutation Sign($token: String!) { signAttendance(token: $token) { id status } }`;

/** The title of every meeting the bench writes, so that it can remove them (removeWriteData). */
export const BENCH_MEETING_TITLE = 'Banc d’essai';

export const PLAN_MUTATION = `mutation Plan($groupId: ID!, $startsAt: DateTimeISO!) {
  planMeeting(groupId: $groupId, startsAt: $startsAt, durationMinutes: 180, mode: IN_PERSON, place: "Salle de réunion", title: "${BENCH_MEETING_TITLE}") { id }
}`;

const YEAR_OF = (column: string) => `extract(year FROM ${column} AT TIME ZONE 'Europe/Paris')::int`;

/** $1 offset, $2 limit, $3 year. */
export const BASELINE_GROUP_PAGE_SQL = `
SELECT json_build_object('data', json_build_object('allPeerGroups', coalesce(json_agg(json_build_object(
         'id', g.id, 'name', g.name, 'society', json_build_object('name', s.name),
         'memberships', (SELECT coalesce(json_agg(json_build_object('role', gm.role, 'member', json_build_object(
                                  'id', m.id, 'firstName', u.first_name, 'lastName', u.last_name, 'profession', m.profession))
                                ORDER BY gm.role DESC, gm.joined_on, gm.id), '[]'::json)
                           FROM group_membership gm JOIN member m ON m.id = gm.member_id JOIN user_account u ON u.id = m.user_id
                          WHERE gm.group_id = g.id AND gm.left_on IS NULL),
         'programme', json_build_object('held', json_build_object('meetings',
                        (SELECT count(*)::int FROM meeting mt
                          WHERE mt.group_id = g.id AND mt.status = 'HELD' AND ${YEAR_OF('mt.starts_at')} = $3))))
       ORDER BY g.name, g.id), '[]'::json)))::text AS body
  FROM (SELECT * FROM peer_group ORDER BY name, id OFFSET $1 LIMIT $2) g
  JOIN society s ON s.id = g.society_id`;

/** $1 member id. */
export const BASELINE_MEMBER_SQL = `
SELECT json_build_object('data', json_build_object('Member', (
  SELECT json_build_object('id', m.id, 'firstName', u.first_name, 'lastName', u.last_name, 'profession', m.profession,
           'society', json_build_object('name', s.name),
           'memberships', (SELECT coalesce(json_agg(json_build_object('role', gm.role, 'group', json_build_object('id', g.id, 'name', g.name))
                                    ORDER BY gm.joined_on, gm.id), '[]'::json)
                             FROM group_membership gm JOIN peer_group g ON g.id = gm.group_id
                            WHERE gm.member_id = m.id AND gm.left_on IS NULL))
    FROM member m JOIN user_account u ON u.id = m.user_id JOIN society s ON s.id = m.society_id
   WHERE m.id = $1)))::text AS body`;

/** $1 society id, $2 year. */
export const BASELINE_SOCIETY_STATS_SQL = `
SELECT json_build_object('data', json_build_object('societyStats', json_build_object(
  'activeGroups', (SELECT count(*)::int FROM peer_group WHERE society_id = $1 AND status = 'ACTIVE'),
  'members', (SELECT count(*)::int FROM member WHERE society_id = $1 AND status = 'ACTIVE'),
  'meetingsHeld', (SELECT count(*)::int FROM meeting mt
                    WHERE mt.society_id = $1 AND mt.status = 'HELD' AND ${YEAR_OF('mt.starts_at')} = $2),
  'signatures', (SELECT count(*)::int FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
                  WHERE mt.society_id = $1 AND a.status = 'SIGNED' AND mt.status = 'HELD'
                    AND ${YEAR_OF('mt.starts_at')} = $2))))::text AS body`;

export type ReadOperation = 'groups' | 'member' | 'stats';

export interface ReadRequest {
  op: ReadOperation;
  variables: Record<string, unknown>;
  token: string;
}

/** The GraphQL body of a read for the API. */
export function apiBody(request: ReadRequest): string {
  const query =
    request.op === 'groups'
      ? GROUP_PAGE_QUERY
      : request.op === 'member'
        ? MEMBER_QUERY
        : SOCIETY_STATS_QUERY;
  return JSON.stringify({ query, variables: request.variables });
}

/** The same read for the baseline: POST /<op> with the variables. */
export function baselinePath(op: ReadOperation): string {
  return `/${op}`;
}
