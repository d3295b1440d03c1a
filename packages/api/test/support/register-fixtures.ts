import { hasValidLuhn, yearInParis, type Profession } from '@epairs/shared';
import type { TestApp } from './test-app';

let sequence = 0;

/** A valid RPPS (Luhn) no other fixture uses: 9 fixed digits, a counter, the check digit. */
export function freshRpps(): string {
  sequence += 1;
  const body =
    `8${String(Date.now() % 1e6).padStart(6, '0')}${String(sequence).padStart(3, '0')}`.slice(
      0,
      10,
    );
  for (let digit = 0; digit <= 9; digit += 1) {
    if (hasValidLuhn(`${body}${digit}`)) return `${body}${digit}`;
  }
  throw new Error('unreachable');
}

export interface FixtureMember {
  memberId: string;
  userId: string;
  email: string;
  name: string;
}

/**
 * Members made directly in the database (arranging, not under test): active accounts with the
 * demo password, in a society, optionally with the current charter accepted and a convention for
 * the current year.
 */
export async function insertMembers(
  t: TestApp,
  options: {
    society: string;
    count: number;
    profession?: Profession;
    charter?: boolean;
    convention?: boolean;
    label?: string;
  },
): Promise<FixtureMember[]> {
  const [{ id: societyId }] = (await t.sql(`SELECT id FROM society WHERE code = $1`, [
    options.society,
  ])) as [{ id: string }];
  const [{ hash }] = (await t.sql(
    `SELECT password_hash AS hash FROM user_account WHERE email = 'federation@demo.e-pairs.fr'`,
  )) as [{ hash: string }];
  const members: FixtureMember[] = [];
  for (let index = 0; index < options.count; index += 1) {
    sequence += 1;
    const number = sequence;
    const label = options.label ?? 'fixture';
    const email = `${label}.${number}.${Date.now() % 100000}@example.fr`;
    const [user] = (await t.sql(
      `INSERT INTO user_account (society_id, email, first_name, last_name, status, password_hash)
       VALUES ($1, $2, $3, $4, 'ACTIVE', $5) RETURNING id`,
      [societyId, email, 'Membre', `${label} ${number}`, hash],
    )) as [{ id: string }];
    const [member] = (await t.sql(
      `INSERT INTO member (society_id, user_id, profession, rpps) VALUES ($1, $2, $3, $4) RETURNING id`,
      [societyId, user.id, options.profession ?? 'PHYSICIAN', freshRpps()],
    )) as [{ id: string }];
    if (options.charter ?? true) {
      await t.sql(
        `INSERT INTO charter_acceptance (society_id, member_id, charter_version_id)
         SELECT $1, $2, id FROM charter_version ORDER BY number DESC LIMIT 1`,
        [societyId, member.id],
      );
    }
    if (options.convention ?? true) {
      await t.sql(
        `INSERT INTO convention (society_id, member_id, year, min_sessions, min_hours, status)
         VALUES ($1, $2, $3, 5, 18, 'SIGNED')`,
        [societyId, member.id, yearInParis()],
      );
    }
    members.push({
      memberId: member.id,
      userId: user.id,
      email,
      name: `Membre ${label} ${number}`,
    });
  }
  return members;
}

export async function societyId(t: TestApp, code: string): Promise<string> {
  return ((await t.sql(`SELECT id FROM society WHERE code = $1`, [code])) as [{ id: string }])[0]
    .id;
}

/** An ACTIVE GAPEP of the society with these members; the first one is its relay person. */
export async function insertActiveGroup(
  t: TestApp,
  society: string,
  name: string,
  members: FixtureMember[],
): Promise<string> {
  const [group] = (await t.sql(
    `INSERT INTO peer_group (society_id, name, kind, entry_point, draw_mode, status)
     VALUES ($1, $2, 'GAPEP', 'CASE_PRESENTATION', 'RANDOM', 'ACTIVE') RETURNING id`,
    [society, name],
  )) as [{ id: string }];
  await t.sql(
    `INSERT INTO group_membership (society_id, group_id, member_id, role)
     SELECT $1, $2, m, CASE WHEN ordinality = 1 THEN 'RELAY' ELSE 'MEMBER' END FROM unnest($3::uuid[]) WITH ORDINALITY AS m`,
    [society, group.id, members.map((member) => member.memberId)],
  );
  return group.id;
}
