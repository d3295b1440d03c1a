/**
 * Meeting reports (comptes-rendus), references, improvement actions, the binôme's feedback and
 * the annual self-evaluation: vocabulary and rules shared by the API, the console and the portal.
 */

/** DRAFT (the secretary writes) → SUBMITTED_FOR_REVIEW (attendees amend, approve) → VALIDATED. */
export const REPORT_STATUSES = ['DRAFT', 'SUBMITTED_FOR_REVIEW', 'VALIDATED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** How a group validates its reports: every attendee (default) or a majority of them. */
export const REPORT_VALIDATION_RULES = ['ALL', 'MAJORITY'] as const;
export type ReportValidationRule = (typeof REPORT_VALIDATION_RULES)[number];

/** The structured sections of a report, with their French labels and length limits. */
export const REPORT_SECTIONS = {
  casesDiscussed: { label: 'Les cas présentés', min: 0, max: 20000 },
  problemsIdentified: { label: 'Les problèmes identifiés', min: 0, max: 20000 },
  groupAnswers: { label: 'Les réponses du groupe', min: 0, max: 20000 },
  agreementPoints: { label: 'Les points d’accord', min: 0, max: 20000 },
  disagreementPoints: { label: 'Les points de désaccord', min: 0, max: 20000 },
} as const;
export type ReportSection = keyof typeof REPORT_SECTIONS;
export const REPORT_SECTION_NAMES = Object.keys(REPORT_SECTIONS) as ReportSection[];

/**
 * Whether approvals validate a report: all attendees by default, or more than half of them.
 * Approvals count only from attendees (those who signed the sheet); nobody attending means no
 * validation.
 */
export function reportValidationMet(
  rule: ReportValidationRule,
  attendeeIds: readonly string[],
  approverIds: readonly string[],
): boolean {
  const attendees = new Set(attendeeIds);
  if (attendees.size === 0) return false;
  const approved = new Set(approverIds.filter((id) => attendees.has(id))).size;
  return rule === 'ALL' ? approved === attendees.size : approved * 2 > attendees.size;
}

/** The sections that differ between two texts (for a CONFLICT: what the other writer changed). */
export function changedSections<T extends Record<ReportSection, string>>(
  before: T,
  after: T,
): ReportSection[] {
  return REPORT_SECTION_NAMES.filter((section) => before[section] !== after[section]);
}

export const REFERENCE_KINDS = ['SCIENTIFIC', 'REGULATORY', 'PRACTICE_GUIDELINE'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** A DOI as written (10.xxxx/…), accepting a doi.org link or a « doi: » prefix. */
export function normalizeDoi(raw: string): string | null {
  const doi = raw
    .trim()
    .replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  return /^10\.\d{4,9}\/\S+$/.test(doi) ? doi : null;
}

export const ACTION_STATUSES = ['PROPOSED', 'IN_PROGRESS', 'DONE', 'ABANDONED'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** DRAFT (the binôme writes, the other may co-sign) → SENT (the group reads) → DISCUSSED. */
export const FEEDBACK_STATUSES = ['DRAFT', 'SENT', 'DISCUSSED'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/**
 * Where an item of the loop stands, as the binôme's queue and the group's page show it: waiting
 * for the binôme until feedback is sent, then sent, then discussed by the group.
 */
export const LOOP_STATUSES = ['WAITING_FOR_BINOME', 'FEEDBACK_SENT', 'DISCUSSED'] as const;
export type LoopStatus = (typeof LOOP_STATUSES)[number];

export function loopStatus(feedbackStatuses: readonly FeedbackStatus[]): LoopStatus {
  const sent = feedbackStatuses.filter((status) => status !== 'DRAFT');
  if (sent.length === 0) return 'WAITING_FOR_BINOME';
  return sent.every((status) => status === 'DISCUSSED') ? 'DISCUSSED' : 'FEEDBACK_SENT';
}

/** Feedback asks, it does not judge (the charter): each question is a question. */
export const FEEDBACK_LIMITS = { questions: 30, question: 1000, remarks: 10000 } as const;

/** A feedback question is a question: it ends with « ? » (checked by the API and the console). */
export function isFeedbackQuestion(text: string): boolean {
  return text.trim().endsWith('?');
}

/**
 * The annual self-evaluation: the group evaluates its collective work (scale 1–4) and may comment.
 * Questions are data: a new year may add some, answers are kept per year.
 */
export const SELF_EVALUATION_SCALE = [1, 2, 3, 4] as const;
export const SELF_EVALUATION_SCALE_LABELS = {
  fr: ['Pas du tout', 'Plutôt non', 'Plutôt oui', 'Tout à fait'],
  en: ['Not at all', 'Rather not', 'Rather yes', 'Fully'],
} as const;
export const SELF_EVALUATION_QUESTIONS = [
  {
    code: 'PROGRAMME',
    fr: 'Le groupe a tenu le programme de réunions prévu.',
    en: 'The group held its planned meetings.',
  },
  {
    code: 'ROTATION',
    fr: 'Les rôles (animation, secrétariat, présentation) ont tourné entre tous les membres.',
    en: 'Roles (animator, secretary, presenter) rotated among all members.',
  },
  {
    code: 'CASES',
    fr: 'Les cas présentés reflétaient la pratique réelle des membres.',
    en: 'The cases presented reflected the members’ actual practice.',
  },
  {
    code: 'REFERENCES',
    fr: 'Les échanges se sont appuyés sur des références (scientifiques, réglementaires, recommandations).',
    en: 'Discussions relied on references (scientific, regulatory, guidelines).',
  },
  {
    code: 'DIVERGENCES',
    fr: 'Les désaccords ont pu s’exprimer et ont été consignés.',
    en: 'Disagreements could be voiced and were recorded.',
  },
  {
    code: 'REPORTS',
    fr: 'Les comptes-rendus ont été rédigés et validés dans des délais utiles.',
    en: 'Reports were written and validated in good time.',
  },
  {
    code: 'BINOME',
    fr: 'Les retours du binôme ont été discutés et ont enrichi la réflexion du groupe.',
    en: 'The binôme’s feedback was discussed and enriched the group’s thinking.',
  },
  {
    code: 'ACTIONS',
    fr: 'Les actions d’amélioration décidées ont été suivies.',
    en: 'The improvement actions decided were followed up.',
  },
] as const;
export type SelfEvaluationCode = (typeof SELF_EVALUATION_QUESTIONS)[number]['code'];
