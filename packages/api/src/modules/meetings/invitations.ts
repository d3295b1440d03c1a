import { TIME_ZONE, type RsvpAnswer } from '@epairs/shared';
import type { EntityManager } from 'typeorm';
import type { MailMessage } from '../../common/mail/mailer';
import type { RequestContext } from '../../common/request-context';
import type { AppServices } from '../../common/services';
import { buildCalendar, type CalendarMethod, type ParticipationStatus } from './ics';
import type { Meeting } from './meeting.entities';
import { ANSWER_LABELS } from './rsvp-link';
import { memberByKey } from '../../common/db/lookups';

export type MeetingChange = 'planned' | 'updated' | 'cancelled';
type MailKind = MeetingChange | 'reminder';
type Locale = 'fr' | 'en';

/** The pg-boss queue of meeting reminders (modules/meetings/reminders.ts). */
export const REMINDER_QUEUE = 'meeting-reminder';

/** A reminder job: the meeting, and the start it reminds of (a moved meeting gets a new job). */
export interface ReminderJob {
  meetingId: string;
  startsAt: string;
}

/** A current member of the meeting's group, with its answer so far. */
export interface Recipient {
  memberId: string;
  email: string;
  firstName: string;
  lastName: string;
  locale: Locale;
  answer: RsvpAnswer | null;
}

/** The meeting's fields the messages use. */
export type MeetingFacts = Pick<
  Meeting,
  | 'id'
  | 'groupId'
  | 'title'
  | 'startsAt'
  | 'durationMinutes'
  | 'mode'
  | 'place'
  | 'link'
  | 'status'
  | 'cancelReason'
  | 'sequence'
>;

/**
 * The group's name and its current members (active, with an account still open), with their
 * answers, as the given transaction's scope shows them. Members and accounts are looked up by key
 * (see memberByKey): joined plainly, PostgreSQL scanned every member (20 ms per planned meeting at
 * 50,000 members).
 */
export async function loadAudience(
  manager: EntityManager,
  meeting: Pick<Meeting, 'id' | 'groupId'>,
): Promise<{ groupName: string; recipients: Recipient[] }> {
  const rows = (await manager.query(
    `SELECT g.name AS group_name, mb.id AS member_id, u.email, u.first_name, u.last_name, u.locale,
            r.answer
       FROM peer_group g
       LEFT JOIN group_membership gm ON gm.group_id = g.id AND gm.left_on IS NULL
       LEFT JOIN ${memberByKey('mb', 'gm.member_id', "member.status = 'ACTIVE'")}
       LEFT JOIN LATERAL (SELECT a.email, a.first_name, a.last_name, a.locale FROM user_account a
                           WHERE a.id = mb.user_id AND a.status <> 'DISABLED' OFFSET 0) u ON true
       LEFT JOIN meeting_rsvp r ON r.meeting_id = $2 AND r.member_id = mb.id
      WHERE g.id = $1
      ORDER BY u.last_name, u.first_name, mb.id`,
    [meeting.groupId, meeting.id],
  )) as {
    group_name: string;
    member_id: string | null;
    email: string | null;
    first_name: string;
    last_name: string;
    locale: Locale;
    answer: RsvpAnswer | null;
  }[];
  return {
    groupName: rows[0]?.group_name ?? '',
    recipients: rows
      .filter((row) => row.member_id && row.email)
      .map((row) => ({
        memberId: row.member_id!,
        email: row.email!,
        firstName: row.first_name,
        lastName: row.last_name,
        locale: row.locale === 'en' ? 'en' : 'fr',
        answer: row.answer,
      })),
  };
}

const PARTSTAT: Record<RsvpAnswer, ParticipationStatus> = {
  YES: 'ACCEPTED',
  NO: 'DECLINED',
  MAYBE: 'TENTATIVE',
};

const formats = {
  fr: {
    day: new Intl.DateTimeFormat('fr-FR', {
      timeZone: TIME_ZONE,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }),
    short: new Intl.DateTimeFormat('fr-FR', {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }),
  },
  en: {
    day: new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }),
    short: new Intl.DateTimeFormat('en-GB', {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }),
  },
};
const clock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const MODES = {
  fr: {
    IN_PERSON: 'en présentiel',
    REMOTE: 'à distance',
    HYBRID: 'hybride (sur place ou à distance)',
  },
  en: { IN_PERSON: 'in person', REMOTE: 'remote', HYBRID: 'hybrid (on site or remote)' },
} as const;

const TEXT = {
  fr: {
    colon: ' : ',
    hello: (name: string) => `Bonjour ${name},`,
    subject: {
      planned: (group: string, when: string) =>
        `Invitation : réunion du groupe « ${group} », ${when}`,
      updated: (group: string, when: string) => `Réunion modifiée : groupe « ${group} », ${when}`,
      cancelled: (group: string, when: string) => `Réunion annulée : groupe « ${group} », ${when}`,
      reminder: (group: string, when: string) => `Rappel : réunion du groupe « ${group} », ${when}`,
    },
    intro: {
      planned: (group: string) => `Vous êtes invité(e) à la réunion du groupe « ${group} » :`,
      updated: (group: string) =>
        `La réunion du groupe « ${group} » a été modifiée. Ses nouvelles informations :`,
      cancelled: (group: string) => `La réunion du groupe « ${group} » est annulée :`,
      reminder: (group: string) => `Pour rappel, la réunion du groupe « ${group} » approche :`,
    },
    at: (day: string, start: string, end: string) =>
      `${day}, de ${start} à ${end} (heure de Paris)`,
    when: (short: string, start: string) => `${short} à ${start}`,
    title: 'Titre',
    date: 'Date',
    mode: 'Modalité',
    place: 'Lieu',
    link: 'Lien de connexion',
    reason: 'Motif',
    answered: (label: string) => `Votre réponse actuelle : ${label}.`,
    ask: 'Merci d’indiquer si vous participerez :',
    change: 'Pour changer votre réponse :',
    portal: 'Vous pouvez aussi répondre depuis le portail E-Pairs.',
    attached:
      'La pièce jointe invitation.ics ajoute la réunion à votre agenda (ou l’y met à jour).',
    removed: 'La pièce jointe invitation.ics retire la réunion de votre agenda.',
  },
  en: {
    colon: ': ',
    hello: (name: string) => `Hello ${name},`,
    subject: {
      planned: (group: string, when: string) =>
        `Invitation: meeting of the group “${group}”, ${when}`,
      updated: (group: string, when: string) => `Meeting changed: group “${group}”, ${when}`,
      cancelled: (group: string, when: string) => `Meeting cancelled: group “${group}”, ${when}`,
      reminder: (group: string, when: string) =>
        `Reminder: meeting of the group “${group}”, ${when}`,
    },
    intro: {
      planned: (group: string) => `You are invited to the meeting of the group “${group}”:`,
      updated: (group: string) =>
        `The meeting of the group “${group}” has changed. Its details now:`,
      cancelled: (group: string) => `The meeting of the group “${group}” is cancelled:`,
      reminder: (group: string) => `A reminder: the meeting of the group “${group}” is coming up:`,
    },
    at: (day: string, start: string, end: string) => `${day}, from ${start} to ${end} (Paris time)`,
    when: (short: string, start: string) => `${short} at ${start}`,
    title: 'Title',
    date: 'Date',
    mode: 'Format',
    place: 'Place',
    link: 'Video link',
    reason: 'Reason',
    answered: (label: string) => `Your current answer: ${label}.`,
    ask: 'Please let us know whether you will attend:',
    change: 'To change your answer:',
    portal: 'You can also answer from the E-Pairs portal.',
    attached: 'The attached invitation.ics adds the meeting to your calendar (or updates it).',
    removed: 'The attached invitation.ics removes the meeting from your calendar.',
  },
};

/** The address of MAIL_FROM ("E-Pairs <no-reply@…>" or a bare address). */
function senderAddress(from: string): string {
  return (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
}

function where(meeting: MeetingFacts): string | null {
  return (
    [meeting.mode !== 'REMOTE' && meeting.place, meeting.mode !== 'IN_PERSON' && meeting.link]
      .filter(Boolean)
      .join(' — ') || null
  );
}

/** The meeting's facts, one "label: value" line each, in the recipient's language. */
function meetingDetails(meeting: MeetingFacts, locale: Locale, kind: MailKind): string[] {
  const t = TEXT[locale];
  const endsAt = new Date(meeting.startsAt.getTime() + meeting.durationMinutes * 60_000);
  return [
    ...(meeting.title ? [[t.title, meeting.title]] : []),
    [
      t.date,
      t.at(
        formats[locale].day.format(meeting.startsAt),
        clock.format(meeting.startsAt),
        clock.format(endsAt),
      ),
    ],
    [t.mode, MODES[locale][meeting.mode]],
    ...(meeting.mode !== 'REMOTE' && meeting.place ? [[t.place, meeting.place]] : []),
    ...(meeting.mode !== 'IN_PERSON' && meeting.link ? [[t.link, meeting.link]] : []),
    ...(kind === 'cancelled' && meeting.cancelReason ? [[t.reason, meeting.cancelReason]] : []),
  ].map(([label, value]) => `  ${label}${t.colon}${value}`);
}

/**
 * The member's calendar entry for a meeting: the invitation e-mails' .ics, and the portal's "add
 * to my calendar" download. One UID per meeting and the meeting's SEQUENCE, so a calendar updates
 * (or removes) the one event whichever way it came.
 */
export function meetingCalendar(
  services: Pick<AppServices, 'config'>,
  meeting: MeetingFacts,
  groupName: string,
  recipient: Pick<Recipient, 'email' | 'firstName' | 'lastName' | 'locale' | 'answer'>,
  kind: MeetingChange,
): { method: CalendarMethod; content: string } {
  const t = TEXT[recipient.locale];
  const method = kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
  const summary = `E-Pairs – ${groupName}${meeting.title ? ` : ${meeting.title}` : ''}`;
  // The calendar entry says what the meeting is; the answer links stay in the e-mail only.
  const description = [
    t.intro[kind](groupName),
    ...meetingDetails(meeting, recipient.locale, kind).map((line) => line.trim()),
  ].join('\n');
  return {
    method,
    content: buildCalendar({
      uid: `meeting-${meeting.id}@e-pairs`,
      sequence: meeting.sequence,
      method,
      startsAt: meeting.startsAt,
      durationMinutes: meeting.durationMinutes,
      summary,
      description,
      location: where(meeting),
      url: meeting.mode !== 'IN_PERSON' ? meeting.link : null,
      organizer: {
        name: `E-Pairs – ${groupName}`,
        email: senderAddress(services.config.mail.from),
      },
      attendee: {
        name: `${recipient.firstName} ${recipient.lastName}`,
        email: recipient.email,
        status: recipient.answer ? PARTSTAT[recipient.answer] : 'NEEDS-ACTION',
      },
    }),
  };
}

/** One member's message about a meeting: text in its language, .ics for invitations. */
export function composeMeetingMail(
  services: Pick<AppServices, 'config' | 'rsvpLinks'>,
  meeting: MeetingFacts,
  groupName: string,
  recipient: Recipient,
  kind: MailKind,
): MailMessage {
  const t = TEXT[recipient.locale];
  const start = clock.format(meeting.startsAt);
  const cancelled = kind === 'cancelled';
  const details = meetingDetails(meeting, recipient.locale, kind);
  const lines = [t.hello(recipient.firstName), '', t.intro[kind](groupName), '', ...details, ''];

  let yesLink: string | undefined;
  if (!cancelled) {
    // A link stays good until the meeting starts; answers close then.
    const links = (['YES', 'NO', 'MAYBE'] as const).map((answer) => {
      const link = services.rsvpLinks.link({
        meetingId: meeting.id,
        memberId: recipient.memberId,
        answer,
        expiresAt: meeting.startsAt,
      });
      if (answer === 'YES') yesLink = link;
      return `  - ${ANSWER_LABELS[answer][recipient.locale]}${t.colon}${link}`;
    });
    if (recipient.answer) {
      lines.push(t.answered(ANSWER_LABELS[recipient.answer][recipient.locale]), t.change);
    } else {
      lines.push(t.ask);
    }
    lines.push(...links, '', t.portal);
  }

  let calendar: MailMessage['calendar'];
  if (kind !== 'reminder') {
    calendar = meetingCalendar(services, meeting, groupName, recipient, kind);
    if (!cancelled) lines.push('');
    lines.push(cancelled ? t.removed : t.attached);
  }
  lines.push('', '--', 'E-Pairs');

  const when = t.when(formats[recipient.locale].short.format(meeting.startsAt), start);
  return {
    to: recipient.email,
    subject: t.subject[kind](groupName, when),
    text: lines.join('\n'),
    link: yesLink,
    calendar,
  };
}

/** Sends each message on its own: one refused address does not keep the others from theirs. */
export async function sendEach(
  services: Pick<AppServices, 'mailer' | 'logger'>,
  messages: MailMessage[],
  context: Record<string, unknown>,
): Promise<number> {
  let sent = 0;
  for (const message of messages) {
    try {
      await services.mailer.send(message);
      sent += 1;
    } catch (error) {
      services.logger.error({ err: error, ...context }, 'meeting e-mail not sent');
    }
  }
  return sent;
}

/**
 * Queues the meeting's reminder, in the request's transaction (REMINDER_DELAY before the start).
 * A moved meeting gets a new job; the old one finds the start changed and sends nothing. A
 * meeting that starts sooner than the delay gets none: its invitation is the notice.
 */
async function scheduleReminder(ctx: RequestContext, meeting: MeetingFacts): Promise<void> {
  const { jobs, config, logger } = ctx.services;
  if (meeting.status !== 'PLANNED') return;
  const remindAt = new Date(meeting.startsAt.getTime() - config.reminderDelaySeconds * 1000);
  if (remindAt.getTime() <= Date.now()) return;
  if (!jobs.enabled) {
    logger.debug({ meetingId: meeting.id }, 'no job queue: reminder not scheduled');
    return;
  }
  const startsAt = meeting.startsAt.toISOString();
  const job: ReminderJob = { meetingId: meeting.id, startsAt };
  await jobs.sendInTransaction(await ctx.manager(), REMINDER_QUEUE, job, {
    startAfter: remindAt,
    // One queued reminder per meeting and start: re-planning the same start adds none.
    singletonKey: `${meeting.id}@${startsAt}`,
  });
}

/**
 * Tells the group's members about a planned, moved or cancelled meeting (e-mail with an .ics
 * invitation, sent after the commit) and (re)schedules its reminder in the same transaction.
 * Called by the meetings service at each change, after `sequence` was bumped.
 */
export async function notifyMeetingChange(
  ctx: RequestContext,
  meeting: Meeting,
  change: MeetingChange,
): Promise<void> {
  // The person who changes the meeting (relay person, administrator) sees its group's members.
  const { groupName, recipients } = await loadAudience(await ctx.manager(), meeting);
  if (change !== 'cancelled') await scheduleReminder(ctx, meeting);
  const messages = recipients.map((recipient) =>
    composeMeetingMail(ctx.services, meeting, groupName, recipient, change),
  );
  if (messages.length === 0) return;
  const context = { requestId: ctx.requestId, meetingId: meeting.id, change };
  ctx.tx.afterCommit(async () => {
    await sendEach(ctx.services, messages, context);
  });
}

/**
 * The relay person's reminder, on demand: the invitation again (with its .ics) to the group's
 * current members who have not answered, sent after the commit. Returns how many are written to.
 */
export async function remindUnanswered(ctx: RequestContext, meeting: Meeting): Promise<number> {
  const { groupName, recipients } = await loadAudience(await ctx.manager(), meeting);
  const messages = recipients
    .filter((recipient) => recipient.answer === null)
    .map((recipient) =>
      composeMeetingMail(ctx.services, meeting, groupName, recipient, 'reminder'),
    );
  if (messages.length > 0) {
    const context = { requestId: ctx.requestId, meetingId: meeting.id, change: 'remind' };
    ctx.tx.afterCommit(async () => {
      await sendEach(ctx.services, messages, context);
    });
  }
  return messages.length;
}
