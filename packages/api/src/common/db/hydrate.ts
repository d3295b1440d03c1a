import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * For hand-written statements that read several entities per row: the select list of one entity's
 * columns under a prefix, and the entity rebuilt from such a row with TypeORM's own conversions
 * (dates, numbers). Columns TypeORM does not select by default (a password hash) stay out.
 */
export function entityColumns(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix: string,
): string {
  return manager.connection
    .getMetadata(target)
    .columns.filter((column) => column.isSelect)
    .map((column) => `${alias}.${column.databaseName} AS "${prefix}${column.databaseName}"`)
    .join(', ');
}

/** The entity whose columns `row` holds under `prefix`; null when its id is null (no row). */
export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  prefix: string,
): T | null {
  if (row[`${prefix}id`] === null || row[`${prefix}id`] === undefined) return null;
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!column.isSelect) continue;
    const value = row[`${prefix}${column.databaseName}`];
    column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
  }
  return entity;
}
