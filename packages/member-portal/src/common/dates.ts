import { TIME_ZONE } from '@epairs/shared';
import { i18n } from '../i18n';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'fr-FR');

/** « mardi 14 avril 2026 à 18:30 », in Paris time whatever the phone's zone. */
export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: TIME_ZONE,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
}

/** « 18:31:07 »: the time of a signature, to the second. */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso));
}

export { parisInstant, parisLocal } from '@epairs/shared';
