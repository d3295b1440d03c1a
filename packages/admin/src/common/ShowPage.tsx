import type { ReactNode } from 'react';
import { Show, type ShowProps } from 'react-admin';
import { AccessDenied } from './AccessDenied';

/**
 * Show with a refusal instead of data when the API refuses or finds nothing in the caller's
 * scope (row-level security answers "not found" for another society's record).
 */
export function ShowPage({ children, ...props }: ShowProps & { children: ReactNode }) {
  return (
    <Show
      {...props}
      queryOptions={{ onError: () => undefined, retry: false, ...props.queryOptions }}
      error={<AccessDenied />}
    >
      {children}
    </Show>
  );
}
