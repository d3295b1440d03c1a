import type { Action, SubjectType } from '@epairs/shared';
import { Authorized, getMetadataStorage, type AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors';
import type { RequestContext } from '../request-context';

/** Marks a root field open to anonymous callers; kept in type-graphql's own metadata. */
const PUBLIC = 'public';
const key = (target: Function, methodName: string) => `${target.name}.${methodName}`;

/** Coarse guard on a root field: the person may do `action` on some `subject`. */
export function Can(action: Action, subjectType: SubjectType): MethodDecorator {
  return Authorized(`${action}:${subjectType}`);
}

/** Guard for fields any signed-in person may call; the service still checks records. */
export function SignedIn(): MethodDecorator {
  return Authorized();
}

/** Declares a root field open to anonymous callers (login, token refresh, password reset). */
export function Public(): MethodDecorator {
  return Authorized(PUBLIC);
}

export const authChecker: AuthChecker<RequestContext, string> = async ({ context }, roles) => {
  if (roles.includes(PUBLIC)) return true;
  const state = await context.auth();
  if (!state) throw unauthenticated();
  for (const role of roles) {
    const [action, subjectType] = role.split(':') as [Action, SubjectType];
    if (!state.ability.can(action, subjectType)) throw forbidden();
  }
  return true;
};

function rootFieldsOf(resolvers: readonly Function[]) {
  const storage = getMetadataStorage();
  const guards = new Map(
    storage.authorizedFields.map((field) => [
      key(field.target, field.fieldName),
      field.roles as string[],
    ]),
  );
  return [...storage.queries, ...storage.mutations]
    .filter((field) => resolvers.includes(field.target))
    .map((field) => ({
      name: field.schemaName,
      roles: guards.get(key(field.target, field.methodName)),
      id: key(field.target, field.methodName),
    }));
}

/**
 * Deny by default: every Query and Mutation field of these resolvers must carry `@Can`,
 * `@SignedIn` or `@Public`. Called before the schema is built; a forgotten guard stops the start.
 */
export function assertEveryRootFieldGuarded(resolvers: readonly Function[]): void {
  const unguarded = rootFieldsOf(resolvers).filter((field) => !field.roles);
  if (unguarded.length > 0) {
    throw new Error(
      `Root fields without an authorization guard: ${unguarded.map((field) => field.id).join(', ')}`,
    );
  }
}

/** Root fields declared public, by GraphQL name, for the tests that prove the others refuse. */
export function publicRootFieldNames(resolvers: readonly Function[]): string[] {
  return rootFieldsOf(resolvers)
    .filter((field) => field.roles?.includes(PUBLIC))
    .map((field) => field.name);
}
