/**
 * `member` looked up by key, for joins from a handful of rows (a group's memberships, a sheet's
 * signatures): `JOIN ${memberByKey('m', 'gm.member_id')}`. Joined plainly, PostgreSQL scans every
 * member: the member policies' hashed sub-plans are costed again at each index probe, so the
 * planner rules nested loops out (12 ms a statement at 50,000 members, docs/benchmarks.md). In a
 * LATERAL sub-query, `OFFSET 0` keeps it from being flattened back into that join. `condition`
 * is written against the alias `member`.
 */
export function memberByKey(alias: string, key: string, condition?: string): string {
  const where = condition ? ` AND ${condition}` : '';
  return `LATERAL (SELECT member.* FROM member WHERE member.id = ${key}${where} OFFSET 0) ${alias} ON true`;
}
