import type { FieldProblem } from './errors';

/** Luhn check over a string of digits (the last one being the check digit). */
export function hasValidLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export type RppsResult = { ok: true; rpps: string } | { ok: false; problem: FieldProblem };

/**
 * Normalises an RPPS number: 11 digits whose last is a Luhn check digit, or the 12-character
 * form "8" + RPPS found on professional cards, spaces allowed. Returns the 11 digits or a French
 * message for the field `rpps`.
 */
export function normalizeRpps(input: string): RppsResult {
  const compact = input.replace(/[\s.-]/g, '');
  const fail = (message: string): RppsResult => ({
    ok: false,
    problem: { field: 'rpps', message },
  });
  if (!/^\d+$/.test(compact)) return fail('Le numéro RPPS ne doit contenir que des chiffres.');
  let rpps = compact;
  if (compact.length === 12) {
    if (!compact.startsWith('8')) {
      return fail('Un numéro RPPS à 12 chiffres doit commencer par 8 (forme de la carte CPS).');
    }
    rpps = compact.slice(1);
  }
  if (rpps.length !== 11) {
    return fail(
      `Le numéro RPPS compte 11 chiffres (ou 12 en commençant par 8) ; ${compact.length} reçus.`,
    );
  }
  if (!hasValidLuhn(rpps)) {
    return fail(
      'Le numéro RPPS est invalide : la clé de contrôle ne correspond pas. Vérifiez la saisie.',
    );
  }
  return { ok: true, rpps };
}

/** SIRET: 14 digits with a Luhn check (La Poste's SIRETs, starting 356000000, use another rule). */
export function siretProblem(input: string): FieldProblem | null {
  const siret = input.replace(/\s/g, '');
  if (!/^\d{14}$/.test(siret)) {
    return { field: 'siret', message: 'Le SIRET compte 14 chiffres.' };
  }
  const laPoste = siret.startsWith('356000000');
  const valid = laPoste
    ? [...siret].reduce((sum, digit) => sum + Number(digit), 0) % 5 === 0
    : hasValidLuhn(siret);
  return valid
    ? null
    : { field: 'siret', message: 'Le SIRET est invalide : la clé de contrôle ne correspond pas.' };
}
