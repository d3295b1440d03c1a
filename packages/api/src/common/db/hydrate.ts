import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** Column types pg already gives as TypeORM would: assigned as they come. */
const AS_READ = new Set([
  'uuid',
  'text',
  'varchar',
  'character varying',
  'integer',
  'int',
  'boolean',
]);

interface Plan {
  create: () => ObjectLiteral;
  columns: { column: ColumnMetadata; key: string; asRead: boolean }[];
}

// Per entity and prefix, built once: looking the metadata up for every row was most of the cost.
const plans = new Map<EntityTarget<ObjectLiteral>, Map<string, Plan>>();

function planFor(manager: EntityManager, target: EntityTarget<ObjectLiteral>, prefix: string) {
  let byPrefix = plans.get(target);
  if (!byPrefix) plans.set(target, (byPrefix = new Map()));
  let plan = byPrefix.get(prefix);
  if (!plan) {
    const metadata = manager.connection.getMetadata(target);
    plan = {
      create: () => metadata.create() as ObjectLiteral,
      columns: metadata.columns
        .filter((column) => column.isSelect)
        .map((column) => ({
          column,
          key: `${prefix}${column.databaseName}`,
          asRead:
            !column.transformer && !column.embeddedMetadata && AS_READ.has(String(column.type)),
        })),
    };
    byPrefix.set(prefix, plan);
  }
  return plan;
}

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
  const plan = planFor(manager, target, prefix);
  const driver = manager.connection.driver;
  const entity = plan.create();
  for (const { column, key, asRead } of plan.columns) {
    const value = row[key];
    if (asRead) entity[column.propertyName] = value;
    else column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
  }
  return entity as T;
}
