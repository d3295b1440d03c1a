import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation: tenants (societies), accounts, tokens, role grants, thresholds, the audit log,
 * and the row-level security that keeps each society's rows to itself.
 *
 * Runs as the owner role. The application role `epairs_app` must exist (see
 * `common/db/bootstrap-roles.ts` or docker/initdb): it owns nothing, is not superuser, has no
 * BYPASSRLS, and receives only the privileges granted here.
 *
 * Request settings, set per transaction with set_config(..., true) by the API:
 *   app.user_id            the person making the request
 *   app.scope              'system' | 'federation' | 'user' | 'anonymous'; unset = 'none'
 *   app.society_ids        '{uuid,...}' societies the person belongs to (home + administered)
 *   app.admin_society_ids  '{uuid,...}' societies the person administers
 * With no setting every policy below matches no row (fail closed).
 */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'epairs_app') THEN
          RAISE EXCEPTION 'Le rôle epairs_app est absent : créez-le avant les migrations (docs/operations.md).';
        END IF;
      END $$;

      CREATE SCHEMA app;
      GRANT USAGE ON SCHEMA app TO epairs_app;
      GRANT USAGE ON SCHEMA public TO epairs_app;

      CREATE FUNCTION app.current_user_id() RETURNS uuid LANGUAGE sql STABLE
        AS $f$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $f$;
      CREATE FUNCTION app.scope() RETURNS text LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(nullif(current_setting('app.scope', true), ''), 'none') $f$;
      CREATE FUNCTION app.society_ids() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(nullif(current_setting('app.society_ids', true), '')::uuid[], '{}') $f$;
      CREATE FUNCTION app.admin_society_ids() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(nullif(current_setting('app.admin_society_ids', true), '')::uuid[], '{}') $f$;
      -- Metadata oversight across every society: federation admins, and explicit system work
      -- (login, token rotation, seeding). Group content tables will not use this.
      CREATE FUNCTION app.sees_all() RETURNS boolean LANGUAGE sql STABLE
        AS $f$ SELECT app.scope() IN ('system', 'federation') $f$;
      CREATE FUNCTION app.is_system() RETURNS boolean LANGUAGE sql STABLE
        AS $f$ SELECT app.scope() = 'system' $f$;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA app TO epairs_app;

      CREATE FUNCTION app.touch_row() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        NEW.updated_at := now();
        NEW.version := OLD.version + 1;
        RETURN NEW;
      END $f$;

      -- Societies: the tenants. Every signed-in person may list them.
      CREATE TABLE society (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT society_code_key UNIQUE
          CONSTRAINT society_code_check CHECK (code ~ '^[A-Z][A-Z0-9_-]{1,15}$'),
        name text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 200),
        region text CHECK (region IS NULL OR char_length(region) <= 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      );
      CREATE TRIGGER society_touch BEFORE UPDATE ON society FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      -- Accounts. The e-mail is the login identity, unique across the federation (a binôme may
      -- accompany groups of several societies with one account).
      CREATE TABLE user_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid REFERENCES society (id),
        email text NOT NULL CONSTRAINT user_account_email_check
          CHECK (email = lower(btrim(email)) AND email LIKE '%_@_%.__%'),
        first_name text NOT NULL CHECK (char_length(first_name) BETWEEN 1 AND 100),
        last_name text NOT NULL CHECK (char_length(last_name) BETWEEN 1 AND 100),
        locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
        status text NOT NULL DEFAULT 'INVITED' CHECK (status IN ('INVITED', 'ACTIVE', 'DISABLED')),
        password_hash text,
        password_changed_at timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (status <> 'ACTIVE' OR password_hash IS NOT NULL)
      );
      CREATE UNIQUE INDEX user_account_email_key ON user_account (email);
      CREATE INDEX user_account_society_name_idx ON user_account (society_id, last_name, first_name, id);
      CREATE INDEX user_account_name_idx ON user_account (last_name, first_name, id);
      -- Sign-in bookkeeping (last login, password change) is not an edit: it must not bump the
      -- version and make an administrator's open form stale.
      CREATE TRIGGER user_account_touch BEFORE UPDATE ON user_account FOR EACH ROW
        WHEN ((OLD.society_id, OLD.email, OLD.first_name, OLD.last_name, OLD.locale, OLD.status)
              IS DISTINCT FROM (NEW.society_id, NEW.email, NEW.first_name, NEW.last_name, NEW.locale, NEW.status))
        EXECUTE FUNCTION app.touch_row();

      -- Who may change what defines an account's reach (society, e-mail, status, password): the
      -- system, a federation admin, or an admin of the society the account is in and stays in.
      -- Row policies alone would let anyone move their own row to another society.
      CREATE FUNCTION app.guard_account_update() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        -- No scope: maintenance by the owner or a superuser (the application role, without
        -- settings, reaches no row at all).
        IF app.sees_all() OR app.scope() = 'none' THEN
          RETURN NEW;
        END IF;
        IF (OLD.society_id, OLD.email, OLD.status, OLD.password_hash)
             IS DISTINCT FROM (NEW.society_id, NEW.email, NEW.status, NEW.password_hash)
           AND NOT coalesce(OLD.society_id = ANY (app.admin_society_ids())
                            AND NEW.society_id = ANY (app.admin_society_ids()), false) THEN
          RAISE EXCEPTION 'account reach changed outside an administrator scope'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER user_account_guard BEFORE UPDATE ON user_account FOR EACH ROW
        EXECUTE FUNCTION app.guard_account_update();

      CREATE TABLE role_grant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('FEDERATION_ADMIN', 'SOCIETY_ADMIN', 'BINOME')),
        society_id uuid REFERENCES society (id),
        granted_by uuid REFERENCES user_account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT role_grant_scope_check CHECK ((role = 'SOCIETY_ADMIN') = (society_id IS NOT NULL)),
        CONSTRAINT role_grant_unique UNIQUE NULLS NOT DISTINCT (user_id, role, society_id)
      );
      CREATE INDEX role_grant_society_idx ON role_grant (society_id, role);

      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash bytea NOT NULL CONSTRAINT refresh_token_hash_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text,
        -- Absolute end of the login session: rotation never extends a family past it.
        session_expires_at timestamptz NOT NULL,
        user_agent text
      );
      CREATE INDEX refresh_token_family_idx ON refresh_token (family_id) INCLUDE (revoked_at);
      CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);

      -- Single-use links sent by e-mail: invitation (activation) and password reset.
      CREATE TABLE account_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('INVITATION', 'PASSWORD_RESET')),
        token_hash bytea NOT NULL CONSTRAINT account_token_hash_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX account_token_user_idx ON account_token (user_id, purpose);

      -- Thresholds per society and year; a year without a row uses the latest earlier one,
      -- then E-Pairs' defaults (packages/shared DEFAULT_THRESHOLDS, repeated as column defaults).
      CREATE TABLE society_setting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL REFERENCES society (id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        min_meetings integer NOT NULL DEFAULT 6 CHECK (min_meetings BETWEEN 1 AND 52),
        min_hours integer NOT NULL DEFAULT 18 CHECK (min_hours BETWEEN 1 AND 200),
        min_attended integer NOT NULL DEFAULT 5 CHECK (min_attended BETWEEN 1 AND 52),
        min_group_members integer NOT NULL DEFAULT 5 CHECK (min_group_members BETWEEN 2 AND 50),
        max_group_members integer NOT NULL DEFAULT 12 CHECK (max_group_members BETWEEN 2 AND 50),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT society_setting_year_key UNIQUE (society_id, year),
        CHECK (min_group_members <= max_group_members),
        CHECK (min_attended <= min_meetings)
      );
      CREATE TRIGGER society_setting_touch BEFORE UPDATE ON society_setting FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      -- Append-only: the application may insert and read, never change or delete.
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid REFERENCES society (id),
        actor_user_id uuid REFERENCES user_account (id),
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        changed_fields text[] NOT NULL DEFAULT '{}',
        request_id text,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
      );
      CREATE INDEX audit_event_society_time_idx ON audit_event (society_id, occurred_at DESC, id);
      CREATE INDEX audit_event_time_idx ON audit_event (occurred_at DESC, id);
      CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id);
      CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, occurred_at DESC);
      CREATE INDEX audit_event_request_idx ON audit_event (request_id);

      -- Login attempt counters (rate-limiter-flexible's layout). Keys are SHA-256 hashes of
      -- e-mail and address, no tenant data: the one table without row-level security, because
      -- the limiter counts before any person is known.
      CREATE TABLE login_rate_limit (
        key varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      );

      INSERT INTO society (code, name, region) VALUES
        ('SSTPC', 'Société de santé au travail de Poitou-Charentes', 'Nouvelle-Aquitaine'),
        ('SMTVL', 'Société de médecine du travail du Val de Loire', 'Centre-Val de Loire'),
        ('ASMT', 'Association de santé et médecine du travail (ass. SMT)', 'Île-de-France'),
        ('SNPST', 'Syndicat national des professionnels de la santé au travail', 'National'),
        ('ARAPT', 'Association régionale pour l''amélioration des pratiques en santé au travail', 'Auvergne-Rhône-Alpes');
    `);

    await queryRunner.query(`
      GRANT SELECT, INSERT, UPDATE ON society, user_account, society_setting TO epairs_app;
      GRANT SELECT, INSERT, DELETE ON role_grant TO epairs_app;
      GRANT SELECT, INSERT, UPDATE ON refresh_token, account_token TO epairs_app;
      GRANT SELECT, INSERT ON audit_event TO epairs_app;
      GRANT SELECT, INSERT, UPDATE, DELETE ON login_rate_limit TO epairs_app;

      ALTER TABLE society ENABLE ROW LEVEL SECURITY;
      ALTER TABLE society FORCE ROW LEVEL SECURITY;
      CREATE POLICY society_read ON society FOR SELECT
        USING ((SELECT app.sees_all()) OR (SELECT app.current_user_id()) IS NOT NULL);
      CREATE POLICY society_create ON society FOR INSERT WITH CHECK ((SELECT app.sees_all()));
      CREATE POLICY society_update ON society FOR UPDATE
        USING ((SELECT app.sees_all()) OR id = ANY ((SELECT app.admin_society_ids())::uuid[]))
        WITH CHECK ((SELECT app.sees_all()) OR id = ANY ((SELECT app.admin_society_ids())::uuid[]));

      ALTER TABLE user_account ENABLE ROW LEVEL SECURITY;
      ALTER TABLE user_account FORCE ROW LEVEL SECURITY;
      CREATE POLICY user_account_read ON user_account FOR SELECT
        USING ((SELECT app.sees_all()) OR id = (SELECT app.current_user_id())
               OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]));
      CREATE POLICY user_account_create ON user_account FOR INSERT
        WITH CHECK ((SELECT app.sees_all()) OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]));
      CREATE POLICY user_account_update ON user_account FOR UPDATE
        USING ((SELECT app.sees_all()) OR id = (SELECT app.current_user_id())
               OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]))
        WITH CHECK ((SELECT app.sees_all()) OR id = (SELECT app.current_user_id())
                    OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]));

      ALTER TABLE role_grant ENABLE ROW LEVEL SECURITY;
      ALTER TABLE role_grant FORCE ROW LEVEL SECURITY;
      CREATE POLICY role_grant_read ON role_grant FOR SELECT
        USING ((SELECT app.sees_all()) OR user_id = (SELECT app.current_user_id())
               OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]));
      CREATE POLICY role_grant_create ON role_grant FOR INSERT WITH CHECK ((SELECT app.sees_all()));
      CREATE POLICY role_grant_delete ON role_grant FOR DELETE USING ((SELECT app.sees_all()));

      ALTER TABLE refresh_token ENABLE ROW LEVEL SECURITY;
      ALTER TABLE refresh_token FORCE ROW LEVEL SECURITY;
      -- A person may see whether their sessions are live; only system work issues or revokes.
      CREATE POLICY refresh_token_read ON refresh_token FOR SELECT
        USING ((SELECT app.is_system()) OR user_id = (SELECT app.current_user_id()));
      CREATE POLICY refresh_token_system ON refresh_token FOR ALL
        USING ((SELECT app.is_system())) WITH CHECK ((SELECT app.is_system()));

      ALTER TABLE account_token ENABLE ROW LEVEL SECURITY;
      ALTER TABLE account_token FORCE ROW LEVEL SECURITY;
      CREATE POLICY account_token_system ON account_token FOR ALL
        USING ((SELECT app.is_system())) WITH CHECK ((SELECT app.is_system()));

      ALTER TABLE society_setting ENABLE ROW LEVEL SECURITY;
      ALTER TABLE society_setting FORCE ROW LEVEL SECURITY;
      -- Thresholds are federation rules, not secrets: whoever is signed in may read them (a
      -- binôme shows a group of another society against its society's thresholds).
      CREATE POLICY society_setting_read ON society_setting FOR SELECT
        USING ((SELECT app.sees_all()) OR (SELECT app.current_user_id()) IS NOT NULL);
      CREATE POLICY society_setting_write ON society_setting FOR INSERT
        WITH CHECK ((SELECT app.sees_all()) OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]));
      CREATE POLICY society_setting_update ON society_setting FOR UPDATE
        USING ((SELECT app.sees_all()) OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]))
        WITH CHECK ((SELECT app.sees_all()) OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]));

      ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY;
      ALTER TABLE audit_event FORCE ROW LEVEL SECURITY;
      CREATE POLICY audit_event_read ON audit_event FOR SELECT
        USING ((SELECT app.sees_all()) OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]));
      -- Any request with settings may record what it did; nobody may rewrite history.
      CREATE POLICY audit_event_append ON audit_event FOR INSERT
        WITH CHECK ((SELECT app.scope()) <> 'none'
                    AND (actor_user_id IS NULL OR actor_user_id = (SELECT app.current_user_id())
                         OR (SELECT app.is_system()))
                    AND (society_id IS NULL OR (SELECT app.sees_all())
                         OR society_id = ANY ((SELECT app.society_ids())::uuid[])));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE login_rate_limit, audit_event, society_setting, account_token, refresh_token,
        role_grant, user_account, society;
      DROP SCHEMA app CASCADE;
    `);
  }
}
