import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { formatDate } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Loading, Page } from '../../common/ui';
import { SearchThesaurusDocument, ThemesForSearchDocument } from './operations.generated';
import { registerStrings } from '../../i18n';
import { ThemeSelect } from './ThemeSelect';

registerStrings('thesaurus', {
  fr: {
    title: 'Thésaurus des repères',
    search: 'Rechercher',
    hint: 'Mots du titre, du repère ou du contexte ; accents et traits d’union facultatifs.',
    results_one: '{{count}} repère',
    results_other: '{{count}} repères',
    none: 'Aucun repère ne correspond.',
    from: 'Groupe : {{group}} · publié le {{date}}',
    more: 'Plus de résultats',
    theme: 'Thème',
    allThemes: 'Tous les thèmes',
  },
  en: {
    title: 'Thesaurus of practice points',
    search: 'Search',
    hint: 'Words of the title, the point or its context; accents and hyphens optional.',
    results_one: '{{count}} point',
    results_other: '{{count}} points',
    none: 'No point matches.',
    from: 'Group: {{group}} · published on {{date}}',
    more: 'More results',
    theme: 'Theme',
    allThemes: 'All themes',
  },
});

function Highlighted({ segments }: { segments: { text: string; highlighted: boolean }[] }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.highlighted ? (
          <mark key={index}>{segment.text}</mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/** The federation's published « repères », in French full text, best matches first. */
export default function ThesaurusPage() {
  const { t } = useTranslation('thesaurus');
  const [text, setText] = useState('');
  const [themeId, setThemeId] = useState('');
  const [pages, setPages] = useState(1);
  const query = useDebounced(text.trim(), 300);
  const [themes] = useQuery({ query: ThemesForSearchDocument, requestPolicy: 'cache-first' });
  return (
    <Page title={t('title')}>
      <form role="search" className="card" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="thesaurus-q">{t('search')}</label>
          <p className="hint" id="thesaurus-hint">
            {t('hint')}
          </p>
          <input
            id="thesaurus-q"
            type="search"
            aria-describedby="thesaurus-hint"
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setPages(1);
            }}
          />
        </div>
        <ThemeSelect
          label={t('theme')}
          allLabel={t('allThemes')}
          themes={themes.data?.allThemes ?? []}
          value={themeId}
          onChange={(value) => {
            setThemeId(value);
            setPages(1);
          }}
        />
      </form>
      {Array.from({ length: pages }, (_, page) => (
        <ResultsPage
          key={`${query}|${themeId}|${page}`}
          query={query}
          themeId={themeId || null}
          page={page}
          last={page === pages - 1}
          onMore={() => setPages(pages + 1)}
        />
      ))}
    </Page>
  );
}

function ResultsPage({
  query,
  themeId,
  page,
  last,
  onMore,
}: {
  query: string;
  themeId: string | null;
  page: number;
  last: boolean;
  onMore: () => void;
}) {
  const { t, i18n } = useTranslation('thesaurus');
  const [{ data, error, fetching }, reload] = useQuery({
    query: SearchThesaurusDocument,
    variables: { query, themeId, page },
  });
  if (error) return <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />;
  if (!data) return fetching ? <Loading /> : null;
  const result = data.searchThesaurus;
  const english = i18n.language === 'en';
  return (
    <section aria-live={page === 0 ? 'polite' : undefined}>
      {page === 0 && (
        <p className="meta">
          {result.total === 0 ? t('none') : t('results', { count: result.total })}
        </p>
      )}
      <ul className="list">
        {result.hits.map((hit) => (
          <li key={hit.entry.id} className="card">
            <h2>
              <Highlighted segments={hit.titleHighlight} />
            </h2>
            <p>
              {hit.excerpt.length > 0 ? <Highlighted segments={hit.excerpt} /> : hit.entry.lesson}
            </p>
            <p className="meta">
              {hit.entry.themes
                .map((theme) => (english ? theme.labelEn : theme.labelFr))
                .join(', ')}
              {hit.entry.publishedAt &&
                ` · ${t('from', { group: hit.entry.group?.name ?? '', date: formatDate(hit.entry.publishedAt) })}`}
            </p>
          </li>
        ))}
      </ul>
      {last && (page + 1) * result.perPage < result.total && (
        <button type="button" className="button secondary" onClick={onMore}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
