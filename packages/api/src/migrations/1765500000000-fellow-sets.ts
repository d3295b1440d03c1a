import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `member` and `user_account` fellow policies without nested row-level security
 * (docs/benchmarks.md, "What one statement per root field would give").
 *
 * `member_fellow` read `group_membership` in a sub-query and `user_account_fellow` read `member`
 * and `binome_assignment` in `EXISTS` sub-queries. Each sub-query ran under its own table's
 * policies, inside the outer table's: PostgreSQL costed the hashed sub-plans again at every index
 * probe (so it scanned all members rather than look a few up) and, inside one statement that
 * joins members and accounts per group, evaluated them per correlated row. The raw-SQL baseline's
 * group page statement took 220–240 ms as the application role against 12–16 ms without
 * row-level security.
 *
 * The same sets are now computed once per statement by STABLE functions, called as scalar
 * sub-queries (an InitPlan each, run only when the policy gets that far), and read the settings
 * through scalar sub-queries themselves: a bare `app.group_ids()` is not leakproof, so PostgreSQL
 * would not use it in an index scan ahead of the table's policies (a scan of all memberships,
 * 17 ms at the bench's scale, measured). They run with the
 * person's rights, so they read through the same policies the sub-queries did, but those are the
 * flat, settings-only policies of `group_membership` and `binome_assignment`:
 *
 * - `app.fellow_member_ids()`: every member of the person's groups (`app.group_ids()`), former
 *   ones included (the year's summary names them).
 * - `app.fellow_user_ids()`: the accounts of those members, and of the current correspondents
 *   (`binome_assignment`) the person may read: those of their groups and of the groups they are a
 *   binôme of, and those of the societies they administer (the conditions of the
 *   `binome_assignment` policies, written out so the set stays small). Accounts the person sees
 *   as E-Pairs, as an administrator of the member's society or as themselves are
 *   `user_account_read`'s: a member's account is in the member's society, now a foreign key
 *   (`member (user_id, society_id)` → `user_account (id, society_id)`), so moving such an account
 *   to another society is refused.
 * - `app.relay_member_ids()`, `app.relay_user_ids()`: relay persons, in the directory scope only.
 *
 * Computed at each statement, as the sub-queries were: a membership written earlier in the same
 * transaction counts. Tables are named with their schema (a temporary table of the same name
 * must not stand in). PostgreSQL does not see policy recursion through a function: no policy of
 * `group_membership` or `binome_assignment` may read `member` or `user_account`.
 */
export class FellowSets1765500000000 implements MigrationInterface {
  name = 'FellowSets1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION app.fellow_member_ids() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(array_agg(DISTINCT gm.member_id), '{}') FROM public.group_membership gm
                WHERE gm.group_id = ANY ((SELECT app.group_ids())::uuid[]) $f$;
      CREATE FUNCTION app.fellow_user_ids() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(array_agg(DISTINCT f.user_id), '{}') FROM (
                 SELECT m.user_id FROM public.member m WHERE m.id = ANY ((SELECT app.fellow_member_ids())::uuid[])
                 UNION
                 SELECT b.user_id FROM public.binome_assignment b
                  WHERE b.ended_at IS NULL AND NOT (SELECT app.sees_all())
                    AND (b.group_id = ANY ((SELECT app.group_ids())::uuid[])
                         OR b.group_id = ANY ((SELECT app.binome_group_ids())::uuid[])
                         OR b.society_id = ANY ((SELECT app.admin_society_ids())::uuid[]))) f $f$;
      CREATE FUNCTION app.relay_member_ids() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(array_agg(gm.member_id), '{}')
                 FROM public.group_membership gm WHERE gm.role = 'RELAY' AND gm.left_on IS NULL $f$;
      CREATE FUNCTION app.relay_user_ids() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(array_agg(m.user_id), '{}') FROM public.member m
                WHERE m.id = ANY ((SELECT app.relay_member_ids())::uuid[]) $f$;
      GRANT EXECUTE ON FUNCTION app.fellow_member_ids(), app.fellow_user_ids(), app.relay_member_ids(),
        app.relay_user_ids() TO epairs_app;
      -- A member's account stays in the member's society (user_account_read then covers what
      -- member_admin covered through the old EXISTS): moving such an account is refused.
      ALTER TABLE user_account ADD CONSTRAINT user_account_id_society_key UNIQUE (id, society_id);
      ALTER TABLE member ADD CONSTRAINT member_account_society_fk
        FOREIGN KEY (user_id, society_id) REFERENCES user_account (id, society_id);
      -- What fellow_user_ids() reads for a society's administrators.
      CREATE INDEX binome_assignment_society_current_idx ON binome_assignment (society_id) WHERE ended_at IS NULL;

      DROP POLICY member_fellow ON member;
      CREATE POLICY member_fellow ON member FOR SELECT
        USING (id = ANY ((SELECT app.fellow_member_ids())::uuid[])
               OR ((SELECT app.is_directory()) AND id = ANY ((SELECT app.relay_member_ids())::uuid[])));
      DROP POLICY user_account_fellow ON user_account;
      CREATE POLICY user_account_fellow ON user_account FOR SELECT
        USING (id = ANY ((SELECT app.fellow_user_ids())::uuid[])
               OR ((SELECT app.is_directory()) AND id = ANY ((SELECT app.relay_user_ids())::uuid[])));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP POLICY user_account_fellow ON user_account;
      CREATE POLICY user_account_fellow ON user_account FOR SELECT
        USING (EXISTS (SELECT 1 FROM member m WHERE m.user_id = user_account.id)
               OR EXISTS (SELECT 1 FROM binome_assignment b WHERE b.user_id = user_account.id AND b.ended_at IS NULL));
      DROP POLICY member_fellow ON member;
      CREATE POLICY member_fellow ON member FOR SELECT
        USING (id IN (SELECT gm.member_id FROM group_membership gm
                       WHERE gm.group_id = ANY ((SELECT app.group_ids())::uuid[]))
               OR ((SELECT app.is_directory())
                   AND id IN (SELECT gm.member_id FROM group_membership gm
                               WHERE gm.role = 'RELAY' AND gm.left_on IS NULL)));
      DROP INDEX binome_assignment_society_current_idx;
      ALTER TABLE member DROP CONSTRAINT member_account_society_fk;
      ALTER TABLE user_account DROP CONSTRAINT user_account_id_society_key;
      DROP FUNCTION app.relay_user_ids(), app.relay_member_ids(), app.fellow_user_ids(),
        app.fellow_member_ids();
    `);
  }
}
