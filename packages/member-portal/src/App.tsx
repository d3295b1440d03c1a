import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Provider } from 'urql';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import { PermissionsProvider } from './auth/permissions';
import { useSessionUser } from './auth/useSession';
import { Loading } from './common/ui';
import { createClient } from './graphql/client';
import { i18n } from './i18n';
import { Shell } from './layout/Shell';

/** Each page is its own chunk, loaded when first opened (docs/member-portal.md). */
const page = (load: () => Promise<{ default: ComponentType }>) => lazy(load);

const LoginPage = page(() => import('./features/account/LoginPage'));
const ActivatePage = page(() => import('./features/account/ActivatePage'));
const ResetPasswordPage = page(() => import('./features/account/ResetPasswordPage'));
const ForgotPasswordPage = page(() => import('./features/account/ForgotPasswordPage'));
const SignPage = page(() => import('./features/signing/SignPage'));
const RunMeetingPage = page(() => import('./features/relay/RunMeetingPage'));
const HomePage = page(() => import('./features/home/HomePage'));
const MorePage = page(() => import('./features/home/MorePage'));
const CharterPage = page(() => import('./features/charter/CharterPage'));
const GroupsPage = page(() => import('./features/groups/GroupsPage'));
const GroupPage = page(() => import('./features/groups/GroupPage'));
const PlanYearPage = page(() => import('./features/relay/PlanYearPage'));
const CaseEditPage = page(() => import('./features/cases/CaseEditPage'));
const FeedbackPage = page(() => import('./features/reports/FeedbackPage'));
const MeetingsPage = page(() => import('./features/meetings/MeetingsPage'));
const MeetingPage = page(() => import('./features/meetings/MeetingPage'));
const ReportPage = page(() => import('./features/reports/ReportPage'));
const DpcPage = page(() => import('./features/dpc/DpcPage'));
const ThesaurusPage = page(() => import('./features/thesaurus/ThesaurusPage'));
const DirectoryPage = page(() => import('./features/directory/DirectoryPage'));
const MyDataPage = page(() => import('./features/my-data/MyDataPage'));

/** A page that failed to render or to load: a message instead of a blank screen. */
class PageErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: Error) {
    // A new build replaced the chunks this page was loaded with: load the new ones, once.
    if (/dynamically imported module|Importing a module/i.test(error.message)) {
      // Once a minute at most: a chunk that is really missing must not reload the page forever.
      const last = Number(sessionStorage.getItem('epairs.portal.reloadedAt') ?? 0);
      if (Date.now() - last > 60_000) {
        sessionStorage.setItem('epairs.portal.reloadedAt', String(Date.now()));
        window.location.reload();
      }
    }
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice notice-error" role="alert">
        <p>{i18n.t('common:errors.unexpected')}</p>
        <a className="button secondary" href="/">
          {i18n.t('common:nav.home')}
        </a>
      </div>
    );
  }
}

/** Signed-out visitors go to the sign-in page, and come back where they were going. */
function RequireSession({ children }: { children: ReactNode }) {
  const user = useSessionUser();
  const [location] = useLocation();
  const search = useSearch();
  if (!user) {
    const next = `${location}${search ? `?${search}` : ''}`;
    return <Redirect to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <PermissionsProvider>{children}</PermissionsProvider>;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="notice notice-error" role="alert">
      <p>{t('errors.notFound')}</p>
    </div>
  );
}

function SignedIn() {
  return (
    <RequireSession>
      <Switch>
        {/* Full screen, without the tab bar: the relay person's screen shown to the room. */}
        <Route path="/meetings/:meetingId/run" component={RunMeetingPage} />
        <Route>
          <Shell>
            <Switch>
              <Route path="/" component={HomePage} />
              <Route path="/more" component={MorePage} />
              <Route path="/charter" component={CharterPage} />
              <Route path="/groups" component={GroupsPage} />
              <Route path="/groups/:groupId" component={GroupPage} />
              <Route path="/groups/:groupId/plan" component={PlanYearPage} />
              <Route path="/groups/:groupId/cases/new" component={CaseEditPage} />
              <Route path="/groups/:groupId/cases/:caseId" component={CaseEditPage} />
              <Route path="/groups/:groupId/feedback/:feedbackId" component={FeedbackPage} />
              <Route path="/meetings" component={MeetingsPage} />
              <Route path="/meetings/:meetingId" component={MeetingPage} />
              <Route path="/meetings/:meetingId/report" component={ReportPage} />
              <Route path="/dpc" component={DpcPage} />
              <Route path="/thesaurus" component={ThesaurusPage} />
              <Route path="/directory" component={DirectoryPage} />
              <Route path="/my-data" component={MyDataPage} />
              <Route component={NotFound} />
            </Switch>
          </Shell>
        </Route>
      </Switch>
    </RequireSession>
  );
}

/** One GraphQL client for the life of this component: App keys it on the signed-in person. */
function ClientProvider({ children }: { children: ReactNode }) {
  const [client] = useState(createClient);
  return <Provider value={client}>{children}</Provider>;
}

export function App() {
  const [location] = useLocation();
  const user = useSessionUser();
  // A new client (an empty cache, rules read again) whenever the person changes: sign-out in
  // another tab, a session refused, another person signing in on the same phone.
  return (
    <ClientProvider key={user?.id ?? 'signed-out'}>
      <PageErrorBoundary key={location}>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/login" component={LoginPage} />
            <Route path="/activate" component={ActivatePage} />
            <Route path="/reset-password" component={ResetPasswordPage} />
            <Route path="/forgot-password" component={ForgotPasswordPage} />
            {/* The phone's camera opens the QR code's link here, signed in or not. */}
            <Route path="/sign" component={SignPage} />
            <Route component={SignedIn} />
          </Switch>
        </Suspense>
      </PageErrorBoundary>
    </ClientProvider>
  );
}
