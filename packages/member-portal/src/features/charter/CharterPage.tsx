import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useMutation, useQuery } from 'urql';
import { registerStrings } from '../../i18n';
import { formatDateTime } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Loading, Notice, Page } from '../../common/ui';
import { AcceptCharterDocument, CharterDocument } from './operations.generated';

registerStrings('charter', {
  fr: {
    title: 'Charte des groupes de pairs',
    version: 'Version {{number}}, publiée le {{date}}',
    accepted: 'Vous avez accepté cette version le {{date}}.',
    accept: 'J’ai lu la charte et je l’accepte',
    none: 'Aucune charte n’est publiée pour l’instant.',
  },
  en: {
    title: 'Peer groups’ charter',
    version: 'Version {{number}}, published on {{date}}',
    accepted: 'You accepted this version on {{date}}.',
    accept: 'I have read the charter and accept it',
    none: 'No charter is published yet.',
  },
});

/** The charter in force; a new version asks for a new acceptance. */
export default function CharterPage() {
  const { t } = useTranslation('charter');
  const [, navigate] = useLocation();
  const [{ data, error, fetching }, reload] = useQuery({ query: CharterDocument });
  const [accepting, accept] = useMutation(AcceptCharterDocument);
  if (error) {
    return (
      <Page title={t('title')}>
        <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />
      </Page>
    );
  }
  if (!data) return <Page title={t('title')}>{fetching && <Loading />}</Page>;
  const charter = data.currentCharter;
  const status = data.myMember.charter;
  return (
    <Page title={t('title')}>
      {!charter ? (
        <p>{t('none')}</p>
      ) : (
        <article className="card">
          <h2>{charter.title}</h2>
          <p className="meta">
            {t('version', { number: charter.number, date: formatDateTime(charter.publishedAt) })}
          </p>
          <div className="charter-body">
            {charter.body.split(/\n{2,}/).map((paragraph, index) => (
              <p key={index}>{paragraph}</p>
            ))}
          </div>
          {status?.upToDate && status.acceptedAt ? (
            <Notice tone="success">
              <p>{t('accepted', { date: formatDateTime(status.acceptedAt) })}</p>
            </Notice>
          ) : (
            <>
              {accepting.error && <ErrorNotice problem={problemOf(accepting.error)} />}
              <button
                type="button"
                className="button big"
                disabled={accepting.fetching}
                onClick={async () => {
                  const result = await accept({ charterVersionId: charter.id });
                  if (!result.error) {
                    reload({ requestPolicy: 'network-only' });
                    navigate('/', { replace: true });
                  }
                }}
              >
                {t('accept')}
              </button>
            </>
          )}
        </article>
      )}
    </Page>
  );
}
