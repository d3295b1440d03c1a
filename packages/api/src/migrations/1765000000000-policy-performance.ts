import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The row-level policies the hot reads and writes go through, rewritten for the planner with the
 * same meaning (docs/benchmarks.md):
 *
 * - the setting functions are called in scalar sub-queries, `(SELECT app.group_ids())`, which
 *   PostgreSQL evaluates once per statement (an init plan) instead of once per row — a bare
 *   `app.administers(society_id)` is inlined into `current_setting` calls and a `uuid[]` parse
 *   for every row read, which is most of the cost of counting a year of signatures;
 *   `app.administers(x)` is written out as its definition, `app.sees_all() OR x = ANY
 *   (app.admin_society_ids())`, with both calls as init plans;
 * - a correlated `EXISTS (SELECT 1 FROM meeting m WHERE m.id = t.meeting_id AND m.group_id =
 *   ANY (…))` becomes `t.meeting_id IN (SELECT m.id FROM meeting m WHERE m.group_id = ANY (…))`:
 *   one set per statement (a hashed sub-plan, read through `meeting_group_time_idx`), not one
 *   sub-plan per row. Same rows for a non-null key; the keys are NOT NULL.
 *
 * Each policy keeps its name, command and roles (ALTER POLICY); down() restores the old text.
 */
const SEES_ALL = '(SELECT app.sees_all())';
const ME = '(SELECT app.current_user_id())';
const GROUPS = '(SELECT app.group_ids())::uuid[]';
const RELAY_GROUPS = '(SELECT app.relay_group_ids())::uuid[]';
const BINOME_GROUPS = '(SELECT app.binome_group_ids())::uuid[]';
const DIRECTORY = '(SELECT app.is_directory())';
const administers = (column: string) =>
  `(${SEES_ALL} OR ${column} = ANY ((SELECT app.admin_society_ids())::uuid[]))`;
const meetingOf = (groups: string) =>
  `meeting_id IN (SELECT m.id FROM meeting m WHERE m.group_id = ANY (${groups}))`;
const MY_MEMBER = `member_id IN (SELECT id FROM member WHERE user_id = ${ME})`;

interface PolicyText {
  table: string;
  name: string;
  using?: string;
  check?: string;
}

/** [new text, text before this migration]. */
const POLICIES: [PolicyText, PolicyText][] = [
  [
    {
      table: 'member',
      name: 'member_admin',
      using: administers('society_id'),
      check: administers('society_id'),
    },
    {
      table: 'member',
      name: 'member_admin',
      using: 'app.administers(society_id)',
      check: 'app.administers(society_id)',
    },
  ],
  [
    { table: 'member', name: 'member_self', using: `user_id = ${ME}` },
    { table: 'member', name: 'member_self', using: 'user_id = app.current_user_id()' },
  ],
  [
    {
      table: 'employer',
      name: 'employer_admin',
      using: administers('society_id'),
      check: administers('society_id'),
    },
    {
      table: 'employer',
      name: 'employer_admin',
      using: 'app.administers(society_id)',
      check: 'app.administers(society_id)',
    },
  ],
  [
    {
      table: 'employer',
      name: 'employer_own',
      using: `id IN (SELECT employer_id FROM member WHERE user_id = ${ME})`,
    },
    {
      table: 'employer',
      name: 'employer_own',
      using: 'id IN (SELECT employer_id FROM member WHERE user_id = app.current_user_id())',
    },
  ],
  [
    {
      table: 'peer_group',
      name: 'peer_group_admin',
      using: administers('society_id'),
      check: administers('society_id'),
    },
    {
      table: 'peer_group',
      name: 'peer_group_admin',
      using: 'app.administers(society_id)',
      check: 'app.administers(society_id)',
    },
  ],
  [
    {
      table: 'peer_group',
      name: 'peer_group_read',
      using: `id = ANY (${GROUPS}) OR id = ANY (${BINOME_GROUPS}) OR ${DIRECTORY}`,
    },
    {
      table: 'peer_group',
      name: 'peer_group_read',
      using:
        'id = ANY (app.group_ids()) OR id = ANY (app.binome_group_ids()) OR app.is_directory()',
    },
  ],
  [
    {
      table: 'peer_group',
      name: 'peer_group_relay',
      using: `id = ANY (${RELAY_GROUPS})`,
      check: `id = ANY (${RELAY_GROUPS})`,
    },
    {
      table: 'peer_group',
      name: 'peer_group_relay',
      using: 'id = ANY (app.relay_group_ids())',
      check: 'id = ANY (app.relay_group_ids())',
    },
  ],
  [
    {
      table: 'peer_group',
      name: 'peer_group_found',
      check: `status = 'FORMING' AND society_id IN (SELECT society_id FROM member WHERE user_id = ${ME})`,
    },
    {
      table: 'peer_group',
      name: 'peer_group_found',
      check:
        "status = 'FORMING' AND society_id IN (SELECT society_id FROM member WHERE user_id = app.current_user_id())",
    },
  ],
  [
    {
      table: 'group_theme',
      name: 'group_theme_read',
      using: `${administers('society_id')} OR group_id = ANY (${GROUPS})
              OR group_id = ANY (${BINOME_GROUPS}) OR ${DIRECTORY}`,
    },
    {
      table: 'group_theme',
      name: 'group_theme_read',
      using: `app.administers(society_id) OR group_id = ANY (app.group_ids())
               OR group_id = ANY (app.binome_group_ids()) OR app.is_directory()`,
    },
  ],
  [
    {
      table: 'group_theme',
      name: 'group_theme_write',
      using: `${administers('society_id')} OR group_id = ANY (${RELAY_GROUPS})`,
      check: `${administers('society_id')} OR group_id = ANY (${RELAY_GROUPS})`,
    },
    {
      table: 'group_theme',
      name: 'group_theme_write',
      using: 'app.administers(society_id) OR group_id = ANY (app.relay_group_ids())',
      check: 'app.administers(society_id) OR group_id = ANY (app.relay_group_ids())',
    },
  ],
  [
    {
      table: 'group_membership',
      name: 'group_membership_admin',
      using: administers('society_id'),
      check: administers('society_id'),
    },
    {
      table: 'group_membership',
      name: 'group_membership_admin',
      using: 'app.administers(society_id)',
      check: 'app.administers(society_id)',
    },
  ],
  [
    {
      table: 'group_membership',
      name: 'group_membership_read',
      using: `group_id = ANY (${GROUPS}) OR (${DIRECTORY} AND role = 'RELAY' AND left_on IS NULL)`,
    },
    {
      table: 'group_membership',
      name: 'group_membership_read',
      using:
        "group_id = ANY (app.group_ids()) OR (app.is_directory() AND role = 'RELAY' AND left_on IS NULL)",
    },
  ],
  [
    {
      table: 'group_membership',
      name: 'group_membership_relay',
      using: `group_id = ANY (${RELAY_GROUPS})`,
      check: `group_id = ANY (${RELAY_GROUPS})`,
    },
    {
      table: 'group_membership',
      name: 'group_membership_relay',
      using: 'group_id = ANY (app.relay_group_ids())',
      check: 'group_id = ANY (app.relay_group_ids())',
    },
  ],
  [
    {
      table: 'binome_assignment',
      name: 'binome_assignment_admin',
      using: administers('society_id'),
    },
    {
      table: 'binome_assignment',
      name: 'binome_assignment_admin',
      using: 'app.administers(society_id)',
    },
  ],
  [
    {
      table: 'binome_assignment',
      name: 'binome_assignment_federation',
      using: SEES_ALL,
      check: SEES_ALL,
    },
    {
      table: 'binome_assignment',
      name: 'binome_assignment_federation',
      using: 'app.sees_all()',
      check: 'app.sees_all()',
    },
  ],
  [
    {
      table: 'binome_assignment',
      name: 'binome_assignment_group',
      using: `group_id = ANY (${GROUPS}) OR group_id = ANY (${BINOME_GROUPS})`,
    },
    {
      table: 'binome_assignment',
      name: 'binome_assignment_group',
      using: 'group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids())',
    },
  ],
  [
    {
      table: 'meeting',
      name: 'meeting_admin',
      using: administers('society_id'),
      check: administers('society_id'),
    },
    {
      table: 'meeting',
      name: 'meeting_admin',
      using: 'app.administers(society_id)',
      check: 'app.administers(society_id)',
    },
  ],
  [
    {
      table: 'meeting',
      name: 'meeting_read',
      using: `group_id = ANY (${GROUPS}) OR group_id = ANY (${BINOME_GROUPS})`,
    },
    {
      table: 'meeting',
      name: 'meeting_read',
      using: 'group_id = ANY (app.group_ids()) OR group_id = ANY (app.binome_group_ids())',
    },
  ],
  [
    {
      table: 'meeting',
      name: 'meeting_relay',
      using: `group_id = ANY (${RELAY_GROUPS})`,
      check: `group_id = ANY (${RELAY_GROUPS})`,
    },
    {
      table: 'meeting',
      name: 'meeting_relay',
      using: 'group_id = ANY (app.relay_group_ids())',
      check: 'group_id = ANY (app.relay_group_ids())',
    },
  ],
  [
    {
      table: 'meeting_role',
      name: 'meeting_role_admin',
      using: administers('society_id'),
      check: administers('society_id'),
    },
    {
      table: 'meeting_role',
      name: 'meeting_role_admin',
      using: 'app.administers(society_id)',
      check: 'app.administers(society_id)',
    },
  ],
  [
    { table: 'meeting_role', name: 'meeting_role_read', using: meetingOf(GROUPS) },
    {
      table: 'meeting_role',
      name: 'meeting_role_read',
      using:
        'EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_role.meeting_id AND m.group_id = ANY (app.group_ids()))',
    },
  ],
  [
    {
      table: 'meeting_role',
      name: 'meeting_role_relay',
      using: meetingOf(RELAY_GROUPS),
      check: meetingOf(RELAY_GROUPS),
    },
    {
      table: 'meeting_role',
      name: 'meeting_role_relay',
      using:
        'EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_role.meeting_id AND m.group_id = ANY (app.relay_group_ids()))',
      check:
        'EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_role.meeting_id AND m.group_id = ANY (app.relay_group_ids()))',
    },
  ],
  [
    { table: 'meeting_rsvp', name: 'meeting_rsvp_admin', using: administers('society_id') },
    { table: 'meeting_rsvp', name: 'meeting_rsvp_admin', using: 'app.administers(society_id)' },
  ],
  [
    { table: 'meeting_rsvp', name: 'meeting_rsvp_read', using: meetingOf(GROUPS) },
    {
      table: 'meeting_rsvp',
      name: 'meeting_rsvp_read',
      using:
        'EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_rsvp.meeting_id AND m.group_id = ANY (app.group_ids()))',
    },
  ],
  [
    {
      table: 'meeting_rsvp',
      name: 'meeting_rsvp_self',
      using: MY_MEMBER,
      check: `${MY_MEMBER} AND ${meetingOf(GROUPS)}`,
    },
    {
      table: 'meeting_rsvp',
      name: 'meeting_rsvp_self',
      using: 'member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id())',
      check: `member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id())
                    AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = meeting_rsvp.meeting_id
                                                       AND m.group_id = ANY (app.group_ids()))`,
    },
  ],
  [
    {
      table: 'meeting_rsvp',
      name: 'meeting_rsvp_system',
      using: '(SELECT app.is_system())',
      check: '(SELECT app.is_system())',
    },
    {
      table: 'meeting_rsvp',
      name: 'meeting_rsvp_system',
      using: 'app.is_system()',
      check: 'app.is_system()',
    },
  ],
  [
    { table: 'attendance', name: 'attendance_admin', using: administers('society_id') },
    { table: 'attendance', name: 'attendance_admin', using: 'app.administers(society_id)' },
  ],
  [
    { table: 'attendance', name: 'attendance_read', using: meetingOf(GROUPS) },
    {
      table: 'attendance',
      name: 'attendance_read',
      using:
        'EXISTS (SELECT 1 FROM meeting m WHERE m.id = attendance.meeting_id AND m.group_id = ANY (app.group_ids()))',
    },
  ],
  [
    {
      table: 'attendance',
      name: 'attendance_sign_over_excuse',
      using: `status = 'EXCUSED' AND ${MY_MEMBER}`,
      check: `status = 'SIGNED' AND method IN ('QR', 'CODE') AND ${MY_MEMBER}`,
    },
    {
      table: 'attendance',
      name: 'attendance_sign_over_excuse',
      using:
        "status = 'EXCUSED' AND member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id())",
      check: `status = 'SIGNED' AND method IN ('QR', 'CODE')
                    AND member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id())`,
    },
  ],
  [
    {
      table: 'attendance',
      name: 'attendance_sign',
      check: `status = 'SIGNED' AND method IN ('QR', 'CODE') AND ${MY_MEMBER}`,
    },
    {
      table: 'attendance',
      name: 'attendance_sign',
      check: `status = 'SIGNED' AND method IN ('QR', 'CODE')
                    AND member_id IN (SELECT id FROM member WHERE user_id = app.current_user_id())`,
    },
  ],
  [
    {
      table: 'attendance',
      name: 'attendance_relay',
      using: meetingOf(RELAY_GROUPS),
      check: `method IN ('EXCUSE', 'CORRECTION') AND ${meetingOf(RELAY_GROUPS)}`,
    },
    {
      table: 'attendance',
      name: 'attendance_relay',
      using:
        'EXISTS (SELECT 1 FROM meeting m WHERE m.id = attendance.meeting_id AND m.group_id = ANY (app.relay_group_ids()))',
      check: `method IN ('EXCUSE', 'CORRECTION')
                    AND EXISTS (SELECT 1 FROM meeting m WHERE m.id = attendance.meeting_id AND m.group_id = ANY (app.relay_group_ids()))`,
    },
  ],
];

const alter = ({ table, name, using, check }: PolicyText) =>
  `ALTER POLICY ${name} ON ${table}` +
  (using ? ` USING (${using})` : '') +
  (check ? ` WITH CHECK (${check})` : '') +
  ';';

export class PolicyPerformance1765000000000 implements MigrationInterface {
  name = 'PolicyPerformance1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(POLICIES.map(([now]) => alter(now)).join('\n'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(POLICIES.map(([, before]) => alter(before)).join('\n'));
  }
}
