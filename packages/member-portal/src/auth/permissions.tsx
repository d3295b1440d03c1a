// The shared permissions module itself, not the package's index: the index would bring every
// shared module into the initial JavaScript, among them the pseudonymisation guard and its
// phone-number metadata, which only the content pages load (e2e/scenarios/bundle-budget.mjs).
import { createAppAbility, unpackAppRules, type AppAbility } from '../../../shared/src/permissions';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useQuery } from 'urql';
import { MyPermissionsDocument } from './operations.generated';

interface Permissions {
  roles: string[];
  ability: AppAbility;
  ready: boolean;
}

const empty: Permissions = { roles: [], ability: createAppAbility([]), ready: false };
const PermissionsContext = createContext<Permissions>(empty);

/** The signed-in person's CASL rules (from `myPermissions`), for what the portal shows. */
export function PermissionsProvider({ children }: { children: ReactNode }) {
  const [{ data }] = useQuery({ query: MyPermissionsDocument, requestPolicy: 'cache-first' });
  const value = useMemo<Permissions>(
    () =>
      data
        ? {
            roles: data.myPermissions.roles,
            ability: createAppAbility(unpackAppRules(data.myPermissions.rules as never)),
            ready: true,
          }
        : empty,
    [data],
  );
  return <PermissionsContext.Provider value={value}>{children}</PermissionsContext.Provider>;
}

export function usePermissions(): Permissions {
  return useContext(PermissionsContext);
}
