import type { CombinedError } from 'urql';
import { ApiCallError } from '../auth/session';
import { i18n } from '../i18n';

/** What the interface shows of a refused or failed call: the API's code, field and message. */
export interface Problem {
  code: string;
  field?: string;
  message: string;
}

/**
 * The API's errors carry a French message for users, a code and the field at fault. Network
 * failures and unexpected answers get a message of ours, in the interface's language.
 */
export function problemOf(error: CombinedError | ApiCallError | Error | unknown): Problem {
  if (error instanceof ApiCallError) {
    if (error.code === 'NETWORK_ERROR') return networkProblem();
    return { code: error.code, field: error.field, message: error.message || unexpected() };
  }
  const combined = error as Partial<CombinedError>;
  const first = combined.graphQLErrors?.[0];
  if (first) {
    const extensions = first.extensions as { code?: string; field?: string };
    return {
      code: extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      field: extensions?.field,
      message: first.message || unexpected(),
    };
  }
  if (combined.networkError) return networkProblem();
  return { code: 'INTERNAL_SERVER_ERROR', message: unexpected() };
}

function networkProblem(): Problem {
  return { code: 'NETWORK_ERROR', message: i18n.t('common:errors.network') };
}

function unexpected(): string {
  return i18n.t('common:errors.unexpected');
}
