import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from './config';
import { runMigrations } from './common/db/data-source';
import { createLogger } from './common/logger';
import { JOB_SCHEMA, prepareJobSchema } from './modules/meetings/reminders';
import { printAppSchema } from './schema';

/**
 * Operations commands: `emit-schema`, and `migrate` (owner role, MIGRATION_DATABASE_URL): the
 * migrations, then the job schema (pg-boss) as a start with RUN_MIGRATIONS prepares it, so that
 * instances started with RUN_MIGRATIONS=false find both ready.
 */
async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'emit-schema': {
      const target = join(__dirname, '..', 'schema.graphql');
      await writeFile(target, await printAppSchema());
      console.log(`schema written to ${target}`);
      return;
    }
    case 'migrate': {
      const config = loadConfig();
      if (!config.database.migrationUrl) throw new Error('MIGRATION_DATABASE_URL is required');
      const logger = createLogger(config.logLevel);
      const applied = await runMigrations(config.database.migrationUrl, logger);
      console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'nothing to apply');
      await prepareJobSchema(config.database.migrationUrl, logger);
      console.log(`job schema "${JOB_SCHEMA}" ready`);
      return;
    }
    default:
      console.error('usage: node dist/cli.js emit-schema|migrate');
      process.exit(2);
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
