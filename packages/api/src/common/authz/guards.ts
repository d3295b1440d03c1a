import type { Action, SubjectType } from '@epairs/shared';
import { Authorized, getMetadataStorage, type AuthChecker } from 'type-graphql';
import { forbidden, unauthenticated } from '../errors';
import type { RequestContext } from '../request-context';

const publicRootFields = new Set<string>();
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
  return (target, methodName) => {
    publicRootFields.add(key(target.constructor, String(methodName)));
  };
}

export const authChecker: AuthChecker<RequestContext, string> = async ({ context }, roles) => {
  const state = await context.auth();
  if (!state) throw unauthenticated();
  for (const role of roles) {
    const [action, subjectType] = role.split(':') as [Action, SubjectType];
    if (!state.ability.can(action, subjectType)) throw forbidden();
  }
  return true;
};

/**
 * Deny by default: every Query and Mutation field must carry `@Can`, `@SignedIn` or `@Public`.
 * Called before the schema is built; a forgotten guard stops the server from starting.
 */
export function assertEveryRootFieldGuarded(): void {
  const storage = getMetadataStorage();
  const guarded = new Set(storage.authorizedFields.map((field) => key(field.target, field.fieldName)));
  const unguarded = [...storage.queries, ...storage.mutations]
    .map((field) => key(field.target, field.methodName))
    .filter((name) => !guarded.has(name) && !publicRootFields.has(name));
  if (unguarded.length > 0) {
    throw new Error(`Root fields without an authorization guard: ${unguarded.join(', ')}`);
  }
}

/** Root fields declared public, by GraphQL name, for the tests that prove the others refuse. */
export function publicRootFieldNames(): string[] {
  const storage = getMetadataStorage();
  return [...storage.queries, ...storage.mutations]
    .filter((field) => publicRootFields.has(key(field.target, field.methodName)))
    .map((field) => field.schemaName);
}
