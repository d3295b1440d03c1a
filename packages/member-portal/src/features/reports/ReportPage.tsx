import { REPORT_SECTION_NAMES, REPORT_SECTIONS, type ReportSection } from '@epairs/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { Link, useParams } from 'wouter';
import { formatDate, formatDateTime } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { guardWarning, useGuard } from '../../common/guard/useGuard';
import { SectionMerge, type Choice, type MergeSection } from '../../common/merge/SectionMerge';
import { extensionsOf, fieldProblemsOf, isRefusal } from '../../common/problems';
import { useLatest, useOneAtATime } from '../../common/useLatest';
import { ErrorNotice, Field, FormProblem, Loading, Notice, Page } from '../../common/ui';
import {
  ApproveReportDocument,
  CreateReportDocument,
  ReopenReportDocument,
  ReportPageDocument,
  SubmitReportDocument,
  UpdateReportDocument,
  type ReportFieldsFragment,
  type ReportPageQuery,
} from './operations.generated';
import './reports.css';
import './strings';

type Sections = Record<ReportSection, string>;

const sectionsOf = (report: Partial<Record<ReportSection, string | null>> | null): Sections =>
  Object.fromEntries(REPORT_SECTION_NAMES.map((name) => [name, report?.[name] ?? ''])) as Sections;

const same = (a: Sections, b: Sections) =>
  REPORT_SECTION_NAMES.every((name) => a[name] === b[name]);

interface ConflictExtensions {
  currentVersion: number | null;
  status: string | null;
  changedSections: ReportSection[];
  current: Partial<Sections>;
}

/**
 * A meeting's report: the secretary drafts it and submits it for review; attendees amend it and
 * approve the revision they read; validated, it is read-only with its editions. A stale save
 * (CONFLICT) shows the sections the other writer changed next to mine, to merge: nothing is lost.
 */
export default function ReportPage() {
  const { t } = useTranslation('reports');
  const { meetingId } = useParams<{ meetingId: string }>();
  const [{ data, error }, reload] = useQuery({
    query: ReportPageDocument,
    variables: { meetingId },
  });
  if (isRefusal(error) || (data && !data.Meeting)) {
    return (
      <Page title={t('title')}>
        <div className="notice notice-error" role="alert">
          <p>{t('refused')}</p>
        </div>
      </Page>
    );
  }
  if (error) {
    return (
      <Page title={t('title')}>
        <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />
      </Page>
    );
  }
  if (!data) {
    return (
      <Page title={t('title')}>
        <Loading />
      </Page>
    );
  }
  const report = data.meetingReportOfMeeting ?? null;
  return <ReportView key={report?.id ?? 'none'} data={data} initial={report} />;
}

function ReportView({
  data,
  initial,
}: {
  data: ReportPageQuery;
  initial: ReportFieldsFragment | null;
}) {
  const { t } = useTranslation('reports');
  const client = useClient();
  const meeting = data.Meeting!;
  const me = data.myMember.id;
  const [base, setBase] = useState<ReportFieldsFragment | null>(initial);
  const [draft, setDraft] = useState<Sections>(() => sectionsOf(initial));
  const [merge, setMerge] = useState<MergeSection[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [saveError, setSaveError] = useState<ReturnType<typeof problemOf> | null>(null);
  const [fieldError, setFieldError] = useState<Parameters<typeof fieldProblemsOf>[0]>(undefined);
  const [newer, setNewer] = useState<string | null>(null);
  const [created, create] = useMutation(CreateReportDocument);
  const [updated, update] = useMutation(UpdateReportDocument);
  const [submitted, submit] = useMutation(SubmitReportDocument);
  const [approved, approve] = useMutation(ApproveReportDocument);
  const [reopened, reopen] = useMutation(ReopenReportDocument);
  const findings = useGuard(draft);
  const latestDraft = useLatest(draft);
  // The page's time, read once: whether the meeting has begun.
  const [now] = useState(() => Date.now());

  const started = new Date(meeting.startsAt).getTime() <= now;
  const secretary = meeting.roles.find((role) => role.role === 'SECRETARY')?.memberId;
  const relay = data.myMember.memberships.some(
    (membership) => membership.role === 'RELAY' && membership.group?.id === meeting.groupId,
  );
  const mayStart =
    !base && started && meeting.status !== 'CANCELLED' && (secretary ? secretary === me : relay);
  // While merging, the form stays even if the report moved on: my text stays on the screen.
  const editable =
    mayStart || (base !== null && !base.confidential && (base.mayAmend || merge !== null));
  const dirty = !same(draft, sectionsOf(base));
  const saving = created.fetching || updated.fetching;
  const problems = fieldProblemsOf(fieldError);
  const sectionLabel = (name: string) => t(`sections.${name}`);
  const title = t('title');

  const change = (name: ReportSection, value: string) => {
    setDraft((previous) => ({ ...previous, [name]: value }));
    setSaved(false);
  };

  async function fresh(): Promise<ReportFieldsFragment | null> {
    const result = await client
      .query(ReportPageDocument, { meetingId: meeting.id }, { requestPolicy: 'network-only' })
      .toPromise();
    return result.data?.meetingReportOfMeeting ?? null;
  }

  // One save at a time: a double tap must not create the report twice.
  const save = useOneAtATime(saveOnce);

  async function saveOnce() {
    setSaved(false);
    setSaveError(null);
    setFieldError(undefined);
    const sent = draft;
    const result = base
      ? await update({ id: base.id, version: base.version, input: sent })
      : await create({ meetingId: meeting.id, input: sent });
    // What was typed while the save was on its way, kept in every outcome.
    const mine = latestDraft.current;
    if (result.error || !result.data) {
      const problem = problemOf(result.error);
      const conflict = extensionsOf<ConflictExtensions>(result.error);
      if (problem.code === 'CONFLICT' && base && conflict.changedSections) {
        const current = await fresh();
        const read = sectionsOf(base);
        const sections = conflict.changedSections.map((name): MergeSection => ({
          name,
          label: sectionLabel(name),
          mine: mine[name],
          theirs: conflict.current?.[name] ?? current?.[name] ?? '',
          choice: mine[name] === read[name] ? 'theirs' : 'mine',
        }));
        const merged = { ...mine };
        for (const section of sections) {
          merged[section.name as ReportSection] =
            section.choice === 'mine' ? section.mine : section.theirs;
        }
        if (current) setBase(current);
        setDraft(merged);
        setMerge(sections);
        return;
      }
      setFieldError(result.error);
      setSaveError(problem);
      return;
    }
    const next =
      'updateMeetingReport' in result.data
        ? result.data.updateMeetingReport
        : result.data.createMeetingReport;
    setBase(next);
    setDraft(same(mine, sent) ? sectionsOf(next) : mine);
    setMerge(null);
    setSaved(true);
  }

  function choose(name: string, choice: Choice) {
    const section = merge?.find((candidate) => candidate.name === name);
    if (!section) return;
    change(name as ReportSection, choice === 'mine' ? section.mine : section.theirs);
    setMerge((sections) =>
      (sections ?? []).map((candidate) =>
        candidate.name === name ? { ...candidate, choice } : candidate,
      ),
    );
  }

  async function onApprove() {
    if (!base) return;
    setNewer(null);
    const result = await approve({ id: base.id, version: base.version });
    if (result.data) {
      setBase(result.data.approveMeetingReport);
      setDraft(sectionsOf(result.data.approveMeetingReport));
      return;
    }
    const conflict = extensionsOf<ConflictExtensions>(result.error);
    if (conflict.changedSections) {
      // A newer revision: read it first (mine was not edited: approving needs no unsaved text).
      const current = await fresh();
      if (current) {
        setBase(current);
        setDraft(sectionsOf(current));
      }
      setNewer(conflict.changedSections.map(sectionLabel).join(', ') || '—');
    }
  }

  const moveProblem = submitted.error ?? approved.error ?? reopened.error;
  const approvals = base?.attendees.filter((attendee) => attendee.approvedAt) ?? [];

  return (
    <Page title={title}>
      <p className="meta">
        {meeting.group?.name} · {t('meetingOf', { date: formatDateTime(meeting.startsAt) })}
        {meeting.title ? ` · ${meeting.title}` : ''}
      </p>
      {base && (
        <p className="report-status">
          <span
            className={base.status === 'VALIDATED' ? 'badge ok' : 'badge warn'}
            data-testid="report-status"
          >
            {t(`status.${base.status}`)}
          </span>{' '}
          <span className="meta">
            {t('edition', { edition: base.edition })} ·{' '}
            {t('revision', { version: base.textVersion })}
            {base.submittedAt && base.status !== 'DRAFT'
              ? ` · ${t('submittedAt', { date: formatDate(base.submittedAt) })}`
              : ''}
            {base.validatedAt
              ? ` · ${t('validatedAt', { date: formatDate(base.validatedAt) })}`
              : ''}
          </span>
        </p>
      )}
      {!base && !mayStart && (
        <Notice>
          <p>
            {meeting.status === 'CANCELLED'
              ? t('cancelled')
              : started
                ? t('noReport')
                : t('noReportYet')}
          </p>
        </Notice>
      )}
      {base?.confidential && (
        <Notice>
          <p>{t('confidential')}</p>
        </Notice>
      )}
      {merge && <SectionMerge sections={merge} onChoose={choose} onSave={save} saving={saving} />}
      {newer && (
        <Notice tone="warning">
          <p>{t('newerRevision', { sections: newer })}</p>
        </Notice>
      )}
      {editable ? (
        <form
          className="card"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          {!base && <p>{t('startIntro')}</p>}
          {base?.status === 'SUBMITTED_FOR_REVIEW' && <p className="meta">{t('amendIntro')}</p>}
          {REPORT_SECTION_NAMES.map((name) => (
            <Field
              key={name}
              label={sectionLabel(name)}
              name={name}
              multiline
              rows={4}
              maxLength={REPORT_SECTIONS[name].max}
              value={draft[name]}
              onChange={(event) => change(name, event.target.value)}
              problem={problems[name]}
              warning={guardWarning(findings[name])}
            />
          ))}
          <FormProblem problem={saveError} fields={[...REPORT_SECTION_NAMES]} />
          {saveError && Object.keys(problems).length > 0 && (
            <p className="field-message" role="alert">
              {t('notSaved')}
            </p>
          )}
          {saved && !dirty && (
            <Notice tone="success">
              <p>{t('saved')}</p>
            </Notice>
          )}
          <div className="actions">
            <button type="submit" className="button big" disabled={saving}>
              {saving ? t('saving') : base ? t('save') : t('start')}
            </button>
            {dirty && base && <p className="meta">{t('unsaved')}</p>}
          </div>
        </form>
      ) : (
        base &&
        !base.confidential && (
          <article className="card">
            {base.status === 'DRAFT' && <p className="meta">{t('draftBySecretary')}</p>}
            <ReportText sections={sectionsOf(base)} />
          </article>
        )
      )}
      {base && moveProblem && <ErrorNotice problem={problemOf(moveProblem)} />}
      {base?.status === 'DRAFT' && base.draftedByMemberId === me && (
        <section className="card">
          <p className="meta">{t('submitHint')}</p>
          {dirty && <p className="meta">{t('saveFirst')}</p>}
          <button
            type="button"
            className="button"
            disabled={dirty || submitted.fetching}
            onClick={async () => {
              const result = await submit({ id: base.id, version: base.version });
              if (result.data) setBase(result.data.submitMeetingReportForReview);
            }}
          >
            {t('submit')}
          </button>
        </section>
      )}
      {base?.status === 'SUBMITTED_FOR_REVIEW' && (
        <section className="card" aria-labelledby="report-approvals">
          <h2 id="report-approvals">{t('approvals')}</h2>
          <p>
            {t('approvalsCount', { count: approvals.length, total: base.attendees.length })}{' '}
            <span className="meta">{t(`rule.${base.validationRule}`)}</span>
          </p>
          <AttendeeList report={base} me={me} />
          {base.mayApprove ? (
            <>
              <p className="meta">{t('approveHint')}</p>
              {dirty && <p className="meta">{t('saveFirst')}</p>}
              <button
                type="button"
                className="button big"
                disabled={dirty || approved.fetching}
                onClick={() => void onApprove()}
              >
                {t('approve', { version: base.textVersion })}
              </button>
            </>
          ) : (
            base.attendees.some((attendee) => attendee.memberId === me && attendee.approvedAt) && (
              <Notice tone="success">
                <p>{t('approved')}</p>
              </Notice>
            )
          )}
        </section>
      )}
      {base?.status === 'VALIDATED' && (
        <>
          <section className="card" aria-labelledby="report-approvals">
            <h2 id="report-approvals">{t('approvals')}</h2>
            {base.attendees.some((attendee) => attendee.memberId === me && attendee.approvedAt) && (
              <Notice tone="success">
                <p>{t('approved')}</p>
              </Notice>
            )}
            <p className="meta">{t('frozen')}</p>
            <AttendeeList report={base} me={me} />
            {(relay || base.attendees.some((attendee) => attendee.memberId === me)) && (
              <>
                <p className="meta">{t('reopenHint')}</p>
                <button
                  type="button"
                  className="button secondary"
                  disabled={reopened.fetching}
                  onClick={async () => {
                    const result = await reopen({ id: base.id, version: base.version });
                    if (result.data) {
                      setBase(result.data.reopenMeetingReport);
                      setDraft(sectionsOf(result.data.reopenMeetingReport));
                    }
                  }}
                >
                  {t('reopen')}
                </button>
              </>
            )}
          </section>
        </>
      )}
      {base && base.editions.length > 0 && (
        <section className="card" aria-labelledby="report-editions">
          <h2 id="report-editions">{t('editions')}</h2>
          {[...base.editions].reverse().map((edition) => (
            <details key={edition.edition} className="report-edition">
              <summary>
                {t('editionTitle', {
                  edition: edition.edition,
                  version: edition.textVersion,
                  date: formatDate(edition.writtenAt),
                })}
              </summary>
              <ReportText sections={sectionsOf(edition)} />
            </details>
          ))}
        </section>
      )}
      <p>
        <Link href={`/meetings/${meeting.id}`}>{t('backToMeeting')}</Link>
      </p>
    </Page>
  );
}

function ReportText({ sections }: { sections: Sections }) {
  const { t } = useTranslation('reports');
  return (
    <>
      {REPORT_SECTION_NAMES.map((name) => (
        <section key={name}>
          <h3>{t(`sections.${name}`)}</h3>
          <p className="report-text" data-section={name}>
            {sections[name] || t('empty')}
          </p>
        </section>
      ))}
    </>
  );
}

function AttendeeList({ report, me }: { report: ReportFieldsFragment; me: string }) {
  const { t } = useTranslation('reports');
  if (report.attendees.length === 0) return <p className="meta">{t('attendeesLater')}</p>;
  return (
    <ul className="list" data-testid="report-attendees">
      {report.attendees.map((attendee) => (
        <li key={attendee.memberId} className={attendee.memberId === me ? 'report-me' : undefined}>
          <span>{attendee.name ?? '—'}</span>{' '}
          <span className={attendee.approvedAt ? 'badge ok' : 'badge'}>
            {attendee.approvedAt
              ? t('approvedOn', { date: formatDateTime(attendee.approvedAt) })
              : t('notApproved')}
          </span>
        </li>
      ))}
    </ul>
  );
}
