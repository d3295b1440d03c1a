import { authExchange } from '@urql/exchange-auth';
import { retryExchange } from '@urql/exchange-retry';
import { Client, cacheExchange, fetchExchange, type CombinedError } from 'urql';
import { accessTokenNow, accessTokenStale, graphqlUrl, hasSession, refresh } from '../auth/session';

/**
 * A GraphQL client for one signed-in person (App.tsx makes a new one when the person changes, so
 * nothing of the previous person's cache or rules stays on a shared phone). On a slow or lost
 * connection, reads are retried with back-off; writes are not (a retried write could be applied
 * twice), except the ones the API makes idempotent (signing the sheet, answering an RSVP), which
 * say so with `context: retryable`.
 */
export const createClient = () =>
  new Client({
    url: graphqlUrl,
    // Lists refresh after writes through the additionalTypenames of each query.
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
    exchanges: [
      cacheExchange,
      retryExchange({
        initialDelayMs: 800,
        maxDelayMs: 8_000,
        randomDelay: true,
        maxNumberAttempts: 4,
        retryIf: (error, operation) =>
          Boolean(error.networkError) &&
          (operation.kind === 'query' || operation.context.retryable === true),
      }),
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const token = accessTokenNow();
          return token
            ? utils.appendHeaders(operation, { authorization: `Bearer ${token}` })
            : operation;
        },
        willAuthError: () => accessTokenStale(),
        didAuthError: (error: CombinedError) =>
          error.response?.status === 401 ||
          error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'),
        async refreshAuth() {
          if (!hasSession()) return;
          // refresh() ends the session itself when the API refuses the token; an outage keeps it.
          await refresh().catch(() => undefined);
        },
      })),
      fetchExchange,
    ],
  });
