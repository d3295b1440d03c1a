import pg from 'pg';
import { CASE_TITLES, CITIES, FIRST_NAMES, GROUP_WORDS, LAST_NAMES, PARAGRAPHS } from './french';

/** Accounts the generator creates, all with BENCH_PASSWORD. */
export const BENCH_PASSWORD = 'EPairs-bench-2026!';
export const BENCH_DOMAIN = 'bench.e-pairs.fr';
export const memberEmail = (index: number) => `membre.${index}@${BENCH_DOMAIN}`;
export const adminEmail = (code: string) => `admin.${code.toLowerCase()}@${BENCH_DOMAIN}`;
export const FEDERATION_EMAIL = `federation@${BENCH_DOMAIN}`;

/** Share of members and groups per society, in the order of their codes. */
const SOCIETY_WEIGHTS = [0.3, 0.25, 0.2, 0.15, 0.1];
export const MEETINGS_PER_GROUP = 40;
export const CASES_PER_GROUP = 20;

export interface GenerateOptions {
  /** 1 = national ×10: 50,000 members, 5,000 groups, 200,000 meetings. */
  scale: number;
  seed: number;
  /** Meetings before this instant are held (or cancelled), later ones planned. */
  asOf: Date;
  /** One argon2 hash for every generated account (hashing 50,000 would take minutes). */
  passwordHash: string;
  log?: (message: string) => void;
}

export interface GenerateResult {
  seconds: number;
  counts: Record<string, number>;
}

/** Cumulative blocks [start, size) of `total` items split by the society weights. */
export function blocks(total: number): { start: number; size: number }[] {
  const result: { start: number; size: number }[] = [];
  let start = 0;
  SOCIETY_WEIGHTS.forEach((_, index) => {
    const end =
      index === SOCIETY_WEIGHTS.length - 1
        ? total
        : Math.round(total * SOCIETY_WEIGHTS.slice(0, index + 1).reduce((a, b) => a + b, 0));
    result.push({ start, size: end - start });
    start = end;
  });
  return result;
}

const literal = (values: readonly string[]) =>
  `ARRAY[${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/**
 * Fills a migrated, empty E-Pairs database, set-based, as the PostgreSQL superuser (row-level
 * security does not apply; triggers and foreign-key checks are skipped during the load with
 * session_replication_role = replica, so every row is built consistent by construction).
 * Deterministic: every random choice is a hash of (seed, kind, index).
 */
export async function generate(
  superuserUrl: string,
  options: GenerateOptions,
): Promise<GenerateResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const members = Math.max(50, Math.round(50_000 * options.scale));
  const groups = Math.max(5, Math.round(5_000 * options.scale));
  const binomes = Math.max(2, Math.round(groups / 10));
  const memberBlocks = blocks(members);
  const groupBlocks = blocks(groups);
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  const step = async (label: string, sql: string, values: unknown[] = []) => {
    const at = Date.now();
    const result = await client.query(sql, values);
    log(`  ${label}: ${result.rowCount ?? 0} rows, ${((Date.now() - at) / 1000).toFixed(1)} s`);
    return result;
  };
  try {
    const existing = await client.query(`SELECT count(*)::int AS n FROM member`);
    if ((existing.rows[0] as { n: number }).n > 0)
      throw new Error('the database already holds members: generate into an empty one');
    await client.query(`
      SET synchronous_commit = off;
      SET work_mem = '64MB';
      SET maintenance_work_mem = '256MB';
      SET session_replication_role = replica;
      SET TIME ZONE 'Europe/Paris';
      -- Uniform [0, 1) from (key, salt): the generator's only source of randomness.
      CREATE FUNCTION pg_temp.rnd(k bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE AS
        $f$ SELECT (hashint8extended(k, ${options.seed}::bigint * 1000 + salt) & 2147483647)::float8 / 2147483648.0 $f$;
      CREATE FUNCTION pg_temp.pick(k bigint, salt int, n int) RETURNS int LANGUAGE sql IMMUTABLE AS
        $f$ SELECT 1 + floor(pg_temp.rnd(k, salt) * n)::int $f$;
      -- Deterministic identifiers.
      CREATE FUNCTION pg_temp.uid(kind text, k bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
        $f$ SELECT md5('${options.seed}:' || kind || ':' || k)::uuid $f$;
      -- Ordered identifiers for rows nothing refers to (cheap appends to the primary key).
      CREATE FUNCTION pg_temp.seq_uid(kind int, k bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
        $f$ SELECT (lpad(to_hex(kind), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(k), 12, '0'))::uuid $f$;
    `);
    await client.query('BEGIN');

    // Societies (created by the first migration), in code order, with their blocks.
    await step(
      'societies',
      `CREATE TEMP TABLE b_society AS
       SELECT (row_number() OVER (ORDER BY code) - 1)::int AS s, id, code,
              ($1::int[])[row_number() OVER (ORDER BY code)] AS m_start,
              ($2::int[])[row_number() OVER (ORDER BY code)] AS m_size,
              ($3::int[])[row_number() OVER (ORDER BY code)] AS g_start,
              ($4::int[])[row_number() OVER (ORDER BY code)] AS g_size,
              greatest(2, ($2::int[])[row_number() OVER (ORDER BY code)] / 25) AS e_size
         FROM society`,
      [
        memberBlocks.map((block) => block.start),
        memberBlocks.map((block) => block.size),
        groupBlocks.map((block) => block.start),
        groupBlocks.map((block) => block.size),
      ],
    );
    await step(
      'employers',
      `INSERT INTO employer (id, society_id, name, city)
       SELECT pg_temp.uid('e', s.s * 100000 + e), s.id,
              'Service de prévention et de santé au travail ' || e, c.city
         FROM b_society s, generate_series(0, s.e_size - 1) e,
              LATERAL (SELECT (${literal(CITIES)})[pg_temp.pick(s.s * 100000 + e, 1, ${CITIES.length})] AS city) c`,
    );

    // Members and their accounts: block i of society s.
    await step(
      'member plan',
      `CREATE TEMP TABLE b_member AS
       SELECT i, s.s, s.id AS society_id, s.m_start, s.m_size,
              pg_temp.uid('m', i) AS id, pg_temp.uid('u', i) AS user_id,
              CASE WHEN pg_temp.rnd(i, 2) < 0.7 THEN 'PHYSICIAN' ELSE 'NURSE' END AS profession,
              pg_temp.uid('e', s.s * 100000 + (i % s.e_size)) AS employer_id
         FROM b_society s, generate_series(s.m_start, s.m_start + s.m_size - 1) i`,
    );
    await client.query(`ALTER TABLE b_member ADD PRIMARY KEY (i)`);
    await step(
      'accounts (members)',
      `INSERT INTO user_account (id, society_id, email, first_name, last_name, status, password_hash,
                                 password_changed_at, created_at, updated_at)
       SELECT m.user_id, m.society_id, 'membre.' || m.i || '@${BENCH_DOMAIN}',
              (${literal(FIRST_NAMES)})[pg_temp.pick(m.i, 3, ${FIRST_NAMES.length})],
              (${literal(LAST_NAMES)})[pg_temp.pick(m.i, 4, ${LAST_NAMES.length})],
              'ACTIVE', $1, $2, $2, $2
         FROM b_member m`,
      [options.passwordHash, options.asOf],
    );
    await step(
      'members',
      `INSERT INTO member (id, society_id, user_id, profession, rpps, employer_id, status, created_at, updated_at)
       SELECT m.id, m.society_id, m.user_id, m.profession, (10000000000 + m.i)::text, m.employer_id,
              'ACTIVE', $1, $1
         FROM b_member m`,
      [options.asOf],
    );
    await step(
      'administrators and binômes',
      `WITH accounts AS (
         SELECT pg_temp.uid('admin', s.s) AS id, s.id AS society_id,
                'admin.' || lower(s.code) || '@${BENCH_DOMAIN}' AS email, 'SOCIETY_ADMIN' AS role, s.id AS grant_society
           FROM b_society s
         UNION ALL
         SELECT pg_temp.uid('federation', 0), NULL, 'federation@${BENCH_DOMAIN}', 'FEDERATION_ADMIN', NULL
         UNION ALL
         SELECT pg_temp.uid('binome', b), (SELECT id FROM b_society WHERE s = b % 5),
                'binome.' || b || '@${BENCH_DOMAIN}', 'BINOME', NULL
           FROM generate_series(0, ${binomes - 1}) b
       ), inserted AS (
         INSERT INTO user_account (id, society_id, email, first_name, last_name, status, password_hash, password_changed_at)
         SELECT id, society_id, email,
                (${literal(FIRST_NAMES)})[pg_temp.pick(hashtext(email), 5, ${FIRST_NAMES.length})],
                (${literal(LAST_NAMES)})[pg_temp.pick(hashtext(email), 6, ${LAST_NAMES.length})],
                'ACTIVE', $1, $2
           FROM accounts
       )
       INSERT INTO role_grant (user_id, role, society_id) SELECT id, role, grant_society FROM accounts`,
      [options.passwordHash, options.asOf],
    );

    // Groups: 5 to 12 members (mean 8.5), drawn from their society's members in turn.
    await step(
      'group plan',
      `CREATE TEMP TABLE b_group AS
       SELECT j, s.s, s.id AS society_id, s.m_start, s.m_size, pg_temp.uid('g', j) AS id,
              5 + floor(pg_temp.rnd(j, 10) * 4)::int + floor(pg_temp.rnd(j, 11) * 5)::int AS size,
              CASE WHEN pg_temp.rnd(j, 12) < 0.96 THEN 'ACTIVE' ELSE 'REGISTERED' END AS status,
              CASE WHEN pg_temp.rnd(j, 13) < 0.75 THEN 'CASE_PRESENTATION'
                   WHEN pg_temp.rnd(j, 13) < 0.9 THEN 'RECOMMENDATION_DISCUSSION'
                   ELSE 'RECOMMENDATION_CONTRIBUTION' END AS entry_point
         FROM b_society s, generate_series(s.g_start, s.g_start + s.g_size - 1) j`,
    );
    await client.query(`
      ALTER TABLE b_group ADD PRIMARY KEY (j);
      ALTER TABLE b_group ADD COLUMN offset_in_society int;
      UPDATE b_group g SET offset_in_society = o.offset_in_society
        FROM (SELECT j, coalesce(sum(size) OVER (PARTITION BY s ORDER BY j ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::int AS offset_in_society
                FROM b_group) o WHERE o.j = g.j;
      CREATE UNIQUE INDEX ON b_group (id);
    `);
    await step(
      'group members plan',
      `CREATE TEMP TABLE b_gm AS
       SELECT g.j, k, m.i, m.id AS member_id, m.user_id, m.profession
         FROM b_group g, generate_series(0, g.size - 1) k,
              LATERAL (SELECT * FROM b_member WHERE i = g.m_start + (g.offset_in_society + k) % g.m_size) m`,
    );
    await client.query(`ALTER TABLE b_gm ADD PRIMARY KEY (j, k)`);
    await step(
      'groups',
      `INSERT INTO peer_group (id, society_id, name, kind, entry_point, draw_mode, meeting_place, status,
                               submitted_at, registered_at, created_at, updated_at)
       SELECT g.id, g.society_id,
              (${literal(CITIES)})[pg_temp.pick(g.j, 14, ${CITIES.length})] || ' – ' ||
                (${literal(GROUP_WORDS)})[pg_temp.pick(g.j, 15, ${GROUP_WORDS.length})] || ' ' || g.j,
              CASE WHEN (SELECT count(DISTINCT profession) FROM b_gm WHERE b_gm.j = g.j) = 1 THEN 'GAPEP' ELSE 'GAPEM' END,
              g.entry_point,
              CASE WHEN g.entry_point = 'CASE_PRESENTATION'
                   THEN CASE WHEN pg_temp.rnd(g.j, 16) < 0.6 THEN 'RANDOM' ELSE 'THEMATIC' END END,
              'Salle de réunion du service, ' || (${literal(CITIES)})[pg_temp.pick(g.j, 14, ${CITIES.length})],
              g.status, $1::timestamptz - interval '5 years 2 months', $1::timestamptz - interval '5 years 1 month',
              $1::timestamptz - interval '5 years 3 months', $1::timestamptz - interval '5 years 1 month'
         FROM b_group g`,
      [options.asOf],
    );
    await step(
      'memberships',
      `INSERT INTO group_membership (id, society_id, group_id, member_id, role, joined_on, created_at)
       SELECT pg_temp.uid('gm', gm.j * 16 + gm.k), g.society_id, g.id, gm.member_id,
              CASE WHEN gm.k = 0 THEN 'RELAY' ELSE 'MEMBER' END,
              ($1::timestamptz - interval '5 years 3 months')::date + floor(pg_temp.rnd(gm.j * 16 + gm.k, 17) * 60)::int,
              $1::timestamptz - interval '5 years 3 months'
         FROM b_gm gm JOIN b_group g ON g.j = gm.j`,
      [options.asOf],
    );
    await step(
      'themes of groups',
      `INSERT INTO group_theme (group_id, theme_id, society_id)
       SELECT g.id, t.id, g.society_id
         FROM b_group g JOIN theme t ON t.sort_order = pg_temp.pick(g.j, 18, 5)`,
    );
    await step(
      'binôme assignments',
      `INSERT INTO binome_assignment (society_id, group_id, user_id, assigned_at)
       SELECT g.society_id, g.id, pg_temp.uid('binome', g.j % ${binomes}), $1::timestamptz - interval '5 years'
         FROM b_group g WHERE pg_temp.rnd(g.j, 19) < 0.9`,
      [options.asOf],
    );

    // Meetings: 40 per group, spread over the five years around asOf (4½ past, ½ to come).
    await step(
      'meeting plan',
      `CREATE TEMP TABLE b_meeting AS
       SELECT n, g.j, g.id AS group_id, g.society_id, g.entry_point, g.size, pg_temp.uid('mt', n) AS id, starts_at,
              duration,
              CASE WHEN starts_at + make_interval(mins => duration) < $1::timestamptz
                     THEN CASE WHEN pg_temp.rnd(n, 22) < 0.94 THEN 'HELD' ELSE 'CANCELLED' END
                   ELSE CASE WHEN pg_temp.rnd(n, 22) < 0.97 THEN 'PLANNED' ELSE 'CANCELLED' END END AS status
         FROM b_group g, generate_series(0, ${MEETINGS_PER_GROUP - 1}) slot,
              LATERAL (SELECT g.j::bigint * ${MEETINGS_PER_GROUP} + slot AS n) key,
              LATERAL (SELECT CASE WHEN pg_temp.rnd(n, 20) < 0.3 THEN 120 WHEN pg_temp.rnd(n, 20) < 0.8 THEN 180 ELSE 240 END AS duration) d,
              LATERAL (SELECT (date_trunc('day', $1::timestamptz - interval '54 months')
                               + make_interval(days => floor((slot + 0.8 * pg_temp.rnd(n, 21)) * 1826.0 / ${MEETINGS_PER_GROUP})::int)
                               + CASE WHEN pg_temp.rnd(n, 23) < 0.6 THEN interval '18 hours' ELSE interval '9 hours' END) AS starts_at) t`,
      [options.asOf],
    );
    await client.query(`CREATE INDEX ON b_meeting (group_id, n)`);
    await step(
      'meetings',
      `INSERT INTO meeting (id, society_id, group_id, title, starts_at, duration_minutes, mode, place, link, status,
                            cancel_reason, sheet_closed_at, signing_secret, created_at, updated_at)
       SELECT mt.id, mt.society_id, mt.group_id,
              CASE WHEN pg_temp.rnd(mt.n, 24) < 0.3 THEN 'Séance ' || (mt.n % ${MEETINGS_PER_GROUP} + 1) END,
              mt.starts_at, mt.duration, mode.mode,
              CASE WHEN mode.mode <> 'REMOTE' THEN 'Salle de réunion du service' END,
              CASE WHEN mode.mode <> 'IN_PERSON' THEN 'https://visio.${BENCH_DOMAIN}/' || mt.n END,
              mt.status, CASE WHEN mt.status = 'CANCELLED' THEN 'Trop d’absents prévus' END,
              CASE WHEN mt.status = 'HELD' THEN mt.starts_at + make_interval(mins => mt.duration) + interval '1 day' END,
              decode(md5('s' || mt.n) || md5('t' || mt.n), 'hex'),
              mt.starts_at - interval '60 days', mt.starts_at - interval '60 days'
         FROM b_meeting mt,
              LATERAL (SELECT CASE WHEN pg_temp.rnd(mt.n, 25) < 0.7 THEN 'IN_PERSON'
                                   WHEN pg_temp.rnd(mt.n, 25) < 0.85 THEN 'REMOTE' ELSE 'HYBRID' END AS mode) mode`,
    );
    await step(
      'session roles',
      `INSERT INTO meeting_role (id, society_id, meeting_id, member_id, role)
       SELECT pg_temp.seq_uid(1, mt.n * 4 + r.kind), mt.society_id, mt.id, gm.member_id, r.role
         FROM b_meeting mt,
              LATERAL (SELECT floor(pg_temp.rnd(mt.n, 26) * mt.size)::int AS a) anim,
              LATERAL (VALUES (0, 'ANIMATOR', anim.a),
                              (1, 'SECRETARY', (anim.a + 1 + floor(pg_temp.rnd(mt.n, 27) * (mt.size - 1))::int) % mt.size),
                              (2, 'PRESENTER', floor(pg_temp.rnd(mt.n, 28) * mt.size)::int)) r(kind, role, k)
              , b_gm gm
        WHERE gm.j = mt.j AND gm.k = r.k AND mt.status <> 'CANCELLED' AND (r.role <> 'PRESENTER' OR mt.entry_point = 'CASE_PRESENTATION')`,
    );
    // The sheet of each held meeting: 85 % sign (QR mostly), half of the others are excused.
    await step(
      'attendance (signatures and excuses)',
      `INSERT INTO attendance (id, society_id, meeting_id, member_id, status, method, signed_at, recorded_by)
       SELECT pg_temp.seq_uid(2, mt.n * 16 + gm.k), mt.society_id, mt.id, gm.member_id,
              CASE WHEN x.r < 0.85 THEN 'SIGNED' ELSE 'EXCUSED' END,
              CASE WHEN x.r >= 0.85 THEN 'EXCUSE' WHEN x.r < 0.7 THEN 'QR' ELSE 'CODE' END,
              mt.starts_at + make_interval(mins => floor(x.r * 20)::int),
              CASE WHEN x.r >= 0.85 THEN relay.user_id END
         FROM b_meeting mt JOIN b_gm gm ON gm.j = mt.j
         JOIN b_gm relay ON relay.j = mt.j AND relay.k = 0,
              LATERAL (SELECT pg_temp.rnd(mt.n * 16 + gm.k, 29) AS r) x
        WHERE mt.status = 'HELD' AND x.r < 0.925`,
    );

    // Clinical cases with their content: 20 per group, presented at the group's meetings.
    await step(
      'clinical cases',
      `CREATE TEMP TABLE b_case AS
       SELECT c, g.j, g.id AS group_id, g.society_id, pg_temp.uid('c', c) AS id,
              (SELECT member_id FROM b_gm WHERE b_gm.j = g.j AND b_gm.k = floor(pg_temp.rnd(c, 30) * g.size)::int) AS author,
              mt.id AS meeting_id, mt.starts_at, mt.status AS meeting_status, pg_temp.rnd(c, 31) AS r
         FROM b_group g, generate_series(0, ${CASES_PER_GROUP - 1}) t,
              LATERAL (SELECT g.j::bigint * ${CASES_PER_GROUP} + t AS c) key, b_meeting mt
        WHERE mt.group_id = g.id AND mt.n = g.j::bigint * ${MEETINGS_PER_GROUP} + t * 2`,
    );
    await step(
      'clinical case rows',
      `INSERT INTO clinical_case (id, society_id, group_id, author_member_id, origin, situation_kind, status,
                                  presented_at_meeting_id, submitted_at, created_at, updated_at)
       SELECT id, society_id, group_id, author,
              CASE WHEN pg_temp.rnd(c, 32) < 0.85 THEN 'GROUP' ELSE 'QMCP' END,
              CASE WHEN pg_temp.rnd(c, 33) < 0.6 THEN 'MEDICAL_EXAMINATION'
                   WHEN pg_temp.rnd(c, 33) < 0.85 THEN 'WORKPLACE_STUDY' ELSE 'OTHER_THIRD_TIME' END,
              status, CASE WHEN status <> 'DRAFT' THEN meeting_id END,
              CASE WHEN status = 'SUBMITTED_TO_BINOME' THEN starts_at + interval '7 days' END,
              starts_at - interval '20 days', starts_at - interval '20 days'
         FROM (SELECT *, CASE WHEN meeting_status <> 'HELD' OR r < 0.2 THEN 'DRAFT'
                              WHEN r < 0.6 THEN 'PRESENTED' ELSE 'SUBMITTED_TO_BINOME' END AS status
                 FROM b_case) c`,
    );
    await step(
      'clinical case texts',
      `INSERT INTO clinical_case_text (case_id, society_id, group_id, title, work_situation, clinical_diagnosis,
                                       exposures, health_work_link, link_strength, information_and_alert, questions_raised)
       SELECT c.id, c.society_id, c.group_id,
              (${literal(CASE_TITLES)})[pg_temp.pick(c.c, 34, ${CASE_TITLES.length})],
              p[pg_temp.pick(c.c, 35, ${PARAGRAPHS.length})] || ' ' || p[pg_temp.pick(c.c, 36, ${PARAGRAPHS.length})],
              p[pg_temp.pick(c.c, 37, ${PARAGRAPHS.length})],
              p[pg_temp.pick(c.c, 38, ${PARAGRAPHS.length})],
              p[pg_temp.pick(c.c, 39, ${PARAGRAPHS.length})] || ' ' || p[pg_temp.pick(c.c, 40, ${PARAGRAPHS.length})],
              (ARRAY['STRONG', 'MODERATE', 'WEAK', 'NONE'])[pg_temp.pick(c.c, 41, 4)],
              p[pg_temp.pick(c.c, 42, ${PARAGRAPHS.length})],
              p[pg_temp.pick(c.c, 43, ${PARAGRAPHS.length})]
         FROM b_case c, (SELECT ${literal(PARAGRAPHS)} AS p) paragraphs`,
    );
    await client.query('COMMIT');
    await client.query('SET session_replication_role = origin');
    // The society counters are kept by triggers, which the load skipped: counted once here.
    const countersAt = Date.now();
    await client.query('SELECT app.recount_societies()');
    log(`  society counters: ${((Date.now() - countersAt) / 1000).toFixed(1)} s`);
    const analyzeAt = Date.now();
    await client.query('VACUUM (ANALYZE)');
    log(`  vacuum analyze: ${((Date.now() - analyzeAt) / 1000).toFixed(1)} s`);

    const counts = await countRows(client);
    return { seconds: (Date.now() - started) / 1000, counts };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

export async function countRows(client: pg.ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query(`
    SELECT (SELECT count(*) FROM society)::int AS societies,
           (SELECT count(*) FROM member)::int AS members,
           (SELECT count(*) FROM user_account)::int AS accounts,
           (SELECT count(*) FROM peer_group)::int AS groups,
           (SELECT count(*) FROM group_membership)::int AS memberships,
           (SELECT count(*) FROM binome_assignment)::int AS binome_assignments,
           (SELECT count(*) FROM meeting)::int AS meetings,
           (SELECT count(*) FROM meeting WHERE status = 'HELD')::int AS meetings_held,
           (SELECT count(*) FROM meeting_role)::int AS meeting_roles,
           (SELECT count(*) FROM attendance WHERE status = 'SIGNED')::int AS signatures,
           (SELECT count(*) FROM attendance WHERE status = 'EXCUSED')::int AS excuses,
           (SELECT count(*) FROM clinical_case)::int AS clinical_cases,
           (SELECT count(*) FROM clinical_case_text)::int AS clinical_case_texts`);
  return rows[0] as Record<string, number>;
}
