import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { getNamedType, isInputObjectType, type GraphQLArgument, type GraphQLField } from 'graphql';
import buildGraphQLProvider from 'ra-data-graphql-simple';
import {
  CREATE,
  DELETE,
  GET_LIST,
  GET_MANY,
  GET_MANY_REFERENCE,
  GET_ONE,
  UPDATE,
  type DataProvider,
} from 'react-admin';
import { authFetch, graphqlUrl } from '../auth/session';
import { normaliseError } from '../graphql/errors';
import { introspection, schema } from '../graphql/schema';
import { RESOURCES, type ResourceSpec } from './resources';

type Params = Record<string, unknown> & {
  id?: string;
  ids?: string[];
  data?: Record<string, unknown>;
  previousData?: Record<string, unknown>;
  filter?: Record<string, unknown>;
  pagination?: { page: number; perPage: number };
  sort?: { field: string; order: string };
  target?: string;
};

const queryFields = schema.getQueryType()!.getFields();
const mutationFields = schema.getMutationType()!.getFields();

/** `Society` → `allSocieties`, as ra-data-graphql-simple names lists. */
function listName(type: string): string {
  const plural = type.endsWith('y') ? `${type.slice(0, -1)}ies` : `${type}s`;
  return `all${plural}`;
}

/** Keeps only the filter keys the API's `<Type>Filter` input declares (and drops empty ones). */
function cleanFilter(type: string, filter: Record<string, unknown> = {}): Record<string, unknown> {
  const input = schema.getType(`${type}Filter`);
  const known = input && isInputObjectType(input) ? input.getFields() : {};
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (value === '' || value === undefined || value === null) continue;
    if (!(key in known)) continue;
    const named = getNamedType(known[key]!.type).name;
    result[key] = named === 'Int' && typeof value === 'string' ? Number(value) : value;
  }
  return result;
}

function declare(args: readonly GraphQLArgument[], present: Set<string>): string {
  const declared = args.filter((arg) => present.has(arg.name));
  return declared.length === 0
    ? ''
    : `(${declared.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')})`;
}

function pass(args: readonly GraphQLArgument[], present: Set<string>): string {
  const passed = args.filter((arg) => present.has(arg.name));
  return passed.length === 0
    ? ''
    : `(${passed.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})`;
}

/**
 * Variables of a mutation taken from a record: only the arguments the mutation declares, for an
 * update only what changed (plus `id` and `version`), with empty strings sent as null.
 */
function mutationVariables(
  field: GraphQLField<unknown, unknown>,
  data: Record<string, unknown>,
  previous?: Record<string, unknown>,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const arg of field.args) {
    let value = data[arg.name];
    // Reference inputs give objects or arrays of objects: themeIds from themes…
    if (
      value === undefined &&
      arg.name.endsWith('Ids') &&
      Array.isArray(data[arg.name.slice(0, -3) + 's'])
    ) {
      value = (data[arg.name.slice(0, -3) + 's'] as { id: string }[]).map((item) => item.id);
    }
    if (value === undefined) continue;
    if (value === '') value = null;
    if (previous && arg.name !== 'id' && arg.name !== 'version') {
      if (JSON.stringify(previous[arg.name] ?? null) === JSON.stringify(value)) continue;
    }
    variables[arg.name] = value;
  }
  return variables;
}

/** Adds `<x>Ids` beside every `<x>s` list of records (themes → themeIds), for the forms. */
function decorate<T>(record: T): T {
  if (!record || typeof record !== 'object') return record;
  const result = { ...(record as Record<string, unknown>) };
  for (const [key, value] of Object.entries(result)) {
    if (
      key.endsWith('s') &&
      Array.isArray(value) &&
      value.every((item) => item && typeof item === 'object' && 'id' in item)
    ) {
      result[`${key.slice(0, -1)}Ids`] ??= value.map((item: { id: string }) => item.id);
    }
  }
  return result as T;
}

function specOf(resource: string): ResourceSpec {
  const spec = RESOURCES[resource];
  if (!spec) throw new Error(`Ressource inconnue de la console : ${resource}`);
  return spec;
}

/**
 * Our buildQuery: the grammar of ra-data-graphql-simple (allX, _allXMeta, X(id), createX,
 * updateX), with the selections of resources.ts instead of every field of the type.
 */
function buildQuery() {
  return (fetchType: string, resource: string, params: Params) => {
    const spec = specOf(resource);
    const all = listName(resource);
    switch (fetchType) {
      case GET_LIST:
      case GET_MANY:
      case GET_MANY_REFERENCE: {
        const filter =
          fetchType === GET_MANY
            ? { ids: params.ids }
            : cleanFilter(resource, {
                ...params.filter,
                ...(fetchType === GET_MANY_REFERENCE && params.target
                  ? { [params.target]: params.id }
                  : {}),
              });
        const variables: Record<string, unknown> = { filter };
        if (fetchType !== GET_MANY) {
          const sort =
            params.sort && spec.sortable.includes(params.sort.field)
              ? params.sort
              : spec.defaultSort;
          variables.sortField = sort.field;
          variables.sortOrder = sort.order;
          if (params.pagination) {
            variables.page = params.pagination.page - 1;
            variables.perPage = params.pagination.perPage;
          }
        } else {
          variables.perPage = Math.max(params.ids?.length ?? 1, 1);
        }
        const query = gql`
          query ${all}($filter: ${resource}Filter, $page: Int, $perPage: Int, $sortField: String, $sortOrder: String) {
            items: ${all}(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { ${spec.list} }
            total: _${all}Meta(filter: $filter, page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder) { count }
          }`;
        return {
          query,
          variables,
          parseResponse: ({ data }: { data: { items: unknown[]; total: { count: number } } }) => ({
            data: data.items.map(decorate),
            total: data.total.count,
          }),
        };
      }
      case GET_ONE: {
        if (!queryFields[resource]) throw new Error(`Pas de requête ${resource}(id)`);
        return {
          query: gql`query ${resource}($id: ID!) { data: ${resource}(id: $id) { ${spec.one ?? spec.list} } }`,
          variables: { id: params.id },
          parseResponse: ({ data }: { data: { data: { id: string } | null } }) => {
            // null: not found, or outside the caller's scope (row-level security answers nothing).
            if (!data.data)
              throw Object.assign(new Error('ra.notification.item_doesnt_exist'), { status: 404 });
            return { data: decorate(data.data) };
          },
        };
      }
      case CREATE:
      case UPDATE: {
        const name =
          fetchType === CREATE
            ? (spec.create ?? `create${resource}`)
            : (spec.update ?? `update${resource}`);
        const field = mutationFields[name];
        if (!field) throw new Error(`Pas de mutation ${name}`);
        const variables = mutationVariables(
          field,
          { ...params.data, ...(fetchType === UPDATE ? { id: params.id } : {}) },
          fetchType === UPDATE ? params.previousData : undefined,
        );
        const present = new Set(Object.keys(variables));
        return {
          query: gql`mutation ${name}${declare(field.args, present)} { data: ${name}${pass(field.args, present)} { ${spec.one ?? spec.list} } }`,
          variables,
          parseResponse: ({ data }: { data: { data: unknown } }) => ({ data: decorate(data.data) }),
        };
      }
      case DELETE:
      default:
        throw Object.assign(new Error(`Opération non prise en charge : ${fetchType} ${resource}`), {
          status: 405,
        });
    }
  };
}

export const apolloClient = new ApolloClient({
  link: new HttpLink({ uri: graphqlUrl, fetch: authFetch }),
  cache: new InMemoryCache(),
  defaultOptions: {
    query: { fetchPolicy: 'network-only', errorPolicy: 'none' },
    mutate: { errorPolicy: 'none' },
  },
});

const base = buildGraphQLProvider({
  client: apolloClient,
  introspection: { schema: introspection as never },
  buildQuery: buildQuery as never,
}) as DataProvider;

/** The data provider, with the API's errors mapped for react-admin (notifications, fields). */
export const dataProvider: DataProvider = new Proxy(base, {
  get(target, property: string) {
    const method = (target as unknown as Record<string, unknown>)[property];
    if (typeof method !== 'function') return method;
    return async (...args: unknown[]) => {
      try {
        return await (method as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      } catch (error) {
        throw normaliseError(error);
      }
    };
  },
});
