import { registerStrings } from '../../i18n';

registerStrings('dpc', {
  fr: {
    title: 'Mon DPC',
    meter: '{{label}} : {{value}} / {{target}}',
    compliant: 'Seuils atteints',
    notYet: 'Seuils pas encore atteints',
    meetings: 'Réunions',
    hours: 'Heures',
    roles:
      'Animations : {{animated}} · présentations : {{presented}} · secrétariats : {{reported}}',
    missing: 'Ce qu’il manque encore',
    credits: 'Crédits : {{credits}}',
    year: 'Année',
    attestations: 'Mes attestations',
    noAttestation: 'Aucune attestation pour l’instant.',
    attestation: 'Attestation {{year}} · {{hours}} h · {{code}}',
    revoked: 'révoquée',
    download: 'Télécharger le PDF',
  },
  en: {
    title: 'My CPD',
    meter: '{{label}}: {{value}} / {{target}}',
    compliant: 'Thresholds met',
    notYet: 'Thresholds not met yet',
    meetings: 'Meetings',
    hours: 'Hours',
    roles: 'Animated: {{animated}} · presented: {{presented}} · secretary: {{reported}}',
    missing: 'Still missing',
    credits: 'Credits: {{credits}}',
    year: 'Year',
    attestations: 'My attestations',
    noAttestation: 'No attestation yet.',
    attestation: 'Attestation {{year}} · {{hours}} h · {{code}}',
    revoked: 'revoked',
    download: 'Download the PDF',
  },
});
