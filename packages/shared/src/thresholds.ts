import type { FieldProblem } from './errors';

/** The yearly rules a society applies to its groups and members (DPC convention and charter). */
export interface Thresholds {
  /** Meetings a group holds in a year. */
  minMeetings: number;
  /** Hours of meetings a group holds in a year. */
  minHours: number;
  /** Meetings each member attends in a year. */
  minAttended: number;
  /** Smallest group that may register. */
  minGroupMembers: number;
  /** Largest group that may register. */
  maxGroupMembers: number;
}

/** E-Pairs' defaults: 6 meetings, 18 hours, 5 attended, groups of 5 to 12. */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  minMeetings: 6,
  minHours: 18,
  minAttended: 5,
  minGroupMembers: 5,
  maxGroupMembers: 12,
});

const LIMITS: Record<keyof Thresholds, { min: number; max: number; label: string }> = {
  minMeetings: { min: 1, max: 52, label: 'Le nombre minimal de réunions' },
  minHours: { min: 1, max: 200, label: "Le nombre minimal d'heures" },
  minAttended: { min: 1, max: 52, label: 'Le nombre minimal de présences' },
  minGroupMembers: { min: 2, max: 50, label: 'La taille minimale du groupe' },
  maxGroupMembers: { min: 2, max: 50, label: 'La taille maximale du groupe' },
};

/**
 * Checks a set of thresholds; returns one French message per faulty field (empty when valid).
 * The API refuses what this refuses; the console shows the same messages while typing.
 */
export function validateThresholds(thresholds: Thresholds): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, limit] of Object.entries(LIMITS) as [
    keyof Thresholds,
    (typeof LIMITS)[keyof Thresholds],
  ][]) {
    const value = thresholds[field];
    if (!Number.isInteger(value) || value < limit.min || value > limit.max) {
      problems.push({
        field,
        message: `${limit.label} doit être un entier entre ${limit.min} et ${limit.max}.`,
      });
    }
  }
  if (problems.length > 0) return problems;
  if (thresholds.minGroupMembers > thresholds.maxGroupMembers) {
    problems.push({
      field: 'maxGroupMembers',
      message: 'La taille maximale du groupe doit être supérieure ou égale à la taille minimale.',
    });
  }
  if (thresholds.minAttended > thresholds.minMeetings) {
    problems.push({
      field: 'minAttended',
      message: 'Le nombre minimal de présences ne peut dépasser le nombre minimal de réunions.',
    });
  }
  return problems;
}
