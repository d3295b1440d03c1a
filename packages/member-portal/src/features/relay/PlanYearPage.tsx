import { subject, yearInParis, type MeetingMode, type SessionRole } from '@epairs/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { Link, useParams, useSearchParams } from 'wouter';
import { usePermissions } from '../../auth/permissions';
import { formatDateTime, parisInstant, parisLocal } from '../../common/dates';
import { problemOf, type Problem } from '../../common/errors';
import { useOneAtATime } from '../../common/useLatest';
import {
  ErrorNotice,
  Field,
  FormProblem,
  Loading,
  Notice,
  Page,
  SelectField,
} from '../../common/ui';
import {
  ApplyRotationDocument,
  AssignMeetingRoleDocument,
  CancelMeetingDocument,
  MoveMeetingDocument,
  PlanMeetingDocument,
  PlanYearDocument,
  RemindMeetingMembersDocument,
  RemoveMeetingRoleDocument,
  RotationProposalDocument,
  type PlanYearQuery,
} from './operations.generated';
import { fullName, useNow } from '../meetings/sheet';
import './relay.css';
import './strings';

type Group = NonNullable<PlanYearQuery['PeerGroup']>;
type YearMeeting = PlanYearQuery['allMeetings'][number];
type Names = (memberId: string | null | undefined) => string;

const MODES: MeetingMode[] = ['IN_PERSON', 'HYBRID', 'REMOTE'];
const ROLES: SessionRole[] = ['ANIMATOR', 'SECRETARY', 'PRESENTER'];
const DURATIONS = [60, 90, 120, 150, 180, 210, 240];

/** The relay person's year: the programme against the thresholds, planning, roles, invitations. */
export default function PlanYearPage() {
  const { groupId } = useParams<{ groupId: string }>();
  const [params] = useSearchParams();
  const { t } = useTranslation('relay');
  const { ability, ready } = usePermissions();
  const year = Number(params.get('year')) || yearInParis();
  const [{ data, error, fetching }, reload] = useQuery({
    query: PlanYearDocument,
    variables: { groupId, year },
  });
  const group = data?.PeerGroup;
  const mayPlan =
    !!group &&
    ability.can('create', subject('Meeting', { id: '', societyId: group.societyId, groupId }));
  const title = t('plan.title', { year });
  // Every change reloads the year, and the rotation planner's proposals with it.
  const [changes, setChanges] = useState(0);
  const refresh = () => {
    reload({ requestPolicy: 'network-only' });
    setChanges((count) => count + 1);
  };

  if (error && !data) {
    return (
      <Page title={title}>
        <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />
      </Page>
    );
  }
  if (!data || !ready) return <Page title={title}>{fetching && <Loading />}</Page>;
  if (!group || !mayPlan) {
    return (
      <Page title={title}>
        <ErrorNotice problem={{ code: 'FORBIDDEN', message: t('plan.refused') }} />
      </Page>
    );
  }
  const members = [...group.memberships].sort((a, b) =>
    fullName(a.member).localeCompare(fullName(b.member), 'fr'),
  );
  const nameOf: Names = (memberId) =>
    fullName(members.find((m) => m.memberId === memberId)?.member) || '—';
  return (
    <Page
      title={title}
      actions={
        <nav className="actions" aria-label={title}>
          <Link className="button secondary" href={`/groups/${groupId}/plan?year=${year - 1}`}>
            {t('plan.previousYear')}
          </Link>
          <Link className="button secondary" href={`/groups/${groupId}/plan?year=${year + 1}`}>
            {t('plan.nextYear')}
          </Link>
        </nav>
      }
    >
      <p className="meta">{t('plan.group', { name: group.name })}</p>
      <ProgrammeCard group={group} />
      <PlanForm group={group} onPlanned={refresh} />
      <section className="card" aria-labelledby="plan-meetings">
        <h2 id="plan-meetings">{t('plan.meetings')}</h2>
        {data.allMeetings.length === 0 ? (
          <p>{t('plan.noMeeting')}</p>
        ) : (
          <ul className="list">
            {data.allMeetings.map((meeting) => (
              <MeetingRow
                key={meeting.id}
                meeting={meeting}
                members={members}
                nameOf={nameOf}
                onChange={refresh}
              />
            ))}
          </ul>
        )}
      </section>
      <RotationCard
        groupId={groupId}
        year={year}
        nameOf={nameOf}
        changes={changes}
        onApplied={refresh}
      />
      <section className="card" aria-labelledby="plan-invitations">
        <h2 id="plan-invitations">{t('plan.invitations')}</h2>
        <p>{t('plan.invitationsText')}</p>
        <p className="meta">{t('plan.accountsText')}</p>
      </section>
    </Page>
  );
}

function ProgrammeCard({ group }: { group: Group }) {
  const { t } = useTranslation('relay');
  const programme = group.programme;
  if (!programme) return null;
  const part = (label: string, status: typeof programme.planned) => {
    const meets = status.meetsMeetings && status.meetsHours;
    return (
      <div>
        <h3>{label}</h3>
        <p>
          {t('plan.figures', { meetings: status.meetings, hours: status.hours })}{' '}
          <span className={`badge ${meets ? 'ok' : 'warn'}`}>
            {meets ? t('plan.meets') : t('plan.short')}
          </span>
        </p>
        {status.shortfalls.length > 0 && (
          <ul>
            {status.shortfalls.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
      </div>
    );
  };
  return (
    <section className="card" aria-labelledby="plan-status">
      <h2 id="plan-status">{t('plan.status')}</h2>
      <div className="programme">
        {part(t('plan.planned'), programme.planned)}
        {part(t('plan.held'), programme.held)}
      </div>
    </section>
  );
}

function DurationOptions() {
  const { t } = useTranslation('relay');
  return DURATIONS.map((minutes) => (
    <option key={minutes} value={minutes}>
      {t('plan.durationMinutes', {
        hours: Math.floor(minutes / 60),
        minutes: String(minutes % 60).padStart(2, '0'),
      })}
    </option>
  ));
}

/** A new meeting: the start typed in Paris time whatever this computer's zone. */
function PlanForm({ group, onPlanned }: { group: Group; onPlanned: () => void }) {
  const { t } = useTranslation('relay');
  const [startsAt, setStartsAt] = useState('');
  const [duration, setDuration] = useState('150');
  const [mode, setMode] = useState<MeetingMode>('IN_PERSON');
  const [place, setPlace] = useState(group.meetingPlace ?? '');
  const [link, setLink] = useState('');
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState(false);
  const [{ fetching }, plan] = useMutation(PlanMeetingDocument);
  // One meeting per tap: a double tap would plan two and invite the group twice.
  const planOnce = useOneAtATime(async () => {
    setProblem(null);
    setDone(false);
    if (!startsAt) {
      setProblem({ code: 'BAD_USER_INPUT', field: 'startsAt', message: t('plan.startsAtMissing') });
      return;
    }
    const result = await plan({
      groupId: group.id,
      startsAt: parisInstant(startsAt),
      durationMinutes: Number(duration),
      mode,
      place: mode === 'REMOTE' ? null : place,
      link: mode === 'IN_PERSON' ? null : link,
      title: title || null,
    });
    if (result.error) {
      setProblem(problemOf(result.error));
      return;
    }
    setDone(true);
    setStartsAt('');
    setTitle('');
    onPlanned();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void planOnce();
  };
  return (
    <section className="card" aria-labelledby="plan-new">
      <h2 id="plan-new">{t('plan.newMeeting')}</h2>
      <form noValidate onSubmit={submit}>
        <Field
          label={t('plan.startsAt')}
          name="startsAt"
          type="datetime-local"
          required
          value={startsAt}
          onChange={(event) => setStartsAt(event.target.value)}
          problem={problem}
        />
        <SelectField
          label={t('plan.duration')}
          name="durationMinutes"
          value={duration}
          onChange={setDuration}
        >
          <DurationOptions />
        </SelectField>
        <SelectField
          label={t('plan.mode')}
          name="mode"
          value={mode}
          onChange={(value) => setMode(value as MeetingMode)}
        >
          {MODES.map((value) => (
            <option key={value} value={value}>
              {t(`plan.modes.${value}`)}
            </option>
          ))}
        </SelectField>
        {mode !== 'REMOTE' && (
          <Field
            label={t('plan.place')}
            name="place"
            value={place}
            onChange={(event) => setPlace(event.target.value)}
            problem={problem}
          />
        )}
        {mode !== 'IN_PERSON' && (
          <Field
            label={t('plan.link')}
            name="link"
            type="url"
            inputMode="url"
            value={link}
            onChange={(event) => setLink(event.target.value)}
            problem={problem}
          />
        )}
        <Field
          label={t('plan.meetingTitle')}
          name="title"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          problem={problem}
        />
        <FormProblem problem={problem} fields={['startsAt', 'place', 'link', 'title']} />
        {done && (
          <Notice tone="success">
            <p>{t('plan.plannedDone')}</p>
          </Notice>
        )}
        <button type="submit" className="button" disabled={fetching}>
          {t('plan.submit')}
        </button>
      </form>
    </section>
  );
}

function MeetingRow({
  meeting,
  members,
  nameOf,
  onChange,
}: {
  meeting: YearMeeting;
  members: Group['memberships'];
  nameOf: Names;
  onChange: () => void;
}) {
  const { t } = useTranslation('relay');
  const [open, setOpen] = useState<'move' | 'cancel' | 'assign' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [, removeRole] = useMutation(RemoveMeetingRoleDocument);
  const [reminding, remind] = useMutation(RemindMeetingMembersDocument);
  const remindOnce = useOneAtATime(async () => {
    setProblem(null);
    setNotice(null);
    const result = await remind({ meetingId: meeting.id });
    if (result.error) setProblem(problemOf(result.error));
    else setNotice(t('plan.reminded', { count: result.data?.remindMeetingMembers ?? 0 }));
  });
  const now = useNow(60_000);
  const answered = meeting.rsvps.filter((rsvp) =>
    members.some((membership) => membership.memberId === rsvp.memberId),
  ).length;
  const unanswered = members.length - answered;
  const upcoming = meeting.status === 'PLANNED' && new Date(meeting.startsAt).getTime() > now;
  const editable = meeting.status === 'PLANNED' && !meeting.sheetClosedAt;
  const toggle = (panel: typeof open) => {
    setProblem(null);
    setNotice(null);
    setOpen(open === panel ? null : panel);
  };
  const done = (message?: string) => {
    setOpen(null);
    setNotice(message ?? null);
    onChange();
  };
  const sorted = [...meeting.roles].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  return (
    <li>
      <div className="plan-row">
        <span>
          <strong>{formatDateTime(meeting.startsAt)}</strong>
          {meeting.title ? ` · ${meeting.title}` : ''}
        </span>
        <span
          className={`badge ${meeting.status === 'CANCELLED' ? 'warn' : meeting.status === 'HELD' ? 'ok' : ''}`}
        >
          {t(`plan.statuses.${meeting.status}`)}
        </span>
      </div>
      {meeting.status !== 'CANCELLED' && (
        <ul className="plan-roles">
          {ROLES.filter((role) => !sorted.some((r) => r.role === role)).map((role) => (
            <li key={role} className="meta">
              {t(`plan.roles.${role}`)} : {t('plan.nobody')}
            </li>
          ))}
          {sorted.map((role) => (
            <li key={role.id} className="role-chip">
              {t(`plan.roles.${role.role}`)} : {nameOf(role.memberId)}
              {editable && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('plan.removeRole', {
                    name: nameOf(role.memberId),
                    role: t(`plan.roles.${role.role}`),
                  })}
                  onClick={async () => {
                    setProblem(null);
                    const result = await removeRole({ id: role.id });
                    if (result.error) setProblem(problemOf(result.error));
                    else done();
                  }}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {upcoming && (
        <p className="meta">{t('plan.answers', { answered, members: members.length })}</p>
      )}
      <div className="actions">
        <Link className="button secondary" href={`/meetings/${meeting.id}`}>
          {t('plan.open')}
        </Link>
        {upcoming && unanswered > 0 && (
          <button
            type="button"
            className="button secondary"
            disabled={reminding.fetching}
            onClick={() => void remindOnce()}
          >
            {t('plan.remind', { count: unanswered })}
          </button>
        )}
        {editable && (
          <>
            <Link className="button secondary" href={`/meetings/${meeting.id}/run`}>
              {t('plan.run')}
            </Link>
            {(['assign', 'move', 'cancel'] as const).map((panel) => (
              <button
                key={panel}
                type="button"
                className="button secondary"
                aria-expanded={open === panel}
                onClick={() => toggle(panel)}
              >
                {t(`plan.${panel}`)}
              </button>
            ))}
          </>
        )}
      </div>
      {open === 'assign' && (
        <AssignForm meetingId={meeting.id} members={members} onDone={() => done()} />
      )}
      {open === 'move' && <MoveForm meeting={meeting} onDone={() => done(t('plan.moved'))} />}
      {open === 'cancel' && (
        <CancelForm meeting={meeting} onDone={() => done(t('plan.cancelled'))} />
      )}
      {notice && (
        <Notice tone="success">
          <p>{notice}</p>
        </Notice>
      )}
      {problem && <ErrorNotice problem={problem} />}
    </li>
  );
}

function AssignForm({
  meetingId,
  members,
  onDone,
}: {
  meetingId: string;
  members: Group['memberships'];
  onDone: () => void;
}) {
  const { t } = useTranslation('relay');
  const [role, setRole] = useState<SessionRole>('ANIMATOR');
  const [memberId, setMemberId] = useState(members[0]?.memberId ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [{ fetching }, assign] = useMutation(AssignMeetingRoleDocument);
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setProblem(null);
        const result = await assign({ meetingId, memberId, role });
        if (result.error) setProblem(problemOf(result.error));
        else onDone();
      }}
    >
      <SelectField
        label={t('plan.assignRole')}
        name={`role-${meetingId}`}
        value={role}
        onChange={(value) => setRole(value as SessionRole)}
      >
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {t(`plan.roles.${value}`)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('plan.assignMember')}
        name={`member-${meetingId}`}
        value={memberId}
        onChange={setMemberId}
      >
        {members.map((m) => (
          <option key={m.memberId} value={m.memberId}>
            {fullName(m.member)}
          </option>
        ))}
      </SelectField>
      {problem && <ErrorNotice problem={problem} />}
      <button type="submit" className="button" disabled={fetching || !memberId}>
        {t('plan.assignSave')}
      </button>
    </form>
  );
}

function MoveForm({ meeting, onDone }: { meeting: YearMeeting; onDone: () => void }) {
  const { t } = useTranslation('relay');
  const [startsAt, setStartsAt] = useState(() => parisLocal(meeting.startsAt));
  const [duration, setDuration] = useState(String(meeting.durationMinutes));
  const [problem, setProblem] = useState<Problem | null>(null);
  const [{ fetching }, move] = useMutation(MoveMeetingDocument);
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setProblem(null);
        if (!startsAt) {
          setProblem({
            code: 'BAD_USER_INPUT',
            field: 'startsAt',
            message: t('plan.startsAtMissing'),
          });
          return;
        }
        if (fetching) return;
        const result = await move({
          id: meeting.id,
          version: meeting.version,
          startsAt: parisInstant(startsAt),
          durationMinutes: Number(duration),
        });
        if (result.error) setProblem(problemOf(result.error));
        else onDone();
      }}
    >
      <Field
        label={t('plan.startsAt')}
        name="startsAt"
        type="datetime-local"
        required
        value={startsAt}
        onChange={(event) => setStartsAt(event.target.value)}
        problem={problem}
      />
      <SelectField
        label={t('plan.duration')}
        name={`duration-${meeting.id}`}
        value={duration}
        onChange={setDuration}
      >
        <DurationOptions />
        {!DURATIONS.includes(meeting.durationMinutes) && (
          <option value={meeting.durationMinutes}>{meeting.durationMinutes} min</option>
        )}
      </SelectField>
      <FormProblem problem={problem} fields={['startsAt']} />
      <button type="submit" className="button" disabled={fetching}>
        {t('plan.moveSave')}
      </button>
    </form>
  );
}

function CancelForm({ meeting, onDone }: { meeting: YearMeeting; onDone: () => void }) {
  const { t } = useTranslation('relay');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [{ fetching }, cancel] = useMutation(CancelMeetingDocument);
  return (
    <form
      className="inline-form"
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        setProblem(null);
        const result = await cancel({ id: meeting.id, version: meeting.version, reason });
        if (result.error) setProblem(problemOf(result.error));
        else onDone();
      }}
    >
      <Field
        label={t('plan.cancelReason')}
        name="reason"
        multiline
        rows={2}
        required
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        problem={problem}
      />
      <FormProblem problem={problem} fields={['reason']} />
      <button type="submit" className="button danger" disabled={fetching}>
        {t('plan.cancelYes')}
      </button>
    </form>
  );
}

function RotationCard({
  groupId,
  year,
  nameOf,
  changes,
  onApplied,
}: {
  groupId: string;
  year: number;
  nameOf: Names;
  /** Counts the page's changes: the proposals are read again after each. */
  changes: number;
  onApplied: () => void;
}) {
  const { t } = useTranslation('relay');
  const [{ data, error }, reload] = useQuery({
    query: RotationProposalDocument,
    variables: { groupId, year },
    requestPolicy: 'network-only',
  });
  const [{ fetching }, apply] = useMutation(ApplyRotationDocument);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [accepted, setAccepted] = useState(false);
  const plan = data?.rotationProposal;
  const reloadRef = useRef(reload);
  useEffect(() => {
    reloadRef.current = reload;
  });
  useEffect(() => {
    if (changes > 0) reloadRef.current({ requestPolicy: 'network-only' });
  }, [changes]);
  return (
    <section className="card" aria-labelledby="plan-rotation">
      <h2 id="plan-rotation">{t('plan.rotation')}</h2>
      <p>{t('plan.rotationIntro')}</p>
      {error && !data && <ErrorNotice problem={problemOf(error)} onRetry={() => reload()} />}
      {!plan && !error && <Loading />}
      {plan && plan.proposals.length === 0 && <p className="meta">{t('plan.noProposal')}</p>}
      {plan && plan.proposals.length > 0 && (
        <>
          <div className="table-scroll">
            <table className="simple">
              <thead>
                <tr>
                  <th scope="col">{t('plan.startsAt')}</th>
                  <th scope="col">{t('plan.roles.ANIMATOR')}</th>
                  <th scope="col">{t('plan.roles.SECRETARY')}</th>
                  <th scope="col">{t('plan.roles.PRESENTER')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.proposals.map((proposal) => (
                  <tr key={proposal.meetingId}>
                    <td>{formatDateTime(proposal.startsAt)}</td>
                    <td>{nameOf(proposal.animatorId)}</td>
                    <td>{nameOf(proposal.secretaryId)}</td>
                    <td>{proposal.presenterIds.map((id) => nameOf(id)).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="actions">
            <button
              type="button"
              className="button"
              disabled={fetching}
              onClick={async () => {
                setProblem(null);
                setAccepted(false);
                const result = await apply({ groupId, year });
                if (result.error) {
                  setProblem(problemOf(result.error));
                  return;
                }
                setAccepted(true);
                onApplied();
              }}
            >
              {t('plan.accept')}
            </button>
          </p>
        </>
      )}
      {accepted && (
        <Notice tone="success">
          <p>{t('plan.accepted')}</p>
        </Notice>
      )}
      {problem && <ErrorNotice problem={problem} />}
      {plan && plan.uncovered.length > 0 && (
        <>
          <h3>{t('plan.uncovered')}</h3>
          <ul>
            {plan.uncovered.map((item) => (
              <li key={`${item.memberId}-${item.role}`}>{item.message}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
