import type { DataSource } from 'typeorm';
import type { Config } from './config';
import { createApp, type RunningApp } from './app';
import { loadSigningKeys } from './common/auth/keys';
import { createDataSource, runMigrations } from './common/db/data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './common/db/embedded-postgres';
import type { Logger } from './common/logger';
import { startJobs, type PgBossJobs } from './modules/meetings/reminders';
import { seedDemoData } from './seed/demo-seed';

export interface Platform {
  app: RunningApp;
  dataSource: DataSource;
  embedded: EmbeddedDatabase | null;
  jobs: PgBossJobs;
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
  let jobs: PgBossJobs | undefined;
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
    // pg-boss: its schema is created or migrated as the owner, alongside the migrations; the
    // queue and the workers run as the application role.
    jobs = await startJobs({
      appUrl,
      ownerUrl: config.runMigrations ? ownerUrl : undefined,
      logger,
    });
    const app = await createApp({
      config: { ...config, database: { ...config.database, url: appUrl } },
      logger,
      dataSource,
      keys,
      jobs,
    });
    await jobs.work(app.services);
    await new Promise<void>((resolve, reject) => {
      app.server.once('error', reject);
      app.server.listen(config.port, config.host, () => resolve());
    });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    let stopping: Promise<void> | undefined;
    const running = jobs;
    return {
      app,
      dataSource,
      embedded,
      jobs: running,
      seeded,
      url: `http://localhost:${port}`,
      stop: () =>
        (stopping ??= (async () => {
          await app.stop();
          // Running reminders finish (up to 10 s) before the pools they use close.
          await running.stop();
          await dataSource.destroy();
          await embedded?.stop();
        })()),
    };
  } catch (error) {
    await jobs?.stop().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}
