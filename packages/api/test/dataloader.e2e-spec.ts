import { DEMO, startTestApp, type TestApp } from './support/test-app';

const LIST = `query ($n: Int!) {
  allUsers(perPage: $n, sortField: "email") {
    email society { code name } roleGrants { role society { code } user { email } }
  }
}`;

let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await t.login(DEMO.federation)).accessToken;
  // 120 more people spread over the five societies, a third of them binômes.
  await t.sql(`
    WITH created AS (
      INSERT INTO user_account (society_id, email, first_name, last_name, status)
      SELECT (SELECT id FROM society ORDER BY code OFFSET (n % 5) LIMIT 1),
             'membre' || n || '@example.fr', 'Prénom' || n, 'Nom' || n, 'INVITED'
        FROM generate_series(1, 120) AS n
      RETURNING id, email)
    INSERT INTO role_grant (user_id, role)
    SELECT id, 'BINOME' FROM created WHERE substring(email from 7 for 3)::text ~ '^[0-9]*[036]@';`);
});
afterAll(() => t.close());

async function statementsFor(rows: number): Promise<number> {
  const response = await t.gql(LIST, { n: rows }, { token });
  expect(response.errors).toBeUndefined();
  expect(response.data!.allUsers).toHaveLength(rows);
  return Number(response.headers.get('x-sql-statements'));
}

describe('relations through DataLoader', () => {
  it('send the same number of SQL statements for 10 rows and for 100', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
    // BEGIN with the session call, COMMIT (3), the page, then one batch per relation level.
    expect(hundred).toBeLessThanOrEqual(10);
  });
});

describe('the register through DataLoader', () => {
  const GROUPS = `query ($n: Int!) {
    allPeerGroups(perPage: $n, sortField: "name") {
      name society { name } themes { code }
      memberships { role member { firstName lastName profession employer { name } charter { upToDate } } }
      relay { member { email } }
      binomes { user { email } }
    }
  }`;

  beforeAll(async () => {
    // Enough groups for 50 on a page, each with members, a relay person, themes and two binômes.
    await t.sql(`
      WITH made AS (
        INSERT INTO peer_group (society_id, name, kind, entry_point, draw_mode, status)
        SELECT s.id, 'Groupe chargé ' || lpad(n::text, 2, '0'), 'GAPEP', 'CASE_PRESENTATION', 'RANDOM', 'ACTIVE'
          FROM generate_series(1, 50) AS n CROSS JOIN (SELECT id FROM society WHERE code = 'SSTPC') s
        RETURNING id, society_id)
      INSERT INTO group_theme (group_id, theme_id, society_id)
      SELECT made.id, t.id, made.society_id FROM made CROSS JOIN (SELECT id FROM theme WHERE code IN ('MSD', 'JOB_RETENTION')) t`);
    await t.sql(`
      INSERT INTO group_membership (society_id, group_id, member_id, role)
      SELECT g.society_id, g.id, m.id, CASE WHEN m.rank = 1 THEN 'RELAY' ELSE 'MEMBER' END
        FROM peer_group g
        JOIN LATERAL (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM member
                       WHERE society_id = g.society_id AND profession = 'PHYSICIAN' LIMIT 6) m ON true
       WHERE g.name LIKE 'Groupe chargé %'`);
    await t.sql(`
      INSERT INTO binome_assignment (society_id, group_id, user_id)
      SELECT g.society_id, g.id, b.user_id
        FROM peer_group g
        JOIN LATERAL (SELECT rg.user_id FROM role_grant rg
                       WHERE rg.role = 'BINOME'
                         AND NOT EXISTS (SELECT 1 FROM member m WHERE m.user_id = rg.user_id)
                       ORDER BY rg.user_id LIMIT 2) b ON true
       WHERE g.name LIKE 'Groupe chargé %'`);
  });

  it('list 50 groups with members, relay, binômes and themes in as many statements as 5', async () => {
    const count = async (rows: number) => {
      const response = await t.gql(GROUPS, { n: rows }, { token });
      expect(response.errors).toBeUndefined();
      expect(response.data!.allPeerGroups).toHaveLength(rows);
      const full = response.data!.allPeerGroups.filter(
        (group: {
          memberships: unknown[];
          binomes: unknown[];
          themes: unknown[];
          relay: unknown;
        }) =>
          group.memberships.length >= 5 &&
          group.binomes.length === 2 &&
          group.themes.length > 0 &&
          group.relay,
      );
      expect(full.length).toBeGreaterThan(0);
      return Number(response.headers.get('x-sql-statements'));
    };
    const five = await count(5);
    const fifty = await count(50);
    expect(fifty).toBe(five);
    expect(fifty).toBeLessThanOrEqual(16);
  });
});
