import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the group writes after a meeting: the report (compte-rendu) with its editions and every
 * saved revision, the attendees' approvals, the references it reuses, the improvement actions it
 * proposes; and, for cases, their themes, draw mode and every meeting where they were presented.
 *
 * The report's text is content under medical secret: the group reads it, its binôme once an
 * edition is validated, nobody else whatever the scope. Text rows are never rewritten: each save
 * is a new revision, so a validated edition stays as it was when a later one is written.
 */
export class MeetingReports1764300000000 implements MigrationInterface {
  name = 'MeetingReports1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- How a group validates its reports: every attendee (default) or a majority of them.
      ALTER TABLE peer_group ADD COLUMN report_validation_rule text NOT NULL DEFAULT 'ALL'
        CHECK (report_validation_rule IN ('ALL', 'MAJORITY'));
      ALTER TABLE meeting ADD CONSTRAINT meeting_id_group_key UNIQUE (id, society_id, group_id);

      -- Cases: themes, draw mode and every meeting where a case was presented (the first one is
      -- presented_at_meeting_id; a case may be resumed at a later meeting).
      ALTER TABLE clinical_case ADD COLUMN draw_mode text CHECK (draw_mode IN ('RANDOM', 'THEMATIC'));
      CREATE TABLE clinical_case_theme (
        case_id uuid NOT NULL,
        theme_id uuid NOT NULL REFERENCES theme (id),
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        PRIMARY KEY (case_id, theme_id),
        CONSTRAINT clinical_case_theme_case_fk FOREIGN KEY (case_id, society_id, group_id)
          REFERENCES clinical_case (id, society_id, group_id) ON DELETE CASCADE
      );
      CREATE INDEX clinical_case_theme_theme_idx ON clinical_case_theme (theme_id);
      CREATE TABLE clinical_case_presentation (
        case_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        presented_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, meeting_id),
        CONSTRAINT clinical_case_presentation_case_fk FOREIGN KEY (case_id, society_id, group_id)
          REFERENCES clinical_case (id, society_id, group_id) ON DELETE CASCADE,
        CONSTRAINT clinical_case_presentation_meeting_fk FOREIGN KEY (meeting_id, society_id, group_id)
          REFERENCES meeting (id, society_id, group_id)
      );
      CREATE INDEX clinical_case_presentation_meeting_idx ON clinical_case_presentation (meeting_id);

      CREATE TABLE meeting_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        meeting_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT'
          CHECK (status IN ('DRAFT', 'SUBMITTED_FOR_REVIEW', 'VALIDATED')),
        edition integer NOT NULL DEFAULT 1 CHECK (edition >= 1),
        drafted_by_member_id uuid NOT NULL,
        last_written_by_member_id uuid NOT NULL,
        -- The version of the latest revision of the text: approvals count for it only.
        text_version integer NOT NULL DEFAULT 1,
        validation_rule text NOT NULL DEFAULT 'ALL' CHECK (validation_rule IN ('ALL', 'MAJORITY')),
        -- The attendance list as the signed sheet gave it when the report was submitted
        -- ([{ memberId, name }]): the binôme reads it with the report, not the sheet or profiles.
        attendance_list jsonb CHECK (attendance_list IS NULL OR jsonb_typeof(attendance_list) = 'array'),
        submitted_at timestamptz,
        validated_at timestamptz,
        -- The latest validated edition (what the binôme reads) and when the first one was.
        validated_edition integer CHECK (validated_edition <= edition),
        first_validated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT meeting_report_meeting_key UNIQUE (meeting_id),
        CONSTRAINT meeting_report_id_group_key UNIQUE (id, society_id, group_id),
        CONSTRAINT meeting_report_meeting_fk FOREIGN KEY (meeting_id, society_id, group_id)
          REFERENCES meeting (id, society_id, group_id),
        CONSTRAINT meeting_report_drafter_fk FOREIGN KEY (drafted_by_member_id, society_id) REFERENCES member (id, society_id),
        CONSTRAINT meeting_report_writer_fk FOREIGN KEY (last_written_by_member_id, society_id) REFERENCES member (id, society_id),
        CONSTRAINT meeting_report_validated_check CHECK ((status = 'VALIDATED') = (validated_at IS NOT NULL)),
        CONSTRAINT meeting_report_submitted_check CHECK (status = 'DRAFT' OR submitted_at IS NOT NULL)
      );
      CREATE INDEX meeting_report_group_idx ON meeting_report (group_id, created_at DESC);
      -- The binôme's queue: validated reports of its groups, oldest first.
      CREATE INDEX meeting_report_validated_idx ON meeting_report (group_id, first_validated_at)
        WHERE validated_edition IS NOT NULL;
      CREATE TRIGGER meeting_report_touch BEFORE UPDATE ON meeting_report FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      CREATE TABLE meeting_report_text (
        report_id uuid NOT NULL,
        version integer NOT NULL,
        edition integer NOT NULL,
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        written_by_member_id uuid NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        cases_discussed text NOT NULL DEFAULT '' CHECK (char_length(cases_discussed) <= 20000),
        problems_identified text NOT NULL DEFAULT '' CHECK (char_length(problems_identified) <= 20000),
        group_answers text NOT NULL DEFAULT '' CHECK (char_length(group_answers) <= 20000),
        agreement_points text NOT NULL DEFAULT '' CHECK (char_length(agreement_points) <= 20000),
        disagreement_points text NOT NULL DEFAULT '' CHECK (char_length(disagreement_points) <= 20000),
        validated boolean NOT NULL DEFAULT false,
        validated_at timestamptz,
        CONSTRAINT meeting_report_text_validated_check CHECK (validated = (validated_at IS NOT NULL)),
        PRIMARY KEY (report_id, version),
        CONSTRAINT meeting_report_text_report_fk FOREIGN KEY (report_id, society_id, group_id)
          REFERENCES meeting_report (id, society_id, group_id) ON DELETE CASCADE,
        CONSTRAINT meeting_report_text_writer_fk FOREIGN KEY (written_by_member_id, society_id) REFERENCES member (id, society_id)
      );
      CREATE INDEX meeting_report_text_validated_idx ON meeting_report_text (report_id, edition) WHERE validated;

      CREATE TABLE meeting_report_approval (
        report_id uuid NOT NULL,
        text_version integer NOT NULL,
        member_id uuid NOT NULL,
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        approved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, text_version, member_id),
        CONSTRAINT meeting_report_approval_text_fk FOREIGN KEY (report_id, text_version)
          REFERENCES meeting_report_text (report_id, version) ON DELETE CASCADE,
        CONSTRAINT meeting_report_approval_report_fk FOREIGN KEY (report_id, society_id, group_id)
          REFERENCES meeting_report (id, society_id, group_id) ON DELETE CASCADE,
        CONSTRAINT meeting_report_approval_member_fk FOREIGN KEY (member_id, society_id) REFERENCES member (id, society_id)
      );

      CREATE TABLE reference (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('SCIENTIFIC', 'REGULATORY', 'PRACTICE_GUIDELINE')),
        citation text NOT NULL CHECK (char_length(citation) BETWEEN 3 AND 1000),
        year integer CHECK (year BETWEEN 1800 AND 2200),
        url text CHECK (url ~ '^https?://\\S+$' AND char_length(url) <= 2000),
        doi text CHECK (doi ~ '^10\\.[0-9]{4,9}/\\S+$' AND char_length(doi) <= 300),
        added_by_member_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT reference_id_group_key UNIQUE (id, society_id, group_id),
        CONSTRAINT reference_group_fk FOREIGN KEY (group_id, society_id) REFERENCES peer_group (id, society_id),
        CONSTRAINT reference_member_fk FOREIGN KEY (added_by_member_id, society_id) REFERENCES member (id, society_id)
      );
      -- A group's library: reused, not typed twice.
      CREATE UNIQUE INDEX reference_group_doi_key ON reference (group_id, lower(doi)) WHERE doi IS NOT NULL;
      CREATE INDEX reference_group_idx ON reference (group_id, created_at);
      CREATE TRIGGER reference_touch BEFORE UPDATE ON reference FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      CREATE TABLE reference_link (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference_id uuid NOT NULL,
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        case_id uuid,
        report_id uuid,
        question_id uuid,
        linked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT reference_link_target_check CHECK (num_nonnulls(case_id, report_id, question_id) = 1),
        CONSTRAINT reference_link_reference_fk FOREIGN KEY (reference_id, society_id, group_id)
          REFERENCES reference (id, society_id, group_id) ON DELETE CASCADE,
        CONSTRAINT reference_link_case_fk FOREIGN KEY (case_id, society_id, group_id)
          REFERENCES clinical_case (id, society_id, group_id) ON DELETE CASCADE,
        CONSTRAINT reference_link_report_fk FOREIGN KEY (report_id, society_id, group_id)
          REFERENCES meeting_report (id, society_id, group_id) ON DELETE CASCADE,
        CONSTRAINT reference_link_question_fk FOREIGN KEY (question_id, society_id, group_id)
          REFERENCES open_question (id, society_id, group_id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX reference_link_case_key ON reference_link (case_id, reference_id) WHERE case_id IS NOT NULL;
      CREATE UNIQUE INDEX reference_link_report_key ON reference_link (report_id, reference_id) WHERE report_id IS NOT NULL;
      CREATE UNIQUE INDEX reference_link_question_key ON reference_link (question_id, reference_id) WHERE question_id IS NOT NULL;
      CREATE INDEX reference_link_reference_idx ON reference_link (reference_id);

      CREATE TABLE improvement_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        report_id uuid NOT NULL,
        description text NOT NULL CHECK (char_length(description) BETWEEN 3 AND 2000),
        owner_member_id uuid,
        follow_up text NOT NULL DEFAULT '' CHECK (char_length(follow_up) <= 2000),
        due_on date,
        status text NOT NULL DEFAULT 'PROPOSED'
          CHECK (status IN ('PROPOSED', 'IN_PROGRESS', 'DONE', 'ABANDONED')),
        indicator_label text CHECK (char_length(indicator_label) BETWEEN 2 AND 200),
        indicator_unit text CHECK (char_length(indicator_unit) <= 40),
        created_by_member_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT improvement_action_id_group_key UNIQUE (id, society_id, group_id),
        CONSTRAINT improvement_action_report_fk FOREIGN KEY (report_id, society_id, group_id)
          REFERENCES meeting_report (id, society_id, group_id),
        CONSTRAINT improvement_action_owner_fk FOREIGN KEY (owner_member_id, society_id) REFERENCES member (id, society_id),
        CONSTRAINT improvement_action_creator_fk FOREIGN KEY (created_by_member_id, society_id) REFERENCES member (id, society_id)
      );
      CREATE INDEX improvement_action_group_idx ON improvement_action (group_id, created_at);
      CREATE INDEX improvement_action_report_idx ON improvement_action (report_id);
      CREATE TRIGGER improvement_action_touch BEFORE UPDATE ON improvement_action FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      CREATE TABLE improvement_indicator_value (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action_id uuid NOT NULL,
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        measured_on date NOT NULL,
        value numeric(14, 4) NOT NULL,
        recorded_by_member_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT improvement_indicator_value_day_key UNIQUE (action_id, measured_on),
        CONSTRAINT improvement_indicator_value_action_fk FOREIGN KEY (action_id, society_id, group_id)
          REFERENCES improvement_action (id, society_id, group_id) ON DELETE CASCADE,
        CONSTRAINT improvement_indicator_value_member_fk FOREIGN KEY (recorded_by_member_id, society_id) REFERENCES member (id, society_id)
      );

      GRANT SELECT, INSERT ON clinical_case_presentation, meeting_report_approval, improvement_indicator_value TO epairs_app;
      GRANT SELECT, INSERT, DELETE ON clinical_case_theme, reference_link TO epairs_app;
      GRANT SELECT, INSERT, UPDATE ON meeting_report, meeting_report_text, reference, improvement_action TO epairs_app;

      -- The signed-in person is on the report's attendance list (taken from the signed sheet when
      -- it was submitted): those amend and approve it, whatever corrections follow.
      CREATE FUNCTION app.on_attendance_list(report uuid) RETURNS boolean LANGUAGE sql STABLE
        AS $f$ SELECT EXISTS (SELECT 1 FROM meeting_report r
                                JOIN member m ON m.user_id = app.current_user_id()
                               WHERE r.id = report
                                 AND r.attendance_list @> jsonb_build_array(jsonb_build_object('memberId', m.id::text))) $f$;
      -- Who may write the report's text now: its drafter while a draft; those on its attendance
      -- list while it is under review; nobody once validated.
      CREATE FUNCTION app.may_write_report(report uuid) RETURNS boolean LANGUAGE sql STABLE
        AS $f$ SELECT EXISTS (SELECT 1 FROM meeting_report r
                               WHERE r.id = report AND r.group_id = ANY (app.group_ids())
                                 AND ((r.status = 'DRAFT' AND app.is_author(r.drafted_by_member_id))
                                      OR (r.status = 'SUBMITTED_FOR_REVIEW' AND app.on_attendance_list(r.id)))) $f$;
      -- The signed-in person signed the meeting's sheet.
      CREATE FUNCTION app.attended(meeting uuid) RETURNS boolean LANGUAGE sql STABLE
        AS $f$ SELECT EXISTS (SELECT 1 FROM attendance a JOIN member m ON m.id = a.member_id
                               WHERE a.meeting_id = meeting AND a.status = 'SIGNED'
                                 AND m.user_id = app.current_user_id()) $f$;
      GRANT EXECUTE ON FUNCTION app.attended(uuid), app.on_attendance_list(uuid), app.may_write_report(uuid) TO epairs_app;

      -- A report stays with its meeting; it moves DRAFT → SUBMITTED_FOR_REVIEW → VALIDATED, and a
      -- validated report changes only by opening a new edition (back to DRAFT, edition + 1). Who
      -- may move it is checked for the person acting (app.user_id): its drafter submits it, with
      -- the attendance list; it is validated only when the approvals of the current revision
      -- meet the rule; an attendee or the relay person opens a new edition, as its drafter.
      CREATE FUNCTION app.guard_meeting_report() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE
        acting boolean := app.current_user_id() IS NOT NULL;
        listed int;
        approved int;
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW.status <> 'DRAFT' OR NEW.edition <> 1 OR NEW.attendance_list IS NOT NULL OR NOT EXISTS (
               SELECT 1 FROM meeting m WHERE m.id = NEW.meeting_id AND m.status <> 'CANCELLED'
                  AND m.starts_at <= now()) THEN
            RAISE EXCEPTION 'a report starts as a draft of a meeting that has begun'
              USING ERRCODE = 'check_violation', CONSTRAINT = 'meeting_report_meeting';
          END IF;
          RETURN NEW;
        END IF;
        IF NEW.society_id <> OLD.society_id OR NEW.group_id <> OLD.group_id OR NEW.meeting_id <> OLD.meeting_id
           OR NEW.validation_rule <> OLD.validation_rule AND OLD.status <> 'DRAFT' THEN
          RAISE EXCEPTION 'a report stays with its meeting' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'meeting_report_fixed';
        END IF;
        IF NOT (NEW.status = OLD.status AND NEW.edition = OLD.edition AND OLD.status <> 'VALIDATED'
                OR (OLD.status = 'DRAFT' AND NEW.status = 'SUBMITTED_FOR_REVIEW' AND NEW.edition = OLD.edition)
                OR (OLD.status = 'SUBMITTED_FOR_REVIEW' AND NEW.status = 'VALIDATED' AND NEW.edition = OLD.edition
                    AND NEW.validated_edition = NEW.edition)
                OR (OLD.status = 'VALIDATED' AND NEW.status = 'DRAFT' AND NEW.edition = OLD.edition + 1)) THEN
          RAISE EXCEPTION 'a validated report is frozen; a report moves forward only'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'meeting_report_transition';
        END IF;
        IF NEW.validated_edition IS DISTINCT FROM OLD.validated_edition AND NEW.status <> 'VALIDATED'
           OR NEW.first_validated_at IS DISTINCT FROM OLD.first_validated_at AND OLD.first_validated_at IS NOT NULL THEN
          RAISE EXCEPTION 'validated editions stay validated' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'meeting_report_transition';
        END IF;
        -- The drafter changes only with a new edition; the attendance list only at submission.
        IF NEW.drafted_by_member_id <> OLD.drafted_by_member_id AND NOT (OLD.status = 'VALIDATED' AND NEW.status = 'DRAFT')
           OR NEW.attendance_list IS DISTINCT FROM OLD.attendance_list
              AND NOT (OLD.status = 'DRAFT' AND NEW.status = 'SUBMITTED_FOR_REVIEW' AND NEW.attendance_list IS NOT NULL) THEN
          RAISE EXCEPTION 'a report keeps its drafter and its attendance list' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'meeting_report_fixed';
        END IF;
        IF OLD.status = 'DRAFT' AND NEW.status = 'SUBMITTED_FOR_REVIEW' AND acting
           AND NOT app.is_author(OLD.drafted_by_member_id) THEN
          RAISE EXCEPTION 'its drafter submits a report' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'meeting_report_who';
        END IF;
        IF OLD.status = 'VALIDATED' AND NEW.status = 'DRAFT' AND acting
           AND NOT (app.is_author(NEW.drafted_by_member_id)
                    AND (app.on_attendance_list(OLD.id) OR OLD.group_id = ANY (app.relay_group_ids()))) THEN
          RAISE EXCEPTION 'an attendee or the relay person opens a new edition, as its drafter'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'meeting_report_who';
        END IF;
        IF OLD.status = 'SUBMITTED_FOR_REVIEW' AND NEW.status = 'VALIDATED' THEN
          SELECT count(*) INTO listed FROM jsonb_array_elements(OLD.attendance_list);
          SELECT count(DISTINCT a.member_id) INTO approved FROM meeting_report_approval a
           WHERE a.report_id = OLD.id AND a.text_version = OLD.text_version
             AND OLD.attendance_list @> jsonb_build_array(jsonb_build_object('memberId', a.member_id::text));
          IF listed = 0 OR (OLD.validation_rule = 'ALL' AND approved < listed)
             OR (OLD.validation_rule = 'MAJORITY' AND approved * 2 <= listed) THEN
            RAISE EXCEPTION 'a report is validated when its approvals meet the group''s rule'
              USING ERRCODE = 'check_violation', CONSTRAINT = 'meeting_report_rule';
          END IF;
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER meeting_report_guard BEFORE INSERT OR UPDATE ON meeting_report
        FOR EACH ROW EXECUTE FUNCTION app.guard_meeting_report();

      -- A revision is written at the report's current version and edition, and never rewritten:
      -- the one change allowed is marking the last revision of an edition as validated.
      CREATE FUNCTION app.guard_meeting_report_text() RETURNS trigger LANGUAGE plpgsql AS $f$
      DECLARE r meeting_report;
      BEGIN
        SELECT * INTO r FROM meeting_report WHERE id = NEW.report_id;
        IF TG_OP = 'INSERT' THEN
          IF NEW.version <> r.version OR r.text_version <> r.version OR NEW.edition <> r.edition OR NEW.validated OR r.status = 'VALIDATED' THEN
            RAISE EXCEPTION 'a revision is written at the current version of a report being written'
              USING ERRCODE = 'check_violation', CONSTRAINT = 'meeting_report_text_revision';
          END IF;
          RETURN NEW;
        END IF;
        IF ROW(NEW.report_id, NEW.version, NEW.edition, NEW.society_id, NEW.group_id, NEW.written_by_member_id,
               NEW.written_at, NEW.cases_discussed, NEW.problems_identified, NEW.group_answers,
               NEW.agreement_points, NEW.disagreement_points)
           IS DISTINCT FROM
           ROW(OLD.report_id, OLD.version, OLD.edition, OLD.society_id, OLD.group_id, OLD.written_by_member_id,
               OLD.written_at, OLD.cases_discussed, OLD.problems_identified, OLD.group_answers,
               OLD.agreement_points, OLD.disagreement_points)
           OR OLD.validated OR NOT NEW.validated
           OR r.status <> 'VALIDATED' OR NEW.edition <> r.edition
           OR EXISTS (SELECT 1 FROM meeting_report_text t WHERE t.report_id = NEW.report_id AND t.version > NEW.version) THEN
          RAISE EXCEPTION 'a revision is never rewritten' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'meeting_report_text_revision';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER meeting_report_text_guard BEFORE INSERT OR UPDATE ON meeting_report_text
        FOR EACH ROW EXECUTE FUNCTION app.guard_meeting_report_text();

      -- An approval is of the latest revision of a report under review.
      CREATE FUNCTION app.guard_meeting_report_approval() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM meeting_report r WHERE r.id = NEW.report_id
                          AND r.status = 'SUBMITTED_FOR_REVIEW' AND r.text_version = NEW.text_version) THEN
          RAISE EXCEPTION 'an approval is of the latest text of a report under review'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'meeting_report_approval_current';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER meeting_report_approval_guard BEFORE INSERT ON meeting_report_approval
        FOR EACH ROW EXECUTE FUNCTION app.guard_meeting_report_approval();

      -- A reference cited by a validated report or a presented case keeps what was cited (a
      -- correction is a new reference); an action stays with its report and author.
      CREATE FUNCTION app.guard_reference() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF NEW.group_id <> OLD.group_id OR NEW.added_by_member_id <> OLD.added_by_member_id
           OR EXISTS (SELECT 1 FROM reference_link l
                        LEFT JOIN meeting_report r ON r.id = l.report_id
                        LEFT JOIN clinical_case c ON c.id = l.case_id
                       WHERE l.reference_id = OLD.id
                         AND (r.validated_edition IS NOT NULL OR c.status <> 'DRAFT')) THEN
          RAISE EXCEPTION 'a reference cited by frozen work keeps its citation'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'reference_frozen';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER reference_guard BEFORE UPDATE ON reference FOR EACH ROW EXECUTE FUNCTION app.guard_reference();
      CREATE FUNCTION app.guard_improvement_action() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF NEW.report_id <> OLD.report_id OR NEW.group_id <> OLD.group_id
           OR NEW.created_by_member_id <> OLD.created_by_member_id THEN
          RAISE EXCEPTION 'an action stays with its report' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'improvement_action_fixed';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER improvement_action_guard BEFORE UPDATE ON improvement_action
        FOR EACH ROW EXECUTE FUNCTION app.guard_improvement_action();

      -- Fellow members of one's groups, former ones included (the year's summary names them).
      -- Written as a set computed once per statement from the groups in the settings (an index
      -- scan), not a subquery per member row: the benchmark found the old form reading every
      -- membership for each query touching member (docs/benchmarks.md).
      CREATE INDEX group_membership_group_idx ON group_membership (group_id, member_id);
      DROP POLICY member_fellow ON member;
      CREATE POLICY member_fellow ON member FOR SELECT
        USING (id IN (SELECT gm.member_id FROM group_membership gm
                       WHERE gm.group_id = ANY ((SELECT app.group_ids())::uuid[]))
               OR ((SELECT app.is_directory())
                   AND id IN (SELECT gm.member_id FROM group_membership gm
                               WHERE gm.role = 'RELAY' AND gm.left_on IS NULL)));

      -- Cases: a theme or a link is changed by the author while the case is a draft.
      CREATE FUNCTION app.may_write_case(c uuid) RETURNS boolean LANGUAGE sql STABLE
        AS $f$ SELECT EXISTS (SELECT 1 FROM clinical_case k WHERE k.id = c AND k.status = 'DRAFT'
                                 AND k.group_id = ANY (app.group_ids()) AND app.is_author(k.author_member_id)) $f$;
      GRANT EXECUTE ON FUNCTION app.may_write_case(uuid) TO epairs_app;

      -- Row-level security. Metadata: administrators of the society, the group, its binôme.
      ALTER TABLE clinical_case_theme ENABLE ROW LEVEL SECURITY;
      ALTER TABLE clinical_case_theme FORCE ROW LEVEL SECURITY;
      CREATE POLICY clinical_case_theme_read ON clinical_case_theme FOR SELECT
        USING (app.administers(society_id) OR group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));
      CREATE POLICY clinical_case_theme_insert ON clinical_case_theme FOR INSERT WITH CHECK (app.may_write_case(case_id));
      CREATE POLICY clinical_case_theme_delete ON clinical_case_theme FOR DELETE USING (app.may_write_case(case_id));

      ALTER TABLE clinical_case_presentation ENABLE ROW LEVEL SECURITY;
      ALTER TABLE clinical_case_presentation FORCE ROW LEVEL SECURITY;
      CREATE POLICY clinical_case_presentation_read ON clinical_case_presentation FOR SELECT
        USING (app.administers(society_id) OR group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));
      CREATE POLICY clinical_case_presentation_insert ON clinical_case_presentation FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids()) AND EXISTS (
          SELECT 1 FROM clinical_case k WHERE k.id = case_id AND app.is_author(k.author_member_id))
          AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_id AND m.status <> 'CANCELLED' AND m.starts_at <= now()));

      ALTER TABLE meeting_report ENABLE ROW LEVEL SECURITY;
      ALTER TABLE meeting_report FORCE ROW LEVEL SECURITY;
      CREATE POLICY meeting_report_admin ON meeting_report FOR SELECT USING (app.administers(society_id));
      CREATE POLICY meeting_report_binome ON meeting_report FOR SELECT
        USING (group_id = ANY (app.binome_group_ids()) AND validated_edition IS NOT NULL);
      CREATE POLICY meeting_report_group ON meeting_report FOR SELECT USING (group_id = ANY (app.group_ids()));
      CREATE POLICY meeting_report_insert ON meeting_report FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids()) AND app.is_author(drafted_by_member_id));
      CREATE POLICY meeting_report_update ON meeting_report FOR UPDATE
        USING (group_id = ANY (app.group_ids())) WITH CHECK (group_id = ANY (app.group_ids()));

      -- Content: the group, and the binôme for validated editions; nobody else, whatever the scope.
      ALTER TABLE meeting_report_text ENABLE ROW LEVEL SECURITY;
      ALTER TABLE meeting_report_text FORCE ROW LEVEL SECURITY;
      CREATE POLICY meeting_report_text_group ON meeting_report_text FOR SELECT USING (group_id = ANY (app.group_ids()));
      CREATE POLICY meeting_report_text_binome ON meeting_report_text FOR SELECT
        USING (validated AND group_id = ANY (app.binome_group_ids()));
      CREATE POLICY meeting_report_text_insert ON meeting_report_text FOR INSERT
        WITH CHECK (app.is_author(written_by_member_id) AND app.may_write_report(report_id));
      CREATE POLICY meeting_report_text_validate ON meeting_report_text FOR UPDATE
        USING (group_id = ANY (app.group_ids())) WITH CHECK (group_id = ANY (app.group_ids()));

      ALTER TABLE meeting_report_approval ENABLE ROW LEVEL SECURITY;
      ALTER TABLE meeting_report_approval FORCE ROW LEVEL SECURITY;
      CREATE POLICY meeting_report_approval_read ON meeting_report_approval FOR SELECT
        USING (app.administers(society_id) OR group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));
      CREATE POLICY meeting_report_approval_insert ON meeting_report_approval FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids()) AND app.is_author(member_id)
                    AND app.on_attendance_list(report_id));

      ALTER TABLE reference ENABLE ROW LEVEL SECURITY;
      ALTER TABLE reference FORCE ROW LEVEL SECURITY;
      CREATE POLICY reference_read ON reference FOR SELECT
        USING (app.administers(society_id) OR group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));
      CREATE POLICY reference_insert ON reference FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids()) AND app.is_author(added_by_member_id));
      CREATE POLICY reference_update ON reference FOR UPDATE
        USING (group_id = ANY (app.group_ids())) WITH CHECK (group_id = ANY (app.group_ids()));

      ALTER TABLE reference_link ENABLE ROW LEVEL SECURITY;
      ALTER TABLE reference_link FORCE ROW LEVEL SECURITY;
      CREATE POLICY reference_link_read ON reference_link FOR SELECT
        USING (app.administers(society_id) OR group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));
      -- Attached by whoever may write the target now.
      CREATE FUNCTION app.question_open(question uuid) RETURNS boolean LANGUAGE sql STABLE
        AS $f$ SELECT EXISTS (SELECT 1 FROM open_question q WHERE q.id = question AND q.status = 'OPEN') $f$;
      GRANT EXECUTE ON FUNCTION app.question_open(uuid) TO epairs_app;
      CREATE POLICY reference_link_insert ON reference_link FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids())
                    AND (case_id IS NULL OR app.may_write_case(case_id))
                    AND (report_id IS NULL OR app.may_write_report(report_id))
                    AND (question_id IS NULL OR app.question_open(question_id)));
      CREATE POLICY reference_link_delete ON reference_link FOR DELETE
        USING (group_id = ANY (app.group_ids())
               AND (case_id IS NULL OR app.may_write_case(case_id))
               AND (report_id IS NULL OR app.may_write_report(report_id))
               AND (question_id IS NULL OR app.question_open(question_id)));

      ALTER TABLE improvement_action ENABLE ROW LEVEL SECURITY;
      ALTER TABLE improvement_action FORCE ROW LEVEL SECURITY;
      CREATE POLICY improvement_action_read ON improvement_action FOR SELECT
        USING (app.administers(society_id) OR group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));
      CREATE POLICY improvement_action_write ON improvement_action FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids()) AND app.is_author(created_by_member_id));
      CREATE POLICY improvement_action_update ON improvement_action FOR UPDATE
        USING (group_id = ANY (app.group_ids())) WITH CHECK (group_id = ANY (app.group_ids()));

      ALTER TABLE improvement_indicator_value ENABLE ROW LEVEL SECURITY;
      ALTER TABLE improvement_indicator_value FORCE ROW LEVEL SECURITY;
      CREATE POLICY improvement_indicator_value_read ON improvement_indicator_value FOR SELECT
        USING (app.administers(society_id) OR group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));
      CREATE POLICY improvement_indicator_value_insert ON improvement_indicator_value FOR INSERT
        WITH CHECK (group_id = ANY (app.group_ids()) AND app.is_author(recorded_by_member_id));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE improvement_indicator_value, improvement_action, reference_link, reference,
        meeting_report_approval, meeting_report_text, meeting_report, clinical_case_presentation,
        clinical_case_theme;
      DROP FUNCTION app.guard_meeting_report(), app.guard_meeting_report_text(),
        app.guard_meeting_report_approval(), app.may_write_report(uuid), app.may_write_case(uuid),
        app.attended(uuid), app.on_attendance_list(uuid), app.question_open(uuid),
        app.guard_reference(), app.guard_improvement_action();
      DROP INDEX group_membership_group_idx;
      DROP POLICY member_fellow ON member;
      CREATE POLICY member_fellow ON member FOR SELECT
        USING (EXISTS (SELECT 1 FROM group_membership gm
                        WHERE gm.member_id = member.id AND gm.left_on IS NULL
                          AND (gm.group_id = ANY (app.group_ids())
                               OR (app.is_directory() AND gm.role = 'RELAY'))));
      ALTER TABLE clinical_case DROP COLUMN draw_mode;
      ALTER TABLE meeting DROP CONSTRAINT meeting_id_group_key;
      ALTER TABLE peer_group DROP COLUMN report_validation_rule;
    `);
  }
}
