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
  member_rpps_key: { field: 'rpps', message: 'Ce numéro RPPS est déjà celui d’un autre membre.' },
  member_user_key: { field: 'userId', message: 'Ce compte a déjà un profil de membre.' },
  employer_name_key: {
    field: 'name',
    message: 'Un employeur de ce nom existe déjà dans cette ville.',
  },
  employer_siret_key: { field: 'siret', message: 'Un employeur a déjà ce SIRET.' },
  convention_member_year_key: {
    field: 'year',
    message: 'Ce membre a déjà une convention pour cette année.',
  },
  theme_code_key: { field: 'code', message: 'Un thème porte déjà ce code.' },
  peer_group_name_key: { field: 'name', message: 'Un groupe de la société porte déjà ce nom.' },
  group_membership_current_key: {
    field: 'memberId',
    message: 'Ce membre fait déjà partie du groupe.',
  },
  group_membership_relay_key: { field: 'role', message: 'Ce groupe a déjà une personne-relais.' },
  meeting_role_single_key: { field: 'role', message: 'Ce rôle est déjà tenu à cette réunion.' },
  credit_rule_year_key: {
    field: 'year',
    message: 'Cette société a déjà des règles de crédits pour cette année.',
  },
  binome_assignment_current_key: {
    field: 'userId',
    message: 'Cette personne accompagne déjà ce groupe.',
  },
  meeting_report_meeting_key: {
    field: 'meetingId',
    message: 'Cette réunion a déjà son compte-rendu.',
  },
  reference_group_doi_key: {
    field: 'doi',
    message: 'Une référence de la bibliothèque du groupe a déjà ce DOI.',
  },
  improvement_indicator_value_day_key: {
    field: 'measuredOn',
    message: 'Une mesure existe déjà à cette date.',
  },
  annual_self_evaluation_year_key: {
    field: 'year',
    message: 'L’auto-évaluation de cette année vient d’être commencée : rechargez.',
  },
  account_deletion_request_pending_key: {
    field: 'id',
    message: 'Vous avez déjà une demande de suppression de compte en attente.',
  },
  meeting_report_approval_pkey: {
    field: 'id',
    message: 'Vous avez déjà approuvé cette révision.',
  },
};

/** Named checks raised by triggers, and what they mean. */
const CHECKS: Record<string, { field: string; message: string }> = {
  clinical_case_fixed: { field: 'id', message: 'Un cas reste à son groupe et à son auteur.' },
  clinical_case_transition: {
    field: 'status',
    message: 'Un cas avance dans l’ordre : brouillon, présenté, transmis au binôme.',
  },
  clinical_case_frozen: { field: 'id', message: 'Ce cas a été présenté : il est désormais figé.' },
  clinical_case_meeting: {
    field: 'meetingId',
    message: 'Un cas se présente à une réunion de son groupe, commencée et non annulée.',
  },
  binome_not_member: {
    field: 'userId',
    message: 'Un(e) correspondant(e) ne peut pas être membre du groupe accompagné.',
  },
  attendance_window: {
    field: 'meetingId',
    message:
      "La feuille d'émargement n'est pas ouverte : on signe pendant la réunion (à 15 minutes près).",
  },
  attendance_closed: {
    field: 'meetingId',
    message: 'La feuille est close : passez par une correction motivée.',
  },
  attendance_open: {
    field: 'meetingId',
    message: 'La feuille est ouverte : chacun signe lui-même ; on corrige après la clôture.',
  },
  attendance_member: {
    field: 'meetingId',
    message: "Seuls les membres du groupe signent sa feuille d'émargement.",
  },
  binome_two_at_most: {
    field: 'userId',
    message: 'Ce groupe a déjà ses deux correspondants de binôme.',
  },
  meeting_report_fixed: {
    field: 'id',
    message: 'Un compte-rendu garde sa réunion, son rédacteur et sa liste de présents.',
  },
  meeting_report_transition: {
    field: 'status',
    message:
      'Un compte-rendu avance dans l’ordre (brouillon, relecture, validé) ; validé, il est figé.',
  },
  meeting_report_meeting: {
    field: 'meetingId',
    message: 'Un compte-rendu s’ouvre en brouillon, pour une réunion commencée et non annulée.',
  },
  meeting_report_who: {
    field: 'id',
    message: 'Cette étape du compte-rendu revient à une autre personne.',
  },
  meeting_report_rule: {
    field: 'status',
    message: 'Les approbations n’atteignent pas encore la règle de validation du groupe.',
  },
  meeting_report_text_revision: {
    field: 'version',
    message: 'Une révision du compte-rendu ne se réécrit pas : enregistrez-en une nouvelle.',
  },
  meeting_report_approval_current: {
    field: 'version',
    message: 'On approuve la dernière révision d’un compte-rendu en relecture.',
  },
  reference_frozen: {
    field: 'id',
    message:
      'Cette référence est citée par un travail figé : ajoutez plutôt une nouvelle référence.',
  },
  improvement_action_fixed: { field: 'id', message: 'Une action reste à son compte-rendu.' },
  binome_feedback_target: {
    field: 'reportId',
    message: 'Un retour porte sur un compte-rendu validé ou un cas transmis au binôme.',
  },
  binome_feedback_fixed: { field: 'id', message: 'Un retour garde sa cible et son auteur.' },
  binome_feedback_cosign: {
    field: 'id',
    message: 'L’autre correspondant(e) du binôme cosigne un retour en brouillon.',
  },
  binome_feedback_transition: {
    field: 'status',
    message: 'Un retour avance dans l’ordre : brouillon, envoyé, discuté par le groupe.',
  },
  annual_self_evaluation_frozen: {
    field: 'id',
    message: 'L’auto-évaluation remise est conservée telle quelle.',
  },
};

/** Foreign keys a person can hit on purpose, with what they mean. */
const FOREIGN_KEYS: Record<string, { field: string; message: string }> = {
  member_account_society_fk: {
    field: 'societyId',
    message: 'Ce compte a un profil de membre : il reste dans la société du membre.',
  },
};

/**
 * Turns a database refusal into a client error: unique key → CONFLICT, row-level security →
 * FORBIDDEN, check or foreign key → BAD_USER_INPUT (or CONFLICT for the named ones). Anything else
 * stays internal.
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
    case '23514': {
      const known = driverError.constraint ? CHECKS[driverError.constraint] : undefined;
      if (known) return new AppError('CONFLICT', known.message, { field: known.field });
      return new AppError('BAD_USER_INPUT', 'Une valeur saisie est hors des limites permises.');
    }
    case '23502':
      return new AppError('BAD_USER_INPUT', 'Une valeur saisie est hors des limites permises.');
    case '23503': {
      const known = driverError.constraint ? FOREIGN_KEYS[driverError.constraint] : undefined;
      if (known) return new AppError('CONFLICT', known.message, { field: known.field });
      return new AppError('BAD_USER_INPUT', 'Un élément lié est introuvable.');
    }
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', 'Modification concurrente : réessayez.');
    default:
      return null;
  }
}
