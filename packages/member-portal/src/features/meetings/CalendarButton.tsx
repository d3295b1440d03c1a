import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { downloadText } from '../../common/download';
import { problemOf, type Problem } from '../../common/errors';
import { ErrorNotice } from '../../common/ui';
import { MeetingCalendarDocument } from './operations.generated';

/**
 * « Add to my calendar »: the meeting's .ics from the API, the same event (same UID) as the
 * invitation e-mails', so a calendar that already has it updates it instead of doubling it.
 */
export function CalendarButton({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('meetings');
  const client = useClient();
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <>
      <button
        type="button"
        className="button secondary"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setProblem(null);
          const result = await client
            .query(MeetingCalendarDocument, { meetingId }, { requestPolicy: 'network-only' })
            .toPromise();
          setPending(false);
          if (result.error || !result.data) {
            setProblem(problemOf(result.error));
            return;
          }
          downloadText(
            result.data.meetingCalendar,
            'text/calendar;charset=utf-8',
            'reunion-e-pairs.ics',
          );
        }}
      >
        {t('links.calendar')}
      </button>
      {problem && <ErrorNotice problem={problem} />}
    </>
  );
}
