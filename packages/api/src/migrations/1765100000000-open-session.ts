import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A request's session in one statement (docs/benchmarks.md): `app.open_session(user, session)`
 * switches the transaction to system scope, reads the person's account, grants, current groups,
 * binôme assignments and whether the login session was revoked — the query `loadAuth` used to
 * send between two `set_config` statements — then sets the person's own settings from what it
 * read, exactly as `RequestContext.loadAuth` computes them, and returns the row as JSON. Three
 * statements become one, and PL/pgSQL keeps the query's plan for the connection.
 *
 * When the account is missing, inactive or the session revoked, the settings are left as an
 * anonymous request's (the caller refuses the request).
 *
 * Not SECURITY DEFINER: it runs as the caller, who may already set these settings itself.
 */
export class OpenSession1765100000000 implements MigrationInterface {
  name = 'OpenSession1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION app.open_session(p_user uuid, p_session uuid) RETURNS jsonb
        LANGUAGE plpgsql VOLATILE AS $f$
      DECLARE
        r record;
        admins uuid[];
        societies uuid[];
        known boolean;
      BEGIN
        PERFORM set_config('app.user_id', coalesce(p_user::text, ''), true),
                set_config('app.scope', 'system', true),
                set_config('app.society_ids', '{}', true),
                set_config('app.admin_society_ids', '{}', true),
                set_config('app.group_ids', '{}', true),
                set_config('app.relay_group_ids', '{}', true),
                set_config('app.binome_group_ids', '{}', true);
        SELECT u.id, u.society_id, u.status, m.id AS member_id, m.profession,
               coalesce((SELECT array_agg(g.role || ':' || coalesce(g.society_id::text, ''))
                           FROM role_grant g WHERE g.user_id = u.id), '{}') AS grants,
               coalesce((SELECT array_agg(gm.role || ':' || gm.group_id)
                           FROM group_membership gm
                          WHERE gm.member_id = m.id AND gm.left_on IS NULL AND m.status = 'ACTIVE'), '{}') AS memberships,
               coalesce((SELECT array_agg(b.group_id) FROM binome_assignment b
                          WHERE b.user_id = u.id AND b.ended_at IS NULL
                            AND EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.role = 'BINOME')),
                        '{}') AS binome_groups,
               EXISTS (SELECT 1 FROM refresh_token t
                        WHERE t.family_id = p_session AND t.user_id = u.id AND t.revoked_at IS NOT NULL) AS session_revoked
          INTO r
          FROM user_account u LEFT JOIN member m ON m.user_id = u.id
         WHERE u.id = p_user;
        known := FOUND;
        IF NOT known OR r.status <> 'ACTIVE' OR r.session_revoked THEN
          PERFORM set_config('app.user_id', '', true), set_config('app.scope', 'anonymous', true);
          RETURN CASE WHEN known THEN to_jsonb(r) END;
        END IF;
        admins := ARRAY(SELECT split_part(x, ':', 2)::uuid FROM unnest(r.grants) x
                         WHERE split_part(x, ':', 1) = 'SOCIETY_ADMIN' AND split_part(x, ':', 2) <> '');
        societies := ARRAY(SELECT DISTINCT s FROM unnest(array_append(admins, r.society_id)) s
                            WHERE s IS NOT NULL);
        PERFORM set_config('app.scope',
                           CASE WHEN 'FEDERATION_ADMIN' = ANY (ARRAY(SELECT split_part(x, ':', 1) FROM unnest(r.grants) x))
                                THEN 'federation' ELSE 'user' END, true),
                set_config('app.society_ids', societies::text, true),
                set_config('app.admin_society_ids', admins::text, true),
                set_config('app.group_ids',
                           ARRAY(SELECT split_part(x, ':', 2)::uuid FROM unnest(r.memberships) x)::text, true),
                set_config('app.relay_group_ids',
                           ARRAY(SELECT split_part(x, ':', 2)::uuid FROM unnest(r.memberships) x
                                  WHERE split_part(x, ':', 1) = 'RELAY')::text, true),
                set_config('app.binome_group_ids', r.binome_groups::text, true);
        RETURN to_jsonb(r);
      END
      $f$;
      GRANT EXECUTE ON FUNCTION app.open_session(uuid, uuid) TO epairs_app;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION app.open_session(uuid, uuid);`);
  }
}
