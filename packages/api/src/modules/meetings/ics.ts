import { parisWallClock, TIME_ZONE } from '@epairs/shared';

/**
 * iCalendar (RFC 5545) invitations, written by hand: the `ics` package (3.x) writes times in UTC
 * or as floating local times of the server, never with a TZID and its VTIMEZONE (docs/decisions.md).
 * Times are given in Europe/Paris with the zone's definition, so calendars show the meeting at the
 * French time whatever their own zone, on daylight-saving days too.
 */

export type CalendarMethod = 'REQUEST' | 'CANCEL';
export type ParticipationStatus = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarEvent {
  /** Stable per meeting: calendars update or remove the event with this UID. */
  uid: string;
  /** RFC 5545 SEQUENCE: higher on each change. */
  sequence: number;
  method: CalendarMethod;
  startsAt: Date;
  durationMinutes: number;
  summary: string;
  description?: string;
  location?: string | null;
  url?: string | null;
  organizer: CalendarPerson;
  attendee?: CalendarPerson & { status?: ParticipationStatus };
  /** DTSTAMP; now by default. */
  stamp?: Date;
}

/**
 * Europe/Paris since 1996 (EU rules): summer time from the last Sunday of March at 02:00 to the
 * last Sunday of October at 03:00.
 */
const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TIME_ZONE}`,
  `X-LIC-LOCATION:${TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** The wall-clock time in Paris, as an RFC 5545 local DATE-TIME: 20260329T180000. */
export function parisLocalDateTime(at: Date): string {
  const part = parisWallClock(at);
  return `${part.year}${part.month}${part.day}T${part.hour}${part.minute}${part.second}`;
}

/** A UTC DATE-TIME: 20260329T160000Z. */
export function utcDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (§3.2): quoted when it holds ":;,", which may not contain a double quote. */
function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, '').trim();
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Lines of at most 75 octets (§3.1), continued with a space, never splitting a character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const character of line) {
    const bytes = Buffer.byteLength(character, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with one space
    if (size + bytes > limit) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += character;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

const mailto = (email: string) => `mailto:${email.replace(/[\s"<>]/g, '')}`;

/** A VCALENDAR with one VEVENT, CRLF line ends, ready to send as text/calendar. */
export function buildCalendar(event: CalendarEvent): string {
  const endsAt = new Date(event.startsAt.getTime() + event.durationMinutes * 60_000);
  const cancelled = event.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//E-Pairs//Reunions//FR',
    'CALSCALE:GREGORIAN',
    `METHOD:${event.method}`,
    ...PARIS_VTIMEZONE,
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${utcDateTime(event.stamp ?? new Date())}`,
    `DTSTART;TZID=${TIME_ZONE}:${parisLocalDateTime(event.startsAt)}`,
    `DTEND;TZID=${TIME_ZONE}:${parisLocalDateTime(endsAt)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.url ? [`URL:${event.url.replace(/[\r\n]/g, '')}`] : []),
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    `ORGANIZER;CN=${paramValue(event.organizer.name)}:${mailto(event.organizer.email)}`,
    // Answers go through the platform's links, not calendar replies to a no-reply address.
    ...(event.attendee
      ? [
          `ATTENDEE;CN=${paramValue(event.attendee.name)};ROLE=REQ-PARTICIPANT;` +
            `PARTSTAT=${event.attendee.status ?? 'NEEDS-ACTION'};RSVP=FALSE:${mailto(event.attendee.email)}`,
        ]
      : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
