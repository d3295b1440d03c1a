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
    // Transaction, settings and session (5), the page, then one batch per relation level.
    expect(hundred).toBeLessThanOrEqual(10);
  });
});
