import type { AuthProvider } from 'react-admin';
import { can, loadPermissions, resetPermissions } from './ability';
import * as session from './session';

/** Roles that have a use for this console (members use the portal). */
export const CONSOLE_ROLES = ['FEDERATION_ADMIN', 'SOCIETY_ADMIN', 'BINOME'] as const;

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    resetPermissions();
    try {
      await session.login(username, password);
    } catch (error) {
      throw new Error(error instanceof Error ? error.message : 'Connexion impossible.', {
        cause: error,
      });
    }
  },
  async logout() {
    resetPermissions();
    await session.logout();
  },
  async checkAuth() {
    if (!session.hasSession()) throw new Error('ra.auth.auth_check_error');
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      session.clearSession();
      throw new Error('ra.notification.logged_out');
    }
    // 403 and the others: a notification, the session stays.
  },
  async getIdentity() {
    const user = session.currentUser();
    if (!user) throw new Error('ra.auth.auth_check_error');
    return { id: user.id, fullName: `${user.firstName} ${user.lastName}`, email: user.email };
  },
  async getPermissions() {
    if (!session.hasSession()) return null;
    return loadPermissions();
  },
  async canAccess({ resource, action, record }) {
    if (!session.hasSession()) return false;
    const { ability, roles } = await loadPermissions();
    // Pages of the console that are not GraphQL types.
    if (resource === 'dashboard') return ability.can('read', 'Dashboard');
    if (resource === 'binome') return roles.includes('BINOME');
    return can(ability, action, resource, record as Record<string, unknown> | undefined);
  },
};
