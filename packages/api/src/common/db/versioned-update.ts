import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { staleVersion } from '../errors';
import type { RequestContext } from '../request-context';

interface Versioned extends ObjectLiteral {
  id: string;
  version: number;
}

/**
 * Optimistic concurrency: writes only if the row still has the version the client read, so a
 * concurrent edit is reported as CONFLICT instead of being overwritten. The row's trigger bumps
 * `version` and `updated_at`.
 */
export async function updateVersioned<T extends Versioned>(
  ctx: RequestContext,
  entity: EntityTarget<NoInfer<T>>,
  label: string,
  current: T,
  expectedVersion: number,
  changes: Partial<T>,
): Promise<T> {
  if (current.version !== expectedVersion) throw staleVersion(label, current.version);
  if (Object.keys(changes).length === 0) return current;
  const manager = await ctx.manager();
  const result = await manager
    .createQueryBuilder()
    .update(entity)
    .set(changes)
    .where('id = :id AND version = :version', { id: current.id, version: expectedVersion })
    // A string, not an array: an array names entity properties, and `updated_at` is none (it was
    // dropped silently, and every versioned update answered a null updatedAt).
    .returning('updated_at, version')
    .execute();
  const [row] = result.raw as { updated_at: Date; version: number }[];
  if (!row) throw staleVersion(label, current.version);
  return { ...current, ...changes, updatedAt: row.updated_at, version: row.version } as T;
}
