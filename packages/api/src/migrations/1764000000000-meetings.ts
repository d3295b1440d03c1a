import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings and their proof: programme, session roles, RSVPs, the attendance sheet, credit rules
 * and attestations. Metadata of the group: readable by the group, its society's administrators
 * and E-Pairs; a binôme sees the meetings of the groups it accompanies (dates, not the sheet).
 */
export class Meetings1764000000000 implements MigrationInterface {
  name = 'Meetings1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL REFERENCES society (id),
        group_id uuid NOT NULL,
        title text CHECK (title IS NULL OR char_length(title) <= 200),
        starts_at timestamptz NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 30 AND 480),
        mode text NOT NULL DEFAULT 'IN_PERSON' CHECK (mode IN ('IN_PERSON', 'REMOTE', 'HYBRID')),
        place text CHECK (place IS NULL OR char_length(place) <= 300),
        link text CHECK (link IS NULL OR char_length(link) <= 500),
        status text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'HELD', 'CANCELLED')),
        cancel_reason text,
        sheet_closed_at timestamptz,
        -- Signs the rotating QR tokens and derives the fallback codes (32 random bytes from the
        -- API); never exposed.
        signing_secret bytea NOT NULL CHECK (octet_length(signing_secret) = 32),
        sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT meeting_group_society_fk FOREIGN KEY (group_id, society_id) REFERENCES peer_group (id, society_id),
        CONSTRAINT meeting_id_society_key UNIQUE (id, society_id),
        CHECK (status <> 'CANCELLED' OR cancel_reason IS NOT NULL),
        CHECK (mode = 'REMOTE' OR place IS NOT NULL),
        CHECK (mode = 'IN_PERSON' OR link IS NOT NULL)
      );
      CREATE INDEX meeting_group_time_idx ON meeting (group_id, starts_at);
      CREATE INDEX meeting_society_time_idx ON meeting (society_id, starts_at);
      CREATE TRIGGER meeting_touch BEFORE UPDATE ON meeting FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      CREATE TABLE meeting_role (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        member_id uuid NOT NULL,
        role text NOT NULL CHECK (role IN ('ANIMATOR', 'SECRETARY', 'PRESENTER')),
        CONSTRAINT meeting_role_meeting_fk FOREIGN KEY (meeting_id, society_id) REFERENCES meeting (id, society_id) ON DELETE CASCADE,
        CONSTRAINT meeting_role_member_fk FOREIGN KEY (member_id, society_id) REFERENCES member (id, society_id),
        CONSTRAINT meeting_role_key UNIQUE (meeting_id, member_id, role)
      );
      -- One animator and one secretary per meeting; presenters may be several.
      CREATE UNIQUE INDEX meeting_role_single_key ON meeting_role (meeting_id, role) WHERE role IN ('ANIMATOR', 'SECRETARY');
      CREATE INDEX meeting_role_member_idx ON meeting_role (member_id, role);

      CREATE TABLE meeting_rsvp (
        meeting_id uuid NOT NULL,
        member_id uuid NOT NULL,
        society_id uuid NOT NULL,
        answer text NOT NULL CHECK (answer IN ('YES', 'NO', 'MAYBE')),
        answered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (meeting_id, member_id),
        CONSTRAINT meeting_rsvp_meeting_fk FOREIGN KEY (meeting_id, society_id) REFERENCES meeting (id, society_id) ON DELETE CASCADE,
        CONSTRAINT meeting_rsvp_member_fk FOREIGN KEY (member_id, society_id) REFERENCES member (id, society_id)
      );

      -- The attendance sheet: one line per person and meeting, signed by the person (SIGNED) or
      -- recorded by the relay person as an excused absence (EXCUSED); corrections keep a reason.
      CREATE TABLE attendance (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        member_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('SIGNED', 'EXCUSED')),
        method text NOT NULL CHECK (method IN ('QR', 'CODE', 'CORRECTION', 'EXCUSE')),
        signed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        recorded_by uuid REFERENCES user_account (id),
        correction_reason text,
        CONSTRAINT attendance_meeting_fk FOREIGN KEY (meeting_id, society_id) REFERENCES meeting (id, society_id),
        CONSTRAINT attendance_member_fk FOREIGN KEY (member_id, society_id) REFERENCES member (id, society_id),
        CONSTRAINT attendance_once_key UNIQUE (meeting_id, member_id),
        CHECK (method <> 'CORRECTION' OR correction_reason IS NOT NULL),
        -- An excuse is an absence: nobody signs for another through it.
        CONSTRAINT attendance_excuse_absent CHECK (method <> 'EXCUSE' OR status = 'EXCUSED'),
        CHECK (method NOT IN ('QR', 'CODE') OR status = 'SIGNED')
      );
      CREATE INDEX attendance_member_idx ON attendance (member_id, status);

      -- Credits per society and year: data, read by the API and the apps alike.
      CREATE TABLE credit_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL REFERENCES society (id),
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        credits_per_hour numeric(5,2) NOT NULL DEFAULT 1 CHECK (credits_per_hour >= 0),
        credits_per_case numeric(5,2) NOT NULL DEFAULT 2 CHECK (credits_per_case >= 0),
        credits_per_report numeric(5,2) NOT NULL DEFAULT 2 CHECK (credits_per_report >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT credit_rule_year_key UNIQUE (society_id, year)
      );
      CREATE TRIGGER credit_rule_touch BEFORE UPDATE ON credit_rule FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      -- An attestation freezes what its PDF shows (snapshot) under a public verification code.
      CREATE TABLE attestation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        member_id uuid NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        code text NOT NULL CONSTRAINT attestation_code_key UNIQUE,
        snapshot jsonb NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        issued_by uuid REFERENCES user_account (id),
        revoked_at timestamptz,
        revoked_reason text,
        CONSTRAINT attestation_member_fk FOREIGN KEY (member_id, society_id) REFERENCES member (id, society_id),
        CHECK (revoked_at IS NULL OR revoked_reason IS NOT NULL)
      );
      CREATE UNIQUE INDEX attestation_current_key ON attestation (member_id, year) WHERE revoked_at IS NULL;
      -- What an attestation says never changes; revoking it only adds the date and the reason.
      CREATE FUNCTION app.freeze_attestation() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF (NEW.code, NEW.snapshot, NEW.member_id, NEW.year, NEW.society_id, NEW.issued_at, NEW.issued_by)
           IS DISTINCT FROM (OLD.code, OLD.snapshot, OLD.member_id, OLD.year, OLD.society_id, OLD.issued_at, OLD.issued_by)
           OR OLD.revoked_at IS NOT NULL THEN
          RAISE EXCEPTION 'an attestation is never rewritten' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER attestation_frozen BEFORE UPDATE ON attestation FOR EACH ROW EXECUTE FUNCTION app.freeze_attestation();
      CREATE INDEX attestation_society_year_idx ON attestation (society_id, year);

      -- Every line of the sheet, whoever writes it: a current member of the meeting's group, a
      -- meeting not cancelled; signing oneself (QR, CODE) only within the meeting's window (15
      -- minutes of grace either side) while the sheet is open; an excuse only while it is open; a
      -- correction only once it is closed; a signature changes only through a correction.
      -- Maintenance without a scope (owner, superuser) is not checked.
      CREATE FUNCTION app.check_signature() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE
        m meeting%ROWTYPE;
      BEGIN
        IF app.scope() = 'none' THEN RETURN NEW; END IF;
        SELECT * INTO m FROM meeting WHERE id = NEW.meeting_id;
        IF m.id IS NULL OR m.status = 'CANCELLED' THEN
          RAISE EXCEPTION 'the attendance sheet is not open' USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_window';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM group_membership gm
                        WHERE gm.group_id = m.group_id AND gm.member_id = NEW.member_id AND gm.left_on IS NULL) THEN
          RAISE EXCEPTION 'only members of the group sign its sheet' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'attendance_member';
        END IF;
        IF NEW.method IN ('QR', 'CODE') AND (
             m.sheet_closed_at IS NOT NULL
             OR clock_timestamp() < m.starts_at - interval '15 minutes'
             OR clock_timestamp() > m.starts_at + make_interval(mins => m.duration_minutes) + interval '15 minutes') THEN
          RAISE EXCEPTION 'the attendance sheet is not open' USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_window';
        END IF;
        IF NEW.method = 'EXCUSE' AND m.sheet_closed_at IS NOT NULL THEN
          RAISE EXCEPTION 'the sheet is closed: corrections only' USING ERRCODE = 'check_violation', CONSTRAINT = 'attendance_closed';
        END IF;
        IF NEW.method = 'CORRECTION' AND m.sheet_closed_at IS NULL THEN
          RAISE EXCEPTION 'the sheet is open: everyone signs for themselves' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'attendance_open';
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.status = 'SIGNED' AND NEW.method <> 'CORRECTION' THEN
          RAISE EXCEPTION 'a signature changes only through a correction' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'attendance_open';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER attendance_signature BEFORE INSERT OR UPDATE ON attendance FOR EACH ROW EXECUTE FUNCTION app.check_signature();
    `);

    await queryRunner.query(`
      GRANT SELECT, INSERT, UPDATE ON meeting, credit_rule TO epairs_app;
      GRANT SELECT, INSERT, DELETE ON meeting_role TO epairs_app;
      GRANT SELECT, INSERT, UPDATE ON meeting_rsvp, attendance TO epairs_app;
      GRANT SELECT, INSERT, UPDATE ON attestation TO epairs_app;
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA app TO epairs_app;

      ALTER TABLE meeting ENABLE ROW LEVEL SECURITY;
      ALTER TABLE meeting FORCE ROW LEVEL SECURITY;
      CREATE POLICY meeting_admin ON meeting FOR ALL
        USING (app.administers(society_id)) WITH CHECK (app.administers(society_id));
      CREATE POLICY meeting_read ON meeting FOR SELECT
        USING (group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));
      CREATE POLICY meeting_relay ON meeting FOR ALL
        USING (group_id = ANY (app.relay_group_ids())) WITH CHECK (group_id = ANY (app.relay_group_ids()));

      ALTER TABLE meeting_role ENABLE ROW LEVEL SECURITY;
      ALTER TABLE meeting_role FORCE ROW LEVEL SECURITY;
      CREATE POLICY meeting_role_admin ON meeting_role FOR ALL
        USING (app.administers(society_id)) WITH CHECK (app.administers(society_id));
      CREATE POLICY meeting_role_read ON meeting_role FOR SELECT
        USING (EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_role.meeting_id AND m.group_id = ANY (app.group_ids())));
      CREATE POLICY meeting_role_relay ON meeting_role FOR ALL
        USING (EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_role.meeting_id AND m.group_id = ANY (app.relay_group_ids())))
        WITH CHECK (EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_role.meeting_id AND m.group_id = ANY (app.relay_group_ids())));

      ALTER TABLE meeting_rsvp ENABLE ROW LEVEL SECURITY;
      ALTER TABLE meeting_rsvp FORCE ROW LEVEL SECURITY;
      CREATE POLICY meeting_rsvp_admin ON meeting_rsvp FOR SELECT USING (app.administers(society_id));
      CREATE POLICY meeting_rsvp_read ON meeting_rsvp FOR SELECT
        USING (EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_rsvp.meeting_id AND m.group_id = ANY (app.group_ids())));
      CREATE POLICY meeting_rsvp_self ON meeting_rsvp FOR ALL
        USING (member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id()))
        WITH CHECK (member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id())
                    AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_rsvp.meeting_id
                                                       AND m.group_id = ANY (app.group_ids())));
      CREATE POLICY meeting_rsvp_system ON meeting_rsvp FOR ALL USING (app.is_system()) WITH CHECK (app.is_system());

      ALTER TABLE attendance ENABLE ROW LEVEL SECURITY;
      ALTER TABLE attendance FORCE ROW LEVEL SECURITY;
      CREATE POLICY attendance_admin ON attendance FOR SELECT USING (app.administers(society_id));
      CREATE POLICY attendance_read ON attendance FOR SELECT
        USING (EXISTS (SELECT 1 FROM meeting m WHERE m.id = attendance.meeting_id AND m.group_id = ANY (app.group_ids())));
      -- One turns one's own excused absence into a signature by signing during the meeting.
      CREATE POLICY attendance_sign_over_excuse ON attendance FOR UPDATE
        USING (status = 'EXCUSED' AND member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id()))
        WITH CHECK (status = 'SIGNED' AND method IN ('QR', 'CODE')
                    AND member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id()));
      -- One signs only for oneself…
      CREATE POLICY attendance_sign ON attendance FOR INSERT
        WITH CHECK (status = 'SIGNED' AND method IN ('QR', 'CODE')
                    AND member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id()));
      -- …the relay person records excused absences and, with a reason, corrections.
      CREATE POLICY attendance_relay ON attendance FOR ALL
        USING (EXISTS (SELECT 1 FROM meeting m WHERE m.id = attendance.meeting_id AND m.group_id = ANY (app.relay_group_ids())))
        WITH CHECK (method IN ('EXCUSE', 'CORRECTION')
                    AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = attendance.meeting_id AND m.group_id = ANY (app.relay_group_ids())));

      ALTER TABLE credit_rule ENABLE ROW LEVEL SECURITY;
      ALTER TABLE credit_rule FORCE ROW LEVEL SECURITY;
      CREATE POLICY credit_rule_admin ON credit_rule FOR ALL
        USING (app.administers(society_id)) WITH CHECK (app.administers(society_id));
      CREATE POLICY credit_rule_read ON credit_rule FOR SELECT USING (society_id = ANY (app.society_ids()));

      ALTER TABLE attestation ENABLE ROW LEVEL SECURITY;
      ALTER TABLE attestation FORCE ROW LEVEL SECURITY;
      CREATE POLICY attestation_admin ON attestation FOR SELECT USING (app.administers(society_id));
      CREATE POLICY attestation_issue ON attestation FOR INSERT WITH CHECK (app.administers(society_id));
      -- Only E-Pairs revokes; nobody rewrites what an attestation says.
      CREATE POLICY attestation_revoke ON attestation FOR UPDATE USING (app.sees_all()) WITH CHECK (app.sees_all());
      CREATE POLICY attestation_self ON attestation FOR SELECT
        USING (member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id()));
      -- The public verification page reads by code, in system scope.
      CREATE POLICY attestation_system ON attestation FOR SELECT USING (app.is_system());
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE attestation, credit_rule, attendance, meeting_rsvp, meeting_role, meeting;
      DROP FUNCTION app.check_signature(), app.freeze_attestation();
    `);
  }
}
