import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { RSVP_ANSWERS, type RsvpAnswer } from '@epairs/shared';
import express, { type Request, type Response, type Router } from 'express';
import type { EntityManager } from 'typeorm';
import { inSeparateSystemTransaction } from '../../common/db/system-transaction';
import type { AppServices } from '../../common/services';

/**
 * The RSVP links of invitation e-mails: `GET /rsvp?token=…` records the answer the link names and
 * shows a small French page. The token names a meeting, a member, an answer and an expiry, signed
 * with HMAC-SHA256 under a key of its own (HKDF from RSVP_LINK_SECRET, or from the JWT private
 * key); it grants nothing else, and is not a bearer token of the API.
 */

export interface RsvpClaims {
  meetingId: string;
  memberId: string;
  answer: RsvpAnswer;
  expiresAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class RsvpLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly publicUrl: string,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'epairs', 'rsvp-link/v1', 32));
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(`rsvp:${payload}`).digest('base64url');
  }

  token(claims: RsvpClaims): string {
    const payload = [
      claims.meetingId,
      claims.memberId,
      claims.answer,
      Math.floor(claims.expiresAt.getTime() / 1000),
    ].join('.');
    return `${payload}.${this.mac(payload)}`;
  }

  link(claims: RsvpClaims): string {
    return `${this.publicUrl}/rsvp?token=${encodeURIComponent(this.token(claims))}`;
  }

  /** The claims of a well-signed token, with `expired` set past its expiry; null otherwise. */
  verify(token: unknown, now = Date.now()): (RsvpClaims & { expired: boolean }) | null {
    if (typeof token !== 'string' || token.length > 200) return null;
    const parts = token.split('.');
    if (parts.length !== 5) return null;
    const [meetingId, memberId, answer, expiry, signature] = parts as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (!UUID.test(meetingId) || !UUID.test(memberId) || !/^\d{1,12}$/.test(expiry)) return null;
    if (!(RSVP_ANSWERS as readonly string[]).includes(answer)) return null;
    const expected = Buffer.from(this.mac(parts.slice(0, 4).join('.')));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const expiresAt = new Date(Number(expiry) * 1000);
    return {
      meetingId,
      memberId,
      answer: answer as RsvpAnswer,
      expiresAt,
      expired: expiresAt.getTime() <= now,
    };
  }
}

/** Why a meeting no longer takes answers, in French; null while it does. */
export function rsvpClosedReason(
  meeting: { status: string; startsAt: Date },
  now = Date.now(),
): string | null {
  if (meeting.status === 'CANCELLED') return 'Cette réunion est annulée.';
  if (meeting.status !== 'PLANNED' || meeting.startsAt.getTime() <= now) {
    return 'Les réponses sont closes : la réunion a commencé.';
  }
  return null;
}

/** Saves a member's answer (insert or change). */
export async function saveRsvp(
  manager: EntityManager,
  row: { meetingId: string; memberId: string; societyId: string; answer: RsvpAnswer },
): Promise<void> {
  await manager.query(
    `INSERT INTO meeting_rsvp (meeting_id, member_id, society_id, answer) VALUES ($1, $2, $3, $4)
     ON CONFLICT (meeting_id, member_id) DO UPDATE SET answer = EXCLUDED.answer, answered_at = now()`,
    [row.meetingId, row.memberId, row.societyId, row.answer],
  );
}

export const ANSWER_LABELS: Record<RsvpAnswer, { fr: string; en: string }> = {
  YES: { fr: 'Je participerai', en: 'I will attend' },
  NO: { fr: 'Je ne participerai pas', en: 'I will not attend' },
  MAYBE: { fr: 'Peut-être', en: 'Maybe' },
};

const RECORDED: Record<RsvpAnswer, string> = {
  YES: 'Vous participerez à la réunion.',
  NO: 'Vous ne participerez pas à la réunion.',
  MAYBE: 'Vous participerez peut-être à la réunion.',
};

interface Invitation {
  society_id: string;
  status: string;
  starts_at: Date;
  group_name: string;
  user_id: string;
  previous: RsvpAnswer | null;
}

type Outcome =
  | { kind: 'recorded'; invitation: Invitation; claims: RsvpClaims }
  | { kind: 'refused'; status: number; title: string; message: string };

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (character) =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );

const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function page(response: Response, status: number, title: string, body: string): void {
  response
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'x-robots-tag': 'noindex',
    })
    .send(
      `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – E-Pairs</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f5f5f5; color: #1a1a1a; line-height: 1.5; }
  main { max-width: 36rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: .5rem; }
  h1 { font-size: 1.5rem; margin-top: 0; }
  form { display: inline-block; margin: .25rem .5rem .25rem 0; }
  button { font: inherit; padding: .5rem 1rem; border: 2px solid #0b4f8a; border-radius: .25rem; background: #fff; color: #0b4f8a; cursor: pointer; }
  button:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`,
    );
}

/** Checks the token against the database and records the answer, in one system transaction. */
async function record(services: AppServices, token: unknown, requestId: string): Promise<Outcome> {
  const claims = services.rsvpLinks.verify(token);
  if (!claims) {
    return {
      kind: 'refused',
      status: 400,
      title: 'Lien invalide',
      message: 'Ce lien de réponse est incomplet ou invalide. Répondez depuis le portail E-Pairs.',
    };
  }
  if (claims.expired) {
    return {
      kind: 'refused',
      status: 410,
      title: 'Lien expiré',
      message: 'Ce lien de réponse a expiré.',
    };
  }
  return inSeparateSystemTransaction(services.dataSource, async (manager) => {
    // The member must still belong to the group, and the meeting still take answers.
    const [invitation] = (await manager.query(
      `SELECT m.society_id, m.status, m.starts_at, g.name AS group_name,
              u.id AS user_id, r.answer AS previous
         FROM meeting m
         JOIN peer_group g ON g.id = m.group_id
         JOIN group_membership gm ON gm.group_id = m.group_id AND gm.member_id = $2 AND gm.left_on IS NULL
         JOIN member mb ON mb.id = gm.member_id AND mb.status = 'ACTIVE'
         JOIN user_account u ON u.id = mb.user_id AND u.status <> 'DISABLED'
         LEFT JOIN meeting_rsvp r ON r.meeting_id = m.id AND r.member_id = mb.id
        WHERE m.id = $1`,
      [claims.meetingId, claims.memberId],
    )) as Invitation[];
    if (!invitation) {
      return {
        kind: 'refused',
        status: 403,
        title: 'Réponse impossible',
        message: 'Cette invitation ne vous concerne plus (réunion introuvable ou groupe quitté).',
      } as const;
    }
    const closed = rsvpClosedReason({
      status: invitation.status,
      startsAt: new Date(invitation.starts_at),
    });
    if (closed) {
      return {
        kind: 'refused',
        status: 409,
        title: 'Réponse impossible',
        message: closed,
      } as const;
    }
    if (invitation.previous !== claims.answer) {
      await saveRsvp(manager, { ...claims, societyId: invitation.society_id });
      await manager.query(
        `INSERT INTO audit_event (society_id, actor_user_id, action, entity_type, entity_id, changed_fields, request_id)
         VALUES ($1, $2, 'meeting.rsvp', 'Meeting', $3, '{answer}', $4)`,
        [invitation.society_id, invitation.user_id, claims.meetingId, requestId],
      );
    }
    return { kind: 'recorded', invitation, claims } as const;
  });
}

async function answer(services: AppServices, request: Request, response: Response) {
  const token = request.method === 'POST' ? request.body?.token : request.query.token;
  const outcome = await record(services, token, request.headers['x-request-id'] as string);
  if (outcome.kind === 'refused') {
    page(
      response,
      outcome.status,
      outcome.title,
      `<p role="alert">${escapeHtml(outcome.message)}</p>`,
    );
    return;
  }
  const { invitation, claims } = outcome;
  const when = parisDateTime.format(new Date(invitation.starts_at));
  // Other answers, as buttons (POST): a link checker that follows links never changes them.
  const others = RSVP_ANSWERS.filter((other) => other !== claims.answer)
    .map(
      (other) =>
        `<form method="post" action="/rsvp"><input type="hidden" name="token" value="${escapeHtml(
          services.rsvpLinks.token({ ...claims, answer: other }),
        )}"><button type="submit">${ANSWER_LABELS[other].fr}</button></form>`,
    )
    .join('\n');
  page(
    response,
    200,
    'Réponse enregistrée',
    `<p role="status">${RECORDED[claims.answer]}</p>
<p>Réunion du groupe « ${escapeHtml(invitation.group_name)} », le ${escapeHtml(when)} (heure de Paris).</p>
<p>Changer d’avis :</p>
${others}
<p>Vous pouvez aussi répondre depuis le portail E-Pairs.</p>`,
  );
}

/** The routes of the e-mailed RSVP links (mounted before the 404 handler). */
export function rsvpLinkRouter(services: AppServices): Router {
  const router = express.Router();
  const handle = (request: Request, response: Response) =>
    answer(services, request, response).catch((error: unknown) => {
      services.logger.error(
        { err: error, requestId: request.headers['x-request-id'] },
        'rsvp link',
      );
      page(
        response,
        500,
        'Erreur',
        '<p role="alert">Votre réponse n’a pas pu être enregistrée. Réessayez plus tard.</p>',
      );
    });
  router.get('/rsvp', handle);
  router.post('/rsvp', express.urlencoded({ extended: false, limit: '2kb' }), handle);
  return router;
}
