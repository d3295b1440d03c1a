import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { Link, useSearchParams } from 'wouter';
import { useSessionUser } from '../../auth/useSession';
import { formatDateTime, formatTime } from '../../common/dates';
import { problemOf, type Problem } from '../../common/errors';
import { ErrorNotice, Notice } from '../../common/ui';
import {
  SignContextDocument,
  SignWithTokenDocument,
  type SignContextQuery,
} from './operations.generated';
import { AuthFrame } from '../account/AuthFrame';
import { LoginForm } from '../account/LoginPage';
import './signing.css';
import './strings';

/** The meeting a QR token names (`meetingId.window.signature`), as the API reads it. */
function meetingOfToken(token: string): string | null {
  const [meetingId] = token.split('.');
  return meetingId && /^[0-9a-f-]{36}$/i.test(meetingId) ? meetingId : null;
}

/**
 * Opened by the phone's camera from the relay person's QR code (`/sign?t=TOKEN`). Signed out, the
 * sign-in form comes first, on this page, so the token stays in the address.
 */
export default function SignPage() {
  const { t } = useTranslation('signing');
  const [params] = useSearchParams();
  const user = useSessionUser();
  const token = params.get('t') ?? '';
  const meetingId = meetingOfToken(token);
  if (!meetingId) {
    return (
      <AuthFrame title={t('title')}>
        <Notice tone="warning">
          <p>{t('missing')}</p>
        </Notice>
        <Link className="button secondary" href="/">
          {t('home')}
        </Link>
      </AuthFrame>
    );
  }
  if (!user) {
    return (
      <AuthFrame title={t('title')}>
        <p>{t('signInFirst')}</p>
        {/* Signing in changes the session: this page then shows the button, token unchanged. */}
        <LoginForm onDone={() => undefined} />
      </AuthFrame>
    );
  }
  return (
    <AuthFrame title={t('title')}>
      <Signer token={token} meetingId={meetingId} />
    </AuthFrame>
  );
}

type Outcome =
  | { kind: 'signed'; signedAt: string; already: boolean }
  | { kind: 'expired' }
  | { kind: 'failed'; problem: Problem };

type Context = SignContextQuery | undefined;

function mySignature(context: Context): string | null {
  const line = context?.Meeting?.attendance.find(
    (row) => row.memberId === context.myMember.id && row.status === 'SIGNED',
  );
  return line?.signedAt ?? null;
}

function Signer({ token, meetingId }: { token: string; meetingId: string }) {
  const { t } = useTranslation('signing');
  const client = useClient();
  // Who I am and the meeting: to name it, and to see a signature already there.
  const [{ data: context }] = useQuery({
    query: SignContextDocument,
    variables: { meetingId },
    requestPolicy: 'network-only',
  });
  const [{ fetching }, sign] = useMutation(SignWithTokenDocument);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // A double tap arrives before React re-renders the disabled button: one call at a time.
  const busy = useRef(false);
  const meeting = context?.Meeting;
  const already = mySignature(context);

  const onSign = async () => {
    if (busy.current) return;
    busy.current = true;
    setOutcome(null);
    // The API signs once per member and meeting and answers a second call with the first
    // signature: a retry after a lost answer on a slow connection never doubles it.
    const result = await sign({ token }, { retryable: true, additionalTypenames: ['Attendance'] });
    const line = result.data?.signAttendance;
    if (line) {
      setOutcome({ kind: 'signed', signedAt: line.signedAt, already: false });
    } else {
      // Refused (e.g. a retry that arrived after the token changed): if the sheet holds my
      // signature, it is a success, not an error.
      const fresh = await client
        .query(SignContextDocument, { meetingId }, { requestPolicy: 'network-only' })
        .toPromise();
      const signedAt = mySignature(fresh.data);
      const problem = problemOf(result.error);
      if (signedAt) setOutcome({ kind: 'signed', signedAt, already: true });
      else if (problem.field === 'token') setOutcome({ kind: 'expired' });
      else setOutcome({ kind: 'failed', problem });
    }
    busy.current = false;
  };

  const signed =
    outcome?.kind === 'signed'
      ? outcome
      : already
        ? { kind: 'signed' as const, signedAt: already, already: true }
        : null;

  return (
    <>
      {meeting && (
        <p className="sign-meeting">
          {t('meeting', {
            title: meeting.title || t('untitled'),
            group: meeting.group?.name ?? '',
            when: formatDateTime(meeting.startsAt),
          })}
        </p>
      )}
      {signed ? (
        <div className="notice notice-success sign-done" role="status">
          <p className="sign-time">
            {t(signed.already ? 'alreadySigned' : 'signedAt', {
              time: formatTime(signed.signedAt),
            })}
          </p>
        </div>
      ) : (
        <button
          type="button"
          className="button big sign-button"
          disabled={fetching}
          aria-busy={fetching}
          onClick={onSign}
        >
          {fetching ? t('signing') : t('sign')}
        </button>
      )}
      {outcome?.kind === 'expired' && (
        <div className="notice notice-warning" role="alert">
          <p>{t('expired')}</p>
        </div>
      )}
      {outcome?.kind === 'failed' && <ErrorNotice problem={outcome.problem} />}
      <p className="actions">
        <Link className="button secondary" href={`/meetings/${meetingId}`}>
          {outcome?.kind === 'expired' ? t('typeCode') : t('toMeeting')}
        </Link>
      </p>
    </>
  );
}
