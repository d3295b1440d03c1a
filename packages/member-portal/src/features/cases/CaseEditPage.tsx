import { CASE_SECTIONS, subject, type CaseSection } from '@epairs/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation, useQuery } from 'urql';
import { Link, useLocation, useParams } from 'wouter';
import { usePermissions } from '../../auth/permissions';
import { formatDate, formatDateTime } from '../../common/dates';
import { problemOf } from '../../common/errors';
import { guardWarning, useGuard } from '../../common/guard/useGuard';
import { SectionMerge, type Choice, type MergeSection } from '../../common/merge/SectionMerge';
import { extensionsOf, fieldProblemsOf, isRefusal } from '../../common/problems';
import { useLatest, useOneAtATime } from '../../common/useLatest';
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
  CaseEditDocument,
  CaseGroupDocument,
  CreateCaseDocument,
  PresentCaseDocument,
  SubmitCaseDocument,
  UpdateCaseDocument,
  type CaseFieldsFragment,
  type CaseGroupQuery,
  type CaseOrigin,
  type ClinicalCaseInput,
  type DrawMode,
  type LinkStrength,
  type SituationKind,
} from './operations.generated';
import './cases.css';
import './strings';

const SECTIONS = Object.keys(CASE_SECTIONS) as CaseSection[];
const TEXT_SECTIONS = SECTIONS.filter((section) => section !== 'title');
const ORIGINS: CaseOrigin[] = ['GROUP', 'QMCP'];
const SITUATION_KINDS: SituationKind[] = [
  'MEDICAL_EXAMINATION',
  'WORKPLACE_STUDY',
  'OTHER_THIRD_TIME',
];
const LINK_STRENGTHS: LinkStrength[] = ['STRONG', 'MODERATE', 'WEAK', 'NONE'];
const DRAW_MODES: DrawMode[] = ['RANDOM', 'THEMATIC'];

interface Draft extends Record<CaseSection, string> {
  origin: CaseOrigin;
  situationKind: SituationKind;
  linkStrength: LinkStrength | '';
  drawMode: DrawMode | '';
  themeIds: string[];
}

const draftOf = (found: CaseFieldsFragment | null): Draft => ({
  ...(Object.fromEntries(SECTIONS.map((section) => [section, found?.[section] ?? ''])) as Record<
    CaseSection,
    string
  >),
  origin: found?.origin ?? 'GROUP',
  situationKind: found?.situationKind ?? 'MEDICAL_EXAMINATION',
  linkStrength: found?.linkStrength ?? '',
  drawMode: found?.drawMode ?? '',
  themeIds: found?.themes.map((theme) => theme.id) ?? [],
});

const inputOf = (draft: Draft): ClinicalCaseInput => ({
  ...(Object.fromEntries(SECTIONS.map((section) => [section, draft[section]])) as Record<
    CaseSection,
    string
  >),
  origin: draft.origin,
  situationKind: draft.situationKind,
  linkStrength: draft.linkStrength || null,
  drawMode: draft.drawMode || null,
  themeIds: draft.themeIds,
});

const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/** The case just created: its page opens saying « Enregistré ». */
let justCreated: string | null = null;

function Refused({ groupId, message }: { groupId: string; message: string }) {
  const { t } = useTranslation('cases');
  return (
    <Page title={t('titleRead')}>
      <div className="notice notice-error" role="alert">
        <p>{message}</p>
      </div>
      <Link className="button secondary" href={`/groups/${groupId}`}>
        {t('backToGroup')}
      </Link>
    </Page>
  );
}

/**
 * A case of the group: its author writes and edits it while a draft (the pseudonymisation guard
 * warns while typing; the API's refusal shows under the field it names), declares it presented,
 * sends it to the binôme. Others of the group read it. A stale save shows both texts to merge.
 */
export default function CaseEditPage() {
  const { t } = useTranslation('cases');
  const params = useParams<{ groupId: string; caseId?: string }>();
  const groupId = params.groupId;
  const caseId = params.caseId;
  const [group, reloadGroup] = useQuery({ query: CaseGroupDocument, variables: { groupId } });
  const [found, reloadCase] = useQuery({
    query: CaseEditDocument,
    variables: { id: caseId ?? '' },
    pause: !caseId,
  });
  const refused = caseId
    ? isRefusal(found.error) ||
      (found.data && (!found.data.ClinicalCase || found.data.ClinicalCase.groupId !== groupId))
    : isRefusal(group.error) || (group.data && !group.data.PeerGroup);
  if (refused) {
    return <Refused groupId={groupId} message={caseId ? t('refused') : t('refusedGroup')} />;
  }
  const error = found.error ?? group.error;
  const title = caseId ? t('titleEdit') : t('titleNew');
  if (error) {
    return (
      <Page title={title}>
        <ErrorNotice
          problem={problemOf(error)}
          onRetry={() => {
            reloadGroup();
            if (caseId) reloadCase();
          }}
        />
      </Page>
    );
  }
  if (!group.data || (caseId && !found.data)) {
    return <Page title={title}>{<Loading />}</Page>;
  }
  const current = found.data?.ClinicalCase ?? null;
  return (
    <CaseForm key={current?.id ?? 'new'} groupId={groupId} group={group.data} initial={current} />
  );
}

function CaseForm({
  groupId,
  group,
  initial,
}: {
  groupId: string;
  group: CaseGroupQuery;
  initial: CaseFieldsFragment | null;
}) {
  const { t, i18n } = useTranslation('cases');
  const { ability } = usePermissions();
  const client = useClient();
  const [, navigate] = useLocation();
  const [base, setBase] = useState<CaseFieldsFragment | null>(initial);
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [saved, setSaved] = useState(() => initial !== null && justCreated === initial.id);
  const [merge, setMerge] = useState<MergeSection[] | null>(null);
  const [meetingId, setMeetingId] = useState('');
  // The page's time, read once: which meetings have been held.
  const [now] = useState(() => Date.now());
  const [created, create] = useMutation(CreateCaseDocument);
  const [updated, update] = useMutation(UpdateCaseDocument);
  const [presented, present] = useMutation(PresentCaseDocument);
  const [submitted, submit] = useMutation(SubmitCaseDocument);
  const [saveError, setSaveError] = useState<typeof updated.error>(undefined);
  const me = group.myMember.id;
  const peerGroup = group.PeerGroup!;
  const latestDraft = useLatest(draft);
  const findings = useGuard(
    Object.fromEntries(SECTIONS.map((section) => [section, draft[section]])),
  );

  const record = base
    ? {
        id: base.id,
        societyId: base.societyId,
        groupId: base.groupId,
        authorMemberId: base.authorMemberId,
        status: base.status,
      }
    : { id: '', societyId: peerGroup.societyId, groupId, authorMemberId: me, status: 'DRAFT' };
  const editable = base
    ? ability.can('update', subject('ClinicalCase', record)) && !base.confidential
    : ability.can('create', subject('ClinicalCase', record));
  const mine = record.authorMemberId === me;
  const dirty = !sameDraft(draft, draftOf(base));
  const saving = created.fetching || updated.fetching;
  const problems = fieldProblemsOf(saveError);
  const fieldNames = [...SECTIONS, 'themeIds', 'origin', 'situationKind'];
  const pageTitle = !base ? t('titleNew') : mine ? t('titleEdit') : t('titleRead');

  const change = (patch: Partial<Draft>) => {
    setDraft((previous) => ({ ...previous, ...patch }));
    setSaved(false);
  };

  /** A stale version: read the saved case, and put each section the other writer changed to merge. */
  async function startMerge(mineNow: Draft) {
    const fresh = await client
      .query(CaseEditDocument, { id: base!.id }, { requestPolicy: 'network-only' })
      .toPromise();
    const theirs = fresh.data?.ClinicalCase;
    if (!theirs) {
      setSaveError(fresh.error);
      return;
    }
    const read = draftOf(base);
    const saved = draftOf(theirs);
    const sections = SECTIONS.filter((section) => saved[section] !== read[section]).map(
      (section): MergeSection => ({
        name: section,
        label: t(`sections.${section}`),
        mine: mineNow[section],
        theirs: saved[section],
        // What I did not touch takes theirs; what I rewrote stays mine until I choose.
        choice: mineNow[section] === read[section] ? 'theirs' : 'mine',
      }),
    );
    // The other fields: mine where I changed them, else theirs.
    const keep = <K extends keyof Draft>(key: K): Draft[K] =>
      JSON.stringify(mineNow[key]) === JSON.stringify(read[key]) ? saved[key] : mineNow[key];
    const merged: Draft = {
      ...mineNow,
      origin: keep('origin'),
      situationKind: keep('situationKind'),
      linkStrength: keep('linkStrength'),
      drawMode: keep('drawMode'),
      themeIds: keep('themeIds'),
    };
    for (const section of sections) {
      merged[section.name as CaseSection] =
        section.choice === 'mine' ? section.mine : section.theirs;
    }
    setBase(theirs);
    setDraft(merged);
    setMerge(sections);
  }

  // One save at a time: a double tap or Enter twice must not create the case twice.
  const save = useOneAtATime(saveOnce);

  async function saveOnce() {
    setSaved(false);
    setSaveError(undefined);
    const input = inputOf(draft);
    if (!base) {
      const result = await create({ groupId, input });
      if (result.error || !result.data) {
        setSaveError(result.error);
        return;
      }
      justCreated = result.data.createClinicalCase.id;
      navigate(`/groups/${groupId}/cases/${result.data.createClinicalCase.id}`, { replace: true });
      return;
    }
    const snapshot = draft;
    const result = await update({ id: base.id, version: base.version, input });
    if (result.error || !result.data) {
      const conflict = extensionsOf<{ currentVersion: number }>(result.error);
      if (problemOf(result.error).code === 'CONFLICT' && conflict.currentVersion !== undefined) {
        // Merged from what is on the screen now, including what was typed during the save.
        await startMerge(latestDraft.current);
        return;
      }
      setSaveError(result.error);
      return;
    }
    const next = result.data.updateClinicalCase;
    const mine = latestDraft.current;
    setBase(next);
    setDraft(sameDraft(mine, snapshot) ? draftOf(next) : mine);
    setMerge(null);
    setSaved(true);
  }

  function choose(name: string, choice: Choice) {
    const section = merge?.find((candidate) => candidate.name === name);
    if (!section) return;
    change({ [name]: choice === 'mine' ? section.mine : section.theirs });
    setMerge((sections) =>
      (sections ?? []).map((candidate) =>
        candidate.name === name ? { ...candidate, choice } : candidate,
      ),
    );
  }

  const themeLabel = (theme: CaseGroupQuery['allThemes'][number]) =>
    i18n.language === 'en' ? theme.labelEn : theme.labelFr;
  const pastMeetings = group.allMeetings.filter(
    (meeting) => new Date(meeting.startsAt).getTime() <= now,
  );
  const moveError = presented.error ?? submitted.error;

  if (!editable) {
    return (
      <Page title={pageTitle}>
        <CaseHeader found={base!} />
        {base!.confidential ? (
          <Notice>
            <p>{t('confidential')}</p>
          </Notice>
        ) : (
          <article className="card case-read">
            <h2>{base!.title}</h2>
            {TEXT_SECTIONS.map((section) => (
              <section key={section}>
                <h3>{t(`sections.${section}`)}</h3>
                <p className="case-text">{base![section] || t('empty')}</p>
              </section>
            ))}
            {base!.linkStrength && (
              <p>
                <strong>{t('linkStrength')} :</strong> {t(`linkStrengths.${base!.linkStrength}`)}
              </p>
            )}
          </article>
        )}
        {mine && base!.status === 'DRAFT' ? null : base!.status === 'DRAFT' ? (
          <p className="meta">{t('readOnlyDraft')}</p>
        ) : (
          mine && <p className="meta">{t('frozen')}</p>
        )}
        {mine &&
          base!.status === 'PRESENTED' &&
          ability.can('submit', subject('ClinicalCase', record)) && (
            <section className="card">
              <p>{t('submitHint')}</p>
              {moveError && <ErrorNotice problem={problemOf(moveError)} />}
              <button
                type="button"
                className="button"
                disabled={submitted.fetching}
                onClick={async () => {
                  const result = await submit({ id: base!.id, version: base!.version });
                  if (result.data) setBase(result.data.submitClinicalCase);
                }}
              >
                {t('submit')}
              </button>
            </section>
          )}
      </Page>
    );
  }

  return (
    <Page title={pageTitle}>
      {base && <CaseHeader found={base} />}
      {peerGroup.status !== 'ACTIVE' && (
        <Notice tone="warning">
          <p>{t('groupInactive')}</p>
        </Notice>
      )}
      {merge && <SectionMerge sections={merge} onChoose={choose} onSave={save} saving={saving} />}
      <form
        className="case-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Field
          label={t('sections.title')}
          name="title"
          hint={t('hints.title')}
          value={draft.title}
          maxLength={CASE_SECTIONS.title.max}
          required
          onChange={(event) => change({ title: event.target.value })}
          problem={problems.title}
          warning={guardWarning(findings.title)}
        />
        <div className="case-grid">
          <Select
            label={t('origin')}
            value={draft.origin}
            options={ORIGINS.map((value) => [value, t(`origins.${value}`)])}
            onChange={(value) => change({ origin: value as CaseOrigin })}
          />
          <Select
            label={t('situationKind')}
            value={draft.situationKind}
            options={SITUATION_KINDS.map((value) => [value, t(`situationKinds.${value}`)])}
            onChange={(value) => change({ situationKind: value as SituationKind })}
          />
        </div>
        {TEXT_SECTIONS.map((section) => (
          <Field
            key={section}
            label={t(`sections.${section}`)}
            name={section}
            hint={section === 'workSituation' ? t('hints.workSituation') : undefined}
            multiline
            rows={section === 'questionsRaised' ? 3 : 5}
            maxLength={CASE_SECTIONS[section].max}
            value={draft[section]}
            onChange={(event) => change({ [section]: event.target.value })}
            problem={problems[section]}
            warning={guardWarning(findings[section])}
          />
        ))}
        <div className="case-grid">
          <Select
            label={t('linkStrength')}
            value={draft.linkStrength}
            options={[
              ['', t('linkStrengths.none')],
              ...LINK_STRENGTHS.map((value): [string, string] => [
                value,
                t(`linkStrengths.${value}`),
              ]),
            ]}
            onChange={(value) => change({ linkStrength: value as LinkStrength | '' })}
          />
          <Select
            label={t('drawMode')}
            value={draft.drawMode}
            options={[
              ['', t('drawModes.none')],
              ...DRAW_MODES.map((value): [string, string] => [value, t(`drawModes.${value}`)]),
            ]}
            onChange={(value) => change({ drawMode: value as DrawMode | '' })}
          />
        </div>
        <fieldset
          className="case-themes"
          aria-describedby={problems.themeIds ? 'case-themes-error' : undefined}
        >
          <legend>{t('themes')}</legend>
          {group.allThemes.map((theme) => {
            const checked = draft.themeIds.includes(theme.id);
            return (
              <label key={theme.id} className="choice">
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={!checked && draft.themeIds.length >= 3}
                  onChange={() =>
                    change({
                      themeIds: checked
                        ? draft.themeIds.filter((id) => id !== theme.id)
                        : [...draft.themeIds, theme.id],
                    })
                  }
                />
                <span>{themeLabel(theme)}</span>
              </label>
            );
          })}
          {draft.themeIds.length >= 3 && <p className="meta">{t('themesMax')}</p>}
          {problems.themeIds && (
            <p className="field-message" id="case-themes-error" role="alert">
              {problems.themeIds.message}
            </p>
          )}
        </fieldset>
        <FormProblem problem={saveError ? problemOf(saveError) : null} fields={fieldNames} />
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
        <div className="actions case-actions">
          <button type="submit" className="button big" disabled={saving}>
            {saving ? t('saving') : t('save')}
          </button>
          {dirty && base && <p className="meta">{t('unsaved')}</p>}
        </div>
      </form>
      {base &&
        mine &&
        base.status === 'DRAFT' &&
        ability.can('submit', subject('ClinicalCase', record)) && (
          <section className="card" aria-labelledby="case-present">
            <h2 id="case-present">{t('present')}</h2>
            <p className="meta">{t('presentHint')}</p>
            {moveError && <ErrorNotice problem={problemOf(moveError)} />}
            <Select
              label={t('presentMeeting')}
              value={meetingId}
              options={[
                ['', t('presentChoose')],
                ...pastMeetings.map((meeting): [string, string] => [
                  meeting.id,
                  `${formatDateTime(meeting.startsAt)}${meeting.title ? ` · ${meeting.title}` : ''}`,
                ]),
              ]}
              onChange={setMeetingId}
            />
            {dirty && <p className="meta">{t('saveFirst')}</p>}
            <button
              type="button"
              className="button secondary"
              disabled={!meetingId || dirty || presented.fetching}
              onClick={async () => {
                const result = await present({ id: base.id, version: base.version, meetingId });
                if (result.data) {
                  setBase(result.data.presentClinicalCase);
                  setDraft(draftOf(result.data.presentClinicalCase));
                }
              }}
            >
              {t('present')}
            </button>
          </section>
        )}
    </Page>
  );
}

function CaseHeader({ found }: { found: CaseFieldsFragment }) {
  const { t } = useTranslation('cases');
  return (
    <p className="meta case-status">
      <span className={found.status === 'DRAFT' ? 'badge warn' : 'badge ok'}>
        {t(`status.${found.status}`)}
      </span>{' '}
      {found.author &&
        t('by', { name: `${found.author.firstName ?? ''} ${found.author.lastName ?? ''}`.trim() })}
      {found.presentations.map((meeting) => (
        <span key={meeting.id}> · {t('presented', { date: formatDate(meeting.startsAt) })}</span>
      ))}
      {found.submittedAt && <> · {t('submitted', { date: formatDate(found.submittedAt) })}</>}
    </p>
  );
}

function Select({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  return (
    <SelectField label={label} value={value} onChange={onChange}>
      {options.map(([optionValue, optionLabel]) => (
        <option key={optionValue} value={optionValue}>
          {optionLabel}
        </option>
      ))}
    </SelectField>
  );
}
