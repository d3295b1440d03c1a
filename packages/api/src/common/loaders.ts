import type { RequestContext } from './request-context';
import { createSocietyLoaders } from '../modules/societies/society.loaders';
import { createUserLoaders } from '../modules/users/user.loaders';
import { createRoleGrantLoaders } from '../modules/role-grants/role-grant.loaders';

/** Per-request DataLoaders: field resolvers read relations through these only. */
export function createLoaders(ctx: RequestContext) {
  return {
    ...createSocietyLoaders(ctx),
    ...createUserLoaders(ctx),
    ...createRoleGrantLoaders(ctx),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
