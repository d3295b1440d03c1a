import 'reflect-metadata';
import { DataSource, type Logger as TypeOrmLogger, type QueryRunner } from 'typeorm';
import type { Logger } from '../logger';
import { ENTITIES, MIGRATIONS } from './entities';

/** What a query runner carries for the request that owns it. */
export interface QueryRunnerData {
  sqlStatements?: number;
}

/** Counts every statement a request sends (transaction control included) and logs failures. */
class StatementCountingLogger implements TypeOrmLogger {
  constructor(private readonly logger: Logger) {}

  logQuery(_query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    const data = queryRunner?.data as QueryRunnerData | undefined;
    if (data && typeof data.sqlStatements === 'number') data.sqlStatements += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    // Parameters are left out on purpose: they may hold personal data.
    this.logger.debug({ err: error, query: query.slice(0, 500) }, 'sql error');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ time, query: query.slice(0, 500) }, 'slow sql');
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ message }, 'typeorm');
  }
}

export function createDataSource(options: {
  url: string;
  poolSize: number;
  logger: Logger;
  applicationName: string;
}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    maxQueryExecutionTime: 500,
    logger: new StatementCountingLogger(options.logger),
    extra: {
      max: options.poolSize,
      application_name: options.applicationName,
      // A stuck statement must not hold a connection (and a request) forever.
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 30_000,
      // Prepared statements (prepared-statements.ts) keep one generic plan per connection. Left to
      // choose, PostgreSQL re-plans them at every run: the row-level policies' sub-plans make the
      // generic plan look dearer than it is (1.4 ms of planning for 0.2 ms of execution).
      options: '-c plan_cache_mode=force_generic_plan',
    },
  });
}

/** Runs pending migrations as the owner role, then closes that connection. */
export async function runMigrations(url: string, logger: Logger): Promise<string[]> {
  const owner = createDataSource({ url, poolSize: 1, logger, applicationName: 'epairs-migrate' });
  await owner.initialize();
  try {
    const applied = await owner.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await owner.destroy();
  }
}
