import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The binôme's feedback on a validated report or a submitted case (questions and remarks, written
 * by one correspondent, co-signed by the other), the group's response after debating it, and the
 * group's annual self-evaluation.
 *
 * The feedback's text and the group's response are content: the binôme and the group read them
 * (the group once the feedback is sent), nobody else whatever the scope.
 */
export class BinomeFeedback1764400000000 implements MigrationInterface {
  name = 'BinomeFeedback1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE binome_feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        report_id uuid,
        report_edition integer,
        case_id uuid,
        author_user_id uuid NOT NULL REFERENCES user_account (id),
        cosigned_by_user_id uuid REFERENCES user_account (id),
        cosigned_at timestamptz,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SENT', 'DISCUSSED')),
        sent_at timestamptz,
        discussed_at_meeting_id uuid,
        discussed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT binome_feedback_id_group_key UNIQUE (id, society_id, group_id),
        CONSTRAINT binome_feedback_target_check CHECK (num_nonnulls(report_id, case_id) = 1),
        CONSTRAINT binome_feedback_edition_check CHECK ((report_id IS NULL) = (report_edition IS NULL)),
        CONSTRAINT binome_feedback_report_fk FOREIGN KEY (report_id, society_id, group_id)
          REFERENCES meeting_report (id, society_id, group_id),
        CONSTRAINT binome_feedback_case_fk FOREIGN KEY (case_id, society_id, group_id)
          REFERENCES clinical_case (id, society_id, group_id),
        CONSTRAINT binome_feedback_meeting_fk FOREIGN KEY (discussed_at_meeting_id, society_id, group_id)
          REFERENCES meeting (id, society_id, group_id),
        CONSTRAINT binome_feedback_cosign_check CHECK (cosigned_by_user_id IS DISTINCT FROM author_user_id
          AND (cosigned_by_user_id IS NULL) = (cosigned_at IS NULL)),
        CONSTRAINT binome_feedback_sent_check CHECK ((status = 'DRAFT') = (sent_at IS NULL)),
        CONSTRAINT binome_feedback_discussed_check CHECK ((status = 'DISCUSSED') = (discussed_at IS NOT NULL))
      );
      CREATE INDEX binome_feedback_group_idx ON binome_feedback (group_id, created_at);
      CREATE INDEX binome_feedback_report_idx ON binome_feedback (report_id) WHERE report_id IS NOT NULL;
      CREATE INDEX binome_feedback_case_idx ON binome_feedback (case_id) WHERE case_id IS NOT NULL;
      CREATE TRIGGER binome_feedback_touch BEFORE UPDATE ON binome_feedback FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      CREATE TABLE binome_feedback_text (
        feedback_id uuid PRIMARY KEY,
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        questions text[] NOT NULL DEFAULT '{}' CHECK (cardinality(questions) <= 30),
        remarks text NOT NULL DEFAULT '' CHECK (char_length(remarks) <= 10000),
        CONSTRAINT binome_feedback_text_fk FOREIGN KEY (feedback_id, society_id, group_id)
          REFERENCES binome_feedback (id, society_id, group_id) ON DELETE CASCADE
      );

      CREATE TABLE binome_feedback_response (
        feedback_id uuid PRIMARY KEY,
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        response text NOT NULL CHECK (char_length(response) BETWEEN 3 AND 10000),
        written_by_member_id uuid NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT binome_feedback_response_fk FOREIGN KEY (feedback_id, society_id, group_id)
          REFERENCES binome_feedback (id, society_id, group_id) ON DELETE CASCADE,
        CONSTRAINT binome_feedback_response_member_fk FOREIGN KEY (written_by_member_id, society_id) REFERENCES member (id, society_id)
      );

      CREATE TABLE annual_self_evaluation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        year integer NOT NULL CHECK (year BETWEEN 2000 AND 2200),
        answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
        comment text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 5000),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED')),
        updated_by_member_id uuid NOT NULL,
        submitted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT annual_self_evaluation_year_key UNIQUE (group_id, year),
        CONSTRAINT annual_self_evaluation_group_fk FOREIGN KEY (group_id, society_id) REFERENCES peer_group (id, society_id),
        CONSTRAINT annual_self_evaluation_member_fk FOREIGN KEY (updated_by_member_id, society_id) REFERENCES member (id, society_id),
        CONSTRAINT annual_self_evaluation_submitted_check CHECK ((status = 'SUBMITTED') = (submitted_at IS NOT NULL))
      );
      CREATE TRIGGER annual_self_evaluation_touch BEFORE UPDATE ON annual_self_evaluation FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      GRANT SELECT, INSERT, UPDATE ON binome_feedback, binome_feedback_text, annual_self_evaluation TO epairs_app;
      GRANT SELECT, INSERT ON binome_feedback_response TO epairs_app;

      -- Feedback: written on what the binôme may read (a validated edition, a submitted case);
      -- DRAFT → SENT (by the binôme) → DISCUSSED (by the group); the co-signer is the other
      -- correspondent; what was sent no longer changes.
      CREATE FUNCTION app.guard_binome_feedback() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE binome boolean := NEW.group_id = ANY (app.binome_group_ids());
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.status <> 'DRAFT' OR NEW.cosigned_by_user_id IS NOT NULL
             OR (NEW.report_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meeting_report r
                  WHERE r.id = NEW.report_id AND r.validated_edition >= NEW.report_edition))
             OR (NEW.case_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM clinical_case c
                  WHERE c.id = NEW.case_id AND c.status = 'SUBMITTED_TO_BINOME')) THEN
            RAISE EXCEPTION 'feedback starts as a draft on a validated report or a submitted case'
              USING ERRCODE = 'check_violation', CONSTRAINT = 'binome_feedback_target';
          END IF;
          RETURN NEW;
        END IF;
        IF ROW(NEW.society_id, NEW.group_id, NEW.report_id, NEW.report_edition, NEW.case_id, NEW.author_user_id)
           IS DISTINCT FROM ROW(OLD.society_id, OLD.group_id, OLD.report_id, OLD.report_edition, OLD.case_id, OLD.author_user_id) THEN
          RAISE EXCEPTION 'feedback stays with its target and author' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'binome_feedback_fixed';
        END IF;
        -- The other correspondent co-signs a draft; its author's rewrite withdraws the signature.
        IF NEW.cosigned_by_user_id IS DISTINCT FROM OLD.cosigned_by_user_id
           AND NOT (OLD.status = 'DRAFT' AND binome
                    AND ((OLD.cosigned_by_user_id IS NULL AND NEW.cosigned_by_user_id = app.current_user_id())
                         OR (NEW.cosigned_by_user_id IS NULL AND OLD.author_user_id = app.current_user_id()))) THEN
          RAISE EXCEPTION 'the other correspondent co-signs a draft' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'binome_feedback_cosign';
        END IF;
        IF NOT (NEW.status = OLD.status AND (OLD.status = 'DRAFT' AND binome)
                OR (OLD.status = 'DRAFT' AND NEW.status = 'SENT' AND binome)
                OR (OLD.status = 'SENT' AND NEW.status = 'DISCUSSED' AND NEW.group_id = ANY (app.group_ids()))) THEN
          RAISE EXCEPTION 'feedback moves DRAFT → SENT (binôme) → DISCUSSED (group)'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'binome_feedback_transition';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER binome_feedback_guard BEFORE INSERT OR UPDATE ON binome_feedback
        FOR EACH ROW EXECUTE FUNCTION app.guard_binome_feedback();

      CREATE FUNCTION app.guard_self_evaluation() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF OLD.status = 'SUBMITTED' OR NEW.group_id <> OLD.group_id OR NEW.year <> OLD.year THEN
          RAISE EXCEPTION 'a submitted self-evaluation is kept as it was' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'annual_self_evaluation_frozen';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER annual_self_evaluation_guard BEFORE UPDATE ON annual_self_evaluation
        FOR EACH ROW EXECUTE FUNCTION app.guard_self_evaluation();

      -- A binôme often comes from another society than the group it accompanies: what it does
      -- for that group is recorded in the group's society.
      CREATE FUNCTION app.binome_society_ids() RETURNS uuid[] LANGUAGE sql STABLE
        AS $f$ SELECT coalesce(array_agg(DISTINCT society_id), '{}') FROM peer_group
                WHERE id = ANY (app.binome_group_ids()) $f$;
      GRANT EXECUTE ON FUNCTION app.binome_society_ids() TO epairs_app;
      ALTER POLICY audit_event_append ON audit_event
        WITH CHECK ((SELECT app.scope()) <> 'none'
                    AND (actor_user_id IS NULL OR actor_user_id = (SELECT app.current_user_id())
                         OR (SELECT app.is_system()))
                    AND (society_id IS NULL OR (SELECT app.sees_all())
                         OR society_id = ANY ((SELECT app.society_ids())::uuid[])
                         OR society_id = ANY ((SELECT app.binome_society_ids())::uuid[])));

      ALTER TABLE binome_feedback ENABLE ROW LEVEL SECURITY;
      ALTER TABLE binome_feedback FORCE ROW LEVEL SECURITY;
      CREATE POLICY binome_feedback_admin ON binome_feedback FOR SELECT USING (app.administers(society_id));
      CREATE POLICY binome_feedback_binome ON binome_feedback FOR SELECT USING (group_id = ANY (app.binome_group_ids()));
      CREATE POLICY binome_feedback_group ON binome_feedback FOR SELECT
        USING (group_id = ANY (app.group_ids()) AND status <> 'DRAFT');
      CREATE POLICY binome_feedback_insert ON binome_feedback FOR INSERT
        WITH CHECK (group_id = ANY (app.binome_group_ids()) AND author_user_id = app.current_user_id());
      CREATE POLICY binome_feedback_update ON binome_feedback FOR UPDATE
        USING (group_id = ANY (app.binome_group_ids()) OR (group_id = ANY (app.group_ids()) AND status <> 'DRAFT'))
        WITH CHECK (group_id = ANY (app.binome_group_ids()) OR group_id = ANY (app.group_ids()));

      -- Content: the binôme; the group once sent. No administrator scope, no system work.
      ALTER TABLE binome_feedback_text ENABLE ROW LEVEL SECURITY;
      ALTER TABLE binome_feedback_text FORCE ROW LEVEL SECURITY;
      CREATE POLICY binome_feedback_text_binome ON binome_feedback_text FOR SELECT
        USING (group_id = ANY (app.binome_group_ids()));
      CREATE POLICY binome_feedback_text_group ON binome_feedback_text FOR SELECT
        USING (group_id = ANY (app.group_ids()) AND EXISTS (
          SELECT 1 FROM binome_feedback f WHERE f.id = feedback_id AND f.status <> 'DRAFT'));
      CREATE POLICY binome_feedback_text_insert ON binome_feedback_text FOR INSERT
        WITH CHECK (group_id = ANY (app.binome_group_ids()) AND EXISTS (
          SELECT 1 FROM binome_feedback f WHERE f.id = feedback_id AND f.status = 'DRAFT'));
      -- Its author rewrites a draft (which withdraws a co-signature, in the same request).
      CREATE POLICY binome_feedback_text_update ON binome_feedback_text FOR UPDATE
        USING (group_id = ANY (app.binome_group_ids()) AND EXISTS (
          SELECT 1 FROM binome_feedback f WHERE f.id = feedback_id AND f.status = 'DRAFT'
             AND f.author_user_id = app.current_user_id() AND f.cosigned_by_user_id IS NULL))
        WITH CHECK (group_id = ANY (app.binome_group_ids()));

      ALTER TABLE binome_feedback_response ENABLE ROW LEVEL SECURITY;
      ALTER TABLE binome_feedback_response FORCE ROW LEVEL SECURITY;
      CREATE POLICY binome_feedback_response_read ON binome_feedback_response FOR SELECT
        USING (group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));
      CREATE POLICY binome_feedback_response_insert ON binome_feedback_response FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids()) AND app.is_author(written_by_member_id) AND EXISTS (
          SELECT 1 FROM binome_feedback f WHERE f.id = feedback_id AND f.status = 'SENT'));

      ALTER TABLE annual_self_evaluation ENABLE ROW LEVEL SECURITY;
      ALTER TABLE annual_self_evaluation FORCE ROW LEVEL SECURITY;
      CREATE POLICY annual_self_evaluation_read ON annual_self_evaluation FOR SELECT
        USING (app.administers(society_id) OR group_id = ANY (app.group_ids()));
      CREATE POLICY annual_self_evaluation_insert ON annual_self_evaluation FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids()) AND app.is_author(updated_by_member_id));
      CREATE POLICY annual_self_evaluation_update ON annual_self_evaluation FOR UPDATE
        USING (group_id = ANY (app.group_ids())) WITH CHECK (group_id = ANY (app.group_ids()));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE annual_self_evaluation, binome_feedback_response, binome_feedback_text, binome_feedback;
      DROP FUNCTION app.guard_binome_feedback(), app.guard_self_evaluation();
      ALTER POLICY audit_event_append ON audit_event
        WITH CHECK ((SELECT app.scope()) <> 'none'
                    AND (actor_user_id IS NULL OR actor_user_id = (SELECT app.current_user_id())
                         OR (SELECT app.is_system()))
                    AND (society_id IS NULL OR (SELECT app.sees_all())
                         OR society_id = ANY ((SELECT app.society_ids())::uuid[])));
      DROP FUNCTION app.binome_society_ids();
    `);
  }
}
