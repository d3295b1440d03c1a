import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../request-context';
import { isClientError } from './format-error';

function rootFieldCount(operation: OperationDefinitionNode): number {
  return operation.selectionSet.selections.filter(
    (selection) => selection.kind !== Kind.FIELD || selection.name.value !== '__typename',
  ).length;
}

/**
 * Ends each request's transaction before the response leaves: commit when the operation succeeded
 * and every mutation field wrote exactly one audit event, roll back otherwise (a failed mutation
 * then reports no data, since nothing of it was saved). Also logs unexpected errors with the
 * request id and exposes the SQL statement count when configured.
 */
export function transactionPlugin(options: {
  sqlCountHeader: boolean;
}): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (!isClientError(error)) {
              contextValue.services.logger.error(
                {
                  err: error.originalError ?? error,
                  requestId: contextValue.requestId,
                  path: error.path,
                },
                'unexpected error',
              );
            }
          }
        },

        async willSendResponse({ contextValue: ctx, response, operation }) {
          const body = response.body;
          if (body.kind !== 'single') return;
          const result = body.singleResult;
          const isMutation = operation?.operation === 'mutation';
          let commit = !result.errors?.length;
          if (commit && isMutation && ctx.auditEventsWritten !== rootFieldCount(operation)) {
            ctx.services.logger.error(
              { requestId: ctx.requestId, written: ctx.auditEventsWritten },
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
            for (const failure of await ctx.tx.finish(commit)) {
              ctx.services.logger.error(
                { err: failure, requestId: ctx.requestId },
                'after-commit work failed',
              );
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
          if (!commit && isMutation) result.data = null;
          if (options.sqlCountHeader) {
            response.http.headers.set('x-sql-statements', String(ctx.tx.statementCount));
          }
        },
      };
    },
  };
}
