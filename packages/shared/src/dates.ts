/** The platform's time zone: meetings, years and deadlines are French. */
export const TIME_ZONE = 'Europe/Paris';

// Formatters are made once: building one loads locale and zone data (a measurable share of the
// API's time when made per call, docs/benchmarks.md).
const YEAR_FORMAT = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric' });
const DATE_FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const PARTS_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The calendar year in Paris at a given instant (the DPC year). */
export function yearInParis(at: Date = new Date()): number {
  return Number(YEAR_FORMAT.format(at));
}

/** The date in Paris at a given instant, as YYYY-MM-DD. */
export function dateInParis(at: Date = new Date()): string {
  return DATE_FORMAT.format(at);
}

/** The wall-clock time in Paris at an instant, in two-digit parts (year in four). */
export function parisWallClock(
  at: Date,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = PARTS_FORMAT.formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '00';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** An instant as the wall-clock time in Paris, for a datetime-local field (YYYY-MM-DDTHH:mm). */
export function parisLocal(instant: string): string {
  const p = parisWallClock(new Date(instant));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * The wall-clock time typed in Paris (YYYY-MM-DDTHH:mm), as an instant: the offset of
 * Europe/Paris at that moment (summer or winter time), whatever the browser's zone.
 */
export function parisInstant(local: string): string {
  const naive = new Date(`${local}:00Z`).getTime();
  const offsetAt = (at: number) => {
    const p = parisWallClock(new Date(at));
    return Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute) - at;
  };
  // The offset at the naive reading can be the wrong side of a change of time (01:30 on the
  // last Sunday of March is still winter time): take the offset at the first guess instead.
  const guess = naive - offsetAt(naive);
  return new Date(naive - offsetAt(guess)).toISOString();
}
