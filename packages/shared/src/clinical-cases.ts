/** Clinical cases (cas cliniques / situations de travail), see DOMAIN.md. */
export const CASE_ORIGINS = ['GROUP', 'QMCP'] as const;
export type CaseOrigin = (typeof CASE_ORIGINS)[number];

export const SITUATION_KINDS = [
  'MEDICAL_EXAMINATION',
  'WORKPLACE_STUDY',
  'OTHER_THIRD_TIME',
] as const;
export type SituationKind = (typeof SITUATION_KINDS)[number];

/** DRAFT (the author's only) → PRESENTED (at a meeting) → SUBMITTED_TO_BINOME (its binôme reads it). */
export const CASE_STATUSES = ['DRAFT', 'PRESENTED', 'SUBMITTED_TO_BINOME'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const LINK_STRENGTHS = ['STRONG', 'MODERATE', 'WEAK', 'NONE'] as const;
export type LinkStrength = (typeof LINK_STRENGTHS)[number];

/** The structured sections of a case, with their French labels and length limits. */
export const CASE_SECTIONS = {
  title: { label: 'Le titre', min: 3, max: 200 },
  workSituation: { label: 'La situation de travail', min: 0, max: 20000 },
  clinicalDiagnosis: { label: 'Le diagnostic clinique', min: 0, max: 20000 },
  exposures: { label: 'Les expositions et la traçabilité', min: 0, max: 20000 },
  healthWorkLink: { label: 'L’argumentaire du lien santé–travail', min: 0, max: 20000 },
  informationAndAlert: { label: 'L’information délivrée et l’alerte', min: 0, max: 20000 },
  questionsRaised: { label: 'Les questions soulevées', min: 0, max: 20000 },
} as const;
export type CaseSection = keyof typeof CASE_SECTIONS;
