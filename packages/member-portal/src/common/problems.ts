import type { CombinedError } from 'urql';
import { problemOf, type Problem } from './errors';

/**
 * Every field the API named in a refusal (BAD_USER_INPUT carries `fields`: one problem per
 * field, e.g. one per likely identifier), keyed by field, for `Field`'s `problem`. Several
 * problems of one field are joined.
 */
export function fieldProblemsOf(error: CombinedError | null | undefined): Record<string, Problem> {
  if (!error) return {};
  const problem = problemOf(error);
  const extensions = error.graphQLErrors?.[0]?.extensions as
    { fields?: { field: string; message: string }[] } | undefined;
  const list = extensions?.fields?.length
    ? extensions.fields
    : problem.field
      ? [{ field: problem.field, message: problem.message }]
      : [];
  const byField: Record<string, Problem> = {};
  for (const { field, message } of list) {
    const previous = byField[field];
    byField[field] = {
      code: problem.code,
      field,
      message: previous ? `${previous.message} ${message}` : message,
    };
  }
  return byField;
}

/** The error's `extensions`, for codes that carry more (CONFLICT: the current version…). */
export function extensionsOf<T>(error: CombinedError | null | undefined): Partial<T> {
  return (error?.graphQLErrors?.[0]?.extensions ?? {}) as Partial<T>;
}

/** A refusal to show the data (not found, forbidden): the page says « no access ». */
export function isRefusal(error: CombinedError | null | undefined): boolean {
  const code = error ? problemOf(error).code : null;
  return code === 'FORBIDDEN' || code === 'NOT_FOUND';
}
