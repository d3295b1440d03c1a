import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError } from '../errors';
import type { RequestContext } from '../request-context';
import { isClientError } from './format-error';

/** Refusals worth a line in the security log (who tried what, never with which values). */
const SECURITY_CODES = new Set(['FORBIDDEN', 'RATE_LIMITED', 'UNAUTHENTICATED']);

/**
 * Ends each request's transaction before the response leaves: commit when the operation succeeded
 * and every executed mutation field wrote exactly one audit event, roll back otherwise (a failed
 * mutation then reports no data, since nothing of it was saved). After a commit, starts the
 * after-commit work in the background. Logs unexpected errors and refusals with the request id,
 * and exposes the SQL statement count when configured.
 */
export function transactionPlugin(options: {
  sqlCountHeader: boolean;
}): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      contextValue.services.inFlight.add(contextValue);
      const unaudited: string[] = [];
      return {
        async executionDidStart({ operation }) {
          if (operation.operation !== 'mutation') return;
          return {
            // Mutation fields run one after the other, so each one's audit count is its own.
            willResolveField({ info, contextValue }) {
              if (info.path.prev !== undefined) return;
              const before = contextValue.auditEventsWritten;
              return (error) => {
                if (!error && contextValue.auditEventsWritten - before !== 1) {
                  unaudited.push(info.fieldName);
                }
              };
            },
          };
        },

        async didEncounterErrors({ contextValue, errors, operationName }) {
          const { logger } = contextValue.services;
          for (const error of errors) {
            const original = unwrapResolverError(error);
            if (!isClientError(error)) {
              logger.error(
                { err: original, requestId: contextValue.requestId, path: error.path },
                'unexpected error',
              );
            } else if (original instanceof AppError && SECURITY_CODES.has(original.code)) {
              logger.warn(
                {
                  requestId: contextValue.requestId,
                  code: original.code,
                  path: error.path,
                  operationName,
                  userId: contextValue.userIdIfKnown,
                  address: contextValue.clientAddress,
                },
                'request refused',
              );
            }
          }
        },

        async willSendResponse({ contextValue: ctx, response, operation }) {
          const body = response.body;
          if (body.kind !== 'single') {
            await ctx.tx.finish(false);
            ctx.services.inFlight.delete(ctx);
            return;
          }
          const result = body.singleResult;
          const isMutation = operation?.operation === 'mutation';
          let commit = !result.errors?.length;
          if (commit && unaudited.length > 0) {
            ctx.services.logger.error(
              { requestId: ctx.requestId, fields: unaudited },
              'a mutation did not write exactly one audit event',
            );
            commit = false;
            result.errors = [
              {
                message: 'Erreur interne du serveur (journal d’audit).',
                extensions: { code: 'INTERNAL_SERVER_ERROR' },
              },
            ];
          }
          try {
            for (const task of await ctx.tx.finish(commit)) {
              ctx.services.background.run('after-commit work', ctx.requestId, task);
            }
          } catch (error) {
            ctx.services.logger.error(
              { err: error, requestId: ctx.requestId },
              'transaction end failed',
            );
            commit = false;
            result.errors = [
              ...(result.errors ?? []),
              {
                message: "L'enregistrement a échoué ; rien n'a été modifié.",
                extensions: { code: 'INTERNAL_SERVER_ERROR' },
              },
            ];
          }
          ctx.services.inFlight.delete(ctx);
          if (!commit && isMutation) result.data = null;
          if (options.sqlCountHeader) {
            response.http.headers.set('x-sql-statements', String(ctx.tx.statementCount));
          }
        },
      };
    },
  };
}
