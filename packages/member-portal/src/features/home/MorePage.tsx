import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { Page } from '../../common/ui';

/** What does not fit in the tab bar. */
export default function MorePage() {
  const { t } = useTranslation();
  const links = [
    { to: '/thesaurus', label: t('nav.thesaurus') },
    { to: '/directory', label: t('nav.directory') },
    { to: '/charter', label: t('nav.charter') },
    { to: '/my-data', label: t('nav.myData') },
  ];
  return (
    <Page title={t('nav.more')}>
      <ul className="list card">
        {links.map((link) => (
          <li key={link.to}>
            <Link className="row-link" href={link.to}>
              {link.label} <span aria-hidden="true">›</span>
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
