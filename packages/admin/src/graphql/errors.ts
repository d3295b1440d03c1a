import { HttpError } from 'react-admin';

/** One error as the API sends it (docs/architecture.md, GraphQL conventions). */
export interface ApiGraphQLError {
  message: string;
  extensions?: {
    code?: string;
    field?: string;
    fields?: { field: string; message: string }[];
    retryAfterSeconds?: number;
    currentVersion?: number;
  };
}

const STATUS_BY_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
};

/** The first error's code, or undefined. */
export function errorCode(errors: readonly ApiGraphQLError[] | undefined): string | undefined {
  return errors?.[0]?.extensions?.code;
}

/** Field errors as react-admin reads them from `error.body.errors` (server-side validation). */
export function fieldErrors(errors: readonly ApiGraphQLError[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const error of errors) {
    const extensions = error.extensions ?? {};
    for (const item of extensions.fields ?? []) result[item.field] ??= item.message;
    if (extensions.field) result[extensions.field] ??= error.message;
  }
  return result;
}

/**
 * Turns GraphQL errors into the HttpError react-admin understands: the French message for the
 * notification, the HTTP-like status (401 ends the session, 403 shows a refusal), and the field
 * errors for the forms (`body.errors`, with `root.serverError` for the message).
 */
export function toHttpError(errors: readonly ApiGraphQLError[], fallbackStatus = 500): HttpError {
  const code = errorCode(errors) ?? 'INTERNAL_SERVER_ERROR';
  const message = errors.map((error) => error.message).join(' ') || 'Erreur inconnue.';
  const status = STATUS_BY_CODE[code] ?? fallbackStatus;
  const fields = fieldErrors(errors);
  return new HttpError(message, status, {
    code,
    graphQLErrors: errors,
    errors: Object.keys(fields).length > 0 ? { ...fields, root: { serverError: message } } : {},
    retryAfterSeconds: errors[0]?.extensions?.retryAfterSeconds,
  });
}

/** Normalises whatever a GraphQL call threw (Apollo error, our GraphQLRequestError, network). */
export function normaliseError(error: unknown): HttpError {
  if (error instanceof HttpError && (error.body as { code?: string } | undefined)?.code) {
    return error;
  }
  const candidate = error as {
    graphQLErrors?: ApiGraphQLError[];
    errors?: ApiGraphQLError[];
    networkError?: { statusCode?: number; result?: { errors?: ApiGraphQLError[] } };
    body?: { graphQLErrors?: ApiGraphQLError[]; networkError?: unknown };
    status?: number;
    message?: string;
  };
  const inner = (candidate?.body ?? candidate) as typeof candidate;
  const graphQLErrors =
    (inner?.graphQLErrors?.length ? inner.graphQLErrors : undefined) ??
    (inner?.errors?.length ? inner.errors : undefined) ??
    inner?.networkError?.result?.errors;
  if (graphQLErrors && graphQLErrors.length > 0) {
    return toHttpError(graphQLErrors, inner?.networkError?.statusCode ?? candidate.status ?? 500);
  }
  const status = inner?.networkError?.statusCode ?? candidate.status ?? 0;
  return new HttpError(
    status === 0
      ? 'Le serveur ne répond pas : vérifiez votre connexion et réessayez.'
      : (candidate.message ?? 'Erreur inconnue.'),
    status,
    { code: status === 401 ? 'UNAUTHENTICATED' : 'NETWORK_ERROR', errors: {} },
  );
}
