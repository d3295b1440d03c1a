import { useSyncExternalStore } from 'react';
import { currentUser, subscribe, type SessionUser } from './session';

/** The signed-in user, or null; re-renders on sign-in and sign-out (in any tab). */
export function useSessionUser(): SessionUser | null {
  return useSyncExternalStore(subscribe, currentUser, () => null);
}
