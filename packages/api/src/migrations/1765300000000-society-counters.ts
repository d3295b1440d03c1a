import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counters for the society figures (issue 8, docs/benchmarks.md): active groups and active members
 * per society, meetings held and signatures per society and Paris year, kept by triggers in the
 * same transaction as the writes that change them, so `societyStats` reads a handful of rows
 * instead of counting a year of signatures.
 *
 * The trigger functions run as the owner (SECURITY DEFINER) because the application role may not
 * write the counters; row-level security is forced on the counter tables as on every table, with
 * a policy that lets only the owner write them and administrators read their societies' rows.
 * What a trigger reads of `meeting` and `attendance` to count passes their policies in the
 * writer's scope, which always sees the meeting it writes to.
 *
 * `app.recount_societies()` recomputes every counter from the tables: the backfill here, and the
 * bench's generator, which loads rows with triggers off.
 */
export class SocietyCounters1765300000000 implements MigrationInterface {
  name = 'SocietyCounters1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE society_count (
        society_id uuid PRIMARY KEY REFERENCES society (id) ON DELETE CASCADE,
        active_groups integer NOT NULL DEFAULT 0 CHECK (active_groups >= 0),
        active_members integer NOT NULL DEFAULT 0 CHECK (active_members >= 0)
      );
      CREATE TABLE society_year_count (
        society_id uuid NOT NULL REFERENCES society (id) ON DELETE CASCADE,
        year integer NOT NULL,
        meetings_held integer NOT NULL DEFAULT 0 CHECK (meetings_held >= 0),
        signatures integer NOT NULL DEFAULT 0 CHECK (signatures >= 0),
        PRIMARY KEY (society_id, year)
      );

      ALTER TABLE society_count ENABLE ROW LEVEL SECURITY;
      ALTER TABLE society_count FORCE ROW LEVEL SECURITY;
      ALTER TABLE society_year_count ENABLE ROW LEVEL SECURITY;
      ALTER TABLE society_year_count FORCE ROW LEVEL SECURITY;
      GRANT SELECT ON society_count, society_year_count TO epairs_app;
      CREATE POLICY society_count_read ON society_count FOR SELECT TO epairs_app
        USING ((SELECT app.sees_all()) OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]));
      CREATE POLICY society_year_count_read ON society_year_count FOR SELECT TO epairs_app
        USING ((SELECT app.sees_all()) OR society_id = ANY ((SELECT app.admin_society_ids())::uuid[]));

      CREATE FUNCTION app.paris_year(at timestamptz) RETURNS integer
        LANGUAGE sql STABLE AS $$ SELECT extract(year FROM at AT TIME ZONE 'Europe/Paris')::int $$;

      -- An update first: the proposed row of an INSERT … ON CONFLICT is checked before the
      -- conflict is found, and a negative delta would break the counters' CHECK.
      CREATE FUNCTION app.bump_society(p_society uuid, p_groups integer, p_members integer)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        UPDATE society_count
           SET active_groups = active_groups + p_groups, active_members = active_members + p_members
         WHERE society_id = p_society;
        IF NOT FOUND THEN
          INSERT INTO society_count AS c (society_id, active_groups, active_members)
          VALUES (p_society, p_groups, p_members)
          ON CONFLICT (society_id) DO UPDATE
            SET active_groups = c.active_groups + p_groups,
                active_members = c.active_members + p_members;
        END IF;
      END $$;

      CREATE FUNCTION app.bump_society_year(p_society uuid, p_year integer, p_held integer, p_signatures integer)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        UPDATE society_year_count
           SET meetings_held = meetings_held + p_held, signatures = signatures + p_signatures
         WHERE society_id = p_society AND year = p_year;
        IF NOT FOUND THEN
          INSERT INTO society_year_count AS c (society_id, year, meetings_held, signatures)
          VALUES (p_society, p_year, p_held, p_signatures)
          ON CONFLICT (society_id, year) DO UPDATE
            SET meetings_held = c.meetings_held + p_held,
                signatures = c.signatures + p_signatures;
        END IF;
      END $$;

      CREATE FUNCTION app.count_group() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'ACTIVE' THEN
          PERFORM app.bump_society(OLD.society_id, -1, 0);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'ACTIVE' THEN
          PERFORM app.bump_society(NEW.society_id, 1, 0);
        END IF;
        RETURN NULL;
      END $$;

      CREATE FUNCTION app.count_member() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'ACTIVE' THEN
          PERFORM app.bump_society(OLD.society_id, 0, -1);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'ACTIVE' THEN
          PERFORM app.bump_society(NEW.society_id, 0, 1);
        END IF;
        RETURN NULL;
      END $$;

      -- A meeting counts once held, with its signatures of that moment; later corrections of its
      -- sheet are counted by count_attendance.
      CREATE FUNCTION app.count_meeting() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'HELD' THEN
          PERFORM app.bump_society_year(OLD.society_id, app.paris_year(OLD.starts_at), -1,
            -(SELECT count(*) FROM attendance a WHERE a.meeting_id = OLD.id AND a.status = 'SIGNED')::int);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'HELD' THEN
          PERFORM app.bump_society_year(NEW.society_id, app.paris_year(NEW.starts_at), 1,
            (SELECT count(*) FROM attendance a WHERE a.meeting_id = NEW.id AND a.status = 'SIGNED')::int);
        END IF;
        RETURN NULL;
      END $$;

      CREATE FUNCTION app.count_attendance() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        m record;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'SIGNED' THEN
          SELECT society_id, starts_at INTO m FROM meeting WHERE id = OLD.meeting_id AND status = 'HELD';
          IF FOUND THEN
            PERFORM app.bump_society_year(m.society_id, app.paris_year(m.starts_at), 0, -1);
          END IF;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'SIGNED' THEN
          SELECT society_id, starts_at INTO m FROM meeting WHERE id = NEW.meeting_id AND status = 'HELD';
          IF FOUND THEN
            PERFORM app.bump_society_year(m.society_id, app.paris_year(m.starts_at), 0, 1);
          END IF;
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER peer_group_count AFTER INSERT OR DELETE ON peer_group
        FOR EACH ROW EXECUTE FUNCTION app.count_group();
      CREATE TRIGGER peer_group_count_change AFTER UPDATE OF status, society_id ON peer_group
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.society_id IS DISTINCT FROM NEW.society_id)
        EXECUTE FUNCTION app.count_group();
      CREATE TRIGGER member_count AFTER INSERT OR DELETE ON member
        FOR EACH ROW EXECUTE FUNCTION app.count_member();
      CREATE TRIGGER member_count_change AFTER UPDATE OF status, society_id ON member
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.society_id IS DISTINCT FROM NEW.society_id)
        EXECUTE FUNCTION app.count_member();
      CREATE TRIGGER meeting_count AFTER INSERT OR DELETE ON meeting
        FOR EACH ROW EXECUTE FUNCTION app.count_meeting();
      CREATE TRIGGER meeting_count_change AFTER UPDATE OF status, starts_at, society_id ON meeting
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.starts_at IS DISTINCT FROM NEW.starts_at
                           OR OLD.society_id IS DISTINCT FROM NEW.society_id)
        EXECUTE FUNCTION app.count_meeting();
      CREATE TRIGGER attendance_count AFTER INSERT OR DELETE ON attendance
        FOR EACH ROW EXECUTE FUNCTION app.count_attendance();
      CREATE TRIGGER attendance_count_change AFTER UPDATE OF status, meeting_id ON attendance
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.meeting_id IS DISTINCT FROM NEW.meeting_id)
        EXECUTE FUNCTION app.count_attendance();

      -- Every counter from the tables, in one pass (the backfill; the bench's generator), read in
      -- system scope for the length of the call (the tables' policies apply to the owner too).
      CREATE FUNCTION app.recount_societies() RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE
        previous text := current_setting('app.scope', true);
      BEGIN
        PERFORM set_config('app.scope', 'system', true);
        DELETE FROM society_count;
        DELETE FROM society_year_count;
        INSERT INTO society_count (society_id, active_groups, active_members)
        SELECT s.id,
               (SELECT count(*) FROM peer_group g WHERE g.society_id = s.id AND g.status = 'ACTIVE'),
               (SELECT count(*) FROM member m WHERE m.society_id = s.id AND m.status = 'ACTIVE')
          FROM society s;
        INSERT INTO society_year_count (society_id, year, meetings_held, signatures)
        SELECT mt.society_id, app.paris_year(mt.starts_at), count(*),
               coalesce(sum((SELECT count(*) FROM attendance a WHERE a.meeting_id = mt.id AND a.status = 'SIGNED')), 0)
          FROM meeting mt
         WHERE mt.status = 'HELD'
         GROUP BY 1, 2;
        PERFORM set_config('app.scope', coalesce(previous, ''), true);
      END $$;
      REVOKE ALL ON FUNCTION app.recount_societies() FROM PUBLIC;
      REVOKE ALL ON FUNCTION app.bump_society(uuid, integer, integer) FROM PUBLIC;
      REVOKE ALL ON FUNCTION app.bump_society_year(uuid, integer, integer, integer) FROM PUBLIC;
      REVOKE EXECUTE ON FUNCTION app.recount_societies() FROM epairs_app;
      REVOKE EXECUTE ON FUNCTION app.bump_society(uuid, integer, integer) FROM epairs_app;
      REVOKE EXECUTE ON FUNCTION app.bump_society_year(uuid, integer, integer, integer) FROM epairs_app;
      GRANT EXECUTE ON FUNCTION app.paris_year(timestamptz) TO epairs_app;
    `);
    // Only the owner (the role running migrations, which owns the trigger functions) writes the
    // counters; its name differs between installations.
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('CREATE POLICY society_count_owner ON society_count FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
        EXECUTE format('CREATE POLICY society_year_count_owner ON society_year_count FOR ALL TO %I USING (true) WITH CHECK (true)', current_user);
      END $$;
    `);
    await queryRunner.query(`SELECT app.recount_societies()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER attendance_count_change ON attendance;
      DROP TRIGGER attendance_count ON attendance;
      DROP TRIGGER meeting_count_change ON meeting;
      DROP TRIGGER meeting_count ON meeting;
      DROP TRIGGER member_count_change ON member;
      DROP TRIGGER member_count ON member;
      DROP TRIGGER peer_group_count_change ON peer_group;
      DROP TRIGGER peer_group_count ON peer_group;
      DROP FUNCTION app.recount_societies();
      DROP FUNCTION app.count_attendance();
      DROP FUNCTION app.count_meeting();
      DROP FUNCTION app.count_member();
      DROP FUNCTION app.count_group();
      DROP FUNCTION app.bump_society_year(uuid, integer, integer, integer);
      DROP FUNCTION app.bump_society(uuid, integer, integer);
      DROP FUNCTION app.paris_year(timestamptz);
      DROP TABLE society_year_count;
      DROP TABLE society_count;
    `);
  }
}
