import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Loading, Page } from '../../common/ui';
import { ThemesForSearchDocument } from '../thesaurus/operations.generated';
import { GroupDirectoryDocument } from './operations.generated';
import { registerStrings } from '../../i18n';
import { ThemeSelect } from '../thesaurus/ThemeSelect';

registerStrings('directory', {
  fr: {
    title: 'Trouver un groupe',
    intro:
      'Les groupes inscrits de toute la fédération, par thème : écrivez à leur personne-relais pour les rejoindre ou échanger.',
    theme: 'Thème travaillé',
    allThemes: 'Tous les thèmes',
    name: 'Nom du groupe',
    none: 'Aucun groupe ne correspond.',
    relay: 'Personne-relais : {{name}}',
    write: 'Écrire à {{name}}',
  },
  en: {
    title: 'Find a group',
    intro:
      'The registered groups of the whole federation, by theme: write to their relay person to join or exchange.',
    theme: 'Theme worked on',
    allThemes: 'All themes',
    name: 'Group name',
    none: 'No group matches.',
    relay: 'Relay person: {{name}}',
    write: 'Write to {{name}}',
  },
});

/** Other groups by theme (the federation's directory of registered groups). */
export default function DirectoryPage() {
  const { t, i18n } = useTranslation('directory');
  const [themeCode, setThemeCode] = useState('');
  const [name, setName] = useState('');
  const [themes] = useQuery({ query: ThemesForSearchDocument, requestPolicy: 'cache-first' });
  const filter = {
    ...(themeCode ? { themeCodes: [themeCode] } : {}),
    ...(name.trim() ? { q: name.trim() } : {}),
  };
  const [{ data, error, fetching }, reload] = useQuery({
    query: GroupDirectoryDocument,
    variables: { filter, page: 0 },
  });
  const english = i18n.language === 'en';
  return (
    <Page title={t('title')}>
      <p>{t('intro')}</p>
      <form role="search" className="card" onSubmit={(event) => event.preventDefault()}>
        <ThemeSelect
          label={t('theme')}
          allLabel={t('allThemes')}
          themes={themes.data?.allThemes ?? []}
          value={themeCode}
          optionValue={(theme) => theme.code}
          onChange={setThemeCode}
        />
        <div className="field">
          <label htmlFor="directory-name">{t('name')}</label>
          <input
            id="directory-name"
            type="search"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
      </form>
      {error && <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />}
      {!data && fetching && <Loading />}
      {data &&
        (data.groupDirectory.length === 0 ? (
          <p aria-live="polite">{t('none')}</p>
        ) : (
          <ul className="list" aria-live="polite">
            {data.groupDirectory.map((entry) => {
              const relay = entry.relay && `${entry.relay.firstName} ${entry.relay.lastName}`;
              return (
                <li key={entry.groupId} className="card">
                  <h2>{entry.name}</h2>
                  <p className="meta">
                    {entry.societyName} ·{' '}
                    {entry.themes
                      .map((theme) => (english ? theme.labelEn : theme.labelFr))
                      .join(', ')}
                  </p>
                  {entry.relay && relay && (
                    <p>
                      {t('relay', { name: relay })} —{' '}
                      <a href={`mailto:${entry.relay.email}`}>{t('write', { name: relay })}</a>
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        ))}
    </Page>
  );
}
