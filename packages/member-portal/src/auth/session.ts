/**
 * The member's session: who is signed in, and the tokens.
 *
 * - The access token (short-lived JWT) lives in memory only; a reload refreshes it.
 * - The refresh token (opaque, rotated at every use) is kept in localStorage, unlike the console's
 *   (sessionStorage): the phone's camera opens the signing link in a new tab, which must find the
 *   member signed in (docs/decisions.md). Tabs share it, so a refresh takes a Web Lock and reads
 *   the token again inside it: two tabs never spend the same token (the server revokes the whole
 *   family when a rotated token is replayed).
 */
const REFRESH_KEY = 'epairs.portal.refreshToken';
const USER_KEY = 'epairs.portal.user';
const EARLY_MS = 30_000;

export interface SessionUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  locale: string;
  societyId?: string | null;
}

export interface AuthPayload {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: SessionUser;
}

export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const graphqlUrl = `${import.meta.env.VITE_API_URL ?? ''}/graphql`;
export const AUTH_PAYLOAD_FIELDS =
  'accessToken accessTokenExpiresAt refreshToken user { id email firstName lastName locale societyId }';

let accessToken: string | null = null;
let accessExpiresAt = 0;
let refreshing: Promise<void> | null = null;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function emit() {
  listeners.forEach((listener) => listener());
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let userSnapshot: { raw: string | null; user: SessionUser | null } = { raw: null, user: null };
/** The signed-in user (stable object between changes, for useSyncExternalStore). */
export function currentUser(): SessionUser | null {
  const raw = storage()?.getItem(USER_KEY) ?? null;
  if (raw !== userSnapshot.raw) {
    userSnapshot = { raw, user: raw ? (JSON.parse(raw) as SessionUser) : null };
  }
  return userSnapshot.user;
}

export function hasSession(): boolean {
  return (storage()?.getItem(REFRESH_KEY) ?? null) !== null;
}

/** Stores what a login, an activation, a reset or a refresh returned. */
export function storeSession(payload: AuthPayload): void {
  accessToken = payload.accessToken;
  accessExpiresAt = new Date(payload.accessTokenExpiresAt).getTime();
  storage()?.setItem(REFRESH_KEY, payload.refreshToken);
  storage()?.setItem(USER_KEY, JSON.stringify(payload.user));
  emit();
}

export function clearSession(): void {
  accessToken = null;
  accessExpiresAt = 0;
  storage()?.removeItem(REFRESH_KEY);
  storage()?.removeItem(USER_KEY);
  emit();
}

// Another tab signed out or in: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === USER_KEY || event.key === REFRESH_KEY || event.key === null) {
      if (!hasSession()) accessToken = null;
      emit();
    }
  });
}

/** A GraphQL call without a bearer token (sign-in, activation, reset, refresh). */
export async function anonymous<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiCallError('', 'NETWORK_ERROR');
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string; field?: string } }[];
  };
  const error = body.errors?.[0];
  // A proxy's 502/503 during a restart: no GraphQL answer, the server is not there for now.
  if (!error && !response.ok) throw new ApiCallError('', 'NETWORK_ERROR');
  if (error || !body.data) {
    throw new ApiCallError(
      error?.message ?? '',
      error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      error?.extensions?.field,
    );
  }
  return body.data;
}

export async function login(email: string, password: string): Promise<SessionUser> {
  const data = await anonymous<{ login: AuthPayload }>(
    `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { ${AUTH_PAYLOAD_FIELDS} } }`,
    { email, password },
  );
  storeSession(data.login);
  return data.login.user;
}

async function exchange(): Promise<void> {
  const token = storage()?.getItem(REFRESH_KEY);
  if (!token) throw new ApiCallError('', 'UNAUTHENTICATED');
  try {
    const data = await anonymous<{ refreshSession: AuthPayload }>(
      `mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${AUTH_PAYLOAD_FIELDS} } }`,
      { refreshToken: token },
    );
    storeSession(data.refreshSession);
  } catch (error) {
    // Only a refused token ends the session; an outage or a server error keeps it for a later try
    // (a restart during a meeting must not sign every phone out).
    if (error instanceof ApiCallError && error.code === 'UNAUTHENTICATED') clearSession();
    throw error;
  }
}

/** Exchanges the refresh token for a new pair: one exchange at a time, across the tabs too. */
export function refresh(): Promise<void> {
  if (!refreshing) {
    const run: Promise<void> = navigator.locks
      ? navigator.locks.request('epairs.portal.refresh', exchange).then(() => undefined)
      : exchange();
    refreshing = run.finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

export async function logout(): Promise<void> {
  const token = storage()?.getItem(REFRESH_KEY);
  clearSession();
  if (!token) return;
  await anonymous(
    `mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }`,
    {
      refreshToken: token,
    },
  ).catch(() => undefined);
}

export function accessTokenNow(): string | null {
  return accessToken;
}

/** Whether the access token is missing or expires within the margin (refresh before sending). */
export function accessTokenStale(): boolean {
  const margin = Math.min(EARLY_MS, Math.max((accessExpiresAt - Date.now()) / 4, 0));
  return hasSession() && (!accessToken || accessExpiresAt - Date.now() <= margin);
}
