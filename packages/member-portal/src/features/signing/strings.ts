import { registerStrings } from '../../i18n';

registerStrings('signing', {
  fr: {
    title: 'Signer la feuille d’émargement',
    signInFirst: 'Connectez-vous pour signer : le code scanné est gardé pendant ce temps.',
    sign: 'Signer la feuille',
    signing: 'Signature en cours…',
    signedAt: 'Signé à {{time}}',
    alreadySigned: 'Déjà signé à {{time}}',
    meeting: '{{title}} · {{group}} · {{when}}',
    untitled: 'Réunion',
    expired:
      'Ce QR code a expiré : il change toutes les 30 secondes. Scannez à nouveau le code affiché, ou tapez le code à 6 chiffres sur la page de la réunion.',
    typeCode: 'Taper le code à 6 chiffres',
    missing:
      'Ce lien est incomplet. Scannez le QR code affiché par la personne-relais avec l’appareil photo de votre téléphone.',
    toMeeting: 'Voir la réunion',
    home: 'Accueil',
  },
  en: {
    title: 'Sign the attendance sheet',
    signInFirst: 'Sign in to sign the sheet: the scanned code is kept meanwhile.',
    sign: 'Sign the sheet',
    signing: 'Signing…',
    signedAt: 'Signed at {{time}}',
    alreadySigned: 'Already signed at {{time}}',
    meeting: '{{title}} · {{group}} · {{when}}',
    untitled: 'Meeting',
    expired:
      'This QR code has expired: it changes every 30 seconds. Scan the code shown again, or type the 6-digit code on the meeting’s page.',
    typeCode: 'Type the 6-digit code',
    missing:
      'This link is incomplete. Scan the QR code shown by the relay person with your phone’s camera.',
    toMeeting: 'See the meeting',
    home: 'Home',
  },
});
