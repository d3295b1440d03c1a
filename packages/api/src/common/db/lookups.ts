/**
 * `member` looked up by key, for joins from a handful of rows (a group's memberships, a sheet's
 * signatures): `JOIN ${memberByKey('m', 'gm.member_id')}`. Written when, joined plainly,
 * PostgreSQL scanned every member under the old member policies (12 ms a statement at 50,000
 * members); since the fellow-sets migration a plain join costs the same (decision 48), so new
 * code may join `member` plainly. In a LATERAL sub-query, `OFFSET 0` keeps it from being
 * flattened back into a join. `condition` is written against the alias `member`.
 */
export function memberByKey(alias: string, key: string, condition?: string): string {
  const where = condition ? ` AND ${condition}` : '';
  return `LATERAL (SELECT member.* FROM member WHERE member.id = ${key}${where} OFFSET 0) ${alias} ON true`;
}
