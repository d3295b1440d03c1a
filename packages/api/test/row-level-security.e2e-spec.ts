import type pg from 'pg';
import { startTestApp, type TestApp } from './support/test-app';

/** Tables without row-level security, each with the reason (see the foundation migration). */
const WITHOUT_RLS: Record<string, string> = {
  schema_migrations: 'migration bookkeeping, not granted to the application role',
  login_rate_limit: 'hashed attempt counters, needed before anyone is known',
};

let t: TestApp;
let client: pg.Client;
let tables: string[];
let societyA: string;
let societyB: string;

beforeAll(async () => {
  t = await startTestApp();
  client = await t.appRoleClient();
  tables = (
    await t.sql(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
  ).map((row) => row.tablename);
  const societies = await t.sql(
    `SELECT id, code FROM society WHERE code IN ('SSTPC', 'SMTVL') ORDER BY code`,
  );
  societyB = societies.find((row) => row.code === 'SMTVL')!.id;
  societyA = societies.find((row) => row.code === 'SSTPC')!.id;
  // Something of each kind in both societies.
  await t.sql(`INSERT INTO society_setting (society_id, year) VALUES ($1, 2026), ($2, 2026)`, [
    societyA,
    societyB,
  ]);
  await t.sql(
    `INSERT INTO audit_event (society_id, action, entity_type) VALUES ($1, 'x', 'Test'), ($2, 'x', 'Test')`,
    [societyA, societyB],
  );
});
afterAll(async () => {
  await client.end();
  await t.close();
});

async function asSettings<T>(settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    for (const [name, value] of Object.entries(settings)) {
      await client.query(`SELECT set_config($1, $2, true)`, [name, value]);
    }
    return await work();
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('the application role', () => {
  it('is not superuser, cannot bypass row-level security, and owns nothing', async () => {
    const [role] = (
      await client.query(
        `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
              (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS owned_relations,
              (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS owned_schemas,
              (SELECT count(*)::int FROM pg_database WHERE datdba = r.oid) AS owned_databases
         FROM pg_roles r WHERE rolname = current_user`,
      )
    ).rows;
    expect(role).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      owned_relations: 0,
      owned_schemas: 0,
      owned_databases: 0,
    });
  });

  it('cannot create tables, nor read the migration bookkeeping', async () => {
    await expect(client.query('CREATE TABLE intruder (id int)')).rejects.toThrow(
      /permission denied/,
    );
    await expect(client.query('SELECT * FROM schema_migrations')).rejects.toThrow(
      /permission denied/,
    );
  });
});

describe('row-level security', () => {
  it('is enabled and forced on every table but the listed exceptions', async () => {
    const rows = await t.sql(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(7);
    for (const row of rows) {
      if (row.relname in WITHOUT_RLS) continue;
      expect({
        table: row.relname,
        enabled: row.relrowsecurity,
        forced: row.relforcerowsecurity,
      }).toEqual({
        table: row.relname,
        enabled: true,
        forced: true,
      });
    }
  });

  it('fails closed: with no settings, every protected table shows zero rows', async () => {
    for (const table of tables.filter((name) => !(name in WITHOUT_RLS))) {
      const total = (await t.sql(`SELECT count(*)::int AS total FROM ${table}`))[0]!.total;
      const { rows } = await client.query(`SELECT count(*)::int AS visible FROM ${table}`);
      expect({ table, visible: rows[0].visible }).toEqual({ table, visible: 0 });
      if (
        ['society', 'user_account', 'role_grant', 'society_setting', 'audit_event'].includes(table)
      ) {
        expect({ table, total: total > 0 }).toEqual({ table, total: true });
      }
    }
  });

  it('fails closed on writes too', async () => {
    await expect(
      client.query(`INSERT INTO society_setting (society_id, year) VALUES ($1, 2030)`, [societyA]),
    ).rejects.toThrow(/row-level security/);
    const updated = await client.query(`UPDATE user_account SET first_name = 'X'`);
    expect(updated.rowCount).toBe(0);
  });

  it('shows a society admin of A no row of B, and lets it write none', async () => {
    const adminA = (
      await t.sql(`SELECT id FROM user_account WHERE email = 'admin.sstpc@demo.e-pairs.fr'`)
    )[0]!.id;
    const settings = {
      'app.user_id': adminA,
      'app.scope': 'user',
      'app.society_ids': `{${societyA}}`,
      'app.admin_society_ids': `{${societyA}}`,
    };
    await asSettings(settings, async () => {
      // (Thresholds are readable by anyone signed in: federation rules, not secrets.)
      for (const table of ['user_account', 'role_grant', 'audit_event']) {
        const { rows } = await client.query(
          `SELECT count(*) FILTER (WHERE society_id = $1)::int AS own, count(*) FILTER (WHERE society_id = $2)::int AS other FROM ${table}`,
          [societyA, societyB],
        );
        expect({ table, own: rows[0].own > 0, other: rows[0].other }).toEqual({
          table,
          own: true,
          other: 0,
        });
      }
      const tokens = await client.query(
        `SELECT count(*)::int AS n FROM refresh_token WHERE user_id <> $1`,
        [adminA],
      );
      expect(tokens.rows[0].n).toBe(0);
    });
    await asSettings(settings, async () => {
      await expect(
        client.query(`INSERT INTO society_setting (society_id, year) VALUES ($1, 2031)`, [
          societyB,
        ]),
      ).rejects.toThrow(/row-level security/);
    });
    await asSettings(settings, async () => {
      await expect(
        client.query(
          `INSERT INTO user_account (society_id, email, first_name, last_name) VALUES ($1, 'intrus@example.fr', 'I', 'N')`,
          [societyB],
        ),
      ).rejects.toThrow(/row-level security/);
    });
    await asSettings(settings, async () => {
      const moved = await client.query(
        `UPDATE society_setting SET min_hours = 1 WHERE society_id = $1`,
        [societyB],
      );
      expect(moved.rowCount).toBe(0);
      const renamed = await client.query(`UPDATE society SET name = 'Piratée' WHERE id = $1`, [
        societyB,
      ]);
      expect(renamed.rowCount).toBe(0);
      // Nor may it move one of its own rows into B.
      await expect(
        client.query(`UPDATE society_setting SET society_id = $2 WHERE society_id = $1`, [
          societyA,
          societyB,
        ]),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it("refuses, in the database, a change of an account's reach by anyone but its administrators", async () => {
    const member = (
      await t.sql(
        `SELECT id, society_id FROM user_account WHERE email = 'medecin.sstpc@demo.e-pairs.fr'`,
      )
    )[0]!;
    const self = {
      'app.user_id': member.id,
      'app.scope': 'user',
      'app.society_ids': `{${societyA}}`,
    };
    await asSettings(self, async () => {
      await expect(
        client.query(`UPDATE user_account SET society_id = $1 WHERE id = $2`, [
          societyB,
          member.id,
        ]),
      ).rejects.toThrow(/account reach/);
    });
    await asSettings(self, async () => {
      await expect(
        client.query(`UPDATE user_account SET status = 'DISABLED' WHERE id = $1`, [member.id]),
      ).rejects.toThrow(/account reach/);
    });
    await asSettings(self, async () => {
      const renamed = await client.query(
        `UPDATE user_account SET first_name = 'Paul-Henri' WHERE id = $1`,
        [member.id],
      );
      expect(renamed.rowCount).toBe(1);
      // Its sessions are readable, not writable: un-revoking one is impossible.
      const reopened = await client.query(
        `UPDATE refresh_token SET revoked_at = NULL WHERE user_id = $1`,
        [member.id],
      );
      expect(reopened.rowCount).toBe(0);
    });
  });

  it("refuses an audit event written into another society's log", async () => {
    const adminA = (
      await t.sql(`SELECT id FROM user_account WHERE email = 'admin.sstpc@demo.e-pairs.fr'`)
    )[0]!.id;
    const settings = {
      'app.user_id': adminA,
      'app.scope': 'user',
      'app.society_ids': `{${societyA}}`,
      'app.admin_society_ids': `{${societyA}}`,
    };
    await asSettings(settings, async () => {
      await expect(
        client.query(
          `INSERT INTO audit_event (society_id, actor_user_id, action, entity_type) VALUES ($1, $2, 'forged', 'Society')`,
          [societyB, adminA],
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });

  it("keeps each row's society that of its parent, whatever the scope", async () => {
    const [group] = await t.sql(
      `SELECT id, society_id FROM peer_group WHERE society_id = $1 LIMIT 1`,
      [societyA],
    );
    const [stranger] = await t.sql(`SELECT id FROM member WHERE society_id = $1 LIMIT 1`, [
      societyB,
    ]);
    await asSettings({ 'app.scope': 'system' }, async () => {
      // The copy of the group's society, with a member of another society: refused.
      await expect(
        client.query(
          `INSERT INTO group_membership (society_id, group_id, member_id) VALUES ($1, $2, $3)`,
          [societyA, group!.id, stranger!.id],
        ),
      ).rejects.toThrow(/foreign key/);
    });
    await asSettings({ 'app.scope': 'system' }, async () => {
      // The member's society as the copy, so the group's: refused as well.
      await expect(
        client.query(
          `INSERT INTO group_membership (society_id, group_id, member_id) VALUES ($1, $2, $3)`,
          [societyB, group!.id, stranger!.id],
        ),
      ).rejects.toThrow(/foreign key/);
    });
  });

  it('keeps the audit log append-only for the application role, whatever the scope', async () => {
    await asSettings({ 'app.scope': 'system' }, async () => {
      await expect(client.query(`UPDATE audit_event SET action = 'rewritten'`)).rejects.toThrow(
        /permission denied/,
      );
    });
    await asSettings({ 'app.scope': 'system' }, async () => {
      await expect(client.query(`DELETE FROM audit_event`)).rejects.toThrow(/permission denied/);
    });
  });

  it('does not let a setting outlive its transaction on a pooled connection', async () => {
    await asSettings({ 'app.scope': 'federation' }, async () => {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM society`);
      expect(rows[0].n).toBe(5);
    });
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM society`);
    expect(rows[0].n).toBe(0);
  });
});
