/** The platform's time zone: meetings, years and deadlines are French. */
export const TIME_ZONE = 'Europe/Paris';

/** The calendar year in Paris at a given instant (the DPC year). */
export function yearInParis(at: Date = new Date()): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric' }).format(at),
  );
}

/** The date in Paris at a given instant, as YYYY-MM-DD. */
export function dateInParis(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
