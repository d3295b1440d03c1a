import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../layout/Shell';

/** The frame of the signed-out pages: the name, the language, one form. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} — E-Pairs`;
  }, [title]);
  return (
    <main id="main" className="auth-page">
      <div className="brand-line">
        <span>
          {t('app.name')} · <span className="meta">{t('app.tagline')}</span>
        </span>
        <LanguageSwitch />
      </div>
      <h1>{title}</h1>
      {children}
    </main>
  );
}
