import type { FieldProblem } from './errors';

/** Length bounds of a password: long enough to resist guessing, bounded to cap hashing cost. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Checks a new password; returns the French problems (empty when acceptable).
 * Length over composition rules, as ANSSI and NIST advise.
 */
export function validateNewPassword(password: string, email?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push({
      field: 'password',
      message: `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`,
    });
  } else if (length > PASSWORD_MAX_LENGTH) {
    problems.push({
      field: 'password',
      message: `Le mot de passe ne peut dépasser ${PASSWORD_MAX_LENGTH} caractères.`,
    });
  } else if (new Set(password).size < 5) {
    problems.push({ field: 'password', message: 'Le mot de passe est trop répétitif.' });
  } else if (email && password.toLowerCase().includes(email.split('@')[0]!.toLowerCase())) {
    problems.push({
      field: 'password',
      message: "Le mot de passe ne doit pas contenir l'identifiant de l'adresse e-mail.",
    });
  }
  return problems;
}

/** Canonical form of an e-mail address for storage and look-up. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A deliberately plain check (one @, a dot in the domain, no spaces); delivery proves the rest. */
export function isPlausibleEmail(email: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;
}
