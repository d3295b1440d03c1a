import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { formatDate } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Loading } from '../../common/ui';
import { GroupReportsDocument } from './operations.generated';
import './strings';

/** The group's meeting reports (newest first), each linking to its page: for the group's page. */
export function GroupReportsSection({ groupId }: { groupId: string }) {
  const { t } = useTranslation('reports');
  const [{ data, error, fetching }, reload] = useQuery({
    query: GroupReportsDocument,
    variables: { groupId },
  });
  const headingId = `group-reports-${groupId}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('listTitle')}</h2>
      {error ? (
        <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />
      ) : !data ? (
        fetching && <Loading />
      ) : data.groupMeetingReports.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ul className="list">
          {data.groupMeetingReports.map((report) => (
            <li key={report.id}>
              <Link className="row-link" href={`/meetings/${report.meetingId}/report`}>
                <span>
                  <strong>
                    {report.meeting
                      ? t('meetingOf', { date: formatDate(report.meeting.startsAt) })
                      : t('title')}
                  </strong>
                  <br />
                  <span className="meta">
                    {report.meeting?.title ? `${report.meeting.title} · ` : ''}
                    {t('edition', { edition: report.edition })}
                  </span>
                </span>
                <span className={report.status === 'VALIDATED' ? 'badge ok' : 'badge warn'}>
                  {t(`status.${report.status}`)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
