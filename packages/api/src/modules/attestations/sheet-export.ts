import { dateInParis, formatParis, type MeetingMode, type MeetingStatus } from '@epairs/shared';
import type { EntityManager } from 'typeorm';
import { formatDuration } from './attestation-view';
import { fieldList, heading, paragraph, renderPdf, table } from './pdf-kit';
import { memberByKey } from '../../common/db/lookups';

/** The attendance sheet of one meeting, as exported (PDF and CSV). */
export interface SheetData {
  society: string;
  group: string;
  title: string | null;
  startsAt: Date;
  durationMinutes: number;
  mode: MeetingMode;
  place: string | null;
  status: MeetingStatus;
  cancelReason: string | null;
  sheetClosedAt: Date | null;
  animator: string | null;
  secretary: string | null;
  lines: SheetLine[];
}

export interface SheetLine {
  lastName: string;
  firstName: string;
  profession: 'PHYSICIAN' | 'NURSE';
  status: 'SIGNED' | 'EXCUSED' | null;
  method: 'QR' | 'CODE' | 'CORRECTION' | 'EXCUSE' | null;
  signedAt: Date | null;
  correctionReason: string | null;
}

/**
 * Reads a meeting's sheet: every member of the group on the meeting's day (Paris), and anyone
 * else with a line on the sheet, with their status and time of signature. Null when the meeting
 * is not visible in the manager's scope.
 */
export async function loadSheet(
  manager: EntityManager,
  meetingId: string,
): Promise<SheetData | null> {
  const [meeting] = (await manager.query(
    `SELECT mt.title, mt.starts_at, mt.duration_minutes, mt.mode, mt.place, mt.status, mt.cancel_reason,
            mt.sheet_closed_at, g.name AS group_name, s.name AS society_name, s.code AS society_code,
            (SELECT u.first_name || ' ' || u.last_name FROM meeting_role r
               JOIN ${memberByKey('m', 'r.member_id')} JOIN user_account u ON u.id = m.user_id
              WHERE r.meeting_id = mt.id AND r.role = 'ANIMATOR') AS animator,
            (SELECT u.first_name || ' ' || u.last_name FROM meeting_role r
               JOIN ${memberByKey('m', 'r.member_id')} JOIN user_account u ON u.id = m.user_id
              WHERE r.meeting_id = mt.id AND r.role = 'SECRETARY') AS secretary
       FROM meeting mt
       JOIN peer_group g ON g.id = mt.group_id
       JOIN society s ON s.id = mt.society_id
      WHERE mt.id = $1`,
    [meetingId],
  )) as {
    title: string | null;
    starts_at: Date;
    duration_minutes: number;
    mode: MeetingMode;
    place: string | null;
    status: MeetingStatus;
    cancel_reason: string | null;
    sheet_closed_at: Date | null;
    group_name: string;
    society_name: string;
    society_code: string;
    animator: string | null;
    secretary: string | null;
  }[];
  if (!meeting) return null;
  const lines = (await manager.query(
    `WITH mt AS (SELECT id, group_id, (starts_at AT TIME ZONE 'Europe/Paris')::date AS day
                   FROM meeting WHERE id = $1),
          people AS (
            SELECT gm.member_id FROM group_membership gm JOIN mt ON gm.group_id = mt.group_id
             WHERE gm.joined_on <= mt.day AND (gm.left_on IS NULL OR gm.left_on >= mt.day)
            UNION
            SELECT a.member_id FROM attendance a WHERE a.meeting_id = $1)
     SELECT u.last_name AS "lastName", u.first_name AS "firstName", m.profession,
            a.status, a.method, a.signed_at AS "signedAt", a.correction_reason AS "correctionReason"
       FROM people p
       JOIN ${memberByKey('m', 'p.member_id')}
       JOIN user_account u ON u.id = m.user_id
       LEFT JOIN attendance a ON a.meeting_id = $1 AND a.member_id = p.member_id
      ORDER BY u.last_name, u.first_name, m.id`,
    [meetingId],
  )) as SheetLine[];
  return {
    society: `${meeting.society_name} (${meeting.society_code})`,
    group: meeting.group_name,
    title: meeting.title,
    startsAt: meeting.starts_at,
    durationMinutes: meeting.duration_minutes,
    mode: meeting.mode,
    place: meeting.place,
    status: meeting.status,
    cancelReason: meeting.cancel_reason,
    sheetClosedAt: meeting.sheet_closed_at,
    animator: meeting.animator,
    secretary: meeting.secretary,
    lines,
  };
}

const MODE_LABEL: Record<MeetingMode, string> = {
  IN_PERSON: 'En présentiel',
  REMOTE: 'À distance',
  HYBRID: 'Hybride',
};

const MEETING_STATUS_LABEL: Record<MeetingStatus, string> = {
  PLANNED: 'Prévue',
  HELD: 'Tenue',
  CANCELLED: 'Annulée',
};

const PROFESSION_LABEL = { PHYSICIAN: 'Médecin', NURSE: 'Infirmier(e)' } as const;

function statusOf(sheet: SheetData, line: SheetLine): string {
  if (line.status === 'SIGNED') return 'Présent(e)';
  if (line.status === 'EXCUSED') return 'Absent(e) excusé(e)';
  if (sheet.status === 'CANCELLED') return '—';
  return sheet.status === 'HELD' || sheet.sheetClosedAt ? 'Absent(e)' : 'Non signé';
}

function methodOf(line: SheetLine): string {
  switch (line.method) {
    case 'QR':
      return 'QR code';
    case 'CODE':
      return 'Code de secours';
    case 'CORRECTION':
      return 'Correction par la personne-relais';
    default:
      return '';
  }
}

/** "Réunion" fields, in the same words in the PDF and the CSV. */
function meetingFields(sheet: SheetData): [string, string][] {
  return [
    ['Société', sheet.society],
    ['Groupe', sheet.group],
    ['Réunion', sheet.title ?? '—'],
    ['Date et heure (Paris)', formatParis(sheet.startsAt)],
    ['Durée', formatDuration(sheet.durationMinutes)],
    ['Modalité', `${MODE_LABEL[sheet.mode]}${sheet.place ? ` — ${sheet.place}` : ''}`],
    [
      'Statut',
      `${MEETING_STATUS_LABEL[sheet.status]}${sheet.cancelReason ? ` (motif : ${sheet.cancelReason})` : ''}`,
    ],
    ['Animateur / animatrice', sheet.animator ?? '—'],
    ['Secrétaire de séance', sheet.secretary ?? '—'],
    ['Feuille', sheet.sheetClosedAt ? `close le ${formatParis(sheet.sheetClosedAt)}` : 'ouverte'],
  ];
}

export function sheetFileName(sheet: SheetData, extension: 'pdf' | 'csv'): string {
  const slug = sheet.group
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `emargement-${slug || 'groupe'}-${dateInParis(sheet.startsAt)}.${extension}`;
}

export function sheetPdf(sheet: SheetData, exportedAt: Date): Promise<Buffer> {
  return renderPdf(
    { title: `Feuille d'émargement — ${sheet.group}`, createdAt: exportedAt },
    (doc) => {
      heading(doc, 'Feuille d’émargement', 18);
      doc.moveDown(0.5);
      fieldList(doc, meetingFields(sheet));
      doc.moveDown();
      table(
        doc,
        ['Nom', 'Profession', 'Statut', 'Signature (heure de Paris)', 'Mode'],
        [0.27, 0.14, 0.17, 0.2, 0.22],
        sheet.lines.map((line) => [
          `${line.lastName.toUpperCase()} ${line.firstName}`,
          PROFESSION_LABEL[line.profession],
          statusOf(sheet, line),
          line.status === 'SIGNED' && line.signedAt ? formatParis(line.signedAt) : '',
          line.method === 'CORRECTION'
            ? `${methodOf(line)} : ${line.correctionReason ?? ''}`
            : methodOf(line),
        ]),
      );
      doc.moveDown();
      paragraph(
        doc,
        `Chaque signature est apposée et horodatée par la personne elle-même (QR code tournant ou code de secours) ; une correction de la personne-relais porte son motif. Document exporté le ${formatParis(exportedAt)} (heure de Paris).`,
        { size: 8, color: '#444444' },
      );
    },
  );
}

/** A cell as spreadsheets read it, never as a formula (CSV injection). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Semicolon-separated, UTF-8 with a byte-order mark (what French spreadsheets expect): one row per
 * person, the meeting's fields repeated on each.
 */
export function sheetCsv(sheet: SheetData): string {
  const header = [
    'societe',
    'groupe',
    'date_heure_paris',
    'duree',
    'titre',
    'animateur',
    'nom',
    'prenom',
    'profession',
    'statut',
    'signature_heure_paris',
    'signature_utc',
    'mode_signature',
    'motif_correction',
  ];
  const rows = sheet.lines.map((line) => [
    sheet.society,
    sheet.group,
    formatParis(sheet.startsAt),
    formatDuration(sheet.durationMinutes),
    sheet.title ?? '',
    sheet.animator ?? '',
    line.lastName,
    line.firstName,
    PROFESSION_LABEL[line.profession],
    statusOf(sheet, line),
    line.status === 'SIGNED' && line.signedAt ? formatParis(line.signedAt) : '',
    line.status === 'SIGNED' && line.signedAt ? line.signedAt.toISOString() : '',
    methodOf(line),
    line.correctionReason ?? '',
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}
