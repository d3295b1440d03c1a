import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'wouter';
import { formatDateTime } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { ErrorNotice, Loading, Page } from '../../common/ui';
import { MyMeetingsDocument, type MyMeetingsQuery } from './operations.generated';
import { useNow } from './sheet';
import './meetings.css';
import './strings';

type Row = MyMeetingsQuery['allMeetings'][number];

const STATUS_TONE: Record<string, string> = { PLANNED: '', HELD: 'ok', CANCELLED: 'warn' };

/** My groups' meetings: the ones to come first (soonest first), then the past (latest first). */
export default function MeetingsPage() {
  const { t } = useTranslation('meetings');
  const [{ data, error, fetching }, reload] = useQuery({ query: MyMeetingsDocument });
  const now = useNow(60_000);
  const title = t('title');
  if (error && !data) {
    return (
      <Page title={title}>
        <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />
      </Page>
    );
  }
  if (!data) return <Page title={title}>{fetching && <Loading />}</Page>;
  const upcoming = data.allMeetings.filter(
    (m) => m.status === 'PLANNED' && new Date(m.endsAt).getTime() >= now,
  );
  const past = data.allMeetings.filter((m) => !upcoming.includes(m)).reverse();
  return (
    <Page title={title}>
      <section className="card" aria-labelledby="meetings-upcoming">
        <h2 id="meetings-upcoming">{t('upcoming')}</h2>
        <MeetingList rows={upcoming} empty={t('noUpcoming')} />
      </section>
      <section className="card" aria-labelledby="meetings-past">
        <h2 id="meetings-past">{t('past')}</h2>
        <MeetingList rows={past} empty={t('noPast')} />
      </section>
    </Page>
  );
}

function MeetingList({ rows, empty }: { rows: Row[]; empty: string }) {
  const { t } = useTranslation('meetings');
  if (rows.length === 0) return <p>{empty}</p>;
  return (
    <ul className="list">
      {rows.map((meeting) => (
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
            <span className="badges">
              <span className={`badge ${STATUS_TONE[meeting.status] ?? ''}`}>
                {t(`status.${meeting.status}`)}
              </span>
              {meeting.status === 'PLANNED' && (
                <span className="badge">{t(`rsvpShort.${meeting.myRsvp?.answer ?? 'none'}`)}</span>
              )}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
