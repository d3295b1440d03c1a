import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OpenSession1765100000000 } from './1765100000000-open-session';

/**
 * The member portal's self-service (issue 7): a person reads their own history, and asks for
 * their account to be deleted.
 *
 * 1. `app.member_id`, set by `app.open_session` from the member row it already reads, and read by
 *    the STABLE `app.current_member_id()`. Self-read policies compare a column with it instead of
 *    looking the member up (`member_id IN (SELECT id FROM member WHERE user_id = …)`): a policy on
 *    group_membership that read member would recurse (member_fellow reads group_membership).
 *
 * 2. Self-read policies (FOR SELECT only) where a member could not read their own rows once they
 *    left the group: their memberships, the group's name, the meetings held while they were a
 *    member of a group they left (bounded by joined_on/left_on; meeting policies never read
 *    attendance, which reads meeting), their roles and signatures, the cases they wrote with their text (they are the
 *    author), the reports they drafted or approved, and the audit events they caused. RSVPs,
 *    charter acceptances, conventions, attestations, the member and account rows and login
 *    sessions already had one.
 *
 * 3. `account_deletion_request`: nothing is deleted at once (sheets and attestations are kept for
 *    DPC audits); federation admins handle the request. One PENDING request per account.
 */
const MEMBER = '(SELECT app.current_member_id())';
const ME = '(SELECT app.current_user_id())';

const SELF_POLICIES: [table: string, name: string, using: string][] = [
  ['group_membership', 'group_membership_self', `member_id = ${MEMBER}`],
  [
    'peer_group',
    'peer_group_member_history',
    `id IN (SELECT gm.group_id FROM group_membership gm WHERE gm.member_id = ${MEMBER})`,
  ],
  [
    'meeting',
    'meeting_member_history',
    // Current groups are meeting_read's; the hashed set (groups left, usually none) is read
    // first, so the correlated bound costs nothing to everyone else.
    `group_id IN (SELECT gm.group_id FROM group_membership gm
                   WHERE gm.member_id = ${MEMBER} AND gm.left_on IS NOT NULL)
     AND EXISTS (SELECT 1 FROM group_membership gm
                  WHERE gm.member_id = ${MEMBER} AND gm.group_id = meeting.group_id
                    AND gm.left_on IS NOT NULL
                    AND (meeting.starts_at AT TIME ZONE 'Europe/Paris')::date BETWEEN gm.joined_on AND gm.left_on)`,
  ],
  ['meeting_role', 'meeting_role_self', `member_id = ${MEMBER}`],
  ['attendance', 'attendance_self', `member_id = ${MEMBER}`],
  ['clinical_case', 'clinical_case_author', `author_member_id = ${MEMBER}`],
  [
    'clinical_case_text',
    'clinical_case_text_author',
    `case_id IN (SELECT c.id FROM clinical_case c WHERE c.author_member_id = ${MEMBER})`,
  ],
  ['meeting_report_approval', 'meeting_report_approval_self', `member_id = ${MEMBER}`],
  [
    'meeting_report',
    'meeting_report_self',
    `drafted_by_member_id = ${MEMBER}
     OR id IN (SELECT a.report_id FROM meeting_report_approval a WHERE a.member_id = ${MEMBER})`,
  ],
  ['audit_event', 'audit_event_self', `actor_user_id = ${ME}`],
];

export class SelfService1765200000000 implements MigrationInterface {
  name = 'SelfService1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION app.current_member_id() RETURNS uuid LANGUAGE sql STABLE
        AS $f$ SELECT nullif(current_setting('app.member_id', true), '')::uuid $f$;
      GRANT EXECUTE ON FUNCTION app.current_member_id() TO epairs_app;

      CREATE OR REPLACE FUNCTION app.open_session(p_user uuid, p_session uuid) RETURNS jsonb
        LANGUAGE plpgsql VOLATILE AS $f$
      DECLARE
        r record;
        admins uuid[];
        societies uuid[];
        known boolean;
      BEGIN
        PERFORM set_config('app.user_id', coalesce(p_user::text, ''), true),
                set_config('app.scope', 'system', true),
                set_config('app.member_id', '', true),
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
                set_config('app.member_id', coalesce(r.member_id::text, ''), true),
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
    `);

    await queryRunner.query(
      SELF_POLICIES.map(
        ([table, name, using]) => `CREATE POLICY ${name} ON ${table} FOR SELECT USING (${using});`,
      ).join('\n'),
    );

    await queryRunner.query(`
      CREATE TABLE account_deletion_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id),
        society_id uuid REFERENCES society (id),
        reason text CHECK (reason IS NULL OR char_length(reason) <= 2000),
        status text NOT NULL DEFAULT 'PENDING'
          CHECK (status IN ('PENDING', 'CANCELLED', 'DONE', 'REFUSED')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        handled_at timestamptz,
        handled_by uuid REFERENCES user_account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK ((status = 'PENDING') = (handled_at IS NULL))
      );
      CREATE UNIQUE INDEX account_deletion_request_pending_key
        ON account_deletion_request (user_id) WHERE status = 'PENDING';
      CREATE INDEX account_deletion_request_society_idx ON account_deletion_request (society_id, status);
      CREATE TRIGGER account_deletion_request_touch BEFORE UPDATE ON account_deletion_request
        FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      GRANT SELECT, INSERT, UPDATE ON account_deletion_request TO epairs_app;
      ALTER TABLE account_deletion_request ENABLE ROW LEVEL SECURITY;
      ALTER TABLE account_deletion_request FORCE ROW LEVEL SECURITY;
      CREATE POLICY account_deletion_request_read ON account_deletion_request FOR SELECT
        USING (user_id = ${ME} OR (SELECT app.sees_all())
               OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]));
      -- One's own request, in one's own society.
      CREATE POLICY account_deletion_request_ask ON account_deletion_request FOR INSERT
        WITH CHECK (user_id = ${ME} AND status = 'PENDING'
                    AND society_id IS NOT DISTINCT FROM (SELECT u.society_id FROM user_account u WHERE u.id = ${ME}));
      -- Withdrawn by the person while pending; handling (DONE, REFUSED) is the federation's.
      CREATE POLICY account_deletion_request_cancel ON account_deletion_request FOR UPDATE
        USING (user_id = ${ME} AND status = 'PENDING')
        WITH CHECK (user_id = ${ME} AND status = 'CANCELLED');
      CREATE POLICY account_deletion_request_handle ON account_deletion_request FOR UPDATE
        USING ((SELECT app.sees_all())) WITH CHECK ((SELECT app.sees_all()));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE account_deletion_request;`);
    await queryRunner.query(
      SELF_POLICIES.map(([table, name]) => `DROP POLICY ${name} ON ${table};`).join('\n'),
    );
    // Back to the previous app.open_session, then drop the setting's reader.
    const previous = new OpenSession1765100000000();
    await previous.down(queryRunner);
    await previous.up(queryRunner);
    await queryRunner.query(`DROP FUNCTION app.current_member_id();`);
  }
}
