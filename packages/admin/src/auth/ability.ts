import {
  createAppAbility,
  subject,
  unpackAppRules,
  type Action,
  type AppAbility,
  type SubjectType,
} from '@epairs/shared';
import { graphql } from '../graphql/request';
import { onSessionChange } from './session';

/** What `myPermissions` says: roles for the menus, the CASL rules (packed) for the buttons. */
export interface Permissions {
  roles: string[];
  ability: AppAbility;
}

let cached: Promise<Permissions> | null = null;
onSessionChange(() => {
  cached = null;
});

export function loadPermissions(): Promise<Permissions> {
  cached ??= graphql<{ myPermissions: { roles: string[]; rules: unknown } }>(
    'query MyPermissions { myPermissions { roles rules } }',
  )
    .then(({ myPermissions }) => ({
      roles: myPermissions.roles,
      ability: createAppAbility(unpackAppRules(myPermissions.rules as never)),
    }))
    .catch((error) => {
      cached = null;
      throw error;
    });
  return cached;
}

export function resetPermissions(): void {
  cached = null;
}

/** react-admin's actions → the CASL verbs of packages/shared. */
const ACTION_OF: Record<string, Action> = {
  list: 'read',
  show: 'read',
  export: 'read',
  read: 'read',
  create: 'create',
  edit: 'update',
  update: 'update',
  delete: 'delete',
  submit: 'submit',
  register: 'register',
  publish: 'publish',
  accept: 'accept',
};

/**
 * Whether the rules allow an action on a resource (its GraphQL type, which is the CASL subject),
 * on a record when given (conditions read its columns: societyId, groupId, status…).
 */
export function can(
  ability: AppAbility,
  action: string,
  resource: string,
  record?: Record<string, unknown>,
): boolean {
  const verb = ACTION_OF[action] ?? (action as Action);
  const [type, field] = resource.split('.') as [SubjectType, string | undefined];
  if (record && record.id !== undefined) {
    return ability.can(verb, subject(type, { ...record } as never), field);
  }
  return ability.can(verb, type, field);
}
