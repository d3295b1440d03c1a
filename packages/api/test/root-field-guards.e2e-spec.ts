import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { publicRootFieldNames } from '../src/common/authz/guards';
import { buildAppSchema, RESOLVERS } from '../src/schema';
import { errorCodes, startTestApp, type TestApp } from './support/test-app';

/** Root fields open to anonymous callers, by design. Anything else must refuse them. */
const PUBLIC = [
  'login',
  'refreshSession',
  'logout',
  'acceptInvitation',
  'requestPasswordReset',
  'resetPassword',
];

function placeholder(type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    const required = Object.values(named.getFields())
      .filter((field) => isNonNullType(field.type))
      .map((field) => `${field.name}: ${placeholder(field.type)}`);
    return `{ ${required.join(', ')} }`;
  }
  switch (named.name) {
    case 'ID':
      return '"00000000-0000-4000-8000-000000000000"';
    case 'Int':
      return '2026';
    case 'Float':
      return '1.5';
    case 'Boolean':
      return 'true';
    case 'DateTimeISO':
      return '"2026-01-01T00:00:00Z"';
    default:
      return '"x"';
  }
}

function callOf(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args
    .filter((arg: GraphQLArgument) => isNonNullType(arg.type))
    .map((arg) => `${arg.name}: ${placeholder(arg.type)}`);
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('deny by default', () => {
  it('declares exactly the expected public root fields', () => {
    expect(publicRootFieldNames(RESOLVERS).sort()).toEqual([...PUBLIC].sort());
  });

  it('refuses every other root field to an anonymous caller', async () => {
    const schema = await buildAppSchema();
    const roots = [
      ['query', schema.getQueryType()!],
      ['mutation', schema.getMutationType()!],
    ] as const;
    let checked = 0;
    for (const [kind, type] of roots) {
      for (const field of Object.values(type.getFields())) {
        if (PUBLIC.includes(field.name)) continue;
        const response = await t.gql(callOf(kind, field));
        expect({ field: field.name, codes: errorCodes(response) }).toEqual({
          field: field.name,
          codes: ['UNAUTHENTICATED'],
        });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(25);
  });
});
