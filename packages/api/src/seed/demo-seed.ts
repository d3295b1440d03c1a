import type { DataSource } from 'typeorm';
import { hashPassword } from '../common/auth/passwords';
import { inSeparateSystemTransaction } from '../common/db/system-transaction';
import { REGISTER_DEMO_GROUPS, registerDemoCounts, seedRegisterDemo } from './register-demo';
import { seedContentDemo } from './content-demo';
import { seedThesaurusDemo } from './thesaurus-demo';

/** The demonstration password of every demo account; shown on start, never used in production. */
export const DEMO_PASSWORD = 'EPairs-demo-2026!';
export const DEMO_DOMAIN = 'demo.e-pairs.fr';

export interface DemoAccount {
  email: string;
  firstName: string;
  lastName: string;
  society: string | null;
  grants: { role: 'FEDERATION_ADMIN' | 'SOCIETY_ADMIN' | 'BINOME'; society?: string }[];
  /** What the account is for; later issues give it its member profile and groups. */
  purpose: string;
}

const SOCIETY_CODES = ['SSTPC', 'SMTVL', 'ASMT', 'SNPST', 'ARAPT'] as const;

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: `federation@${DEMO_DOMAIN}`,
    firstName: 'Claire',
    lastName: 'Fédérale',
    society: null,
    grants: [{ role: 'FEDERATION_ADMIN' }],
    purpose: 'administration fédérale E-Pairs',
  },
  ...SOCIETY_CODES.map((code): DemoAccount => ({
    email: `admin.${code.toLowerCase()}@${DEMO_DOMAIN}`,
    firstName: 'Coordination',
    lastName: code,
    society: code,
    grants: [{ role: 'SOCIETY_ADMIN', society: code }],
    purpose: `administration de la société ${code}`,
  })),
  {
    email: `relais.sstpc@${DEMO_DOMAIN}`,
    firstName: 'Hélène',
    lastName: 'Moreau',
    society: 'SSTPC',
    grants: [],
    purpose: `personne-relais (médecin du travail) du ${REGISTER_DEMO_GROUPS.sstpcGapep}, SSTPC`,
  },
  {
    email: `medecin.sstpc@${DEMO_DOMAIN}`,
    firstName: 'Paul',
    lastName: 'Garnier',
    society: 'SSTPC',
    grants: [],
    purpose: `médecin du travail, membre du ${REGISTER_DEMO_GROUPS.sstpcGapep}, SSTPC`,
  },
  {
    email: `infirmiere.smtvl@${DEMO_DOMAIN}`,
    firstName: 'Sophie',
    lastName: 'Lambert',
    society: 'SMTVL',
    grants: [],
    purpose: `infirmière en santé au travail, membre du ${REGISTER_DEMO_GROUPS.smtvlGapem}, SMTVL`,
  },
  {
    email: `binome.asmt@${DEMO_DOMAIN}`,
    firstName: 'Marc',
    lastName: 'Rousseau',
    society: 'ASMT',
    grants: [{ role: 'BINOME' }],
    purpose: `correspondant de binôme (ASMT), accompagne le ${REGISTER_DEMO_GROUPS.sstpcGapep} (SSTPC)`,
  },
  {
    email: `binome.arapt@${DEMO_DOMAIN}`,
    firstName: 'Nadia',
    lastName: 'Benali',
    society: 'ARAPT',
    grants: [{ role: 'BINOME' }],
    purpose: `correspondante de binôme (ARAPT), accompagne le ${REGISTER_DEMO_GROUPS.smtvlGapem} (SMTVL)`,
  },
];

/**
 * Seeds the demonstration accounts when the database has no account yet (first start only);
 * returns whether it did. Runs through the application role in an explicit system scope.
 */
export async function seedDemoData(dataSource: DataSource): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inSeparateSystemTransaction(dataSource, async (manager) => {
    const [{ count }] = (await manager.query(
      'SELECT count(*)::int AS count FROM user_account',
    )) as [{ count: number }];
    if (count > 0) return false;
    for (const account of DEMO_ACCOUNTS) {
      const [{ id }] = (await manager.query(
        `INSERT INTO user_account (society_id, email, first_name, last_name, status, password_hash, password_changed_at)
         VALUES ((SELECT id FROM society WHERE code = $1), $2, $3, $4, 'ACTIVE', $5, now())
         RETURNING id`,
        [account.society, account.email, account.firstName, account.lastName, passwordHash],
      )) as [{ id: string }];
      for (const grant of account.grants) {
        await manager.query(
          `INSERT INTO role_grant (user_id, role, society_id)
           VALUES ($1, $2, (SELECT id FROM society WHERE code = $3))`,
          [id, grant.role, grant.society ?? null],
        );
      }
    }
    // The register: employers, some 300 members with their accounts (same password), charters,
    // conventions, peer groups and binômes; the demo accounts above get their member profiles.
    const register = await seedRegisterDemo(manager, { passwordHash });
    // « Repères professionnels » drawn from the accompaniments of active groups.
    await seedThesaurusDemo(manager);
    // A case, a validated report and the binôme's feedback in the demo relay person's group.
    const content = await seedContentDemo(manager);
    await manager.query(
      `INSERT INTO audit_event (action, entity_type, changed_fields) VALUES ('seed.demo', 'Database', $1)`,
      [
        [
          'user_account',
          'role_grant',
          ...Object.keys(registerDemoCounts(register)),
          'thesaurus_entry',
          'thesaurus_entry_theme',
          ...Object.entries(content)
            .filter(([, count]) => count > 0)
            .map(([table]) => table),
        ],
      ],
    );
    return true;
  });
}

export interface SampleAccount {
  role: string;
  email: string;
  detail: string;
}

/**
 * A handful of generated demo accounts per role, read from the database (for the start banner):
 * relay persons, physicians, nurses and binômes, each with its group or society.
 */
export async function sampleDemoAccounts(dataSource: DataSource): Promise<SampleAccount[]> {
  return inSeparateSystemTransaction(dataSource, (manager) =>
    manager.query(
      `(SELECT 'personne-relais' AS role, u.email, g.name || ' (' || s.code || ', ' || g.status || ')' AS detail
          FROM group_membership gm JOIN member m ON m.id = gm.member_id JOIN user_account u ON u.id = m.user_id
          JOIN peer_group g ON g.id = gm.group_id JOIN society s ON s.id = g.society_id
         WHERE gm.role = 'RELAY' AND gm.left_on IS NULL AND u.email NOT LIKE '%@${DEMO_DOMAIN}'
         ORDER BY s.code, g.name LIMIT 3)
       UNION ALL
       (SELECT CASE m.profession WHEN 'NURSE' THEN 'infirmier(e)' ELSE 'médecin' END, u.email,
               g.name || ' (' || s.code || ')'
          FROM group_membership gm JOIN member m ON m.id = gm.member_id JOIN user_account u ON u.id = m.user_id
          JOIN peer_group g ON g.id = gm.group_id JOIN society s ON s.id = g.society_id
         WHERE gm.role = 'MEMBER' AND gm.left_on IS NULL AND m.profession = 'PHYSICIAN' AND u.email NOT LIKE '%@${DEMO_DOMAIN}'
         ORDER BY s.code, g.name, u.email LIMIT 3)
       UNION ALL
       (SELECT 'infirmier(e)', u.email, g.name || ' (' || s.code || ')'
          FROM group_membership gm JOIN member m ON m.id = gm.member_id JOIN user_account u ON u.id = m.user_id
          JOIN peer_group g ON g.id = gm.group_id JOIN society s ON s.id = g.society_id
         WHERE gm.left_on IS NULL AND m.profession = 'NURSE' AND u.email NOT LIKE '%@${DEMO_DOMAIN}'
         ORDER BY s.code, g.name, u.email LIMIT 3)
       UNION ALL
       (SELECT 'binôme', u.email, string_agg(g.name || ' (' || s.code || ')', ', ' ORDER BY g.name)
          FROM binome_assignment b JOIN user_account u ON u.id = b.user_id
          JOIN peer_group g ON g.id = b.group_id JOIN society s ON s.id = g.society_id
         WHERE b.ended_at IS NULL AND u.email NOT LIKE '%@${DEMO_DOMAIN}'
         GROUP BY u.email ORDER BY u.email LIMIT 3)`,
    ),
  );
}
