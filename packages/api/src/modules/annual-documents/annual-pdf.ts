import {
  formatParis,
  REPORT_SECTION_NAMES,
  REPORT_SECTIONS,
  type ReportSection,
} from '@epairs/shared';
import { dayIn } from '../../common/mail/notify';
import { formatDuration, formatNumber } from '../attestations/attestation-view';
import { fieldList, heading, paragraph, renderPdf, table } from '../attestations/pdf-kit';
import type { AnnualSummaryData } from './annual-summary';

const PROFESSION = { PHYSICIAN: 'Médecin', NURSE: 'Infirmier(e)' } as const;
const ACTION_STATUS = {
  PROPOSED: 'Proposée',
  IN_PROGRESS: 'En cours',
  DONE: 'Réalisée',
  ABANDONED: 'Abandonnée',
} as const;
const REFERENCE_KIND = {
  SCIENTIFIC: 'Scientifique',
  REGULATORY: 'Réglementaire',
  PRACTICE_GUIDELINE: 'Recommandation',
} as const;
const REPORT_STATUS = {
  DRAFT: 'En rédaction',
  SUBMITTED_FOR_REVIEW: 'En relecture',
  VALIDATED: 'Validé',
} as const;

const day = (at: Date) => dayIn('fr', at);

/** The yearly summary as a PDF: the same figures as the API's, for archiving and E-Pairs. */
export function annualSummaryPdf(data: AnnualSummaryData, generatedAt: Date): Promise<Buffer> {
  return renderPdf(
    { title: `Récapitulatif ${data.year} — ${data.groupName}`, createdAt: generatedAt },
    (doc) => {
      heading(doc, `Document récapitulatif annuel ${data.year}`);
      paragraph(doc, `${data.groupName} — ${data.societyName}`, { size: 12 });
      doc.moveDown(0.5);
      fieldList(doc, [
        ['Réunions tenues', String(data.meetingsHeld)],
        ['Réunions prévues', String(data.meetingsPlanned)],
        ['Réunions annulées', String(data.meetingsCancelled)],
        ['Durée totale', formatDuration(data.totalMinutes)],
        ['Participants différents', String(data.distinctParticipants)],
        ['Participants par réunion (moyenne)', formatNumber(data.averageParticipants)],
        ['Cas présentés', String(data.casesPresented)],
        [
          'Comptes-rendus',
          `${data.reports.validated} validé(s), ${data.reports.inProgress} en cours, ${data.reports.missing} manquant(s)`,
        ],
        ['Auto-évaluation annuelle', data.selfEvaluationSubmitted ? 'remise' : 'non remise'],
        ['Thèmes', data.themes.join(' ; ') || '—'],
      ]);
      doc.moveDown();
      heading(doc, 'Réunions', 13);
      table(
        doc,
        ['Date', 'Durée', 'Statut', 'Participants', 'Compte-rendu'],
        [0.32, 0.14, 0.14, 0.16, 0.24],
        data.meetings.map((meeting) => [
          day(meeting.startsAt),
          formatDuration(meeting.durationMinutes),
          meeting.status === 'HELD' ? 'Tenue' : 'Prévue',
          String(meeting.participants),
          meeting.reportStatus ? REPORT_STATUS[meeting.reportStatus] : '—',
        ]),
      );
      heading(doc, 'Membres et rôles', 13);
      table(
        doc,
        ['Nom', 'Profession', 'Réunions', 'Heures', 'Animation', 'Secrétariat', 'Présentation'],
        [0.28, 0.14, 0.1, 0.1, 0.12, 0.13, 0.13],
        data.members.map((member) => [
          `${member.name}${member.relay ? ' (relais)' : ''}`,
          PROFESSION[member.profession],
          String(member.meetingsAttended),
          formatDuration(member.minutesAttended),
          String(member.animator),
          String(member.secretary),
          String(member.presenter),
        ]),
      );
      heading(doc, 'Références utilisées', 13);
      if (data.referencesUsed.length === 0) paragraph(doc, 'Aucune.');
      for (const reference of data.referencesUsed) {
        paragraph(
          doc,
          `• [${REFERENCE_KIND[reference.kind]}] ${reference.citation}${reference.year ? ` (${reference.year})` : ''}`,
        );
      }
      doc.moveDown(0.5);
      heading(doc, 'Références recueillies dans l’année', 13);
      if (data.referencesCollected.length === 0) paragraph(doc, 'Aucune.');
      for (const reference of data.referencesCollected) {
        paragraph(doc, `• [${REFERENCE_KIND[reference.kind]}] ${reference.citation}`);
      }
      doc.moveDown(0.5);
      heading(doc, 'Actions d’amélioration', 13);
      if (data.actions.length === 0) paragraph(doc, 'Aucune.');
      else {
        table(
          doc,
          ['Action', 'Responsable', 'Échéance', 'Statut', 'Indicateur'],
          [0.36, 0.18, 0.14, 0.12, 0.2],
          data.actions.map((action) => [
            action.description,
            action.owner ?? '—',
            action.dueOn ?? '—',
            ACTION_STATUS[action.status],
            action.indicatorLabel
              ? `${action.indicatorLabel}${action.lastValue !== null ? ` : ${formatNumber(action.lastValue)} (${action.lastMeasuredOn})` : ''}`
              : '—',
          ]),
        );
      }
      doc.moveDown();
      paragraph(
        doc,
        `Document généré par E-Pairs le ${day(generatedAt)}, à partir des données enregistrées.`,
        {
          size: 8,
          color: '#555555',
        },
      );
    },
  );
}

export interface ReportDocument {
  groupName: string;
  meetingStartsAt: Date;
  edition: number;
  status: keyof typeof REPORT_STATUS;
  validatedAt: Date | null;
  sections: Record<ReportSection, string>;
  attendees: { name: string; approvedAt: Date | null }[];
  casesPresented: string[];
  references: string[];
  actions: { description: string; owner: string | null; status: keyof typeof ACTION_STATUS }[];
}

/** One report as a PDF, with its attendance list (from the signed sheet) and approvals. */
export function reportPdf(report: ReportDocument, generatedAt: Date): Promise<Buffer> {
  return renderPdf(
    {
      title: `Compte-rendu — ${report.groupName} — ${day(report.meetingStartsAt)}`,
      createdAt: generatedAt,
    },
    (doc) => {
      heading(doc, `Compte-rendu de la réunion du ${day(report.meetingStartsAt)}`);
      paragraph(doc, report.groupName, { size: 12 });
      doc.moveDown(0.5);
      fieldList(doc, [
        ['Version', String(report.edition)],
        ['Statut', REPORT_STATUS[report.status]],
        ...(report.validatedAt
          ? ([['Validé le', day(report.validatedAt)]] as [string, string][])
          : []),
      ]);
      doc.moveDown(0.5);
      heading(doc, 'Présents (feuille d’émargement signée)', 12);
      table(
        doc,
        ['Nom', 'Approbation'],
        [0.6, 0.4],
        report.attendees.map((attendee) => [
          attendee.name,
          attendee.approvedAt ? formatParis(attendee.approvedAt) : '—',
        ]),
      );
      if (report.casesPresented.length) {
        heading(doc, 'Cas écrits présentés', 12);
        for (const title of report.casesPresented) paragraph(doc, `• ${title}`);
        doc.moveDown(0.5);
      }
      for (const name of REPORT_SECTION_NAMES) {
        const label = REPORT_SECTIONS[name].label.replace(/^(Les|La|Le|L’) ?/, '');
        heading(doc, label.charAt(0).toUpperCase() + label.slice(1), 12);
        paragraph(doc, report.sections[name] || '—');
        doc.moveDown(0.5);
      }
      heading(doc, 'Références', 12);
      paragraph(
        doc,
        report.references.length ? report.references.map((r) => `• ${r}`).join('\n') : '—',
      );
      doc.moveDown(0.5);
      heading(doc, 'Actions d’amélioration proposées', 12);
      paragraph(
        doc,
        report.actions.length
          ? report.actions
              .map(
                (action) =>
                  `• ${action.description} — ${action.owner ?? 'sans responsable'} — ${ACTION_STATUS[action.status]}`,
              )
              .join('\n')
          : '—',
      );
    },
  );
}
