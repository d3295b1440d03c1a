import {
  abilityFor,
  emptyAuthUser,
  subject,
  type Action,
  type AppAbility,
  type AuthUser,
  type Profession,
  type SubjectFields,
  type SubjectType,
} from '@epairs/shared';
import type { EntityManager } from 'typeorm';
import type { AccessClaims } from './auth/access-tokens';
import { forbidden, unauthenticated } from './errors';
import { NO_GROUPS, type RequestTransaction, type SessionSettings } from './db/request-transaction';
import type { AppServices } from './services';
import { createLoaders, type Loaders } from './loaders';

export interface AuthState {
  user: AuthUser;
  ability: AppAbility;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  societyId: string | null;
  /** Names of the fields that changed, never their content. */
  changedFields?: string[];
  /** Defaults to the signed-in person. */
  actorUserId?: string | null;
}

interface SessionRow {
  id: string;
  society_id: string | null;
  status: string;
  member_id: string | null;
  profession: Profession | null;
  grants: string[];
  memberships: string[];
  binome_groups: string[];
  session_revoked: boolean;
}

/**
 * Everything one GraphQL request knows: who asks (verified token → account → grants → CASL
 * ability), its transaction and settings, its DataLoaders and its audit trail. Passed first to
 * every service; the tenant never comes from arguments.
 */
export class RequestContext {
  auditEventsWritten = 0;
  private authState?: Promise<AuthState | null>;
  private settings?: SessionSettings;
  private loaderSet?: Loaders;

  constructor(
    readonly services: AppServices,
    readonly tx: RequestTransaction,
    readonly requestId: string,
    readonly clientAddress: string,
    readonly userAgent: string | null,
    private claims: AccessClaims | null,
  ) {}

  /**
   * Reloads the person's session within the request, after a change that alters it (founding a
   * group makes one its relay person): the rest of the request sees with the new settings.
   */
  async refreshSession(): Promise<AuthState> {
    if (!this.claims) throw unauthenticated();
    return this.signInAs(this.claims);
  }

  /**
   * After a login (or refresh, activation…) the rest of the response is read as the person who
   * just signed in, with their own row-level scope.
   */
  async signInAs(claims: AccessClaims): Promise<AuthState> {
    this.claims = claims;
    this.loaderSet = undefined;
    this.authState = this.loadAuth();
    return (await this.authState)!;
  }

  /** The login session the token names (signed download links carry it). */
  get sessionIdIfKnown(): string | null {
    return this.claims?.sessionId ?? null;
  }

  /** For logs: the person the token names, whether or not the session was loaded. */
  get userIdIfKnown(): string | null {
    return this.claims?.userId ?? null;
  }

  /** The signed-in person, or null when anonymous; opens the transaction with its settings. */
  auth(): Promise<AuthState | null> {
    this.authState ??= this.loadAuth();
    return this.authState;
  }

  async requireAuth(): Promise<AuthState> {
    const state = await this.auth();
    if (!state) throw unauthenticated();
    return state;
  }

  /** The request's entity manager, after its row-level settings are in place. */
  async manager(): Promise<EntityManager> {
    await this.auth();
    return this.tx.manager();
  }

  get loaders(): Loaders {
    this.loaderSet ??= createLoaders(this);
    return this.loaderSet;
  }

  /**
   * Explicit, greppable bypass for work no person's scope covers (login, token rotation,
   * invitations). Only for mutations, which run one at a time. Group content policies ignore it.
   */
  async asSystem<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const manager = await this.manager();
    const previous = this.settings!;
    await this.tx.apply({ ...previous, scope: 'system' });
    let result: T;
    try {
      result = await work(manager);
    } catch (error) {
      // After a failed statement the transaction refuses everything, the restore included:
      // report the original error (the rollback ends the system scope anyway).
      await this.tx.apply(previous).catch(() => undefined);
      throw error;
    }
    await this.tx.apply(previous);
    return result;
  }

  /** Fine check on a record: refuses with FORBIDDEN unless the rules allow it. */
  async assertCan<S extends SubjectType>(
    action: Action,
    type: S,
    record?: SubjectFields[S],
    field?: string,
  ): Promise<AuthState> {
    const state = await this.requireAuth();
    const target = record ? subject(type, { ...record }) : type;
    if (!state.ability.can(action, target as never, field)) throw forbidden();
    return state;
  }

  /** Records what a mutation did, in the same transaction. */
  async audit(entry: AuditEntry): Promise<void> {
    const manager = await this.manager();
    const actor =
      entry.actorUserId !== undefined ? entry.actorUserId : ((await this.auth())?.user.id ?? null);
    await manager.query(
      `INSERT INTO audit_event (society_id, actor_user_id, action, entity_type, entity_id, changed_fields, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.societyId,
        actor,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.changedFields ?? [],
        this.requestId,
      ],
    );
    this.auditEventsWritten += 1;
  }

  private async applySettings(settings: SessionSettings): Promise<void> {
    this.settings = settings;
    await this.tx.apply(settings);
  }

  private async loadAuth(): Promise<AuthState | null> {
    const nobody = { memberId: null, societyIds: [], adminSocietyIds: [], ...NO_GROUPS };
    if (!this.claims) {
      await this.applySettings({ userId: null, scope: 'anonymous', ...nobody });
      return null;
    }
    const { userId, sessionId } = this.claims;
    // Reading one's own session (grants, memberships, assignments) is system work: the policies
    // that would allow it need the very settings this query computes. app.open_session (the
    // open-session migration) does it in one statement: system scope, this query, then the
    // person's settings computed from it as below (anonymous ones when the session is refused).
    const row = (await this.tx.openSession(userId, sessionId)) as SessionRow | null;
    if (!row || row.status !== 'ACTIVE' || row.session_revoked) {
      throw unauthenticated('Session terminée ou compte inactif : reconnectez-vous.');
    }
    const user = emptyAuthUser(row.id, row.society_id);
    for (const grant of row.grants) {
      const [role, societyId] = grant.split(':');
      if (role === 'FEDERATION_ADMIN') user.federationAdmin = true;
      if (role === 'BINOME') user.binome = true;
      if (role === 'SOCIETY_ADMIN' && societyId) user.adminSocietyIds.push(societyId);
    }
    user.memberId = row.member_id;
    user.profession = row.profession;
    for (const membership of row.memberships) {
      const [role, groupId] = membership.split(':') as [string, string];
      user.memberGroupIds.push(groupId);
      if (role === 'RELAY') user.relayGroupIds.push(groupId);
    }
    user.binomeGroupIds = row.binome_groups;
    const societyIds = [
      ...new Set([...(user.societyId ? [user.societyId] : []), ...user.adminSocietyIds]),
    ];
    // Already in place (set by app.open_session); kept here for asSystem() to restore.
    this.settings = {
      userId,
      scope: user.federationAdmin ? 'federation' : 'user',
      memberId: row.member_id,
      societyIds,
      adminSocietyIds: user.adminSocietyIds,
      groupIds: user.memberGroupIds,
      relayGroupIds: user.relayGroupIds,
      binomeGroupIds: user.binomeGroupIds,
    };
    return { user, ability: abilityFor(user) };
  }
}
