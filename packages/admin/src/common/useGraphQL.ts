import { useQuery, type UseQueryOptions } from '@tanstack/react-query';
import type { HttpError } from 'react-admin';
import { graphql } from '../graphql/request';

/** A GraphQL query through react-query (cache, loading and error states), with our session. */
export function useGraphQL<T>(
  key: unknown[],
  query: string,
  variables: Record<string, unknown> = {},
  options: Partial<UseQueryOptions<T, HttpError>> = {},
) {
  return useQuery<T, HttpError>({
    queryKey: ['graphql', ...key],
    queryFn: () => graphql<T>(query, variables),
    retry: false,
    ...options,
  });
}
