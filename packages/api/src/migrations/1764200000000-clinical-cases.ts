import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clinical cases: metadata (author, group, origin, kind, status, where presented) apart from the
 * text (the structured sections). The text is health-related content under medical secret: the
 * group reads it, its binôme once the case is submitted, nobody else whatever the scope; only the
 * author writes it, and only while it is a draft.
 */
export class ClinicalCases1764200000000 implements MigrationInterface {
  name = 'ClinicalCases1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE clinical_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        author_member_id uuid NOT NULL,
        origin text NOT NULL CHECK (origin IN ('GROUP', 'QMCP')),
        situation_kind text NOT NULL
          CHECK (situation_kind IN ('MEDICAL_EXAMINATION', 'WORKPLACE_STUDY', 'OTHER_THIRD_TIME')),
        status text NOT NULL DEFAULT 'DRAFT'
          CHECK (status IN ('DRAFT', 'PRESENTED', 'SUBMITTED_TO_BINOME')),
        presented_at_meeting_id uuid,
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT clinical_case_id_group_key UNIQUE (id, society_id, group_id),
        CONSTRAINT clinical_case_group_fk FOREIGN KEY (group_id, society_id) REFERENCES peer_group (id, society_id),
        CONSTRAINT clinical_case_author_fk FOREIGN KEY (author_member_id, society_id) REFERENCES member (id, society_id),
        CONSTRAINT clinical_case_meeting_fk FOREIGN KEY (presented_at_meeting_id, society_id) REFERENCES meeting (id, society_id),
        CONSTRAINT clinical_case_presented_check CHECK ((status = 'DRAFT') = (presented_at_meeting_id IS NULL)),
        CONSTRAINT clinical_case_submitted_check CHECK ((status = 'SUBMITTED_TO_BINOME') = (submitted_at IS NOT NULL))
      );
      -- groupClinicalCases: a group's cases, newest first.
      CREATE INDEX clinical_case_group_idx ON clinical_case (group_id, created_at DESC);
      CREATE INDEX clinical_case_author_idx ON clinical_case (author_member_id, created_at);
      CREATE INDEX clinical_case_meeting_idx ON clinical_case (presented_at_meeting_id) WHERE presented_at_meeting_id IS NOT NULL;
      CREATE TRIGGER clinical_case_touch BEFORE UPDATE ON clinical_case FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      CREATE TABLE clinical_case_text (
        case_id uuid PRIMARY KEY,
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        title text NOT NULL CHECK (char_length(title) BETWEEN 3 AND 200),
        work_situation text NOT NULL DEFAULT '' CHECK (char_length(work_situation) <= 20000),
        clinical_diagnosis text NOT NULL DEFAULT '' CHECK (char_length(clinical_diagnosis) <= 20000),
        exposures text NOT NULL DEFAULT '' CHECK (char_length(exposures) <= 20000),
        health_work_link text NOT NULL DEFAULT '' CHECK (char_length(health_work_link) <= 20000),
        link_strength text CHECK (link_strength IN ('STRONG', 'MODERATE', 'WEAK', 'NONE')),
        information_and_alert text NOT NULL DEFAULT '' CHECK (char_length(information_and_alert) <= 20000),
        questions_raised text NOT NULL DEFAULT '' CHECK (char_length(questions_raised) <= 20000),
        -- The text belongs to its case's group, whoever writes it.
        CONSTRAINT clinical_case_text_case_fk FOREIGN KEY (case_id, society_id, group_id)
          REFERENCES clinical_case (id, society_id, group_id) ON DELETE CASCADE
      );

      GRANT SELECT, INSERT, UPDATE ON clinical_case, clinical_case_text TO epairs_app;

      -- The author, as the database knows it: the member row of the signed-in account.
      CREATE FUNCTION app.is_author(author uuid) RETURNS boolean LANGUAGE sql STABLE
        AS $f$ SELECT EXISTS (SELECT 1 FROM member WHERE id = author AND user_id = app.current_user_id()) $f$;
      GRANT EXECUTE ON FUNCTION app.is_author(uuid) TO epairs_app;

      -- A case stays with its group and author; it only moves forward (DRAFT → PRESENTED →
      -- SUBMITTED_TO_BINOME), is presented at a meeting of its own group that has begun and was
      -- not cancelled, and what was presented no longer changes. For every writer, owner included.
      CREATE FUNCTION app.guard_clinical_case() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.society_id <> OLD.society_id OR NEW.group_id <> OLD.group_id
             OR NEW.author_member_id <> OLD.author_member_id THEN
            RAISE EXCEPTION 'a case stays with its group and author' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'clinical_case_fixed';
          END IF;
          IF NOT (NEW.status = OLD.status
                  OR (OLD.status = 'DRAFT' AND NEW.status = 'PRESENTED')
                  OR (OLD.status = 'PRESENTED' AND NEW.status = 'SUBMITTED_TO_BINOME')) THEN
            RAISE EXCEPTION 'a case only moves forward' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'clinical_case_transition';
          END IF;
          IF OLD.status <> 'DRAFT' AND (NEW.origin <> OLD.origin
             OR NEW.situation_kind <> OLD.situation_kind
             OR NEW.presented_at_meeting_id IS DISTINCT FROM OLD.presented_at_meeting_id
             OR (OLD.status = 'SUBMITTED_TO_BINOME' AND NEW.submitted_at IS DISTINCT FROM OLD.submitted_at)) THEN
            RAISE EXCEPTION 'a presented case is frozen' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'clinical_case_frozen';
          END IF;
        END IF;
        IF NEW.presented_at_meeting_id IS NOT NULL
           AND (TG_OP = 'INSERT' OR NEW.presented_at_meeting_id IS DISTINCT FROM OLD.presented_at_meeting_id)
           AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.id = NEW.presented_at_meeting_id
                             AND m.group_id = NEW.group_id AND m.status <> 'CANCELLED'
                             AND m.starts_at <= now()) THEN
          RAISE EXCEPTION 'a case is presented at a meeting of its group that has begun'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'clinical_case_meeting';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER clinical_case_guard BEFORE INSERT OR UPDATE ON clinical_case
        FOR EACH ROW EXECUTE FUNCTION app.guard_clinical_case();

      ALTER TABLE clinical_case ENABLE ROW LEVEL SECURITY;
      ALTER TABLE clinical_case FORCE ROW LEVEL SECURITY;
      CREATE POLICY clinical_case_admin ON clinical_case FOR SELECT USING (app.administers(society_id));
      CREATE POLICY clinical_case_group ON clinical_case FOR SELECT USING (group_id = ANY (app.group_ids()));
      CREATE POLICY clinical_case_binome ON clinical_case FOR SELECT
        USING (group_id = ANY (app.binome_group_ids()) AND status = 'SUBMITTED_TO_BINOME');
      CREATE POLICY clinical_case_author_insert ON clinical_case FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids()) AND status = 'DRAFT' AND app.is_author(author_member_id));
      CREATE POLICY clinical_case_author_update ON clinical_case FOR UPDATE
        USING (group_id = ANY (app.group_ids()) AND app.is_author(author_member_id))
        WITH CHECK (group_id = ANY (app.group_ids()) AND app.is_author(author_member_id));

      -- Content: the group and, once submitted, its binôme; nobody else, whatever the scope.
      ALTER TABLE clinical_case_text ENABLE ROW LEVEL SECURITY;
      ALTER TABLE clinical_case_text FORCE ROW LEVEL SECURITY;
      CREATE POLICY clinical_case_text_group ON clinical_case_text FOR SELECT
        USING (group_id = ANY (app.group_ids()));
      CREATE POLICY clinical_case_text_binome ON clinical_case_text FOR SELECT
        USING (group_id = ANY (app.binome_group_ids()) AND EXISTS (
          SELECT 1 FROM clinical_case c WHERE c.id = case_id AND c.status = 'SUBMITTED_TO_BINOME'));
      -- Written by the author alone, and only while the case is a draft.
      CREATE POLICY clinical_case_text_author_insert ON clinical_case_text FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids()) AND EXISTS (
          SELECT 1 FROM clinical_case c
           WHERE c.id = case_id AND c.status = 'DRAFT' AND app.is_author(c.author_member_id)));
      CREATE POLICY clinical_case_text_author_update ON clinical_case_text FOR UPDATE
        USING (group_id = ANY (app.group_ids()) AND EXISTS (
          SELECT 1 FROM clinical_case c
           WHERE c.id = case_id AND c.status = 'DRAFT' AND app.is_author(c.author_member_id)))
        WITH CHECK (group_id = ANY (app.group_ids()));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE clinical_case_text, clinical_case;
      DROP FUNCTION app.is_author(uuid);
      DROP FUNCTION app.guard_clinical_case();
    `);
  }
}
