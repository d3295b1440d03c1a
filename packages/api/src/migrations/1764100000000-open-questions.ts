import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Questions left open at a meeting, each given to a volunteer and carried to the next meetings
 * until answered: the agenda's first and third parts. Metadata (who, when, status) and content
 * (the question and its answer) live apart: the content is the group's and its binôme's only,
 * and no administrator scope, nor system work, reads it.
 */
export class OpenQuestions1764100000000 implements MigrationInterface {
  name = 'OpenQuestions1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE open_question (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        raised_at_meeting_id uuid NOT NULL,
        volunteer_member_id uuid,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ANSWERED')),
        answered_at_meeting_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT open_question_id_society_key UNIQUE (id, society_id),
        CONSTRAINT open_question_id_group_key UNIQUE (id, society_id, group_id),
        CONSTRAINT open_question_group_fk FOREIGN KEY (group_id, society_id) REFERENCES peer_group (id, society_id),
        CONSTRAINT open_question_raised_fk FOREIGN KEY (raised_at_meeting_id, society_id) REFERENCES meeting (id, society_id),
        CONSTRAINT open_question_answered_fk FOREIGN KEY (answered_at_meeting_id, society_id) REFERENCES meeting (id, society_id),
        CONSTRAINT open_question_volunteer_fk FOREIGN KEY (volunteer_member_id, society_id) REFERENCES member (id, society_id),
        CHECK ((status = 'ANSWERED') = (answered_at_meeting_id IS NOT NULL))
      );
      CREATE INDEX open_question_group_idx ON open_question (group_id, status, created_at);
      CREATE TRIGGER open_question_touch BEFORE UPDATE ON open_question FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      CREATE TABLE open_question_text (
        question_id uuid PRIMARY KEY,
        society_id uuid NOT NULL,
        group_id uuid NOT NULL,
        question text NOT NULL CHECK (char_length(question) BETWEEN 3 AND 2000),
        answer text CHECK (answer IS NULL OR char_length(answer) BETWEEN 1 AND 10000),
        -- The text belongs to its question's group, whoever writes it.
        CONSTRAINT open_question_text_question_fk FOREIGN KEY (question_id, society_id, group_id)
          REFERENCES open_question (id, society_id, group_id) ON DELETE CASCADE,
        CONSTRAINT open_question_text_group_fk FOREIGN KEY (group_id, society_id) REFERENCES peer_group (id, society_id)
      );

      GRANT SELECT, INSERT, UPDATE ON open_question, open_question_text TO epairs_app;

      ALTER TABLE open_question ENABLE ROW LEVEL SECURITY;
      ALTER TABLE open_question FORCE ROW LEVEL SECURITY;
      CREATE POLICY open_question_admin ON open_question FOR SELECT USING (app.administers(society_id));
      CREATE POLICY open_question_group ON open_question FOR ALL
        USING (group_id = ANY (app.group_ids())) WITH CHECK (group_id = ANY (app.group_ids()));
      CREATE POLICY open_question_binome ON open_question FOR SELECT USING (group_id = ANY (app.binome_group_ids()));

      -- Content: the group and its binôme, nobody else, whatever the scope.
      ALTER TABLE open_question_text ENABLE ROW LEVEL SECURITY;
      ALTER TABLE open_question_text FORCE ROW LEVEL SECURITY;
      CREATE POLICY open_question_text_group ON open_question_text FOR ALL
        USING (group_id = ANY (app.group_ids())) WITH CHECK (group_id = ANY (app.group_ids()));
      CREATE POLICY open_question_text_binome ON open_question_text FOR SELECT
        USING (group_id = ANY (app.binome_group_ids()));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE open_question_text, open_question;`);
  }
}
