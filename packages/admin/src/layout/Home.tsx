import { lazy, Suspense } from 'react';
import { Navigate } from 'react-router-dom';
import { Loading, useCanAccess } from 'react-admin';

const DashboardPage = lazy(() => import('../dashboard/DashboardPage'));

/** The home page: the dashboard for administrators, the workspace for binômes. */
export function Home() {
  const dashboard = useCanAccess({ resource: 'dashboard', action: 'read' });
  const binome = useCanAccess({ resource: 'binome', action: 'read' });
  if (dashboard.isPending || binome.isPending) return <Loading />;
  if (dashboard.canAccess) {
    return (
      <Suspense fallback={<Loading />}>
        <DashboardPage />
      </Suspense>
    );
  }
  if (binome.canAccess) return <Navigate to="/binome" replace />;
  return <Navigate to="/Society" replace />;
}
