import { randomUUID } from 'node:crypto';
import { hasValidLuhn, pseudonymisationProblems } from '@epairs/shared';
import pg from 'pg';
import { withDatabase } from '../src/common/db/bootstrap-roles';
import { createDataSource, runMigrations } from '../src/common/db/data-source';
import { createLogger } from '../src/common/logger';
import { seedDemoData } from '../src/seed/demo-seed';
import {
  buildMeetingsDemo,
  DEMO_CORRECTION_REASON,
  meetingsDemoCounts,
} from '../src/seed/meetings-demo';
import {
  buildRegisterDemo,
  currentParisYear,
  REGISTER_DEMO_ACCOUNTS,
  REGISTER_DEMO_GROUPS,
  registerDemoCounts,
  registerDemoFingerprint,
} from '../src/seed/register-demo';
import { THESAURUS_DEMO } from '../src/seed/thesaurus-demo';
import { DEMO, startTestApp, type TestApp } from './support/test-app';

const SOCIETIES = ['SSTPC', 'SMTVL', 'ASMT', 'SNPST', 'ARAPT'];
const DEMO_SUFFIX = '%@demo.e-pairs.fr';

/** What the seed wrote, without ids or clock-dependent timestamps: equal across two runs. */
const CONTENT_FINGERPRINT = `
  SELECT md5(concat_ws('#',
    (SELECT string_agg(concat_ws('|', s.code, e.name, e.city, e.siret), ',' ORDER BY s.code, e.name)
       FROM employer e JOIN society s ON s.id = e.society_id),
    (SELECT string_agg(concat_ws('|', m.rpps, u.email, u.first_name, u.last_name, m.profession, s.code,
                                 e.name, m.region, m.status), ',' ORDER BY m.rpps)
       FROM member m JOIN user_account u ON u.id = m.user_id JOIN society s ON s.id = m.society_id
       LEFT JOIN employer e ON e.id = m.employer_id),
    (SELECT string_agg(concat_ws('|', m.rpps, v.number), ',' ORDER BY m.rpps, v.number)
       FROM charter_acceptance a JOIN member m ON m.id = a.member_id
       JOIN charter_version v ON v.id = a.charter_version_id),
    (SELECT string_agg(concat_ws('|', m.rpps, c.year, c.status), ',' ORDER BY m.rpps)
       FROM convention c JOIN member m ON m.id = c.member_id),
    (SELECT string_agg(concat_ws('|', s.code, g.name, g.kind, g.status, g.entry_point, g.draw_mode,
                                 g.meeting_place), ',' ORDER BY s.code, g.name)
       FROM peer_group g JOIN society s ON s.id = g.society_id),
    (SELECT string_agg(concat_ws('|', g.name, t.code), ',' ORDER BY g.name, t.code)
       FROM group_theme gt JOIN peer_group g ON g.id = gt.group_id JOIN theme t ON t.id = gt.theme_id),
    (SELECT string_agg(concat_ws('|', g.name, m.rpps, gm.role, gm.joined_on, gm.left_on), ','
                       ORDER BY g.name, m.rpps, gm.joined_on)
       FROM group_membership gm JOIN peer_group g ON g.id = gm.group_id JOIN member m ON m.id = gm.member_id),
    (SELECT string_agg(concat_ws('|', g.name, u.email, b.ended_at IS NULL), ','
                       ORDER BY g.name, u.email, b.ended_at IS NULL)
       FROM binome_assignment b JOIN peer_group g ON g.id = b.group_id JOIN user_account u ON u.id = b.user_id),
    -- Meetings move with the date the seed runs; their order, content, roles and sheets do not.
    (SELECT string_agg(concat_ws('|', g.name, mt.status, mt.title, mt.duration_minutes, mt.mode, mt.place,
                                 mt.link, to_char(mt.starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI'),
                                 encode(mt.signing_secret, 'hex')), ','
                       ORDER BY g.name, mt.starts_at)
       FROM meeting mt JOIN peer_group g ON g.id = mt.group_id),
    (SELECT string_agg(concat_ws('|', g.name, mt.status, m.rpps, r.role), ','
                       ORDER BY g.name, mt.starts_at, m.rpps, r.role)
       FROM meeting_role r JOIN meeting mt ON mt.id = r.meeting_id JOIN peer_group g ON g.id = mt.group_id
       JOIN member m ON m.id = r.member_id),
    (SELECT string_agg(concat_ws('|', g.name, m.rpps, a.status, a.method,
                                 extract(epoch FROM a.signed_at - mt.starts_at)), ','
                       ORDER BY g.name, mt.starts_at, m.rpps)
       FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id JOIN peer_group g ON g.id = mt.group_id
       JOIN member m ON m.id = a.member_id),
    (SELECT string_agg(concat_ws('|', g.name, m.rpps, v.answer), ',' ORDER BY g.name, mt.starts_at, m.rpps)
       FROM meeting_rsvp v JOIN meeting mt ON mt.id = v.meeting_id JOIN peer_group g ON g.id = mt.group_id
       JOIN member m ON m.id = v.member_id),
    (SELECT string_agg(concat_ws('|', s.code, c.year, c.credits_per_hour, c.credits_per_case,
                                 c.credits_per_report), ',' ORDER BY s.code, c.year)
       FROM credit_rule c JOIN society s ON s.id = c.society_id),
    (SELECT string_agg(concat_ws('|', g.name, e.status, e.title, e.lesson, e.context, u.email,
                                 (SELECT string_agg(t.code, '+' ORDER BY t.code)
                                    FROM thesaurus_entry_theme et JOIN theme t ON t.id = et.theme_id
                                   WHERE et.entry_id = e.id)), ',' ORDER BY g.name, e.title)
       FROM thesaurus_entry e JOIN peer_group g ON g.id = e.group_id
       JOIN user_account u ON u.id = e.proposed_by_user_id),
    (SELECT string_agg(concat_ws('|', g.name, c.status, t.title, m.rpps), ',' ORDER BY g.name, t.title)
       FROM clinical_case c JOIN clinical_case_text t ON t.case_id = c.id
       JOIN peer_group g ON g.id = c.group_id JOIN member m ON m.id = c.author_member_id),
    (SELECT string_agg(concat_ws('|', g.name, r.status, r.edition, t.group_answers, (SELECT string_agg(x->>'name', '/') FROM jsonb_array_elements(r.attendance_list) x),
                                 (SELECT count(*) FROM meeting_report_approval a WHERE a.report_id = r.id)),
                       ',' ORDER BY g.name, mt.starts_at)
       FROM meeting_report r JOIN meeting_report_text t ON t.report_id = r.id
       JOIN meeting mt ON mt.id = r.meeting_id JOIN peer_group g ON g.id = r.group_id),
    (SELECT string_agg(concat_ws('|', f.status, array_to_string(t.questions, '/'), u.email), ',' ORDER BY u.email)
       FROM binome_feedback f JOIN binome_feedback_text t ON t.feedback_id = f.id
       JOIN user_account u ON u.id = f.author_user_id)
  )) AS fingerprint`;

const RPPS_FINGERPRINT = `SELECT md5(string_agg(rpps, ',' ORDER BY rpps)) AS fingerprint FROM member`;

let t: TestApp;
const year = currentParisYear();

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** Current members of every group, with profession and role. */
async function currentMemberships() {
  return t.sql<{
    society: string;
    group_id: string;
    name: string;
    kind: string;
    status: string;
    profession: string;
    role: string;
    user_id: string;
    email: string;
  }>(`
    SELECT s.code AS society, g.id AS group_id, g.name, g.kind, g.status, m.profession, gm.role,
           m.user_id, u.email
      FROM group_membership gm
      JOIN peer_group g ON g.id = gm.group_id
      JOIN society s ON s.id = g.society_id
      JOIN member m ON m.id = gm.member_id
      JOIN user_account u ON u.id = m.user_id
     WHERE gm.left_on IS NULL`);
}

describe('the demo register', () => {
  it('has 40 to 80 members per society, plus the attached demo accounts', async () => {
    const rows = await t.sql<{ code: string; generated: number; demo: number }>(
      `SELECT s.code,
              count(*) FILTER (WHERE u.email NOT LIKE $1)::int AS generated,
              count(*) FILTER (WHERE u.email LIKE $1)::int AS demo
         FROM society s LEFT JOIN member m ON m.society_id = s.id
         LEFT JOIN user_account u ON u.id = m.user_id
        GROUP BY s.code`,
      [DEMO_SUFFIX],
    );
    const bySociety = Object.fromEntries(rows.map((row) => [row.code, row]));
    for (const code of SOCIETIES) {
      expect(bySociety[code]!.generated).toBeGreaterThanOrEqual(40);
      expect(bySociety[code]!.generated).toBeLessThanOrEqual(80);
    }
    expect(Object.fromEntries(rows.map((row) => [row.code, row.demo]))).toEqual({
      SSTPC: 2,
      SMTVL: 1,
      ASMT: 0,
      SNPST: 0,
      ARAPT: 0,
    });
    // Mostly physicians, some nurses, in every society.
    const professions = await t.sql<{ code: string; physicians: number; nurses: number }>(
      `SELECT s.code, count(*) FILTER (WHERE m.profession = 'PHYSICIAN')::int AS physicians,
              count(*) FILTER (WHERE m.profession = 'NURSE')::int AS nurses
         FROM member m JOIN society s ON s.id = m.society_id GROUP BY s.code`,
    );
    for (const row of professions) {
      expect(row.nurses).toBeGreaterThan(0);
      expect(row.physicians).toBeGreaterThan(row.nurses);
    }
  });

  it('gives every member a valid, unique RPPS and an active account in its society', async () => {
    const members = await t.sql<{ rpps: string }>(`SELECT rpps FROM member`);
    expect(members.length).toBeGreaterThan(200);
    for (const { rpps } of members) {
      expect(rpps).toMatch(/^\d{11}$/);
      expect(hasValidLuhn(rpps)).toBe(true);
    }
    expect(new Set(members.map((member) => member.rpps)).size).toBe(members.length);

    const mismatched = await t.sql(
      `SELECT u.email FROM member m JOIN user_account u ON u.id = m.user_id
        WHERE u.society_id IS DISTINCT FROM m.society_id OR u.status <> 'ACTIVE'`,
    );
    expect(mismatched).toEqual([]);
    // One password hash for every demo account: the seed never hashes per account.
    const hashes = await t.sql<{ hashes: number }>(
      `SELECT count(DISTINCT password_hash)::int AS hashes FROM user_account`,
    );
    expect(hashes[0]!.hashes).toBe(1);
    const emails = await t.sql<{ email: string }>(
      `SELECT u.email FROM member m JOIN user_account u ON u.id = m.user_id WHERE u.email NOT LIKE $1`,
      [DEMO_SUFFIX],
    );
    for (const { email } of emails) {
      expect(email).toMatch(
        /^[a-z-]+\.[a-z-]+\d+@(sstpc|smtvl|asmt|snpst|arapt)\.demo\.e-pairs\.fr$/,
      );
    }
  });

  it('has 3 to 4 employers per society, SIRET valid when given, members employed in their society', async () => {
    const employers = await t.sql<{ code: string; siret: string | null }>(
      `SELECT s.code, e.siret FROM employer e JOIN society s ON s.id = e.society_id`,
    );
    for (const code of SOCIETIES) {
      const count = employers.filter((employer) => employer.code === code).length;
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(4);
    }
    const sirets = employers.map((employer) => employer.siret);
    expect(sirets.some((siret) => siret === null)).toBe(true);
    for (const siret of sirets.filter((value): value is string => value !== null)) {
      expect(hasValidLuhn(siret)).toBe(true);
    }
    const foreign = await t.sql(
      `SELECT m.id FROM member m LEFT JOIN employer e ON e.id = m.employer_id
        WHERE e.society_id IS DISTINCT FROM m.society_id`,
    );
    expect(foreign).toEqual([]);
  });

  it('gives every group one current relay and 5 to 12 current members', async () => {
    const groups = await t.sql<{ id: string; members: number; relays: number }>(
      `SELECT g.id,
              count(gm.id) FILTER (WHERE gm.left_on IS NULL)::int AS members,
              count(gm.id) FILTER (WHERE gm.left_on IS NULL AND gm.role = 'RELAY')::int AS relays
         FROM peer_group g LEFT JOIN group_membership gm ON gm.group_id = g.id
        GROUP BY g.id`,
    );
    expect(groups.length).toBeGreaterThanOrEqual(15);
    for (const group of groups) {
      expect(group.relays).toBe(1);
      expect(group.members).toBeGreaterThanOrEqual(5);
      expect(group.members).toBeLessThanOrEqual(12);
    }
    // Nobody who left the federation is still in a group.
    const leftInGroup = await t.sql(
      `SELECT gm.id FROM group_membership gm JOIN member m ON m.id = gm.member_id
        WHERE m.status = 'LEFT' AND gm.left_on IS NULL`,
    );
    expect(leftInGroup).toEqual([]);
  });

  it('has 3 to 5 groups per society, one GAPEM with both professions, single-profession GAPEPs', async () => {
    const memberships = await currentMemberships();
    const groups = await t.sql<{
      id: string;
      society: string;
      kind: string;
      status: string;
      entry_point: string;
      draw_mode: string | null;
      themes: number;
    }>(
      `SELECT g.id, s.code AS society, g.kind, g.status, g.entry_point, g.draw_mode,
              (SELECT count(*)::int FROM group_theme gt WHERE gt.group_id = g.id) AS themes
         FROM peer_group g JOIN society s ON s.id = g.society_id`,
    );
    for (const code of SOCIETIES) {
      const own = groups.filter((group) => group.society === code);
      expect(own.length).toBeGreaterThanOrEqual(3);
      expect(own.length).toBeLessThanOrEqual(5);
      expect(own.filter((group) => group.kind === 'GAPEM')).toHaveLength(1);
      expect(own.some((group) => group.status === 'ACTIVE')).toBe(true);
    }
    for (const group of groups) {
      const professions = new Set(
        memberships.filter((row) => row.group_id === group.id).map((row) => row.profession),
      );
      expect(professions.size).toBe(group.kind === 'GAPEM' ? 2 : 1);
      expect(group.themes).toBeGreaterThanOrEqual(1);
      expect(group.themes).toBeLessThanOrEqual(3);
    }
    const statuses = new Set(groups.map((group) => group.status));
    expect([...statuses].sort()).toEqual(['ACTIVE', 'FORMING', 'REGISTERED', 'SUBMITTED']);
    const entries = new Set(groups.map((group) => `${group.entry_point}/${group.draw_mode}`));
    expect(entries).toEqual(
      new Set([
        'CASE_PRESENTATION/RANDOM',
        'CASE_PRESENTATION/THEMATIC',
        'RECOMMENDATION_DISCUSSION/null',
      ]),
    );
    // A nurse-only GAPEP exists somewhere.
    const nurseGapep = groups.filter(
      (group) =>
        group.kind === 'GAPEP' &&
        memberships.some((row) => row.group_id === group.id && row.profession === 'NURSE'),
    );
    expect(nurseGapep.length).toBeGreaterThan(0);
  });

  it('gives every ACTIVE or REGISTERED group two binômes, none a member of it', async () => {
    const memberships = await currentMemberships();
    const groups = await t.sql<{ id: string; society_id: string; status: string }>(
      `SELECT id, society_id, status FROM peer_group`,
    );
    const assignments = await t.sql<{
      group_id: string;
      society_id: string;
      user_id: string;
      binome_grant: boolean;
    }>(
      `SELECT b.group_id, b.society_id, b.user_id,
              EXISTS (SELECT 1 FROM role_grant r WHERE r.user_id = b.user_id AND r.role = 'BINOME'
                                                  AND r.society_id IS NULL) AS binome_grant
         FROM binome_assignment b WHERE b.ended_at IS NULL`,
    );
    for (const group of groups) {
      const current = assignments.filter((assignment) => assignment.group_id === group.id);
      const expected = group.status === 'ACTIVE' || group.status === 'REGISTERED' ? 2 : 0;
      expect(current).toHaveLength(expected);
      for (const assignment of current) {
        expect(assignment.society_id).toBe(group.society_id);
        expect(assignment.binome_grant).toBe(true);
        expect(
          memberships.some(
            (row) => row.group_id === group.id && row.user_id === assignment.user_id,
          ),
        ).toBe(false);
      }
    }
    // Some correspondents come from another society than the group's.
    const cross = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM binome_assignment b JOIN user_account u ON u.id = b.user_id
        WHERE b.ended_at IS NULL AND u.society_id <> b.society_id`,
    );
    expect(cross[0]!.n).toBeGreaterThan(0);
    // Besides the two demo binômes, about two more per society.
    const grants = await t.sql<{ code: string; n: number }>(
      `SELECT s.code, count(*)::int AS n FROM role_grant r JOIN user_account u ON u.id = r.user_id
         JOIN society s ON s.id = u.society_id
        WHERE r.role = 'BINOME' AND u.email NOT LIKE $1 GROUP BY s.code`,
      [DEMO_SUFFIX],
    );
    expect(grants).toHaveLength(5);
    for (const row of grants) expect(row.n).toBeGreaterThanOrEqual(2);
  });

  it('sends each demo binôme to at least one group of another society', async () => {
    for (const email of [REGISTER_DEMO_ACCOUNTS.binomeAsmt, REGISTER_DEMO_ACCOUNTS.binomeArapt]) {
      const rows = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM binome_assignment b JOIN user_account u ON u.id = b.user_id
          WHERE u.email = $1 AND b.ended_at IS NULL AND b.society_id <> u.society_id`,
        [email],
      );
      expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    }
  });

  it('attaches the demo relay, physician and nurse to their groups', async () => {
    const rows = await t.sql<{
      email: string;
      member_society: string;
      profession: string;
      group_society: string;
      group_name: string;
      kind: string;
      status: string;
      role: string;
    }>(
      `SELECT u.email, ms.code AS member_society, m.profession, gs.code AS group_society,
              g.name AS group_name, g.kind, g.status, gm.role
         FROM user_account u
         JOIN member m ON m.user_id = u.id JOIN society ms ON ms.id = m.society_id
         JOIN group_membership gm ON gm.member_id = m.id AND gm.left_on IS NULL
         JOIN peer_group g ON g.id = gm.group_id JOIN society gs ON gs.id = g.society_id
        WHERE u.email = ANY ($1)
        ORDER BY u.email`,
      [
        [
          REGISTER_DEMO_ACCOUNTS.relaySstpc,
          REGISTER_DEMO_ACCOUNTS.physicianSstpc,
          REGISTER_DEMO_ACCOUNTS.nurseSmtvl,
        ],
      ],
    );
    const sstpcGroup = {
      member_society: 'SSTPC',
      profession: 'PHYSICIAN',
      group_society: 'SSTPC',
      group_name: REGISTER_DEMO_GROUPS.sstpcGapep,
      kind: 'GAPEP',
      status: 'ACTIVE',
    };
    expect(rows).toEqual([
      {
        email: REGISTER_DEMO_ACCOUNTS.nurseSmtvl,
        member_society: 'SMTVL',
        profession: 'NURSE',
        group_society: 'SMTVL',
        group_name: REGISTER_DEMO_GROUPS.smtvlGapem,
        kind: 'GAPEM',
        status: 'ACTIVE',
        role: 'MEMBER',
      },
      { email: REGISTER_DEMO_ACCOUNTS.physicianSstpc, ...sstpcGroup, role: 'MEMBER' },
      { email: REGISTER_DEMO_ACCOUNTS.relaySstpc, ...sstpcGroup, role: 'RELAY' },
    ]);

    const standing = await t.sql<{ email: string; charter: number; convention: string }>(
      `SELECT u.email,
              (SELECT max(v.number) FROM charter_acceptance a JOIN charter_version v ON v.id = a.charter_version_id
                WHERE a.member_id = m.id) AS charter,
              (SELECT c.status FROM convention c WHERE c.member_id = m.id AND c.year = $2) AS convention
         FROM user_account u JOIN member m ON m.user_id = u.id
        WHERE u.email = ANY ($1)`,
      [
        [
          REGISTER_DEMO_ACCOUNTS.relaySstpc,
          REGISTER_DEMO_ACCOUNTS.physicianSstpc,
          REGISTER_DEMO_ACCOUNTS.nurseSmtvl,
        ],
        year,
      ],
    );
    expect(standing).toHaveLength(3);
    for (const row of standing) {
      expect(row).toEqual({ email: row.email, charter: 2, convention: 'ACTIVE' });
    }
  });

  it('has charter version 2 in force, accepted by most members', async () => {
    const versions = await t.sql<{ number: number; published_at: Date }>(
      `SELECT number, published_at FROM charter_version ORDER BY number`,
    );
    expect(versions.map((version) => version.number)).toEqual([1, 2]);
    expect(versions[1]!.published_at.getTime()).toBeGreaterThan(
      versions[0]!.published_at.getTime(),
    );
    const standing = await t.sql<{ v2: number; v1_only: number; none: number }>(
      `SELECT count(*) FILTER (WHERE best = 2)::int AS v2, count(*) FILTER (WHERE best = 1)::int AS v1_only,
              count(*) FILTER (WHERE best IS NULL)::int AS none
         FROM (SELECT m.id, (SELECT max(v.number) FROM charter_acceptance a
                              JOIN charter_version v ON v.id = a.charter_version_id
                             WHERE a.member_id = m.id) AS best
                 FROM member m) AS x`,
    );
    const { v2, v1_only, none } = standing[0]!;
    expect(v2).toBeGreaterThan((v2 + v1_only + none) / 2);
    expect(v1_only).toBeGreaterThan(0);
    expect(none).toBeGreaterThan(0);
    // Every member of a group past FORMING has accepted the charter in force (registration rule).
    const missing = await t.sql(
      `SELECT m.id FROM group_membership gm JOIN peer_group g ON g.id = gm.group_id
         JOIN member m ON m.id = gm.member_id
        WHERE gm.left_on IS NULL AND g.status <> 'FORMING'
          AND NOT EXISTS (SELECT 1 FROM charter_acceptance a JOIN charter_version v ON v.id = a.charter_version_id
                           WHERE a.member_id = m.id AND v.number = 2)`,
    );
    expect(missing).toEqual([]);
  });

  it('gives most members a convention for the current year, 5 sessions and 18 h', async () => {
    const conventions = await t.sql<{
      status: string;
      year: number;
      min_sessions: number;
      min_hours: number;
    }>(`SELECT status, year, min_sessions, min_hours FROM convention`);
    const members = (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM member`))[0]!.n;
    expect(conventions.length).toBeGreaterThan(members * 0.7);
    expect(conventions.length).toBeLessThan(members);
    for (const convention of conventions) {
      expect(convention).toMatchObject({ year, min_sessions: 5, min_hours: 18 });
    }
    expect(new Set(conventions.map((convention) => convention.status))).toEqual(
      new Set(['DRAFT', 'SENT', 'SIGNED', 'ACTIVE']),
    );
    const inconsistent = await t.sql(
      `SELECT id FROM convention
        WHERE (status = 'DRAFT' AND sent_at IS NOT NULL)
           OR (status <> 'DRAFT' AND sent_at IS NULL)
           OR ((status IN ('SIGNED', 'ACTIVE')) <> (signed_at IS NOT NULL))
           OR ((status = 'ACTIVE') <> (activated_at IS NOT NULL))
           OR signed_at < sent_at
           OR employer_id IS NULL`,
    );
    expect(inconsistent).toEqual([]);
  });

  it('writes no timestamp in the future', async () => {
    const future = await t.sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM charter_version WHERE published_at > now())
            + (SELECT count(*) FROM charter_acceptance WHERE accepted_at > now())
            + (SELECT count(*) FROM convention WHERE greatest(sent_at, signed_at, activated_at) > now())
            + (SELECT count(*) FROM peer_group WHERE greatest(submitted_at, registered_at) > now())
            + (SELECT count(*) FROM group_membership WHERE joined_on > current_date)
            + (SELECT count(*) FROM binome_assignment WHERE assigned_at > now())
            + (SELECT count(*) FROM meeting WHERE created_at > now()
                  OR (status = 'HELD' AND greatest(starts_at, sheet_closed_at, updated_at) > now()))
            + (SELECT count(*) FROM attendance WHERE signed_at > now())
            + (SELECT count(*) FROM meeting_rsvp WHERE answered_at > now()) AS n`,
    );
    expect(Number(future[0]!.n)).toBe(0);
  });

  it('is deterministic: the same build twice, and the database holds exactly that build', async () => {
    const first = buildRegisterDemo(year);
    const second = buildRegisterDemo(year);
    expect(second).toEqual(first);
    expect(registerDemoFingerprint(second)).toBe(registerDemoFingerprint(first));

    const [{ fingerprint }] = (await t.sql<{ fingerprint: string }>(RPPS_FINGERPRINT)) as [
      { fingerprint: string },
    ];
    expect(fingerprint).toBe(registerDemoFingerprint(first));

    const counts = registerDemoCounts(first);
    for (const table of [
      'employer',
      'member',
      'charter_version',
      'charter_acceptance',
      'convention',
      'peer_group',
      'group_theme',
      'group_membership',
      'binome_assignment',
    ]) {
      const rows = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, n: rows[0]!.n }).toEqual({ table, n: counts[table] });
    }

    // The meetings: the same build for the same instant, the same rows whatever the instant.
    const now = new Date();
    const meetings = buildMeetingsDemo(first, now);
    expect(buildMeetingsDemo(first, now)).toEqual(meetings);
    const later = buildMeetingsDemo(first, new Date(now.getTime() + 40 * 86_400_000));
    expect(meetingsDemoCounts(later)).toEqual(meetingsDemoCounts(meetings));
    for (const [table, n] of Object.entries(meetingsDemoCounts(meetings))) {
      const rows = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, n: rows[0]!.n }).toEqual({ table, n });
    }
  });

  it('seeds a fresh database quickly, with the same content as the template', async () => {
    const name = `epairs_seed_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: process.env.EPAIRS_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(
      `CREATE DATABASE ${name} OWNER epairs_owner ENCODING 'UTF8' TEMPLATE template0`,
    );
    await admin.end();
    const inDatabase = new pg.Client({
      connectionString: withDatabase(process.env.EPAIRS_TEST_ADMIN_URL!, name),
    });
    await inDatabase.connect();
    try {
      await inDatabase.query(`ALTER SCHEMA public OWNER TO epairs_owner`);
      const logger = createLogger('silent');
      await runMigrations(withDatabase(process.env.EPAIRS_TEST_OWNER_URL!, name), logger);
      const app = createDataSource({
        url: withDatabase(process.env.EPAIRS_TEST_APP_URL!, name),
        poolSize: 1,
        logger,
        applicationName: 'epairs-test-seed-timing',
      });
      await app.initialize();
      const started = performance.now();
      try {
        expect(await seedDemoData(app)).toBe(true);
      } finally {
        await app.destroy();
      }
      const elapsed = performance.now() - started;
      expect(elapsed).toBeLessThan(5_000);

      const fresh = await inDatabase.query<{ fingerprint: string }>(CONTENT_FINGERPRINT);
      const template = await t.sql<{ fingerprint: string }>(CONTENT_FINGERPRINT);
      expect(fresh.rows[0]!.fingerprint).toBe(template[0]!.fingerprint);
      const freshRpps = await inDatabase.query<{ fingerprint: string }>(RPPS_FINGERPRINT);
      expect(freshRpps.rows[0]!.fingerprint).toBe(registerDemoFingerprint(buildRegisterDemo(year)));
    } finally {
      await inDatabase.end();
      const cleanup = new pg.Client({ connectionString: process.env.EPAIRS_TEST_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    }
  });
});

describe('the demo meetings', () => {
  /** From 15 March on, the whole held programme falls in the current Paris year. */
  const HELD_SINCE = `CASE WHEN now() >= make_timestamptz($1::int, 3, 15, 0, 0, 0, 'Europe/Paris')
                          THEN make_timestamptz($1::int, 1, 1, 0, 0, 0, 'Europe/Paris')
                          ELSE now() - interval '1 year' END`;

  it('gives every ACTIVE group its programme in Paris time, and nothing to the others', async () => {
    const groups = await t.sql<{
      name: string;
      status: string;
      held: number;
      held_since: number;
      planned: number;
      other: number;
      times: number;
      odd_times: number;
      short: number;
    }>(
      `SELECT g.name, g.status,
              count(mt.id) FILTER (WHERE mt.status = 'HELD')::int AS held,
              count(mt.id) FILTER (WHERE mt.status = 'HELD' AND mt.starts_at >= ${HELD_SINCE})::int AS held_since,
              count(mt.id) FILTER (WHERE mt.status = 'PLANNED')::int AS planned,
              count(mt.id) FILTER (WHERE mt.status NOT IN ('HELD', 'PLANNED'))::int AS other,
              count(DISTINCT to_char(mt.starts_at AT TIME ZONE 'Europe/Paris', 'HH24:MI'))::int AS times,
              count(mt.id) FILTER (WHERE to_char(mt.starts_at AT TIME ZONE 'Europe/Paris', 'MI') NOT IN ('00', '30'))::int AS odd_times,
              count(mt.id) FILTER (WHERE mt.duration_minutes NOT BETWEEN 120 AND 150)::int AS short
         FROM peer_group g LEFT JOIN meeting mt ON mt.group_id = g.id
        GROUP BY g.id`,
      [year],
    );
    expect(groups.some((group) => group.status === 'ACTIVE')).toBe(true);
    for (const group of groups) {
      if (group.status !== 'ACTIVE') {
        expect({ name: group.name, meetings: group.held + group.planned + group.other }).toEqual({
          name: group.name,
          meetings: 0,
        });
        continue;
      }
      expect(group.held).toBeGreaterThanOrEqual(4);
      expect(group.held).toBeLessThanOrEqual(6);
      expect(group.held_since).toBe(group.held);
      expect(group.planned).toBeGreaterThanOrEqual(2);
      expect(group.planned).toBeLessThanOrEqual(3);
      expect(group.other).toBe(0);
      // A group keeps its hour, on the hour or half past, in Paris.
      expect(group.times).toBe(1);
      expect(group.odd_times).toBe(0);
      expect(group.short).toBe(0);
    }

    // In person at the group's meeting place, some hybrid with an https link.
    const modes = await t.sql<{ mode: string; n: number; bad: number }>(
      `SELECT mt.mode, count(*)::int AS n,
              count(*) FILTER (WHERE mt.place IS DISTINCT FROM g.meeting_place
                                  OR (mt.mode = 'HYBRID') <> (mt.link LIKE 'https://%'))::int AS bad
         FROM meeting mt JOIN peer_group g ON g.id = mt.group_id GROUP BY mt.mode`,
    );
    expect(modes.map((row) => row.mode).sort()).toEqual(['HYBRID', 'IN_PERSON']);
    for (const row of modes) expect(row.bad).toBe(0);
  });

  it('closes every held sheet and keeps every planned one open, in the future', async () => {
    const wrong = await t.sql(
      `SELECT id, status FROM meeting
        WHERE (status = 'HELD' AND (sheet_closed_at IS NULL
                                    OR sheet_closed_at < starts_at + make_interval(mins => duration_minutes)
                                    OR starts_at + make_interval(mins => duration_minutes) > now()))
           OR (status = 'PLANNED' AND (sheet_closed_at IS NOT NULL OR starts_at <= now()))
           OR octet_length(signing_secret) <> 32`,
    );
    expect(wrong).toEqual([]);
    const secrets = await t.sql<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT signing_secret)::int AS distinct FROM meeting`,
    );
    expect(secrets[0]!.distinct).toBe(secrets[0]!.n);
  });

  it('staffs every held meeting: one animator, one secretary, one or two presenters, all present', async () => {
    const staffing = await t.sql<{
      id: string;
      animators: number;
      secretaries: number;
      presenters: number;
      people: number;
      absent: number;
    }>(
      `SELECT mt.id,
              count(r.id) FILTER (WHERE r.role = 'ANIMATOR')::int AS animators,
              count(r.id) FILTER (WHERE r.role = 'SECRETARY')::int AS secretaries,
              count(r.id) FILTER (WHERE r.role = 'PRESENTER')::int AS presenters,
              count(DISTINCT r.member_id)::int AS people,
              count(r.id) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM attendance a WHERE a.meeting_id = mt.id AND a.member_id = r.member_id
                                             AND a.status = 'SIGNED'))::int AS absent
         FROM meeting mt LEFT JOIN meeting_role r ON r.meeting_id = mt.id
        WHERE mt.status = 'HELD'
        GROUP BY mt.id`,
    );
    expect(staffing.length).toBeGreaterThan(0);
    for (const meeting of staffing) {
      expect(meeting).toMatchObject({ animators: 1, secretaries: 1, absent: 0 });
      expect([1, 2]).toContain(meeting.presenters);
      // Never two roles to one person at one meeting.
      expect(meeting.people).toBe(2 + meeting.presenters);
    }

    // Rotating fairly: nobody holds a role a second time while someone present has never held it.
    const lines = await t.sql<{
      group_id: string;
      meeting_id: string;
      member_id: string;
      role: string | null;
    }>(
      `SELECT mt.group_id, mt.id AS meeting_id, a.member_id, r.role
         FROM meeting mt JOIN attendance a ON a.meeting_id = mt.id AND a.status = 'SIGNED'
         LEFT JOIN meeting_role r ON r.meeting_id = mt.id AND r.member_id = a.member_id
        WHERE mt.status = 'HELD'
        ORDER BY mt.group_id, mt.starts_at`,
    );
    const held = new Map<string, number>(); // group/member/role → times
    const meetings = [...new Set(lines.map((line) => line.meeting_id))];
    for (const meetingId of meetings) {
      const present = lines.filter((line) => line.meeting_id === meetingId);
      const key = (line: (typeof present)[number], role: string) =>
        `${line.group_id}/${line.member_id}/${role}`;
      for (const role of ['ANIMATOR', 'SECRETARY']) {
        const holder = present.find((line) => line.role === role)!;
        const fewest = Math.min(...present.map((line) => held.get(key(line, role)) ?? 0));
        expect(held.get(key(holder, role)) ?? 0).toBe(fewest);
      }
      for (const line of present) {
        if (line.role) held.set(key(line, line.role), (held.get(key(line, line.role)) ?? 0) + 1);
      }
    }
  });

  it('has sheets signed only by current members of the group, as reasoned corrections of a paper sheet', async () => {
    const outsiders = await t.sql(
      `SELECT a.id FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
        WHERE NOT EXISTS (SELECT 1 FROM group_membership gm
                           WHERE gm.group_id = mt.group_id AND gm.member_id = a.member_id AND gm.left_on IS NULL)
           OR mt.status <> 'HELD'`,
    );
    expect(outsiders).toEqual([]);
    const lines = await t.sql<{
      status: string;
      n: number;
      not_correction: number;
      off_time: number;
      not_relay: number;
    }>(
      `SELECT a.status, count(*)::int AS n,
              count(*) FILTER (WHERE a.method <> 'CORRECTION' OR a.correction_reason IS DISTINCT FROM $1)::int AS not_correction,
              count(*) FILTER (WHERE (a.status = 'SIGNED' AND a.signed_at NOT BETWEEN mt.starts_at AND mt.starts_at + interval '15 minutes')
                                  OR (a.status = 'EXCUSED' AND a.signed_at >= mt.starts_at))::int AS off_time,
              count(*) FILTER (WHERE a.recorded_by IS DISTINCT FROM (
                SELECT m.user_id FROM group_membership gm JOIN member m ON m.id = gm.member_id
                 WHERE gm.group_id = mt.group_id AND gm.role = 'RELAY' AND gm.left_on IS NULL))::int AS not_relay
         FROM attendance a JOIN meeting mt ON mt.id = a.meeting_id
        GROUP BY a.status`,
      [DEMO_CORRECTION_REASON],
    );
    const byStatus = Object.fromEntries(lines.map((line) => [line.status, line]));
    expect(Object.keys(byStatus).sort()).toEqual(['EXCUSED', 'SIGNED']);
    for (const line of lines) {
      expect(line).toMatchObject({ not_correction: 0, off_time: 0, not_relay: 0 });
    }
    // Most members sign each held meeting; a few are excused.
    const perMeeting = await t.sql<{ signed: number; roster: number }>(
      `SELECT count(a.id) FILTER (WHERE a.status = 'SIGNED')::int AS signed,
              (SELECT count(*)::int FROM group_membership gm WHERE gm.group_id = mt.group_id AND gm.left_on IS NULL) AS roster
         FROM meeting mt LEFT JOIN attendance a ON a.meeting_id = mt.id
        WHERE mt.status = 'HELD' GROUP BY mt.id`,
    );
    const signed = perMeeting.reduce((sum, row) => sum + row.signed, 0);
    const expected = perMeeting.reduce((sum, row) => sum + row.roster, 0);
    expect(signed).toBeGreaterThan(expected * 0.6);
    expect(byStatus.EXCUSED!.n).toBeLessThan(byStatus.SIGNED!.n / 4);
  });

  it('has RSVP answers for some planned meetings, by members of the group only', async () => {
    const answers = await t.sql<{
      answer: string;
      n: number;
      outsiders: number;
      not_planned: number;
    }>(
      `SELECT v.answer, count(*)::int AS n,
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM group_membership gm
                 WHERE gm.group_id = mt.group_id AND gm.member_id = v.member_id AND gm.left_on IS NULL))::int AS outsiders,
              count(*) FILTER (WHERE mt.status <> 'PLANNED')::int AS not_planned
         FROM meeting_rsvp v JOIN meeting mt ON mt.id = v.meeting_id GROUP BY v.answer`,
    );
    expect(answers.map((row) => row.answer).sort()).toEqual(['MAYBE', 'NO', 'YES']);
    for (const row of answers) expect(row).toMatchObject({ outsiders: 0, not_planned: 0 });
    // Some members answered, not all: a share of the possible answers.
    const [share] = await t.sql<{ answered: number; possible: number }>(
      `SELECT (SELECT count(*)::int FROM meeting_rsvp) AS answered,
              (SELECT count(*)::int FROM meeting mt JOIN group_membership gm
                 ON gm.group_id = mt.group_id AND gm.left_on IS NULL WHERE mt.status = 'PLANNED') AS possible`,
    );
    expect(share!.answered).toBeGreaterThan(0);
    expect(share!.answered).toBeLessThan(share!.possible * 0.6);
  });

  it('gives every society a credit rule for the current year, one society counting differently', async () => {
    const rules = await t.sql<{ code: string; hour: string; per_case: string; report: string }>(
      `SELECT s.code, c.credits_per_hour AS hour, c.credits_per_case AS per_case, c.credits_per_report AS report
         FROM society s LEFT JOIN credit_rule c ON c.society_id = s.id AND c.year = $1`,
      [year],
    );
    expect(rules.map((rule) => rule.code).sort()).toEqual([...SOCIETIES].sort());
    const shapes = rules.map(
      (rule) => `${Number(rule.hour)}/${Number(rule.per_case)}/${Number(rule.report)}`,
    );
    for (const shape of shapes) expect(shape).not.toBe('NaN/NaN/NaN');
    expect(shapes.filter((shape) => shape === '1/2/2')).toHaveLength(SOCIETIES.length - 1);
  });

  it('writes no attestation and no open question', async () => {
    const rows = await t.sql<{ n: number }>(
      `SELECT (SELECT count(*) FROM attestation) + (SELECT count(*) FROM open_question) AS n`,
    );
    expect(Number(rows[0]!.n)).toBe(0);
  });
});

describe('the demo thesaurus', () => {
  it('has « repères » of active groups, proposed by their binôme, published by their relay person', async () => {
    const entries = await t.sql<{
      status: string;
      title: string;
      lesson: string;
      context: string;
      group_status: string;
      by_binome: boolean;
      by_relay: boolean | null;
      themes: number;
    }>(
      `SELECT e.status, e.title, e.lesson, e.context, g.status AS group_status,
              EXISTS (SELECT 1 FROM binome_assignment b WHERE b.group_id = e.group_id
                        AND b.user_id = e.proposed_by_user_id AND b.ended_at IS NULL) AS by_binome,
              (SELECT gm.role = 'RELAY' FROM group_membership gm
                WHERE gm.group_id = e.group_id AND gm.member_id = e.agreed_by_member_id
                  AND gm.left_on IS NULL) AS by_relay,
              (SELECT count(*)::int FROM thesaurus_entry_theme t WHERE t.entry_id = e.id) AS themes
         FROM thesaurus_entry e JOIN peer_group g ON g.id = e.group_id`,
    );
    expect(entries).toHaveLength(THESAURUS_DEMO.length);
    expect(entries.filter((entry) => entry.status === 'PROPOSED')).toHaveLength(1);
    for (const entry of entries) {
      expect(entry).toMatchObject({ group_status: 'ACTIVE', by_binome: true });
      expect(entry.by_relay).toBe(entry.status === 'PUBLISHED' ? true : null);
      expect(entry.themes).toBeGreaterThanOrEqual(1);
      // What the API's guard would let through: the seed is no exception.
      const { title, lesson, context } = entry;
      expect(pseudonymisationProblems({ title, lesson, context })).toEqual([]);
    }
  });

  it('answers the demo nurse’s search for « musculosquelettique »', async () => {
    const token = (await t.login(DEMO.nurseSmtvl)).accessToken;
    const response = await t.gql(
      `{ searchThesaurus(query: "musculosquelettique") { total hits { entry { title } } } }`,
      {},
      { token },
    );
    expect(response.errors).toBeUndefined();
    const { total, hits } = response.data!.searchThesaurus;
    expect(total).toBeGreaterThanOrEqual(1);
    expect(hits[0].entry.title).toMatch(/^Troubles musculo-squelettiques des caristes/);
  });
});

describe('the demo content', () => {
  it('gives the demo group a submitted case, a validated report and sent feedback, all pseudonymised', async () => {
    const [report] = (await t.sql(
      `SELECT r.status, r.attendance_list, t.*, g.name AS group_name,
              (SELECT count(*)::int FROM meeting_report_approval a WHERE a.report_id = r.id) AS approvals,
              (SELECT count(*)::int FROM attendance a WHERE a.meeting_id = r.meeting_id AND a.status = 'SIGNED') AS signed
         FROM meeting_report r JOIN meeting_report_text t ON t.report_id = r.id JOIN peer_group g ON g.id = r.group_id`,
    )) as Record<string, any>[];
    expect(report).toMatchObject({
      group_name: REGISTER_DEMO_GROUPS.sstpcGapep,
      status: 'VALIDATED',
      validated: true,
    });
    expect(report!.approvals).toBe(report!.signed);
    expect(report!.attendance_list).toHaveLength(report!.signed);
    const cases = await t.sql(
      `SELECT c.status, t.* FROM clinical_case c JOIN clinical_case_text t ON t.case_id = c.id ORDER BY c.status`,
    );
    expect(cases.map((row) => row.status)).toEqual(['DRAFT', 'SUBMITTED_TO_BINOME']);
    const [feedback] = await t.sql(
      `SELECT f.status, t.questions, t.remarks FROM binome_feedback f JOIN binome_feedback_text t ON t.feedback_id = f.id`,
    );
    expect(feedback).toMatchObject({ status: 'SENT' });
    // What the API's guard would let through: the seed is no exception.
    const texts: Record<string, string> = {};
    for (const [index, row] of [report!, ...cases].entries()) {
      for (const [key, value] of Object.entries(row)) {
        if (typeof value === 'string' && !/^[0-9a-f-]{36}$/.test(value) && value.length > 3) {
          texts[`${index}.${key}`] = value;
        }
      }
    }
    feedback!.questions.forEach((question: string, index: number) => {
      texts[`question.${index}`] = question;
    });
    texts.remarks = feedback!.remarks;
    expect(pseudonymisationProblems(texts)).toEqual([]);

    // The demo physician reads its group's validated report; the demo binôme the feedback it sent.
    const physician = (await t.login(DEMO.physicianSstpc)).accessToken;
    const reports = await t.gql(
      `query ($g: ID!) { groupMeetingReports(groupId: $g) { status groupAnswers loopStatus attendees { name } } }`,
      { g: report!.group_id },
      { token: physician },
    );
    expect(reports.data!.groupMeetingReports).toEqual([
      expect.objectContaining({ status: 'VALIDATED', loopStatus: 'FEEDBACK_SENT' }),
    ]);
  });
});
