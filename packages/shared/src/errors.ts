/** Error codes every API error carries in `extensions.code`; clients translate them. */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field, as returned in `extensions.field` and `extensions.fields`. */
export interface FieldProblem {
  field: string;
  message: string;
}
