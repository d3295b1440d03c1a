import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { formatDate } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Loading } from '../../common/ui';
import { GroupCasesDocument } from './operations.generated';
import './strings';

/** The group's cases (newest first) with a « Nouveau cas » link: for the group's page. */
export function GroupCasesSection({ groupId }: { groupId: string }) {
  const { t } = useTranslation('cases');
  const [{ data, error, fetching }, reload] = useQuery({
    query: GroupCasesDocument,
    variables: { groupId },
  });
  const headingId = `group-cases-${groupId}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="page-head">
        <h2 id={headingId}>{t('listTitle')}</h2>
        <Link className="button secondary" href={`/groups/${groupId}/cases/new`}>
          {t('newCase')}
        </Link>
      </div>
      {error ? (
        <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />
      ) : !data ? (
        fetching && <Loading />
      ) : data.groupClinicalCases.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="list">
          {data.groupClinicalCases.map((found) => (
            <li key={found.id}>
              <Link className="row-link" href={`/groups/${groupId}/cases/${found.id}`}>
                <span>
                  <strong>
                    {found.confidential ? t('confidentialTitle') : found.title || t('untitled')}
                  </strong>
                  <br />
                  <span className="meta">
                    {found.author
                      ? `${t('by', { name: `${found.author.firstName ?? ''} ${found.author.lastName ?? ''}`.trim() })} · `
                      : ''}
                    {formatDate(found.updatedAt)}
                  </span>
                </span>
                <span className={found.status === 'DRAFT' ? 'badge warn' : 'badge ok'}>
                  {t(`status.${found.status}`)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
