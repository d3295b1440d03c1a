import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { formatDate } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Loading, Page } from '../../common/ui';
import { MyGroupsDocument } from './operations.generated';
import './strings';

export default function GroupsPage() {
  const { t } = useTranslation('groups');
  const [{ data, error, fetching }, reload] = useQuery({ query: MyGroupsDocument });
  return (
    <Page title={t('title')}>
      {error && <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />}
      {!data && fetching && <Loading />}
      {data &&
        (data.myMember.memberships.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <ul className="list card">
            {data.myMember.memberships
              .filter((membership) => membership.group)
              .map((membership) => (
                <li key={membership.id}>
                  <Link className="row-link" href={`/groups/${membership.group?.id}`}>
                    <span>
                      <strong>{membership.group?.name}</strong>
                      <br />
                      <span className="meta">
                        {membership.group?.society?.name} ·{' '}
                        {t('since', { date: formatDate(membership.joinedOn) })}
                      </span>
                    </span>
                    {membership.role === 'RELAY' && <span className="badge">{t('relay')}</span>}
                  </Link>
                </li>
              ))}
          </ul>
        ))}
    </Page>
  );
}
