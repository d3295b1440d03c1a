/**
 * The session of the console: who is signed in, and the tokens.
 *
 * - The access token (short-lived JWT) lives in memory only: a script injected in the page cannot
 *   read it from storage, and a reload simply refreshes it.
 * - The refresh token (opaque, rotated at every use) is kept in sessionStorage: it survives a
 *   reload of the tab but not the closing of the tab or the browser, and is not shared with other
 *   tabs (each signs in for itself). It is readable by scripts of this origin: the API's CSP
 *   (helmet) forbids inline and foreign scripts, and the server revokes the whole family when a
 *   rotated token is replayed. An httpOnly cookie would be stronger; the API does not set one.
 * - The access token is refreshed shortly before it expires, and once more on a 401, after which
 *   the failed request is retried once.
 */
const REFRESH_KEY = 'epairs.admin.refreshToken';
const USER_KEY = 'epairs.admin.user';
/** Refresh this long before the access token expires (a quarter of its life if shorter). */
const EARLY_MS = 30_000;
let earlyMs = EARLY_MS;

export interface SessionUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  locale?: string;
  societyId?: string | null;
}

interface AuthPayload {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: SessionUser;
}

export class SessionError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
  }
}

const USER_FIELDS = 'id email firstName lastName locale societyId';
const PAYLOAD = `accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { ${USER_FIELDS} }`;

let accessToken: string | null = null;
let accessExpiresAt = 0;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<void> | null = null;
const listeners = new Set<() => void>();

export const graphqlUrl = `${import.meta.env.VITE_API_URL ?? ''}/graphql`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function refreshToken(): string | null {
  return storage()?.getItem(REFRESH_KEY) ?? null;
}

export function currentUser(): SessionUser | null {
  const raw = storage()?.getItem(USER_KEY);
  return raw ? (JSON.parse(raw) as SessionUser) : null;
}

export function hasSession(): boolean {
  return refreshToken() !== null;
}

/** Called when the session ends (logout, refused refresh): permissions are dropped. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function store(payload: AuthPayload): void {
  accessToken = payload.accessToken;
  accessExpiresAt = new Date(payload.accessTokenExpiresAt).getTime();
  storage()?.setItem(REFRESH_KEY, payload.refreshToken);
  storage()?.setItem(USER_KEY, JSON.stringify(payload.user));
  clearTimeout(refreshTimer);
  earlyMs = Math.min(EARLY_MS, Math.max((accessExpiresAt - Date.now()) / 4, 0));
  const delay = Math.max(accessExpiresAt - Date.now() - earlyMs, 1_000);
  // A silent refresh before expiry; a failure here is retried at the next request.
  refreshTimer = setTimeout(() => void refresh().catch(() => undefined), delay);
}

export function clearSession(): void {
  accessToken = null;
  accessExpiresAt = 0;
  clearTimeout(refreshTimer);
  storage()?.removeItem(REFRESH_KEY);
  storage()?.removeItem(USER_KEY);
  listeners.forEach((listener) => listener());
}

/** A GraphQL call without a bearer token (the auth mutations). */
async function anonymous<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new SessionError('Le serveur ne répond pas.', 'NETWORK_ERROR', 0);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string; field?: string } }[];
  };
  const error = body.errors?.[0];
  if (error || !body.data) {
    throw new SessionError(
      error?.message ?? 'Réponse inattendue du serveur.',
      error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR',
      response.status,
      error?.extensions?.field,
    );
  }
  return body.data;
}

export async function login(email: string, password: string): Promise<SessionUser> {
  const data = await anonymous<{ login: AuthPayload }>(
    `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { ${PAYLOAD} } }`,
    { email, password },
  );
  store(data.login);
  return data.login.user;
}

/** Exchanges the refresh token for a new pair; one exchange at a time (rotation). */
export function refresh(): Promise<void> {
  refreshing ??= (async () => {
    const token = refreshToken();
    if (!token) throw new SessionError('Session expirée.', 'UNAUTHENTICATED', 401);
    try {
      const data = await anonymous<{ refreshSession: AuthPayload }>(
        `mutation Refresh($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { ${PAYLOAD} } }`,
        { refreshToken: token },
      );
      store(data.refreshSession);
    } catch (error) {
      // A refused token ends the session; a network failure keeps it for a later try.
      if (error instanceof SessionError && error.code !== 'NETWORK_ERROR') clearSession();
      throw error;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

export async function logout(): Promise<void> {
  const token = refreshToken();
  clearSession();
  if (!token) return;
  await anonymous(
    `mutation Logout($refreshToken: String!) { logout(refreshToken: $refreshToken) }`,
    {
      refreshToken: token,
    },
  ).catch(() => undefined);
}

/** A valid access token, refreshed first when missing or about to expire. */
export async function validAccessToken(): Promise<string | null> {
  if (accessToken && accessExpiresAt - Date.now() > earlyMs / 3) return accessToken;
  if (!hasSession()) return null;
  await refresh();
  return accessToken;
}

/**
 * fetch() for the API with the bearer token: refreshes before expiry, and on a 401 refreshes once
 * and retries the request once (the token may have expired in flight or been revoked).
 */
export async function authFetch(
  input: RequestInfo | URL,
  init: RequestInit = {},
): Promise<Response> {
  const send = (token: string | null) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const token = await validAccessToken().catch(() => null);
  const response = await send(token);
  if (response.status !== 401 || !hasSession()) return response;
  try {
    accessToken = null;
    await refresh();
  } catch {
    return response;
  }
  return send(accessToken);
}

/** For tests and diagnostics: when the current access token expires (ms since epoch). */
export function accessTokenExpiry(): number {
  return accessExpiresAt;
}
