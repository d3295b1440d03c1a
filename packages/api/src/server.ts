import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { createApp, type RunningApp } from './app';
import { loadSigningKeys } from './common/auth/keys';
import { createDataSource, runMigrations } from './common/db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './common/db/embedded-postgres';
import type { Logger } from './common/logger';
import { seedDemoData } from './seed/demo-seed';

export interface Platform {
  app: RunningApp;
  dataSource: DataSource;
  embedded: EmbeddedDatabase | null;
  seeded: boolean;
  url: string;
  stop(): Promise<void>;
}

/**
 * Refuses to serve through a role that would make row-level security moot: superuser, BYPASSRLS,
 * or owner of any table.
 */
export async function assertApplicationRoleIsConfined(
  query: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<void> {
  const [role] = await query(
    `SELECT r.rolname, r.rolsuper, r.rolbypassrls,
            (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid AND c.relkind IN ('r', 'p', 'v', 'm')) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  if (!role || role.rolsuper || role.rolbypassrls || (role.owned as number) > 0) {
    throw new Error(
      `DATABASE_URL connects as "${String(role?.rolname)}", which is superuser, bypasses row-level security or owns tables: use the application role (docs/operations.md).`,
    );
  }
}

/** Database (embedded or external) → migrations → demo seed → HTTP server. */
export async function startPlatform(config: Config, logger: Logger): Promise<Platform> {
  let embedded: EmbeddedDatabase | null = null;
  let appUrl = config.database.url;
  let ownerUrl = config.database.migrationUrl;
  if (!appUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.database.embeddedPort,
      logger,
    });
    appUrl = embedded.appUrl;
    ownerUrl = embedded.ownerUrl;
  }
  try {
    if (config.runMigrations) {
      if (!ownerUrl) throw new Error('MIGRATION_DATABASE_URL is required to run migrations');
      const applied = await runMigrations(ownerUrl, logger);
      if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    }
    const dataSource = createDataSource({
      url: appUrl,
      poolSize: config.database.poolSize,
      logger,
      applicationName: 'epairs-api',
    });
    await dataSource.initialize();
    await assertApplicationRoleIsConfined((sql) => dataSource.query(sql));
    const seeded = config.seedDemo ? await seedDemoData(dataSource) : false;
    const keys = await loadSigningKeys({ ...config.jwt, dataDir: config.dataDir });
    const app = await createApp({
      config: { ...config, database: { ...config.database, url: appUrl } },
      logger,
      dataSource,
      keys,
    });
    await new Promise<void>((resolve, reject) => {
      app.server.once('error', reject);
      app.server.listen(config.port, config.host, () => resolve());
    });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    let stopping: Promise<void> | undefined;
    return {
      app,
      dataSource,
      embedded,
      seeded,
      url: `http://localhost:${port}`,
      stop: () =>
        (stopping ??= (async () => {
          await app.stop();
          await dataSource.destroy();
          await embedded?.stop();
        })()),
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
