import type { DataSource, EntityManager } from 'typeorm';

/**
 * A transaction of its own, in system scope, outside the request's. Only for what must be saved
 * even though the request fails: revoking a stolen refresh-token family, for instance.
 */
export async function inSeparateSystemTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT set_config('app.scope', 'system', true)`);
    return work(manager);
  });
}

/**
 * A read in a transaction of its own with the given settings, outside the request's connection:
 * for a scope that must not reach the request's other statements (sibling fields run in parallel
 * on the request's one connection).
 */
export async function inSeparateScopedTransaction<T>(
  dataSource: DataSource,
  settings: { userId: string; scope: 'directory' },
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction('READ COMMITTED', async (manager) => {
    await manager.query(
      `SELECT set_config('app.user_id', $1, true), set_config('app.scope', $2, true)`,
      [settings.userId, settings.scope],
    );
    return work(manager);
  });
}
