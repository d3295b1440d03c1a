import { registerEnumType } from 'type-graphql';

/**
 * A GraphQL enum from a list of values kept in packages/shared (the single source of the
 * vocabulary), as the object type-graphql expects.
 */
export function graphqlEnum<T extends string>(
  values: readonly T[],
  name: string,
  description?: string,
): { [K in T]: K } {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}
