import type { Profession } from './roles';
import type { Thresholds } from './thresholds';

export const GROUP_KINDS = ['GAPEP', 'GAPEM'] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];

export const ENTRY_POINTS = [
  'CASE_PRESENTATION',
  'RECOMMENDATION_DISCUSSION',
  'RECOMMENDATION_CONTRIBUTION',
] as const;
export type EntryPoint = (typeof ENTRY_POINTS)[number];

export const DRAW_MODES = ['RANDOM', 'THEMATIC'] as const;
export type DrawMode = (typeof DRAW_MODES)[number];

export const GROUP_STATUSES = [
  'FORMING',
  'SUBMITTED',
  'REGISTERED',
  'ACTIVE',
  'CLOSED',
  'SUSPENDED',
] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

export const GROUP_ROLES = ['MEMBER', 'RELAY'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/** How many correspondents accompany a registered group. */
export const BINOME_SIZE = 2;

/**
 * Status changes a group may go through, and who may make them: `submitGroupRegistration`
 * (FORMING → SUBMITTED), `registerGroup` by E-Pairs (SUBMITTED → REGISTERED), then the life of
 * the group. A refused registration goes back to FORMING.
 */
export const GROUP_TRANSITIONS: Readonly<Record<GroupStatus, readonly GroupStatus[]>> = {
  FORMING: ['SUBMITTED', 'CLOSED'],
  SUBMITTED: ['REGISTERED', 'FORMING', 'CLOSED'],
  REGISTERED: ['ACTIVE', 'SUSPENDED', 'CLOSED'],
  ACTIVE: ['SUSPENDED', 'CLOSED'],
  SUSPENDED: ['ACTIVE', 'CLOSED'],
  CLOSED: [],
};

export function canMoveGroup(from: GroupStatus, to: GroupStatus): boolean {
  return GROUP_TRANSITIONS[from].includes(to);
}

/** One current member of a group, as registration needs to know it. */
export interface RegistrationMember {
  name: string;
  profession: Profession;
  role: GroupRole;
  /** Has accepted the charter version in force. */
  charterAccepted: boolean;
  /** Has a convention (not cancelled) for the registration year. */
  hasConvention: boolean;
}

export type RegistrationProblemCode =
  | 'TOO_FEW_MEMBERS'
  | 'TOO_MANY_MEMBERS'
  | 'PROFESSION_RULE'
  | 'NO_RELAY_PERSON'
  | 'CHARTER_NOT_ACCEPTED'
  | 'NO_CONVENTION';

export interface RegistrationProblem {
  code: RegistrationProblemCode;
  message: string;
}

const names = (members: RegistrationMember[]) => members.map((member) => member.name).join(', ');

/**
 * Why a group may not be registered yet, one French reason per broken rule (empty when it may):
 * size within the society's bounds, the kind's profession rule (GAPEP: one profession; GAPEM:
 * physicians and nurses), a relay person named, the current charter accepted and a convention for
 * the year, by every member.
 */
export function registrationProblems(
  kind: GroupKind,
  members: RegistrationMember[],
  thresholds: Pick<Thresholds, 'minGroupMembers' | 'maxGroupMembers'>,
  year: number,
): RegistrationProblem[] {
  const problems: RegistrationProblem[] = [];
  const count = members.length;
  if (count < thresholds.minGroupMembers) {
    problems.push({
      code: 'TOO_FEW_MEMBERS',
      message: `Le groupe compte ${count} membre(s) ; il en faut au moins ${thresholds.minGroupMembers}.`,
    });
  }
  if (count > thresholds.maxGroupMembers) {
    problems.push({
      code: 'TOO_MANY_MEMBERS',
      message: `Le groupe compte ${count} membres ; il en faut au plus ${thresholds.maxGroupMembers}.`,
    });
  }
  const professions = new Set(members.map((member) => member.profession));
  if (kind === 'GAPEP' && professions.size > 1) {
    problems.push({
      code: 'PROFESSION_RULE',
      message:
        'Un GAPEP réunit une seule profession : médecins ou infirmiers, pas les deux (sinon, déclarez un GAPEM).',
    });
  }
  if (kind === 'GAPEM' && count > 0 && professions.size < 2) {
    problems.push({
      code: 'PROFESSION_RULE',
      message: 'Un GAPEM réunit médecins et infirmiers : il manque l’une des deux professions.',
    });
  }
  if (!members.some((member) => member.role === 'RELAY')) {
    problems.push({ code: 'NO_RELAY_PERSON', message: 'Aucune personne-relais n’est désignée.' });
  }
  const withoutCharter = members.filter((member) => !member.charterAccepted);
  if (withoutCharter.length > 0) {
    problems.push({
      code: 'CHARTER_NOT_ACCEPTED',
      message: `La charte en vigueur n’a pas été acceptée par : ${names(withoutCharter)}.`,
    });
  }
  const withoutConvention = members.filter((member) => !member.hasConvention);
  if (withoutConvention.length > 0) {
    problems.push({
      code: 'NO_CONVENTION',
      message: `Pas de convention ${year} pour : ${names(withoutConvention)}.`,
    });
  }
  return problems;
}
