import { createHash } from 'node:crypto';
import type { PoolClient, QueryConfig } from 'pg';

const WRAPPED = Symbol('epairs.preparedStatements');
/** Distinct statements a connection keeps prepared; past that, statements go unnamed. */
const MAX_PER_CONNECTION = 400;
/**
 * Texts that change with the values, never worth keeping: `IN ($1, $2, …)` (one per list length)
 * and an offset written in (TypeORM writes LIMIT and OFFSET as literals; lists take their ids
 * first with both as parameters, see idsFirst).
 */
const VARIES_WITH_VALUES = /\bIN \(\$\d+, \$|\bOFFSET [1-9]/;

type Query = (text: unknown, values?: unknown, callback?: unknown) => unknown;

// Statement texts come from the code, so they are few: hash each once.
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `s${createHash('sha1').update(text).digest('base64url')}`;
    if (names.size < 5_000) names.set(text, name);
  }
  return name;
}

/**
 * Sends every parameterised statement of a request's connection as a named prepared statement,
 * so PostgreSQL parses and plans it once per connection instead of at every request, as JDBC does
 * by default. Under row-level security planning is the larger part of a small read (about 1 ms
 * against 0.1 ms of execution, docs/benchmarks.md). The name is a hash of the text: the same text
 * always gets the same name, which is what pg requires. Policies read the person's settings
 * through `(SELECT app.…())` init plans, evaluated at execution, so a plan serves everyone.
 */
export function prepareStatementsOn(client: PoolClient): void {
  const target = client as PoolClient & { [WRAPPED]?: Set<string> };
  if (target[WRAPPED]) return;
  const prepared = new Set<string>();
  target[WRAPPED] = prepared;
  const query = client.query.bind(client) as Query;
  (client as unknown as { query: Query }).query = (text, values, callback) => {
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0) {
      return query(text, values, callback);
    }
    if (VARIES_WITH_VALUES.test(text)) return query(text, values, callback);
    const name = nameOf(text);
    if (!prepared.has(name)) {
      if (prepared.size >= MAX_PER_CONNECTION) return query(text, values, callback);
      prepared.add(name);
    }
    const config: QueryConfig = { name, text, values };
    return query(config, undefined, callback);
  };
}
