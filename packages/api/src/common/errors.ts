import type { ErrorCode, FieldProblem } from '@epairs/shared';
import { GraphQLError } from 'graphql';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  RATE_LIMITED: 429,
};

/** An error meant for the client: a code, a French message, and the faulty field when there is one. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details: { field?: string; fields?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    const status = HTTP_STATUS[code];
    super(message, {
      extensions: { code, ...details, ...(status ? { http: { status } } : {}) },
    });
  }
}

export const unauthenticated = (message = 'Authentification requise.') =>
  new AppError('UNAUTHENTICATED', message);

export const forbidden = (message = "Vous n'avez pas le droit d'effectuer cette action.") =>
  new AppError('FORBIDDEN', message);

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} introuvable.`);

export const conflict = (message: string, details: Record<string, unknown> = {}) =>
  new AppError('CONFLICT', message, details);

export function badInput(field: string, message: string): AppError {
  return new AppError('BAD_USER_INPUT', message, { field, fields: [{ field, message }] });
}

/** Several problems at once; the first one names `field`. */
export function badInputs(problems: FieldProblem[]): AppError {
  const [first] = problems;
  return new AppError('BAD_USER_INPUT', problems.map((problem) => problem.message).join(' '), {
    field: first?.field,
    fields: problems,
  });
}

/** Thrown when a record changed since the client read it (optimistic concurrency). */
export function staleVersion(what: string, currentVersion: number): AppError {
  return conflict(
    `${what} a été modifié(e) entre-temps par quelqu'un d'autre. Rechargez pour voir la dernière version.`,
    { currentVersion },
  );
}
