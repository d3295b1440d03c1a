import { subject, type RsvpAnswer } from '@epairs/shared';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { usePermissions } from '../../auth/permissions';
import { formatDateTime, formatTime } from '../../common/dates';
import { problemOf, type Problem } from '../../common/errors';
import { ErrorNotice, Field, FormProblem, Loading, Notice, Page } from '../../common/ui';
import {
  MeetingDetailDocument,
  RsvpMeetingDocument,
  SignWithCodeDocument,
  type MeetingDetailQuery,
} from './operations.generated';
import { fullName, signingOpen, useNow } from './sheet';
import './meetings.css';
import { CalendarButton } from './CalendarButton';
import './strings';

type Meeting = NonNullable<MeetingDetailQuery['Meeting']>;
const ANSWERS: RsvpAnswer[] = ['YES', 'NO', 'MAYBE'];

export default function MeetingPage() {
  const { meetingId } = useParams<{ meetingId: string }>();
  const { t } = useTranslation('meetings');
  const [{ data, error, fetching }, reload] = useQuery({
    query: MeetingDetailDocument,
    variables: { id: meetingId },
  });
  const meeting = data?.Meeting;
  // The sheet and the answers open and close with the clock: look again every 30 s.
  const now = useNow(30_000);
  const title = meeting ? meeting.title || t('untitled') : t('untitled');
  if (error && !data) {
    return (
      <Page title={title}>
        <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />
      </Page>
    );
  }
  if (!data) return <Page title={title}>{fetching && <Loading />}</Page>;
  if (!meeting) {
    return (
      <Page title={title}>
        <ErrorNotice problem={{ code: 'NOT_FOUND', message: t('common:errors.notFound') }} />
      </Page>
    );
  }
  const mine = meeting.attendance.find((line) => line.memberId === data.myMember.id);
  return (
    <Page title={title}>
      <MeetingFacts meeting={meeting} />
      <RsvpCard meeting={meeting} now={now} />
      <SigningCard
        meeting={meeting}
        now={now}
        signedAt={mine?.status === 'SIGNED' ? mine.signedAt : null}
        excused={mine?.status === 'EXCUSED'}
        onSigned={() => reload({ requestPolicy: 'network-only' })}
      />
      <RolesCard meeting={meeting} />
      <AgendaCard meeting={meeting} />
      <MeetingLinks meeting={meeting} />
    </Page>
  );
}

function MeetingFacts({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('meetings');
  const minutes = meeting.durationMinutes;
  return (
    <section className="card" aria-label={t('meeting.when')}>
      <p>
        <strong>{formatDateTime(meeting.startsAt)}</strong>
        <span className="meta">
          {' · '}
          {t('meeting.duration', {
            hours: Math.floor(minutes / 60),
            minutes: String(minutes % 60).padStart(2, '0'),
          })}
        </span>
      </p>
      <p>
        {meeting.group?.name} · {t(`mode.${meeting.mode}`)}{' '}
        <span className={`badge ${meeting.status === 'CANCELLED' ? 'warn' : ''}`}>
          {t(`status.${meeting.status}`)}
        </span>
      </p>
      {meeting.place && (
        <p>
          <span className="label">{t('meeting.place')}</span>
          {meeting.place}
        </p>
      )}
      {meeting.link && (
        <p>
          <span className="label">{t('meeting.link')}</span>
          <a href={meeting.link} rel="noopener noreferrer" target="_blank">
            {meeting.link}
          </a>
        </p>
      )}
      {meeting.status === 'CANCELLED' && (
        <Notice tone="warning">
          <p>{t('meeting.cancelled', { reason: meeting.cancelReason ?? '' })}</p>
        </Notice>
      )}
    </section>
  );
}

/** Three big buttons; the current answer is pressed. Answering twice is once (retryable). */
function RsvpCard({ meeting, now }: { meeting: Meeting; now: number }) {
  const { t } = useTranslation('meetings');
  const [{ fetching }, answer] = useMutation(RsvpMeetingDocument);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [chosen, setChosen] = useState<RsvpAnswer | null>(null);
  const current = chosen ?? meeting.myRsvp?.answer ?? null;
  const open = meeting.status === 'PLANNED' && new Date(meeting.startsAt).getTime() > now;
  return (
    <section className="card" aria-labelledby="rsvp-heading">
      <h2 id="rsvp-heading">{t('rsvp.heading')}</h2>
      <p role="status">
        {current ? t('rsvp.current', { answer: t(`rsvpShort.${current}`) }) : t('rsvp.none')}
      </p>
      {open ? (
        <div className="segmented rsvp-buttons">
          {ANSWERS.map((value) => (
            <button
              key={value}
              type="button"
              className="button secondary big"
              aria-pressed={current === value}
              disabled={fetching}
              onClick={async () => {
                setProblem(null);
                const result = await answer(
                  { meetingId: meeting.id, answer: value },
                  { retryable: true, additionalTypenames: ['MeetingRsvp'] },
                );
                if (result.error) setProblem(problemOf(result.error));
                else setChosen(result.data?.rsvpMeeting?.answer ?? value);
              }}
            >
              {t(`rsvp.${value}`)}
            </button>
          ))}
        </div>
      ) : (
        <p className="meta">{t('rsvp.closed')}</p>
      )}
      {problem && <ErrorNotice problem={problem} />}
    </section>
  );
}

function SigningCard({
  meeting,
  now,
  signedAt,
  excused,
  onSigned,
}: {
  meeting: Meeting;
  now: number;
  signedAt: string | null;
  excused: boolean;
  onSigned: () => void;
}) {
  const { t } = useTranslation('meetings');
  if (meeting.status === 'CANCELLED') return null;
  const open = signingOpen(meeting, now);
  return (
    <section className="card" aria-labelledby="signing-heading">
      <h2 id="signing-heading">{t('signing.heading')}</h2>
      {signedAt ? (
        <Notice tone="success">
          <p>{t('signing.signedAt', { time: formatTime(signedAt) })}</p>
        </Notice>
      ) : excused ? (
        <p>{t('signing.excused')}</p>
      ) : null}
      {!signedAt && open && (
        <>
          <p>{t('signing.open')}</p>
          <CodeForm meetingId={meeting.id} onSigned={onSigned} />
        </>
      )}
      {!signedAt && !open && (
        <p className="meta">
          {meeting.sheetClosedAt || meeting.status === 'HELD'
            ? t('signing.closed')
            : t('signing.notOpen')}
        </p>
      )}
    </section>
  );
}

/** For remote members: the 6-digit code read by the relay person. */
function CodeForm({ meetingId, onSigned }: { meetingId: string; onSigned: () => void }) {
  const { t } = useTranslation('meetings');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [{ fetching }, sign] = useMutation(SignWithCodeDocument);
  const busy = useRef(false);
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        if (busy.current) return;
        if (!/^\d{6}$/.test(code)) {
          setProblem({ code: 'BAD_USER_INPUT', field: 'code', message: t('signing.codeInvalid') });
          return;
        }
        busy.current = true;
        setProblem(null);
        // Signing twice is once for the API: a retry on a slow connection is safe.
        const result = await sign(
          { meetingId, code },
          { retryable: true, additionalTypenames: ['Attendance'] },
        );
        busy.current = false;
        if (result.error) setProblem(problemOf(result.error));
        else onSigned();
      }}
    >
      <Field
        label={t('signing.code')}
        hint={t('signing.codeHint')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
        problem={problem}
      />
      <FormProblem problem={problem} fields={['code']} />
      <button type="submit" className="button big" disabled={fetching}>
        {fetching ? t('signing.signing') : t('signing.sign')}
      </button>
    </form>
  );
}

function RolesCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('meetings');
  const names = (role: string) =>
    meeting.roles
      .filter((r) => r.role === role)
      .map((r) => fullName(r.member))
      .join(', ') || t('roles.nobody');
  return (
    <section className="card" aria-labelledby="roles-heading">
      <h2 id="roles-heading">{t('roles.heading')}</h2>
      <dl className="facts">
        {(['ANIMATOR', 'SECRETARY', 'PRESENTER'] as const).map((role) => (
          <div key={role}>
            <dt>{t(`roles.${role}`)}</dt>
            <dd>{names(role)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function AgendaCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('meetings');
  const { agenda } = meeting;
  const none = <p className="meta">{t('agenda.none')}</p>;
  return (
    <section className="card" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('agenda.heading')}</h2>
      <h3>{t('agenda.openQuestions')}</h3>
      {agenda.openQuestions.length === 0 ? (
        none
      ) : (
        <ul className="agenda">
          {agenda.openQuestions.map((q) => (
            <li key={q.id}>
              <p>{q.question ?? t('agenda.confidential')}</p>
              {q.volunteer && (
                <p className="meta">{t('agenda.volunteer', { name: fullName(q.volunteer) })}</p>
              )}
              {q.answer && <p>{t('agenda.answered', { answer: q.answer })}</p>}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('agenda.presentations')}</h3>
      {agenda.presentations.length === 0 ? (
        none
      ) : (
        <ul className="agenda">
          {agenda.presentations.map((p) => (
            <li key={p.id}>{t('agenda.presenter', { name: fullName(p.member) })}</li>
          ))}
        </ul>
      )}
      <h3>{t('agenda.newQuestions')}</h3>
      {agenda.newQuestions.length === 0 ? (
        none
      ) : (
        <ul className="agenda">
          {agenda.newQuestions.map((q) => (
            <li key={q.id}>
              <p>{q.question ?? t('agenda.confidential')}</p>
              {q.volunteer && (
                <p className="meta">{t('agenda.volunteer', { name: fullName(q.volunteer) })}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('agenda.binomeFeedback')}</h3>
      {agenda.binomeFeedback.length === 0 ? (
        none
      ) : (
        <ul className="agenda feedback">
          {agenda.binomeFeedback.map((f) => (
            <li key={f.id}>
              {(f.questions ?? []).length > 0 ? (
                <ul>
                  {(f.questions ?? []).map((question, index) => (
                    <li key={index}>{question}</li>
                  ))}
                </ul>
              ) : (
                !f.remarks && <p>{t('agenda.confidential')}</p>
              )}
              {f.remarks && <p>{f.remarks}</p>}
              {f.response && (
                <p className="meta">{t('agenda.feedbackResponse', { response: f.response })}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MeetingLinks({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation('meetings');
  const { ability } = usePermissions();
  const record = { id: meeting.id, societyId: meeting.societyId, groupId: meeting.groupId };
  // The relay person (or anyone the rules let keep this group's sheet) runs the meeting.
  const runs = ability.can(
    'update',
    subject('Attendance', {
      id: '',
      societyId: meeting.societyId,
      groupId: meeting.groupId,
      memberId: '',
    }),
  );
  const plans = ability.can('create', subject('Meeting', record));
  return (
    <div className="actions">
      {meeting.status !== 'CANCELLED' && <CalendarButton meetingId={meeting.id} />}
      <Link className="button secondary" href={`/meetings/${meeting.id}/report`}>
        {t('links.report')}
      </Link>
      {runs && meeting.status === 'PLANNED' && !meeting.sheetClosedAt && (
        <Link className="button" href={`/meetings/${meeting.id}/run`}>
          {t('links.run')}
        </Link>
      )}
      {plans && (
        <Link className="button secondary" href={`/groups/${meeting.groupId}/plan`}>
          {t('links.plan')}
        </Link>
      )}
      <Link className="button secondary" href="/meetings">
        {t('back')}
      </Link>
    </div>
  );
}
