import { Raw, type FindOperator } from 'typeorm';

let parameterCount = 0;

/**
 * `column = ANY($n)` with the values as one array parameter, for DataLoader batches. TypeORM's
 * `In([...])` writes one placeholder per value, so every batch size is a different statement text:
 * never the same prepared statement twice (see RequestTransaction, docs/benchmarks.md).
 */
export function anyOf<T extends string>(values: readonly T[]): FindOperator<T> {
  // The name only has to be unique within one query; it never reaches the SQL text.
  const name = `anyOf${(parameterCount = (parameterCount + 1) % 1_000_000)}`;
  return Raw((column) => `${column} = ANY(:${name})`, { [name]: [...values] });
}
