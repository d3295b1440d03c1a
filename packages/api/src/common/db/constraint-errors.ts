import { QueryFailedError } from 'typeorm';
import { AppError } from '../errors';

/** What each named constraint means for the person who hit it. */
const UNIQUE_CONSTRAINTS: Record<string, { field: string; message: string }> = {
  society_code_key: { field: 'code', message: 'Une société porte déjà ce sigle.' },
  user_account_email_key: {
    field: 'email',
    message: 'Un compte existe déjà avec cette adresse e-mail.',
  },
  role_grant_unique: { field: 'role', message: 'Cette personne a déjà ce rôle.' },
  society_setting_year_key: {
    field: 'year',
    message: 'Cette société a déjà des seuils pour cette année.',
  },
};

/**
 * Turns a database refusal into a client error: unique key → CONFLICT, row-level security →
 * FORBIDDEN, check or foreign key → BAD_USER_INPUT. Anything else stays internal.
 */
export function translateDatabaseError(error: unknown): AppError | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driverError = error.driverError as { code?: string; constraint?: string; message?: string };
  switch (driverError.code) {
    case '23505': {
      const known = driverError.constraint ? UNIQUE_CONSTRAINTS[driverError.constraint] : undefined;
      return new AppError('CONFLICT', known?.message ?? 'Cet élément existe déjà.', {
        field: known?.field,
      });
    }
    case '42501':
      return new AppError('FORBIDDEN', "Vous n'avez pas le droit d'effectuer cette action.");
    case '23514':
    case '23502':
      return new AppError('BAD_USER_INPUT', 'Une valeur saisie est hors des limites permises.');
    case '23503':
      return new AppError('BAD_USER_INPUT', 'Un élément lié est introuvable.');
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', 'Modification concurrente : réessayez.');
    default:
      return null;
  }
}
