import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from './config';
import { runMigrations } from './common/db/data-source';
import { createLogger } from './common/logger';
import { printAppSchema } from './schema';

/** Operations commands: `emit-schema`, `migrate` (owner role, MIGRATION_DATABASE_URL). */
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
      const applied = await runMigrations(
        config.database.migrationUrl,
        createLogger(config.logLevel),
      );
      console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'nothing to apply');
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
