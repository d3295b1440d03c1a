import { authFetch, graphqlUrl } from '../auth/session';
import { normaliseError, toHttpError, type ApiGraphQLError } from './errors';

/**
 * A GraphQL call outside the data provider (dashboards, binôme workspace, workflow verbs), with
 * the same session handling and error mapping. Throws an HttpError (see errors.ts).
 */
export async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await authFetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw normaliseError(error);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: ApiGraphQLError[];
  };
  if (body.errors?.length) throw toHttpError(body.errors, response.status);
  if (!response.ok || !body.data) {
    throw toHttpError(
      [{ message: `Réponse inattendue du serveur (${response.status}).` }],
      response.status,
    );
  }
  return body.data;
}
