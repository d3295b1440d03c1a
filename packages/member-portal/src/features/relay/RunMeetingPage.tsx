import { SIGNING_GRACE_MINUTES } from '@epairs/shared';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { formatDateTime, formatTime } from '../../common/dates';
import { problemOf, type Problem } from '../../common/errors';
import { ErrorNotice, Loading, Notice, Page } from '../../common/ui';
import {
  CloseAttendanceSheetDocument,
  RecordExcusedAbsenceDocument,
  RunMeetingDocument,
  SigningCredentialsDocument,
  type RunMeetingQuery,
} from './operations.generated';
import { fullName, signingOpen, useNow } from '../meetings/sheet';
import './relay.css';
import './strings';

type Meeting = NonNullable<RunMeetingQuery['Meeting']>;

/** How often the sheet is read again while the room signs. */
const SHEET_POLL_MS = 3_000;

/**
 * The relay person's screen, shown to the room: the rotating QR code (a link to the portal's
 * signing page), the fallback code, the sheet filling in live, excused absences, closing.
 */
export default function RunMeetingPage() {
  const { meetingId } = useParams<{ meetingId: string }>();
  const { t } = useTranslation('relay');
  const [{ data, error }, reload] = useQuery({
    query: RunMeetingDocument,
    variables: { id: meetingId },
    requestPolicy: 'network-only',
  });
  const meeting = data?.Meeting;
  const runnable = !!meeting && meeting.status === 'PLANNED' && !meeting.sheetClosedAt;

  // The sheet, read again every 3 s while it is open.
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  });
  useEffect(() => {
    if (!runnable) return;
    const timer = window.setInterval(
      () => reloadRef.current({ requestPolicy: 'network-only' }),
      SHEET_POLL_MS,
    );
    return () => window.clearInterval(timer);
  }, [runnable]);

  const title = meeting ? `${t('run.title')} · ${meeting.group?.name ?? ''}` : t('run.title');
  let body;
  if (error && !data) body = <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />;
  else if (!data) body = <Loading />;
  else if (!meeting)
    body = <ErrorNotice problem={{ code: 'NOT_FOUND', message: t('common:errors.notFound') }} />;
  else body = <RunBoard meeting={meeting} runnable={runnable} onChange={() => reload()} />;
  return (
    <main id="main" className="run-page">
      <Page title={title} actions={<RunActions meetingId={meetingId} />}>
        {meeting && (
          <p className="meta">
            {meeting.title || t('run.untitled')} · {formatDateTime(meeting.startsAt)}
          </p>
        )}
        {body}
      </Page>
    </main>
  );
}

function RunActions({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('relay');
  const [full, setFull] = useState(() => !!document.fullscreenElement);
  useEffect(() => {
    const update = () => setFull(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', update);
    return () => document.removeEventListener('fullscreenchange', update);
  }, []);
  return (
    <div className="actions run-actions">
      {document.fullscreenEnabled && (
        <button
          type="button"
          className="button secondary"
          aria-pressed={full}
          onClick={() => {
            if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
            else void document.documentElement.requestFullscreen().catch(() => undefined);
          }}
        >
          {full ? t('run.exitFullscreen') : t('run.fullscreen')}
        </button>
      )}
      <Link
        className="button secondary"
        href={`/meetings/${meetingId}`}
        onClick={() => {
          if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        }}
      >
        {t('run.leave')}
      </Link>
    </div>
  );
}

function RunBoard({
  meeting,
  runnable,
  onChange,
}: {
  meeting: Meeting;
  runnable: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation('relay');
  // Members sign from 15 minutes before the start to 15 minutes after the end.
  const now = useNow(15_000);
  const open = signingOpen(meeting, now);
  const early = now < Date.parse(meeting.startsAt) - SIGNING_GRACE_MINUTES * 60_000;
  return (
    <div className={runnable ? 'run-board' : undefined}>
      {runnable && open ? (
        <Credentials meetingId={meeting.id} />
      ) : runnable ? (
        <Notice tone="warning">
          <p>
            {early
              ? t('run.notYet', {
                  time: formatTime(
                    new Date(
                      Date.parse(meeting.startsAt) - SIGNING_GRACE_MINUTES * 60_000,
                    ).toISOString(),
                  ),
                })
              : t('run.over')}
          </p>
        </Notice>
      ) : meeting.sheetClosedAt ? (
        <Notice tone="success">
          <p>{t('run.closedAt', { time: formatTime(meeting.sheetClosedAt) })}</p>
          <p>
            <Link href={`/meetings/${meeting.id}`}>{t('run.toMeeting')}</Link>
          </p>
        </Notice>
      ) : (
        <Notice tone="warning">
          <p>{t('run.notRunnable')}</p>
        </Notice>
      )}
      <Sheet meeting={meeting} runnable={runnable} onChange={onChange} />
    </div>
  );
}

/**
 * The QR code and the fallback code. The API accepts a token (or a code) during its window and
 * the one before, so what is shown stays valid for a full window after it changes: the screen
 * asks again just after each change (and at least every 10 s, whatever this computer's clock).
 */
function Credentials({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('relay');
  const [{ data, error }, refetch] = useQuery({
    query: SigningCredentialsDocument,
    variables: { meetingId },
    requestPolicy: 'network-only',
  });
  const credentials = data?.signingCredentials;
  const refetchRef = useRef(refetch);
  const nextChange = useRef(0);
  useEffect(() => {
    refetchRef.current = refetch;
    if (credentials) {
      nextChange.current = Math.min(
        Date.parse(credentials.tokenExpiresAt),
        Date.parse(credentials.codeExpiresAt),
      );
    }
  });
  useEffect(() => {
    let timer = 0;
    const schedule = () => {
      const wait = nextChange.current
        ? Math.min(Math.max(nextChange.current - Date.now() + 250, 1_000), 10_000)
        : 3_000;
      timer = window.setTimeout(() => {
        refetchRef.current({ requestPolicy: 'network-only' });
        schedule();
      }, wait);
    };
    schedule();
    return () => window.clearTimeout(timer);
  }, []);

  const [image, setImage] = useState<string | null>(null);
  const link = credentials?.link;
  useEffect(() => {
    if (!link) return;
    let current = true;
    // Black on white, a full quiet zone, large: read from across a room in bright light.
    QRCode.toDataURL(link, {
      errorCorrectionLevel: 'M',
      margin: 4,
      width: 720,
      color: { dark: '#000000', light: '#ffffff' },
    })
      .then((url) => current && setImage(url))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [link]);

  if (error && !credentials) return <ErrorNotice problem={problemOf(error)} />;
  if (!credentials || !image) return <Loading />;
  const digits = credentials.code.split('');
  return (
    <section className="run-credentials" aria-labelledby="run-scan">
      <h2 id="run-scan">{t('run.scan')}</h2>
      <img className="run-qr" src={image} alt={t('run.qrLabel')} />
      <p className="run-code-label">{t('run.code')}</p>
      <p
        className="run-code"
        role="img"
        aria-label={t('run.codeLabel', { digits: digits.join(' ') })}
      >
        {credentials.code}
      </p>
      <p className="meta">{t('run.codeHint')}</p>
    </section>
  );
}

function Sheet({
  meeting,
  runnable,
  onChange,
}: {
  meeting: Meeting;
  runnable: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation('relay');
  const members = [...(meeting.group?.memberships ?? [])].sort((a, b) =>
    `${a.member?.lastName} ${a.member?.firstName}`.localeCompare(
      `${b.member?.lastName} ${b.member?.firstName}`,
      'fr',
    ),
  );
  const nameOf = (memberId: string) =>
    fullName(members.find((m) => m.memberId === memberId)?.member) || memberId;
  const lines = meeting.attendance;
  const signed = lines
    .filter((line) => line.status === 'SIGNED')
    .sort((a, b) => a.signedAt.localeCompare(b.signedAt));
  const excused = lines.filter((line) => line.status === 'EXCUSED');
  const waiting = members.filter((m) => !lines.some((line) => line.memberId === m.memberId));

  // New signatures are announced politely (and shown) as they arrive: the lines seen at the
  // previous render are kept in state, and compared while rendering (no effect needed).
  const signedIds = signed.map((line) => line.id).join(' ');
  const [seen, setSeen] = useState<{ ids: string; lines: Set<string> } | null>(null);
  const [latest, setLatest] = useState('');
  if (seen?.ids !== signedIds) {
    if (seen) {
      const fresh = signed.filter((line) => !seen.lines.has(line.id));
      if (fresh.length > 0) {
        setLatest(
          fresh
            .map((line) =>
              t('run.arrived', { name: nameOf(line.memberId), time: formatTime(line.signedAt) }),
            )
            .join(' '),
        );
      }
    }
    setSeen({ ids: signedIds, lines: new Set(signed.map((line) => line.id)) });
  }

  return (
    <section className="run-sheet" aria-labelledby="run-sheet">
      <h2 id="run-sheet">{t('run.sheet')}</h2>
      <p className="run-count">
        {t('run.signedCount', { signed: signed.length, total: members.length })}
      </p>
      <p className="run-latest" aria-live="polite" aria-atomic="true">
        {latest}
      </p>
      <h3>{t('run.signed')}</h3>
      {signed.length === 0 ? (
        <p className="meta">{t('run.noneSigned')}</p>
      ) : (
        <ul className="list run-signed">
          {signed.map((line) => (
            <li key={line.id}>
              <strong>{nameOf(line.memberId)}</strong>{' '}
              <span className="meta">
                {formatTime(line.signedAt)} · {t(`run.method.${line.method}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {runnable && waiting.length > 0 && (
        <>
          <h3>{t('run.waiting')}</h3>
          <ul className="list">
            {waiting.map((m) => (
              <ExcuseRow
                key={m.memberId}
                meetingId={meeting.id}
                memberId={m.memberId}
                name={fullName(m.member)}
                onDone={onChange}
              />
            ))}
          </ul>
        </>
      )}
      {excused.length > 0 && (
        <>
          <h3>{t('run.excused')}</h3>
          <ul className="list">
            {excused.map((line) => (
              <li key={line.id}>{nameOf(line.memberId)}</li>
            ))}
          </ul>
        </>
      )}
      {runnable && <CloseSheet meetingId={meeting.id} onDone={onChange} />}
    </section>
  );
}

function ExcuseRow({
  meetingId,
  memberId,
  name,
  onDone,
}: {
  meetingId: string;
  memberId: string;
  name: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('relay');
  const [{ fetching }, excuse] = useMutation(RecordExcusedAbsenceDocument);
  const [problem, setProblem] = useState<Problem | null>(null);
  return (
    <li className="run-waiting">
      <span>{name}</span>
      <button
        type="button"
        className="button secondary"
        disabled={fetching}
        aria-label={t('run.excuseFor', { name })}
        onClick={async () => {
          setProblem(null);
          const result = await excuse(
            { meetingId, memberId },
            { additionalTypenames: ['Attendance'] },
          );
          if (result.error) setProblem(problemOf(result.error));
          else onDone();
        }}
      >
        {t('run.excuse')}
      </button>
      {problem && <ErrorNotice problem={problem} />}
    </li>
  );
}

function CloseSheet({ meetingId, onDone }: { meetingId: string; onDone: () => void }) {
  const { t } = useTranslation('relay');
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [{ fetching }, close] = useMutation(CloseAttendanceSheetDocument);
  if (!confirming) {
    return (
      <p className="actions">
        <button type="button" className="button danger" onClick={() => setConfirming(true)}>
          {t('run.close')}
        </button>
      </p>
    );
  }
  return (
    <div className="notice notice-warning" role="alertdialog" aria-labelledby="close-question">
      <p id="close-question">{t('run.closeConfirm')}</p>
      <div className="actions">
        <button
          type="button"
          className="button danger"
          disabled={fetching}
          autoFocus
          onClick={async () => {
            setProblem(null);
            const result = await close({ meetingId }, { additionalTypenames: ['Meeting'] });
            if (result.error) setProblem(problemOf(result.error));
            else onDone();
          }}
        >
          {t('run.closeYes')}
        </button>
        <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
          {t('common:actions.cancel')}
        </button>
      </div>
      {problem && <ErrorNotice problem={problem} />}
    </div>
  );
}
