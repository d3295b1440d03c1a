import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Letters (French accented ones included, whatever the database's locale) and digits. */
const WORD_CHAR = '[0-9A-Za-zÀ-ÖØ-öø-ÿŒœ]';

/**
 * The thesaurus of « repères professionnels »: a group's binôme proposes an entry drawn from an
 * accompaniment (title, themes, the lesson, an anonymised context); the group's relay person
 * publishes it, which records the group's agreement; published, it is read and searched by the
 * whole federation. Withdrawal keeps the row.
 *
 * One table holds metadata and text together: whoever may see a row may read its text (the group
 * and its binôme while proposed, every signed-in person once published); no administrator scope
 * reads a proposal.
 *
 * French full text search: a configuration `app.french_unaccent` (french stemming after
 * unaccent: « securite » finds « sécurité »), and hyphenated compounds indexed joined as well
 * (« musculo-squelettiques » is also « musculosquelettiques », which the default parser never
 * produces); queries are joined the same way (`app.fts_joined`). See docs/decisions.md.
 */
export class Thesaurus1764900000000 implements MigrationInterface {
  name = 'Thesaurus1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- A trusted extension: the owner role creates it (it owns the database).
      CREATE EXTENSION IF NOT EXISTS unaccent;
      CREATE TEXT SEARCH CONFIGURATION app.french_unaccent (COPY = pg_catalog.french);
      ALTER TEXT SEARCH CONFIGURATION app.french_unaccent
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

      -- « musculo-squelettique » → « musculosquelettique »; a leading « -mot » (websearch's
      -- exclusion) is left alone.
      CREATE FUNCTION app.fts_joined(t text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT SET search_path = pg_catalog
        AS $f$ SELECT regexp_replace(t, '(${WORD_CHAR})-(?=${WORD_CHAR})', '\\1', 'g') $f$;

      -- The text as indexed: each hyphenated word preceded by its joined form, so both are found
      -- and stay next to their neighbours (cover density, phrases).
      CREATE FUNCTION app.fts_document(t text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT SET search_path = pg_catalog
        AS $f$
          SELECT coalesce(string_agg(
                   CASE WHEN w ~ '${WORD_CHAR}-${WORD_CHAR}' THEN app.fts_joined(w) || ' ' || w ELSE w END,
                   ' ' ORDER BY n), '')
            FROM regexp_split_to_table(t, '\\s+') WITH ORDINALITY AS x(w, n)
        $f$;

      -- A search as typed: joined like the index, websearch syntax (« "phrase" », « -mot », « or »),
      -- without « les » and « à », which the french stop list misses (unaccented, « à » is « a »).
      CREATE FUNCTION app.fts_query(q text) RETURNS tsquery
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        SET search_path = pg_catalog SET client_min_messages = warning
        AS $f$
          SELECT ts_rewrite(ts_rewrite(websearch_to_tsquery('app.french_unaccent'::regconfig, app.fts_joined(q)),
                                       'le'::tsquery, ''::tsquery), 'a'::tsquery, ''::tsquery)
        $f$;

      -- What ts_headline must mark in a text: the query, plus the parts of each hyphenated word
      -- whose joined form the query asks for (the headline parser sees only the parts).
      CREATE FUNCTION app.fts_highlight_query(doc text, query tsquery, lexemes text[]) RETURNS tsquery
        LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog
        AS $f$
          SELECT CASE WHEN x.parts IS NULL THEN query ELSE query || x.parts::tsquery END
            FROM (SELECT string_agg(DISTINCT '''' || replace(part, '''', '''''') || '''', ' | ') AS parts
                    FROM regexp_matches(doc, '${WORD_CHAR}+(?:-${WORD_CHAR}+)+', 'g') AS m(c)
                   CROSS JOIN LATERAL unnest(tsvector_to_array(
                     to_tsvector('app.french_unaccent'::regconfig, replace(m.c[1], '-', ' ')))) AS part
                   WHERE tsvector_to_array(to_tsvector('app.french_unaccent'::regconfig,
                                                       replace(m.c[1], '-', ''))) && lexemes) AS x
        $f$;
      GRANT EXECUTE ON FUNCTION app.fts_joined(text), app.fts_document(text), app.fts_query(text),
        app.fts_highlight_query(text, tsquery, text[]) TO epairs_app;

      CREATE TABLE thesaurus_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        society_id uuid NOT NULL,
        -- The group whose accompaniment it is drawn from.
        group_id uuid NOT NULL,
        -- The binôme correspondent who proposed it (possibly of another society).
        proposed_by_user_id uuid NOT NULL REFERENCES user_account (id),
        status text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'PUBLISHED', 'WITHDRAWN')),
        title text NOT NULL CHECK (char_length(title) BETWEEN 3 AND 200),
        lesson text NOT NULL CHECK (char_length(lesson) BETWEEN 20 AND 5000),
        context text NOT NULL DEFAULT '' CHECK (char_length(context) <= 5000),
        -- The group's agreement: its relay person, when the entry was published.
        agreed_by_member_id uuid,
        published_at timestamptz,
        withdrawn_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        search_vector tsvector NOT NULL GENERATED ALWAYS AS (
          setweight(to_tsvector('app.french_unaccent'::regconfig, app.fts_document(title)), 'A') ||
          setweight(to_tsvector('app.french_unaccent'::regconfig, app.fts_document(lesson)), 'B') ||
          setweight(to_tsvector('app.french_unaccent'::regconfig, app.fts_document(context)), 'C')
        ) STORED,
        CONSTRAINT thesaurus_entry_id_society_key UNIQUE (id, society_id),
        CONSTRAINT thesaurus_entry_group_fk FOREIGN KEY (group_id, society_id) REFERENCES peer_group (id, society_id),
        CONSTRAINT thesaurus_entry_agreed_by_fk FOREIGN KEY (agreed_by_member_id, society_id) REFERENCES member (id, society_id),
        CONSTRAINT thesaurus_entry_agreement_check CHECK ((agreed_by_member_id IS NULL) = (published_at IS NULL)),
        CONSTRAINT thesaurus_entry_published_check CHECK (status <> 'PUBLISHED' OR published_at IS NOT NULL),
        CONSTRAINT thesaurus_entry_proposed_check CHECK (status <> 'PROPOSED' OR published_at IS NULL),
        CONSTRAINT thesaurus_entry_withdrawn_check CHECK ((status = 'WITHDRAWN') = (withdrawn_at IS NOT NULL))
      );
      CREATE INDEX thesaurus_entry_search_idx ON thesaurus_entry USING gin (search_vector);
      -- groupThesaurusEntries: a group's entries, newest first.
      CREATE INDEX thesaurus_entry_group_idx ON thesaurus_entry (group_id, created_at DESC);
      CREATE INDEX thesaurus_entry_society_idx ON thesaurus_entry (society_id, status);
      CREATE TRIGGER thesaurus_entry_touch BEFORE UPDATE ON thesaurus_entry FOR EACH ROW EXECUTE FUNCTION app.touch_row();

      CREATE TABLE thesaurus_entry_theme (
        entry_id uuid NOT NULL,
        theme_id uuid NOT NULL REFERENCES theme (id),
        society_id uuid NOT NULL,
        PRIMARY KEY (entry_id, theme_id),
        CONSTRAINT thesaurus_entry_theme_entry_fk FOREIGN KEY (entry_id, society_id)
          REFERENCES thesaurus_entry (id, society_id) ON DELETE CASCADE
      );
      CREATE INDEX thesaurus_entry_theme_theme_idx ON thesaurus_entry_theme (theme_id, entry_id);

      GRANT SELECT, INSERT, UPDATE ON thesaurus_entry TO epairs_app;
      GRANT SELECT, INSERT, DELETE ON thesaurus_entry_theme TO epairs_app;

      -- An entry stays with its group, society and proposer; it moves forward only (PROPOSED →
      -- PUBLISHED → WITHDRAWN, or PROPOSED → WITHDRAWN); its text changes only while proposed;
      -- the agreement is given once, by the group's current relay person. For every writer.
      CREATE FUNCTION app.guard_thesaurus_entry() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF NEW.society_id <> OLD.society_id OR NEW.group_id <> OLD.group_id
             OR NEW.proposed_by_user_id <> OLD.proposed_by_user_id THEN
            RAISE EXCEPTION 'an entry stays with its group and proposer' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'thesaurus_entry_fixed';
          END IF;
          IF NOT (NEW.status = OLD.status
                  OR (OLD.status = 'PROPOSED' AND NEW.status IN ('PUBLISHED', 'WITHDRAWN'))
                  OR (OLD.status = 'PUBLISHED' AND NEW.status = 'WITHDRAWN')) THEN
            RAISE EXCEPTION 'an entry only moves forward' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'thesaurus_entry_transition';
          END IF;
          IF (OLD.status <> 'PROPOSED' OR NEW.status <> 'PROPOSED')
             AND (NEW.title, NEW.lesson, NEW.context) IS DISTINCT FROM (OLD.title, OLD.lesson, OLD.context) THEN
            RAISE EXCEPTION 'an entry''s text changes only while proposed' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'thesaurus_entry_frozen';
          END IF;
          IF OLD.published_at IS NOT NULL AND (NEW.published_at, NEW.agreed_by_member_id)
             IS DISTINCT FROM (OLD.published_at, OLD.agreed_by_member_id) THEN
            RAISE EXCEPTION 'the group''s agreement is given once' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'thesaurus_entry_frozen';
          END IF;
          IF OLD.withdrawn_at IS NOT NULL AND NEW.withdrawn_at IS DISTINCT FROM OLD.withdrawn_at THEN
            RAISE EXCEPTION 'a withdrawal is final' USING ERRCODE = 'check_violation',
              CONSTRAINT = 'thesaurus_entry_frozen';
          END IF;
        END IF;
        IF NEW.agreed_by_member_id IS NOT NULL
           AND (TG_OP = 'INSERT' OR OLD.agreed_by_member_id IS NULL)
           AND NOT EXISTS (SELECT 1 FROM group_membership gm
                            WHERE gm.group_id = NEW.group_id AND gm.member_id = NEW.agreed_by_member_id
                              AND gm.role = 'RELAY' AND gm.left_on IS NULL) THEN
          RAISE EXCEPTION 'the agreement is the group''s relay person''s' USING ERRCODE = 'check_violation',
            CONSTRAINT = 'thesaurus_entry_agreement';
        END IF;
        RETURN NEW;
      END $f$;
      CREATE TRIGGER thesaurus_entry_guard BEFORE INSERT OR UPDATE ON thesaurus_entry
        FOR EACH ROW EXECUTE FUNCTION app.guard_thesaurus_entry();

      ALTER TABLE thesaurus_entry ENABLE ROW LEVEL SECURITY;
      ALTER TABLE thesaurus_entry FORCE ROW LEVEL SECURITY;
      -- Published: the federation's, for every signed-in person (and system work).
      CREATE POLICY thesaurus_entry_published ON thesaurus_entry FOR SELECT
        USING (status = 'PUBLISHED' AND (app.sees_all() OR app.current_user_id() IS NOT NULL));
      -- Every state: the group it was drawn from and its binôme.
      CREATE POLICY thesaurus_entry_group ON thesaurus_entry FOR SELECT
        USING (group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids()));
      -- E-Pairs moderates: what was once published, withdrawn included; never a proposal.
      CREATE POLICY thesaurus_entry_moderation ON thesaurus_entry FOR SELECT
        USING (app.sees_all() AND published_at IS NOT NULL);
      -- The binôme proposes, as itself; system work (the demo seed, an import of the federation's
      -- paper thesaurus) writes entries as they are.
      CREATE POLICY thesaurus_entry_propose ON thesaurus_entry FOR INSERT
        WITH CHECK (group_id = ANY (app.binome_group_ids()) AND status = 'PROPOSED'
                    AND proposed_by_user_id = app.current_user_id());
      CREATE POLICY thesaurus_entry_system ON thesaurus_entry FOR INSERT WITH CHECK (app.is_system());
      -- The binôme edits a proposal and withdraws; the relay person publishes, as itself; E-Pairs
      -- withdraws a published entry. The trigger keeps the text of anything but a proposal.
      CREATE POLICY thesaurus_entry_binome ON thesaurus_entry FOR UPDATE
        USING (group_id = ANY (app.binome_group_ids()) AND status IN ('PROPOSED', 'PUBLISHED'))
        WITH CHECK (group_id = ANY (app.binome_group_ids()) AND status IN ('PROPOSED', 'WITHDRAWN'));
      CREATE POLICY thesaurus_entry_relay ON thesaurus_entry FOR UPDATE
        USING (group_id = ANY (app.relay_group_ids()) AND status = 'PROPOSED')
        WITH CHECK (group_id = ANY (app.relay_group_ids()) AND status = 'PUBLISHED'
                    AND app.is_author(agreed_by_member_id));
      CREATE POLICY thesaurus_entry_federation ON thesaurus_entry FOR UPDATE
        USING (app.sees_all() AND status = 'PUBLISHED')
        WITH CHECK (app.sees_all() AND status = 'WITHDRAWN');

      -- Themes follow their entry: visible with it, written by the binôme while it is proposed.
      ALTER TABLE thesaurus_entry_theme ENABLE ROW LEVEL SECURITY;
      ALTER TABLE thesaurus_entry_theme FORCE ROW LEVEL SECURITY;
      CREATE POLICY thesaurus_entry_theme_read ON thesaurus_entry_theme FOR SELECT
        USING (EXISTS (SELECT 1 FROM thesaurus_entry e WHERE e.id = entry_id));
      CREATE POLICY thesaurus_entry_theme_binome ON thesaurus_entry_theme FOR ALL
        USING (EXISTS (SELECT 1 FROM thesaurus_entry e WHERE e.id = entry_id AND e.status = 'PROPOSED'
                         AND e.group_id = ANY (app.binome_group_ids())))
        WITH CHECK (EXISTS (SELECT 1 FROM thesaurus_entry e WHERE e.id = entry_id AND e.status = 'PROPOSED'
                              AND e.group_id = ANY (app.binome_group_ids())));
      CREATE POLICY thesaurus_entry_theme_system ON thesaurus_entry_theme FOR INSERT WITH CHECK (app.is_system());
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE thesaurus_entry_theme, thesaurus_entry;
      DROP FUNCTION app.guard_thesaurus_entry();
      DROP FUNCTION app.fts_highlight_query(text, tsquery, text[]), app.fts_query(text), app.fts_document(text),
        app.fts_joined(text);
      DROP TEXT SEARCH CONFIGURATION app.french_unaccent;
    `);
  }
}
