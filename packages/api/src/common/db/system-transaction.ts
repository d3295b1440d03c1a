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
