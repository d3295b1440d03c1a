import { formatParis, type SessionRole } from '@epairs/shared';
import type { AttestationSnapshot } from './attestation-snapshot';
import { formatVerificationCode } from './verification-code';

/** The accredited body that attests. */
export const ISSUER = 'Fédération E-Pairs';

const PROFESSION_LABEL = {
  PHYSICIAN: 'Médecin du travail',
  NURSE: 'Infirmier(e) en santé au travail',
} as const;

const ROLE_LABEL: Record<SessionRole, string> = {
  ANIMATOR: 'Animation',
  SECRETARY: 'Compte-rendu',
  PRESENTER: 'Présentation',
};

/** 150 → "2 h 30", 120 → "2 h". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}

/** 20.5 → "20,5". */
export const formatNumber = (value: number) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(value);

export interface AttestationView {
  title: string;
  subtitle: string;
  intro: string;
  identity: [string, string][];
  meetingsIntro: string;
  meetingColumns: string[];
  meetings: string[][];
  summary: [string, string][];
  issued: string;
  code: string;
  verifyUrl: string;
  revoked: { at: string; reason: string } | null;
}

/**
 * Everything an attestation shows, in order, as text. The PDF and the verification page render
 * this and nothing else, so the page never shows more (or other) than the document.
 */
export function attestationView(
  snapshot: AttestationSnapshot,
  record: { code: string; revokedAt: Date | null; revokedReason: string | null },
  publicUrl: string,
): AttestationView {
  const { member, year } = snapshot;
  const roles = snapshot.roles;
  const credits = snapshot.credits;
  return {
    title: `Attestation de participation ${year}`,
    subtitle: 'Évaluation des pratiques professionnelles en groupe de pairs (DPC)',
    intro: `La ${ISSUER}, organisme de DPC, atteste que la personne ci-dessous a participé en ${year} aux réunions suivantes de groupe d’analyse des pratiques entre pairs.`,
    identity: [
      ['Nom', `${member.firstName} ${member.lastName.toUpperCase()}`],
      ['Profession', PROFESSION_LABEL[member.profession]],
      ['RPPS', member.rpps],
      [
        'Employeur',
        snapshot.employer
          ? `${snapshot.employer.name} (${snapshot.employer.city})`
          : 'Non renseigné',
      ],
      ['Société régionale', `${snapshot.society.name} (${snapshot.society.code})`],
      [
        snapshot.groups.length > 1 ? 'Groupes' : 'Groupe',
        snapshot.groups.map((group) => group.name).join(', ') || '—',
      ],
    ],
    meetingsIntro: `Réunions tenues auxquelles la présence a été signée (heure de Paris) :`,
    meetingColumns: ['Date et heure', 'Groupe', 'Réunion', 'Durée', 'Rôle(s)'],
    meetings: snapshot.meetings.map((meeting) => [
      meeting.startsAtParis,
      meeting.group,
      meeting.title ?? '—',
      formatDuration(meeting.durationMinutes),
      meeting.roles.map((role) => ROLE_LABEL[role]).join(', ') || '—',
    ]),
    summary: [
      ['Réunions suivies', String(snapshot.totals.attended)],
      ['Total des heures', formatDuration(snapshot.totals.minutes)],
      [
        'Rôles tenus',
        `animation : ${roles.animated} ; compte-rendu (secrétaire de séance) : ${roles.reported} ; présentation de situation : ${roles.presented}`,
      ],
      [
        'Crédits obtenus',
        `${formatNumber(credits.total)} (participation ${formatNumber(credits.participation)}, situations présentées ${formatNumber(credits.cases)}, comptes-rendus ${formatNumber(credits.reports)})`,
      ],
    ],
    issued: `Délivrée le ${snapshot.issuedAtParis} (heure de Paris) par la ${ISSUER}.`,
    code: formatVerificationCode(record.code),
    verifyUrl: `${publicUrl}/verify/${record.code}`,
    revoked: record.revokedAt
      ? { at: formatParis(record.revokedAt), reason: record.revokedReason ?? '' }
      : null,
  };
}
