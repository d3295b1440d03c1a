import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { logout } from '../auth/session';
import { useSessionUser } from '../auth/useSession';
import { Loading } from '../common/ui';
import { setLanguage, type Language } from '../i18n';

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const other: Language = i18n.language === 'en' ? 'fr' : 'en';
  return (
    <button
      type="button"
      className="link-button"
      lang={other}
      onClick={() => setLanguage(other)}
      // The visible « EN » starts the accessible name (WCAG 2.5.3, label in name).
      aria-label={`${other.toUpperCase()} – ${t('nav.language')} : ${t(`language.${other}`)}`}
    >
      {other.toUpperCase()}
    </button>
  );
}

/** The signed-in frame: a header, the page, and a tab bar at the thumb's reach on a phone. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  const online = useOnline();
  const [location, navigate] = useLocation();
  const tabs = [
    { to: '/', label: t('nav.home'), end: true },
    { to: '/meetings', label: t('nav.meetings') },
    { to: '/groups', label: t('nav.groups') },
    { to: '/dpc', label: t('nav.dpc') },
    { to: '/more', label: t('nav.more') },
  ];
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top-bar">
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
        <span className="who">{user ? `${user.firstName} ${user.lastName}` : ''}</span>
        <LanguageSwitch />
        <button
          type="button"
          className="link-button"
          onClick={async () => {
            // The session's end gives the next person on this phone a new, empty client (App.tsx).
            await logout();
            navigate('/login', { replace: true });
          }}
        >
          {t('nav.logout')}
        </button>
      </header>
      {!online && (
        <p className="offline" role="status">
          {t('errors.offline')}
        </p>
      )}
      <main id="main" className="content">
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
      <nav className="tab-bar" aria-label={t('nav.main')}>
        {tabs.map((tab) => {
          const active = tab.end ? location === tab.to : location.startsWith(tab.to);
          return (
            <Link
              key={tab.to}
              href={tab.to}
              className={active ? 'active' : undefined}
              aria-current={active ? 'page' : undefined}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}
