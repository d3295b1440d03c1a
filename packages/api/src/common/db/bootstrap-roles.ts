import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface DatabaseRoles {
  database: string;
  owner: { user: string; password: string };
  app: { user: string; password: string };
}

export function newRoles(database = 'epairs'): DatabaseRoles {
  const secret = () => randomBytes(24).toString('base64url');
  return {
    database,
    owner: { user: 'epairs_owner', password: secret() },
    app: { user: 'epairs_app', password: secret() },
  };
}

/**
 * Creates (or re-keys) the two roles and the database, as a superuser. The owner owns the schema
 * and runs migrations; the application role owns nothing, is not superuser, cannot bypass
 * row-level security, and gets only what migrations grant it. The same steps for an external
 * PostgreSQL are in docker/initdb/ and docs/operations.md.
 */
export async function bootstrapRoles(adminUrl: string, roles: DatabaseRoles): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const { user, password } of [roles.owner, roles.app]) {
      const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [user]);
      const verb = exists.rowCount ? 'ALTER' : 'CREATE';
      await admin.query(
        `${verb} ROLE ${admin.escapeIdentifier(user)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE ` +
          `NOBYPASSRLS PASSWORD ${admin.escapeLiteral(password)}`,
      );
    }
    const database = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      roles.database,
    ]);
    if (!database.rowCount) {
      await admin.query(
        `CREATE DATABASE ${admin.escapeIdentifier(roles.database)} OWNER ${admin.escapeIdentifier(roles.owner.user)} ENCODING 'UTF8' TEMPLATE template0`,
      );
    }
  } finally {
    await admin.end();
  }
  // Only the owner may create objects in the public schema.
  const inDatabase = new pg.Client({ connectionString: withDatabase(adminUrl, roles.database) });
  await inDatabase.connect();
  try {
    await inDatabase.query(
      `ALTER SCHEMA public OWNER TO ${inDatabase.escapeIdentifier(roles.owner.user)};
       REVOKE CREATE ON SCHEMA public FROM PUBLIC;
       REVOKE ALL ON DATABASE ${inDatabase.escapeIdentifier(roles.database)} FROM PUBLIC;
       GRANT CONNECT, TEMPORARY ON DATABASE ${inDatabase.escapeIdentifier(roles.database)}
         TO ${inDatabase.escapeIdentifier(roles.app.user)};`,
    );
  } finally {
    await inDatabase.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
