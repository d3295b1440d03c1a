import { useMediaQuery, type Theme } from '@mui/material';
import type { ReactNode } from 'react';
import { Datagrid, SimpleList, type RaRecord } from 'react-admin';

/**
 * A table on a desk, a simple list on a phone (the console is also used from a phone at
 * meetings): one component per list, so every resource behaves the same.
 */
export function ResponsiveList<R extends RaRecord>({
  primary,
  secondary,
  tertiary,
  children,
  rowClick = 'show',
}: {
  primary: (record: R) => ReactNode;
  secondary?: (record: R) => ReactNode;
  tertiary?: (record: R) => ReactNode;
  children: ReactNode;
  rowClick?: 'show' | 'edit' | false;
}) {
  const small = useMediaQuery((theme: Theme) => theme.breakpoints.down('sm'));
  if (small) {
    return (
      <SimpleList<R>
        primaryText={primary}
        secondaryText={secondary}
        tertiaryText={tertiary}
        linkType={rowClick === false ? false : rowClick}
      />
    );
  }
  return (
    <Datagrid bulkActionButtons={false} rowClick={rowClick}>
      {children}
    </Datagrid>
  );
}
