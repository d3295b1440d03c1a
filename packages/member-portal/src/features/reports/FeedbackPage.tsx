import { subject } from '@epairs/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { usePermissions } from '../../auth/permissions';
import { formatDate, formatDateTime } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { guardWarning, useGuard } from '../../common/guard/useGuard';
import { fieldProblemsOf, isRefusal } from '../../common/problems';
import { ErrorNotice, Field, FormProblem, Loading, Notice, Page } from '../../common/ui';
import {
  FeedbackContextDocument,
  FeedbackDocument,
  RespondToFeedbackDocument,
  type FeedbackContextQuery,
  type FeedbackQuery,
} from './operations.generated';
import './reports.css';
import { fullName } from '../meetings/sheet';
import './strings';

/**
 * The binôme's feedback on the group's work (the link of the e-mail sent with it): its questions
 * and remarks, and the group's response, recorded by a member once the group debated it.
 */
export default function FeedbackPage() {
  const { t } = useTranslation('feedback');
  const { groupId, feedbackId } = useParams<{ groupId: string; feedbackId: string }>();
  const [feedback, reload] = useQuery({ query: FeedbackDocument, variables: { id: feedbackId } });
  const [context] = useQuery({ query: FeedbackContextDocument, variables: { groupId } });
  const found = feedback.data?.BinomeFeedback;
  if (isRefusal(feedback.error) || (feedback.data && (!found || found.groupId !== groupId))) {
    return (
      <Page title={t('title')}>
        <div className="notice notice-error" role="alert">
          <p>{t('refused')}</p>
        </div>
        <Link className="button secondary" href={`/groups/${groupId}`}>
          {t('backToGroup')}
        </Link>
      </Page>
    );
  }
  if (feedback.error) {
    return (
      <Page title={t('title')}>
        <ErrorNotice problem={problemOf(feedback.error)} onRetry={() => reload()} />
      </Page>
    );
  }
  if (!found) {
    return (
      <Page title={t('title')}>
        <Loading />
      </Page>
    );
  }
  return <FeedbackView found={found} context={context.data ?? null} />;
}

function FeedbackView({
  found,
  context,
}: {
  found: NonNullable<FeedbackQuery['BinomeFeedback']>;
  context: FeedbackContextQuery | null;
}) {
  const { t } = useTranslation('feedback');
  const { ability } = usePermissions();
  const report = context?.groupMeetingReports.find((candidate) => candidate.id === found.reportId);
  const mayRespond =
    found.status === 'SENT' &&
    ability.can(
      'update',
      subject('BinomeFeedback', {
        id: found.id,
        societyId: found.societyId,
        groupId: found.groupId,
        status: found.status,
      }),
    );
  return (
    <Page title={t('title')}>
      <p className="meta">
        <span className={found.status === 'DISCUSSED' ? 'badge ok' : 'badge warn'}>
          {t(`status.${found.status}`)}
        </span>{' '}
        {context?.PeerGroup?.name}
        {found.author && ` · ${t('from', { name: fullName(found.author) })}`}
        {found.cosignedBy && `, ${t('cosigned', { name: fullName(found.cosignedBy) })}`}
        {found.sentAt && ` · ${t('sentAt', { date: formatDate(found.sentAt) })}`}
      </p>
      {found.reportId && (
        <p>
          {t('onReport', { edition: found.reportEdition ?? 1 })}
          {report && (
            <>
              {' · '}
              <Link href={`/meetings/${report.meetingId}/report`}>{t('onReportLink')}</Link>
            </>
          )}
        </p>
      )}
      {found.caseId && (
        <p>
          {t('onCase')} ·{' '}
          <Link href={`/groups/${found.groupId}/cases/${found.caseId}`}>{t('onCaseLink')}</Link>
        </p>
      )}
      {found.confidential ? (
        <Notice>
          <p>{t('confidential')}</p>
        </Notice>
      ) : (
        <article className="card">
          <h2>{t('questions')}</h2>
          <ol className="feedback-questions">
            {(found.questions ?? []).map((question, index) => (
              <li key={index}>{question}</li>
            ))}
          </ol>
          <h2>{t('remarks')}</h2>
          <p className="feedback-text">{found.remarks || t('noRemarks')}</p>
        </article>
      )}
      <section className="card" aria-labelledby="feedback-response">
        <h2 id="feedback-response">{t('response')}</h2>
        {found.response ? (
          <>
            <p className="feedback-text" data-testid="feedback-response">
              {found.response}
            </p>
            {found.discussedAt && (
              <p className="meta">
                {found.respondedBy
                  ? t('respondedBy', {
                      name: fullName(found.respondedBy),
                      date: formatDate(found.discussedAt),
                    })
                  : t('respondedOn', { date: formatDate(found.discussedAt) })}
              </p>
            )}
          </>
        ) : mayRespond ? (
          <RespondForm found={found} context={context} />
        ) : (
          <p>{t('noResponse')}</p>
        )}
      </section>
    </Page>
  );
}

function RespondForm({
  found,
  context,
}: {
  found: NonNullable<FeedbackQuery['BinomeFeedback']>;
  context: FeedbackContextQuery | null;
}) {
  const { t } = useTranslation('feedback');
  const selectId = useId();
  const [response, setResponse] = useState('');
  const [meetingId, setMeetingId] = useState('');
  const [result, respond] = useMutation(RespondToFeedbackDocument);
  // The page's time, read once: which meetings have been held.
  const [now] = useState(() => Date.now());
  const findings = useGuard({ response });
  const sentAt = found.sentAt ? new Date(found.sentAt).getTime() : 0;
  const meetings = (context?.allMeetings ?? []).filter((meeting) => {
    const starts = new Date(meeting.startsAt).getTime();
    return starts <= now && starts >= sentAt;
  });
  const problems = fieldProblemsOf(result.error);
  const problem = result.error ? problemOf(result.error) : null;
  if (result.data) {
    return (
      <Notice tone="success">
        <p>{t('saved')}</p>
        <p className="feedback-text">{result.data.respondToBinomeFeedback.response}</p>
      </Notice>
    );
  }
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void respond({ id: found.id, version: found.version, meetingId, response });
      }}
    >
      <p className="meta">{t('respondIntro')}</p>
      {meetings.length === 0 ? (
        <Notice tone="warning">
          <p>{t('noMeeting')}</p>
        </Notice>
      ) : (
        <div className={`field${problems.meetingId ? ' field-error' : ''}`}>
          <label htmlFor={selectId}>{t('meeting')}</label>
          <select
            id={selectId}
            value={meetingId}
            onChange={(event) => setMeetingId(event.target.value)}
            aria-invalid={problems.meetingId ? true : undefined}
          >
            <option value="">{t('chooseMeeting')}</option>
            {meetings.map((meeting) => (
              <option key={meeting.id} value={meeting.id}>
                {formatDateTime(meeting.startsAt)}
                {meeting.title ? ` · ${meeting.title}` : ''}
              </option>
            ))}
          </select>
          {problems.meetingId && (
            <p className="field-message" role="alert">
              {problems.meetingId.message}
            </p>
          )}
        </div>
      )}
      <Field
        label={t('responseLabel')}
        name="response"
        multiline
        rows={5}
        maxLength={10000}
        value={response}
        onChange={(event) => setResponse(event.target.value)}
        problem={problems.response}
        warning={guardWarning(findings.response)}
      />
      <FormProblem problem={problem} fields={['response', 'meetingId']} />
      <button
        type="submit"
        className="button big"
        disabled={result.fetching || !meetingId || meetings.length === 0}
      >
        {result.fetching ? t('saving') : t('respond')}
      </button>
    </form>
  );
}
