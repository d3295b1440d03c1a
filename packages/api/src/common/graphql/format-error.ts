import { unwrapResolverError } from '@apollo/server/errors';
import { ERROR_CODES } from '@epairs/shared';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { translateDatabaseError } from '../db/constraint-errors';
import { AppError } from '../errors';

/** Codes a client may see as they are: ours (but the masked one) and Apollo's request errors. */
const CLIENT_CODES = new Set<string>([
  ...ERROR_CODES.filter((code) => code !== 'INTERNAL_SERVER_ERROR'),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** French wording for the limits graphql-armor and graphql-js enforce. */
const REQUEST_PROBLEMS: [RegExp, string][] = [
  [/depth limit/i, 'Requête refusée : elle imbrique trop de niveaux.'],
  [/aliases limit/i, "Requête refusée : elle utilise trop d'alias."],
  [/cost limit/i, 'Requête refusée : elle est trop coûteuse.'],
  [/token limit/i, 'Requête refusée : elle est trop longue.'],
  [/directives limit/i, 'Requête refusée : elle utilise trop de directives.'],
];

/** True for errors the client caused or may see; the others are bugs, logged then masked. */
export function isClientError(error: unknown): boolean {
  const original = unwrapResolverError(error);
  if (original instanceof AppError || translateDatabaseError(original)) return true;
  const code = original instanceof GraphQLError ? original.extensions?.code : undefined;
  // graphql-js validation and parse errors carry no code until Apollo formats them.
  return original instanceof GraphQLError && (code === undefined || CLIENT_CODES.has(String(code)));
}

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return formatted;
  const translated = translateDatabaseError(original);
  if (translated) {
    return { ...formatted, message: translated.message, extensions: translated.extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_CODES.has(code) && original instanceof GraphQLError) {
    const known = REQUEST_PROBLEMS.find(([pattern]) => pattern.test(formatted.message));
    const message = known
      ? known[1]
      : code === 'GRAPHQL_PARSE_FAILED' || code === 'GRAPHQL_VALIDATION_FAILED'
        ? `Requête GraphQL invalide : ${formatted.message}`
        : formatted.message;
    return { ...formatted, message, extensions: { code, detail: formatted.message } };
  }
  return {
    message: 'Erreur interne du serveur. Elle a été enregistrée ; réessayez plus tard.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
