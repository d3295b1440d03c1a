export const CONVENTION_STATUSES = [
  'DRAFT',
  'SENT',
  'SIGNED',
  'ACTIVE',
  'CLOSED',
  'CANCELLED',
] as const;
export type ConventionStatus = (typeof CONVENTION_STATUSES)[number];

/** DRAFT → SENT → SIGNED → ACTIVE → CLOSED, or CANCELLED before it is closed. */
export const CONVENTION_TRANSITIONS: Readonly<
  Record<ConventionStatus, readonly ConventionStatus[]>
> = {
  DRAFT: ['SENT', 'CANCELLED'],
  SENT: ['SIGNED', 'CANCELLED'],
  SIGNED: ['ACTIVE', 'CANCELLED'],
  ACTIVE: ['CLOSED', 'CANCELLED'],
  CLOSED: [],
  CANCELLED: [],
};

export function canMoveConvention(from: ConventionStatus, to: ConventionStatus): boolean {
  return CONVENTION_TRANSITIONS[from].includes(to);
}

/** Labels for the interfaces, French first. */
export const CONVENTION_STATUS_LABELS: Readonly<
  Record<ConventionStatus, { fr: string; en: string }>
> = {
  DRAFT: { fr: 'Brouillon', en: 'Draft' },
  SENT: { fr: 'Envoyée', en: 'Sent' },
  SIGNED: { fr: 'Signée', en: 'Signed' },
  ACTIVE: { fr: 'En cours', en: 'Active' },
  CLOSED: { fr: 'Close', en: 'Closed' },
  CANCELLED: { fr: 'Annulée', en: 'Cancelled' },
};
