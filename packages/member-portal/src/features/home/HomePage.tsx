import { yearInParis } from '@epairs/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { useQuery } from 'urql';
import { useSessionUser } from '../../auth/useSession';
import { formatDateTime } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Loading, Notice, Page } from '../../common/ui';
import { HomeDocument } from './operations.generated';
import { ComplianceCard } from './ComplianceCard';
import './strings';

export default function HomePage() {
  const { t } = useTranslation('home');
  const user = useSessionUser();
  const year = yearInParis();
  const [{ data, error, fetching }, reload] = useQuery({
    query: HomeDocument,
    variables: { year },
  });
  const title = t('title', { name: user?.firstName ?? '' });
  if (error) {
    const problem = problemOf(error);
    // An administrator or a binôme without a member profile: their place is the console.
    if (problem.code === 'FORBIDDEN') {
      return (
        <Page title={title}>
          <Notice>
            <p>{t('noMember')}</p>
            <a className="button" href="/admin/">
              {t('toConsole')}
            </a>
          </Notice>
        </Page>
      );
    }
    return (
      <Page title={title}>
        <ErrorNotice problem={problem} onRetry={() => reload()} />
      </Page>
    );
  }
  if (!data) return <Page title={title}>{fetching && <Loading />}</Page>;
  const member = data.myMember;
  const convention = data.myConventions.find((c) => c.memberId === member.id);
  return (
    <Page title={title}>
      {member.charter && !member.charter.upToDate && (
        <Notice tone="warning">
          <p>{t('charterTodo')}</p>
          <Link className="button" href="/charter">
            {t('charterOpen')}
          </Link>
        </Notice>
      )}
      <section className="card" aria-labelledby="home-next">
        <h2 id="home-next">{t('next')}</h2>
        {data.allMeetings.length === 0 ? (
          <p>{t('noMeeting')}</p>
        ) : (
          <ul className="list">
            {data.allMeetings.map((meeting) => (
              <li key={meeting.id}>
                <Link className="row-link" href={`/meetings/${meeting.id}`}>
                  <span>
                    <strong>{formatDateTime(meeting.startsAt)}</strong>
                    <br />
                    <span className="meta">
                      {meeting.group?.name}
                      {meeting.title ? ` · ${meeting.title}` : ''}
                    </span>
                  </span>
                  <span className="badge">{t(`rsvp.${meeting.myRsvp?.answer ?? 'none'}`)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="home-groups">
        <h2 id="home-groups">{t('groups')}</h2>
        {member.memberships.length === 0 ? (
          <p>{t('noGroup')}</p>
        ) : (
          <ul className="list">
            {member.memberships
              .filter((membership) => membership.group)
              .map((membership) => (
                <li key={membership.id}>
                  <Link className="row-link" href={`/groups/${membership.group?.id}`}>
                    <span>{membership.group?.name}</span>
                    {membership.role === 'RELAY' && <span className="badge">{t('relay')}</span>}
                  </Link>
                </li>
              ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="home-year">
        <h2 id="home-year">{t('compliance', { year })}</h2>
        <p>
          {convention
            ? t('convention', { year, status: t(`conventionStatus.${convention.status}`) })
            : t('noConvention', { year })}
        </p>
        <ComplianceCard memberId={member.id} year={year} />
      </section>
    </Page>
  );
}
