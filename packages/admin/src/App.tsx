import { lazy, Suspense } from 'react';
import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Loading, Resource, localStorageStore } from 'react-admin';
import { attestations } from './attestations';
import { auditEvents } from './audit-events';
import { authProvider } from './auth/authProvider';
import { charters } from './charters';
import { AccessDenied } from './common/AccessDenied';
import { conventions } from './conventions';
import { creditRules } from './credit-rules';
import { dataProvider } from './data/dataProvider';
import { employers } from './employers';
import { i18nProvider } from './i18n';
import { Home } from './layout/Home';
import { Layout } from './layout/Layout';
import { meetings } from './meetings';
import { members } from './members';
import { peerGroups } from './peer-groups';
import { societies } from './societies';
import { societySettings } from './society-settings';
import { theme } from './theme';
import { themes } from './themes';

// Heavy screens load on demand: the charts (recharts) and the binôme workspace.
const CompliancePage = lazy(() => import('./dashboard/CompliancePage'));
const BinomeWaitingPage = lazy(() => import('./dashboard/BinomeWaitingPage'));
const BinomeRoutes = lazy(() => import('./binome/BinomeRoutes'));

const lazyPage = (Page: React.ComponentType) => (
  <Suspense fallback={<Loading />}>
    <Page />
  </Suspense>
);

export function App() {
  return (
    <Admin
      title="E-Pairs"
      disableTelemetry
      requireAuth
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      store={localStorageStore('1', 'epairs-admin')}
      layout={Layout}
      dashboard={Home}
      accessDenied={AccessDenied}
      theme={theme}
    >
      <Resource {...peerGroups} />
      <Resource {...members} />
      <Resource {...meetings} />
      <Resource {...attestations} />
      <Resource {...conventions} />
      <Resource {...employers} />
      <Resource {...societies} />
      <Resource {...societySettings} />
      <Resource {...creditRules} />
      <Resource {...themes} />
      <Resource {...charters} />
      <Resource {...auditEvents} />
      <CustomRoutes>
        <Route path="/compliance" element={lazyPage(CompliancePage)} />
        <Route path="/binome-waiting" element={lazyPage(BinomeWaitingPage)} />
        <Route path="/binome/*" element={lazyPage(BinomeRoutes)} />
      </CustomRoutes>
    </Admin>
  );
}
