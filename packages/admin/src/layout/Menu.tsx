import DashboardIcon from '@mui/icons-material/Dashboard';
import RateReviewIcon from '@mui/icons-material/RateReview';
import { Menu as RaMenu, useCanAccess } from 'react-admin';

/** The dashboard and the binôme workspace when the rules allow them, then every readable resource. */
export function Menu() {
  const dashboard = useCanAccess({ resource: 'dashboard', action: 'read' });
  const binome = useCanAccess({ resource: 'binome', action: 'read' });
  return (
    <RaMenu>
      {dashboard.canAccess && (
        <RaMenu.Item to="/" primaryText="epairs.menu.dashboard" leftIcon={<DashboardIcon />} />
      )}
      {binome.canAccess && (
        <RaMenu.Item to="/binome" primaryText="epairs.menu.binome" leftIcon={<RateReviewIcon />} />
      )}
      <RaMenu.ResourceItems />
    </RaMenu>
  );
}
