import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The federation's register: employers, members, charter versions and acceptances, conventions,
 * themes, peer groups with their memberships, and binôme assignments.
 *
 * Three more request settings, set with the others from the person's session:
 *   app.group_ids          '{uuid,...}' groups the person belongs to (current memberships)
 *   app.relay_group_ids    '{uuid,...}' groups the person leads as relay person
 *   app.binome_group_ids   '{uuid,...}' groups the person accompanies as binôme
 * and one more scope, 'directory', under which only the public face of groups (and their relay
 * person) is visible, for the network search.
 */
export class Register1763900000000 implements MigrationInterface {
  name = 'Register1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION app.group_ids() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(nullif(current_setting('app.group_ids', true), '')::uuid[], '{}') $f$;
      CREATE FUNCTION app.relay_group_ids() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(nullif(current_setting('app.relay_group_ids', true), '')::uuid[], '{}') $f$;
      CREATE FUNCTION app.binome_group_ids() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(nullif(current_setting('app.binome_group_ids', true), '')::uuid[], '{}') $f$;
      CREATE FUNCTION app.is_directory() RETURNS boolean LANGUAGE sql STABLE
        AS $f$ SELECT app.scope() = 'directory' $f$;
      -- Metadata of a society: federation, system, or the society's own administrators.
      CREATE FUNCTION app.administers(society uuid) RETURNS boolean LANGUAGE sql STABLE
        AS $f$ SELECT app.sees_all() OR society = ANY (app.admin_society_ids()) $f$;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA app TO epairs_app;

      CREATE TABLE employer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL REFERENCES society (id),
        name text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 200),
        city text NOT NULL CHECK (char_length(city) BETWEEN 1 AND 100),
        siret char(14) CHECK (siret ~ '^[0-9]{14}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT employer_name_key UNIQUE (society_id, name, city)
      );
      CREATE UNIQUE INDEX employer_siret_key ON employer (society_id, siret) WHERE siret IS NOT NULL;
      CREATE TRIGGER employer_touch BEFORE UPDATE ON employer FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      -- A professional's profile; names and e-mail live on the account.
      CREATE TABLE member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL REFERENCES society (id),
        user_id uuid NOT NULL CONSTRAINT member_user_key UNIQUE REFERENCES user_account (id),
        profession text NOT NULL CHECK (profession IN ('PHYSICIAN', 'NURSE')),
        rpps char(11) NOT NULL CONSTRAINT member_rpps_key UNIQUE CHECK (rpps ~ '^[0-9]{11}$'),
        employer_id uuid REFERENCES employer (id),
        region text CHECK (region IS NULL OR char_length(region) <= 100),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'LEFT')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      );
      CREATE INDEX member_society_idx ON member (society_id, status);
      CREATE INDEX member_employer_idx ON member (employer_id);
      CREATE TRIGGER member_touch BEFORE UPDATE ON member FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      -- Federation-wide texts; a member accepts the version in force.
      CREATE TABLE charter_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number integer NOT NULL CONSTRAINT charter_version_number_key UNIQUE CHECK (number > 0),
        title text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 200),
        body text NOT NULL CHECK (char_length(body) BETWEEN 10 AND 100000),
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES user_account (id)
      );

      CREATE TABLE charter_acceptance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL REFERENCES society (id),
        member_id uuid NOT NULL REFERENCES member (id),
        charter_version_id uuid NOT NULL REFERENCES charter_version (id),
        accepted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT charter_acceptance_key UNIQUE (member_id, charter_version_id)
      );
      CREATE INDEX charter_acceptance_version_idx ON charter_acceptance (charter_version_id, member_id);

      CREATE TABLE convention (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL REFERENCES society (id),
        member_id uuid NOT NULL REFERENCES member (id),
        employer_id uuid REFERENCES employer (id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        min_sessions integer NOT NULL CHECK (min_sessions BETWEEN 1 AND 52),
        min_hours integer NOT NULL CHECK (min_hours BETWEEN 1 AND 200),
        status text NOT NULL DEFAULT 'DRAFT'
          CHECK (status IN ('DRAFT', 'SENT', 'SIGNED', 'ACTIVE', 'CLOSED', 'CANCELLED')),
        sent_at timestamptz,
        signed_at timestamptz,
        activated_at timestamptz,
        closed_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      );
      -- One convention per member and year; a cancelled one may be replaced.
      CREATE UNIQUE INDEX convention_member_year_key ON convention (member_id, year) WHERE status <> 'CANCELLED';
      CREATE INDEX convention_society_year_idx ON convention (society_id, year, status);
      CREATE TRIGGER convention_touch BEFORE UPDATE ON convention FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      -- National priorities: data, not code (they change every few years).
      CREATE TABLE theme (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CONSTRAINT theme_code_key UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,40}$'),
        label_fr text NOT NULL CHECK (char_length(label_fr) BETWEEN 2 AND 200),
        label_en text NOT NULL CHECK (char_length(label_en) BETWEEN 2 AND 200),
        period text,
        active boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      );
      CREATE TRIGGER theme_touch BEFORE UPDATE ON theme FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      CREATE TABLE peer_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL REFERENCES society (id),
        name text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 120),
        kind text NOT NULL CHECK (kind IN ('GAPEP', 'GAPEM')),
        entry_point text NOT NULL DEFAULT 'CASE_PRESENTATION'
          CHECK (entry_point IN ('CASE_PRESENTATION', 'RECOMMENDATION_DISCUSSION', 'RECOMMENDATION_CONTRIBUTION')),
        draw_mode text CHECK (draw_mode IN ('RANDOM', 'THEMATIC')),
        meeting_place text CHECK (meeting_place IS NULL OR char_length(meeting_place) <= 300),
        status text NOT NULL DEFAULT 'FORMING'
          CHECK (status IN ('FORMING', 'SUBMITTED', 'REGISTERED', 'ACTIVE', 'CLOSED', 'SUSPENDED')),
        submitted_at timestamptz,
        registered_at timestamptz,
        registered_by uuid REFERENCES user_account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT peer_group_name_key UNIQUE (society_id, name),
        CONSTRAINT peer_group_draw_mode_shape
          CHECK ((entry_point = 'CASE_PRESENTATION') = (draw_mode IS NOT NULL))
      );
      CREATE INDEX peer_group_society_name_idx ON peer_group (society_id, name, id);
      CREATE INDEX peer_group_name_idx ON peer_group (name, id);
      CREATE INDEX peer_group_status_idx ON peer_group (status, society_id);
      CREATE TRIGGER peer_group_touch BEFORE UPDATE ON peer_group FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      CREATE TABLE group_theme (
        group_id uuid NOT NULL REFERENCES peer_group (id) ON DELETE CASCADE,
        theme_id uuid NOT NULL REFERENCES theme (id),
        society_id uuid NOT NULL REFERENCES society (id),
        PRIMARY KEY (group_id, theme_id)
      );
      CREATE INDEX group_theme_theme_idx ON group_theme (theme_id, group_id);

      CREATE TABLE group_membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL REFERENCES society (id),
        group_id uuid NOT NULL REFERENCES peer_group (id),
        member_id uuid NOT NULL REFERENCES member (id),
        role text NOT NULL DEFAULT 'MEMBER' CHECK (role IN ('MEMBER', 'RELAY')),
        joined_on date NOT NULL DEFAULT current_date,
        left_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (left_on IS NULL OR left_on >= joined_on)
      );
      CREATE UNIQUE INDEX group_membership_current_key ON group_membership (group_id, member_id) WHERE left_on IS NULL;
      -- At most one relay person at a time; "at least one" is a registration rule.
      CREATE UNIQUE INDEX group_membership_relay_key ON group_membership (group_id) WHERE role = 'RELAY' AND left_on IS NULL;
      CREATE INDEX group_membership_member_idx ON group_membership (member_id) WHERE left_on IS NULL;

      CREATE TABLE binome_assignment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL REFERENCES society (id),
        group_id uuid NOT NULL REFERENCES peer_group (id),
        user_id uuid NOT NULL REFERENCES user_account (id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        assigned_by uuid REFERENCES user_account (id),
        ended_at timestamptz
      );
      CREATE UNIQUE INDEX binome_assignment_current_key ON binome_assignment (group_id, user_id) WHERE ended_at IS NULL;
      CREATE INDEX binome_assignment_user_idx ON binome_assignment (user_id) WHERE ended_at IS NULL;

      -- A row's society is its parent's: row-level security trusts these copies, so the database
      -- keeps them true (and a group only ever counts members of its own society).
      ALTER TABLE employer ADD CONSTRAINT employer_id_society_key UNIQUE (id, society_id);
      ALTER TABLE member ADD CONSTRAINT member_id_society_key UNIQUE (id, society_id);
      ALTER TABLE peer_group ADD CONSTRAINT peer_group_id_society_key UNIQUE (id, society_id);
      ALTER TABLE member ADD CONSTRAINT member_employer_society_fk
        FOREIGN KEY (employer_id, society_id) REFERENCES employer (id, society_id);
      ALTER TABLE convention ADD CONSTRAINT convention_member_society_fk
        FOREIGN KEY (member_id, society_id) REFERENCES member (id, society_id);
      ALTER TABLE convention ADD CONSTRAINT convention_employer_society_fk
        FOREIGN KEY (employer_id, society_id) REFERENCES employer (id, society_id);
      ALTER TABLE charter_acceptance ADD CONSTRAINT charter_acceptance_member_society_fk
        FOREIGN KEY (member_id, society_id) REFERENCES member (id, society_id);
      ALTER TABLE group_theme ADD CONSTRAINT group_theme_group_society_fk
        FOREIGN KEY (group_id, society_id) REFERENCES peer_group (id, society_id) ON DELETE CASCADE;
      ALTER TABLE group_membership ADD CONSTRAINT group_membership_group_society_fk
        FOREIGN KEY (group_id, society_id) REFERENCES peer_group (id, society_id);
      ALTER TABLE group_membership ADD CONSTRAINT group_membership_member_society_fk
        FOREIGN KEY (member_id, society_id) REFERENCES member (id, society_id);
      ALTER TABLE binome_assignment ADD CONSTRAINT binome_assignment_group_society_fk
        FOREIGN KEY (group_id, society_id) REFERENCES peer_group (id, society_id);

      -- A correspondent never belongs to the group it accompanies, and a group has two at most.
      -- Checked here too, whoever writes; the group row is locked so two concurrent writers queue.
      -- These functions see what the writer's policies let it see: the services check the same
      -- rules in system scope first (a relay person cannot see a newcomer's account, for one).
      CREATE FUNCTION app.check_binome_assignment() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF NEW.ended_at IS NOT NULL THEN RETURN NEW; END IF;
        PERFORM 1 FROM peer_group WHERE id = NEW.group_id FOR UPDATE;
        IF EXISTS (SELECT 1 FROM group_membership gm JOIN member m ON m.id = gm.member_id
                    WHERE gm.group_id = NEW.group_id AND gm.left_on IS NULL AND m.user_id = NEW.user_id) THEN
          RAISE EXCEPTION 'a correspondent cannot belong to the group' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'binome_not_member';
        END IF;
        IF (SELECT count(*) FROM binome_assignment
             WHERE group_id = NEW.group_id AND ended_at IS NULL AND id <> NEW.id) >= 2 THEN
          RAISE EXCEPTION 'a group has two correspondents at most' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'binome_two_at_most';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER binome_assignment_check BEFORE INSERT OR UPDATE ON binome_assignment
        FOR EACH ROW EXECUTE FUNCTION app.check_binome_assignment();

      CREATE FUNCTION app.check_membership_not_binome() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF NEW.left_on IS NULL AND EXISTS (
             SELECT 1 FROM binome_assignment b JOIN member m ON m.user_id = b.user_id
              WHERE b.group_id = NEW.group_id AND b.ended_at IS NULL AND m.id = NEW.member_id) THEN
          RAISE EXCEPTION 'a correspondent cannot belong to the group' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'binome_not_member';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER group_membership_not_binome BEFORE INSERT OR UPDATE ON group_membership
        FOR EACH ROW EXECUTE FUNCTION app.check_membership_not_binome();

      -- A relay person edits its group's description; status and registration are E-Pairs' and the
      -- society's, but for the relay's own request (FORMING → SUBMITTED).
      CREATE FUNCTION app.guard_group_update() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        -- No scope: maintenance by the owner or a superuser (the application role, without
        -- settings, reaches no row at all).
        IF app.scope() = 'none' OR app.administers(OLD.society_id) THEN RETURN NEW; END IF;
        IF NEW.society_id <> OLD.society_id
           OR NEW.registered_at IS DISTINCT FROM OLD.registered_at
           OR NEW.registered_by IS DISTINCT FROM OLD.registered_by
           OR (NEW.status <> OLD.status AND NOT (OLD.status = 'FORMING' AND NEW.status = 'SUBMITTED')) THEN
          RAISE EXCEPTION 'group status changed outside an administrator scope' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER peer_group_guard BEFORE UPDATE ON peer_group FOR EACH ROW EXECUTE FUNCTION app.guard_group_update();

      -- A membership is history: who, which group, since when never change; only the role and
      -- the departure date do.
      CREATE FUNCTION app.guard_membership_update() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF (NEW.group_id, NEW.member_id, NEW.society_id, NEW.joined_on)
           IS DISTINCT FROM (OLD.group_id, OLD.member_id, OLD.society_id, OLD.joined_on) THEN
          RAISE EXCEPTION 'a membership''s group, member and start do not change' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER group_membership_guard BEFORE UPDATE ON group_membership FOR EACH ROW
        EXECUTE FUNCTION app.guard_membership_update();

      INSERT INTO theme (code, label_fr, label_en, period, sort_order) VALUES
        ('PSYCHOSOCIAL_RISKS', 'Risques psychosociaux et pathologies psychiques', 'Psychosocial risks and mental health', '2023-2025', 1),
        ('MSD', 'Troubles musculo-squelettiques (TMS)', 'Musculoskeletal disorders', '2023-2025', 2),
        ('JOB_RETENTION', 'Prévention de la désinsertion professionnelle, maintien dans l''emploi', 'Job retention', '2023-2025', 3),
        ('CHEMICAL_EXPOSURE', 'Risque chimique', 'Chemical exposure', '2023-2025', 4),
        ('BIOLOGICAL_RISK', 'Risque biologique', 'Biological risk', '2023-2025', 5),
        ('OTHER', 'Autre', 'Other', NULL, 99);
    `);

    await queryRunner.query(`
      GRANT SELECT, INSERT, UPDATE ON employer, member, convention, theme, peer_group TO epairs_app;
      GRANT SELECT, INSERT ON charter_version, charter_acceptance TO epairs_app;
      GRANT SELECT, INSERT, DELETE ON group_theme TO epairs_app;
      GRANT SELECT, INSERT, UPDATE ON group_membership, binome_assignment TO epairs_app;

      ALTER TABLE employer ENABLE ROW LEVEL SECURITY;
      ALTER TABLE employer FORCE ROW LEVEL SECURITY;
      CREATE POLICY employer_admin ON employer FOR ALL
        USING (app.administers(society_id)) WITH CHECK (app.administers(society_id));
      CREATE POLICY employer_own ON employer FOR SELECT
        USING (id IN (SELECT employer_id FROM member WHERE user_id = app.current_user_id()));

      ALTER TABLE member ENABLE ROW LEVEL SECURITY;
      ALTER TABLE member FORCE ROW LEVEL SECURITY;
      CREATE POLICY member_admin ON member FOR ALL
        USING (app.administers(society_id)) WITH CHECK (app.administers(society_id));
      CREATE POLICY member_self ON member FOR SELECT USING (user_id = app.current_user_id());
      -- Fellow members of one's groups; the relay persons of groups, for the directory.
      CREATE POLICY member_fellow ON member FOR SELECT
        USING (EXISTS (SELECT 1 FROM group_membership gm
                        WHERE gm.member_id = member.id AND gm.left_on IS NULL
                          AND (gm.group_id = ANY (app.group_ids())
                               OR (app.is_directory() AND gm.role = 'RELAY'))));

      ALTER TABLE charter_version ENABLE ROW LEVEL SECURITY;
      ALTER TABLE charter_version FORCE ROW LEVEL SECURITY;
      CREATE POLICY charter_version_read ON charter_version FOR SELECT
        USING (app.sees_all() OR app.current_user_id() IS NOT NULL);
      CREATE POLICY charter_version_publish ON charter_version FOR INSERT WITH CHECK (app.sees_all());

      ALTER TABLE charter_acceptance ENABLE ROW LEVEL SECURITY;
      ALTER TABLE charter_acceptance FORCE ROW LEVEL SECURITY;
      CREATE POLICY charter_acceptance_admin ON charter_acceptance FOR SELECT USING (app.administers(society_id));
      -- Only the member accepts (and system work: seeding, imports); never an administrator.
      CREATE POLICY charter_acceptance_system ON charter_acceptance FOR INSERT WITH CHECK (app.is_system());
      CREATE POLICY charter_acceptance_self ON charter_acceptance FOR ALL
        USING (member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id()))
        WITH CHECK (member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id()));
      -- Relay persons see who of their group accepted (registration needs it).
      CREATE POLICY charter_acceptance_relay ON charter_acceptance FOR SELECT
        USING (EXISTS (SELECT 1 FROM group_membership gm
                        WHERE gm.member_id = charter_acceptance.member_id AND gm.left_on IS NULL
                          AND gm.group_id = ANY (app.relay_group_ids())));

      ALTER TABLE convention ENABLE ROW LEVEL SECURITY;
      ALTER TABLE convention FORCE ROW LEVEL SECURITY;
      CREATE POLICY convention_admin ON convention FOR ALL
        USING (app.administers(society_id)) WITH CHECK (app.administers(society_id));
      CREATE POLICY convention_self ON convention FOR SELECT
        USING (member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id()));
      CREATE POLICY convention_relay ON convention FOR SELECT
        USING (EXISTS (SELECT 1 FROM group_membership gm
                        WHERE gm.member_id = convention.member_id AND gm.left_on IS NULL
                          AND gm.group_id = ANY (app.relay_group_ids())));

      ALTER TABLE theme ENABLE ROW LEVEL SECURITY;
      ALTER TABLE theme FORCE ROW LEVEL SECURITY;
      CREATE POLICY theme_read ON theme FOR SELECT
        USING (app.sees_all() OR app.current_user_id() IS NOT NULL);
      CREATE POLICY theme_write ON theme FOR INSERT WITH CHECK (app.sees_all());
      CREATE POLICY theme_update ON theme FOR UPDATE USING (app.sees_all()) WITH CHECK (app.sees_all());

      ALTER TABLE peer_group ENABLE ROW LEVEL SECURITY;
      ALTER TABLE peer_group FORCE ROW LEVEL SECURITY;
      CREATE POLICY peer_group_admin ON peer_group FOR ALL
        USING (app.administers(society_id)) WITH CHECK (app.administers(society_id));
      CREATE POLICY peer_group_read ON peer_group FOR SELECT
        USING (id = ANY (app.group_ids()) OR id = ANY (app.binome_group_ids()) OR app.is_directory());
      CREATE POLICY peer_group_relay ON peer_group FOR UPDATE
        USING (id = ANY (app.relay_group_ids())) WITH CHECK (id = ANY (app.relay_group_ids()));
      -- A member founds a group in their own society (and becomes its relay person).
      CREATE POLICY peer_group_found ON peer_group FOR INSERT
        WITH CHECK (status = 'FORMING' AND society_id IN (SELECT society_id FROM member WHERE user_id = app.current_user_id()));

      ALTER TABLE group_theme ENABLE ROW LEVEL SECURITY;
      ALTER TABLE group_theme FORCE ROW LEVEL SECURITY;
      CREATE POLICY group_theme_read ON group_theme FOR SELECT
        USING (app.administers(society_id) OR group_id = ANY (app.group_ids())
               OR group_id = ANY (app.binome_group_ids()) OR app.is_directory());
      CREATE POLICY group_theme_write ON group_theme FOR ALL
        USING (app.administers(society_id) OR group_id = ANY (app.relay_group_ids()))
        WITH CHECK (app.administers(society_id) OR group_id = ANY (app.relay_group_ids()));

      ALTER TABLE group_membership ENABLE ROW LEVEL SECURITY;
      ALTER TABLE group_membership FORCE ROW LEVEL SECURITY;
      CREATE POLICY group_membership_admin ON group_membership FOR ALL
        USING (app.administers(society_id)) WITH CHECK (app.administers(society_id));
      CREATE POLICY group_membership_read ON group_membership FOR SELECT
        USING (group_id = ANY (app.group_ids()) OR (app.is_directory() AND role = 'RELAY' AND left_on IS NULL));
      CREATE POLICY group_membership_relay ON group_membership FOR ALL
        USING (group_id = ANY (app.relay_group_ids())) WITH CHECK (group_id = ANY (app.relay_group_ids()));

      ALTER TABLE binome_assignment ENABLE ROW LEVEL SECURITY;
      ALTER TABLE binome_assignment FORCE ROW LEVEL SECURITY;
      CREATE POLICY binome_assignment_admin ON binome_assignment FOR SELECT USING (app.administers(society_id));
      CREATE POLICY binome_assignment_federation ON binome_assignment FOR ALL
        USING (app.sees_all()) WITH CHECK (app.sees_all());
      CREATE POLICY binome_assignment_group ON binome_assignment FOR SELECT
        USING (group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));

      -- Accounts: fellow members of one's groups, the correspondents of one's groups and a
      -- binôme's fellow correspondent, and relay persons in the directory.
      CREATE POLICY user_account_fellow ON user_account FOR SELECT
        USING (EXISTS (SELECT 1 FROM member m WHERE m.user_id = user_account.id)
               OR EXISTS (SELECT 1 FROM binome_assignment b WHERE b.user_id = user_account.id AND b.ended_at IS NULL));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP POLICY user_account_fellow ON user_account;
      DROP TABLE binome_assignment, group_membership, group_theme, peer_group, theme, convention,
        charter_acceptance, charter_version, member, employer;
      DROP FUNCTION app.check_binome_assignment(), app.check_membership_not_binome(), app.group_ids(),
        app.relay_group_ids(), app.binome_group_ids(), app.is_directory(), app.administers(uuid);
    `);
  }
}
