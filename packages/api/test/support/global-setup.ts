import 'reflect-metadata';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, runMigrations } from '../../src/common/db/data-source';
import { startEmbeddedPostgres } from '../../src/common/db/embedded-postgres';
import { createLogger } from '../../src/common/logger';
import { seedDemoData } from '../../src/seed/demo-seed';

/**
 * One real PostgreSQL for the whole run: the `epairs` database is migrated and seeded once and
 * serves as the template every e2e file copies into a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  const logger = createLogger('silent');
  const dataDir = await mkdtemp(join(tmpdir(), 'epairs-test-'));
  await chmod(dataDir, 0o711);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const database = await startEmbeddedPostgres({ dataDir, port, logger });
  await runMigrations(database.ownerUrl, logger);
  const app = createDataSource({
    url: database.appUrl,
    poolSize: 2,
    logger,
    applicationName: 'epairs-test-seed',
  });
  await app.initialize();
  await seedDemoData(app);
  await app.destroy();

  process.env.EPAIRS_TEST_DATA_DIR = dataDir;
  process.env.EPAIRS_TEST_ADMIN_URL = database.adminUrl;
  process.env.EPAIRS_TEST_APP_URL = database.appUrl;
  process.env.EPAIRS_TEST_OWNER_URL = database.ownerUrl;
  (globalThis as { __epairsDatabase?: typeof database }).__epairsDatabase = database;
}
