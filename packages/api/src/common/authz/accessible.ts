import type { Action, AppAbility, SubjectType } from '@epairs/shared';
import { rulesToCondition } from '@casl/ability/extra';

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

let parameterCounter = 0;

/**
 * Turns the CASL rules for (action, subject) into a SQL condition on the listed columns, so lists
 * return exactly what the rules allow (row-level security stays the last word underneath).
 * Conditions may use equality and `$in` on the subject's own columns only.
 */
export function accessibleCondition(
  ability: AppAbility,
  action: Action,
  subjectType: SubjectType,
  columns: Record<string, string>,
): SqlCondition {
  const params: Record<string, unknown> = {};
  const convert = (rule: { conditions?: unknown; inverted: boolean }): string => {
    const parts = Object.entries(rule.conditions as Record<string, unknown>).map(
      ([field, value]) => {
        const column = columns[field];
        if (!column) throw new Error(`No column for ${subjectType}.${field} in a permission rule`);
        const name = `casl_${(parameterCounter = (parameterCounter + 1) % 1_000_000)}`;
        if (value === null) return `${column} IS NULL`;
        if (typeof value === 'object' && value !== null && '$in' in value) {
          params[name] = (value as { $in: unknown[] }).$in;
          return `${column} = ANY(:${name})`;
        }
        if (typeof value === 'object')
          throw new Error(`Unsupported rule operator on ${subjectType}.${field}`);
        params[name] = value;
        return `${column} = :${name}`;
      },
    );
    const all = parts.length > 0 ? `(${parts.join(' AND ')})` : 'TRUE';
    return rule.inverted ? `NOT ${all}` : all;
  };
  const sql = rulesToCondition(ability.rulesFor(action, subjectType), convert, {
    and: (conditions) => `(${conditions.join(' AND ')})`,
    or: (conditions) => `(${conditions.join(' OR ')})`,
    empty: () => 'TRUE',
  });
  return { sql: sql ?? 'FALSE', params };
}
