import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { RSVP_ANSWERS, type RsvpAnswer } from '@epairs/shared';
import express, { type Request, type Response, type Router } from 'express';
import type { EntityManager } from 'typeorm';
import { inSeparateSystemTransaction } from '../../common/db/system-transaction';
import type { AppServices } from '../../common/services';
import { memberByKey } from '../../common/db/lookups';

/**
 * The RSVP links of invitation e-mails. `GET /rsvp?token=…` records nothing: it shows a small
 * French page with the meeting and a one-click confirmation form, because mail security scanners
 * (Microsoft Safe Links and the like) follow every link of a message and would otherwise answer
 * for the member (a NO also stops its reminder). Only `POST /rsvp` (the token and the answer)
 * records. The token names a meeting, a member, an answer (the one preselected on the page) and
 * an expiry, signed with HMAC-SHA256 under a key of its own (HKDF from RSVP_LINK_SECRET, or from
 * the JWT private key); it grants nothing else, and is not a bearer token of the API.
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

/**
 * Saves a member's answer (insert or change). With `onlyIfChanged`, an unchanged answer is left
 * alone (its time too); the result says whether a row was written.
 */
export async function saveRsvp(
  manager: EntityManager,
  row: { meetingId: string; memberId: string; societyId: string; answer: RsvpAnswer },
  options: { onlyIfChanged?: boolean } = {},
): Promise<boolean> {
  const written = (await manager.query(
    `INSERT INTO meeting_rsvp (meeting_id, member_id, society_id, answer) VALUES ($1, $2, $3, $4)
     ON CONFLICT (meeting_id, member_id) DO UPDATE SET answer = EXCLUDED.answer, answered_at = now()
     ${options.onlyIfChanged ? 'WHERE meeting_rsvp.answer IS DISTINCT FROM EXCLUDED.answer' : ''}
     RETURNING meeting_id`,
    [row.meetingId, row.memberId, row.societyId, row.answer],
  )) as unknown[];
  return written.length > 0;
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
  title: string | null;
  group_name: string;
  user_id: string;
  previous: RsvpAnswer | null;
}

interface Refusal {
  status: number;
  title: string;
  message: string;
}

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
  fieldset { border: 0; margin: 0; padding: 0; }
  legend { font-weight: 600; margin-bottom: .5rem; }
  button { font: inherit; margin: .25rem .5rem .25rem 0; padding: .5rem 1rem; border: 2px solid #0b4f8a; border-radius: .25rem; background: #fff; color: #0b4f8a; cursor: pointer; }
  button.primary { background: #0b4f8a; color: #fff; }
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

const refusal = (status: number, title: string, message: string): Refusal => ({
  status,
  title,
  message,
});

/** The token's claims, or why it is refused (forged or altered: 400; expired: 410). */
function checkToken(services: AppServices, token: unknown): RsvpClaims | Refusal {
  const claims = services.rsvpLinks.verify(token);
  if (!claims) {
    return refusal(
      400,
      'Lien invalide',
      'Ce lien de réponse est incomplet ou invalide. Répondez depuis le portail E-Pairs.',
    );
  }
  if (claims.expired) return refusal(410, 'Lien expiré', 'Ce lien de réponse a expiré.');
  return claims;
}

/**
 * The invitation the claims name, if the member still belongs to the group (403 otherwise) and
 * the meeting still takes answers (409 otherwise). Run in a system transaction.
 */
async function findInvitation(
  manager: EntityManager,
  claims: RsvpClaims,
): Promise<Invitation | Refusal> {
  const [invitation] = (await manager.query(
    `SELECT m.society_id, m.status, m.starts_at, m.title, g.name AS group_name,
            u.id AS user_id, r.answer AS previous
       FROM meeting m
       JOIN peer_group g ON g.id = m.group_id
       JOIN group_membership gm ON gm.group_id = m.group_id AND gm.member_id = $2 AND gm.left_on IS NULL
       JOIN ${memberByKey('mb', 'gm.member_id', "member.status = 'ACTIVE'")}
       JOIN user_account u ON u.id = mb.user_id AND u.status <> 'DISABLED'
       LEFT JOIN meeting_rsvp r ON r.meeting_id = m.id AND r.member_id = mb.id
      WHERE m.id = $1`,
    [claims.meetingId, claims.memberId],
  )) as Invitation[];
  if (!invitation) {
    return refusal(
      403,
      'Réponse impossible',
      'Cette invitation ne vous concerne plus (réunion introuvable ou groupe quitté).',
    );
  }
  const closed = rsvpClosedReason({
    status: invitation.status,
    startsAt: new Date(invitation.starts_at),
  });
  return closed ? refusal(409, 'Réponse impossible', closed) : invitation;
}

const isRefusal = (value: object): value is Refusal => 'message' in value;

function refuse(response: Response, { status, title, message }: Refusal): void {
  page(response, status, title, `<p role="alert">${escapeHtml(message)}</p>`);
}

/** The meeting, as the page names it. */
function meetingLine(invitation: Invitation): string {
  const when = parisDateTime.format(new Date(invitation.starts_at));
  const title = invitation.title ? ` : ${escapeHtml(invitation.title)}` : '';
  return `<p>Réunion du groupe « ${escapeHtml(invitation.group_name)} »${title}, le ${escapeHtml(
    when,
  )} (heure de Paris).</p>`;
}

/**
 * The answer form: one POST per click, the token in the body. The first button, the form's
 * default, is `preselected` (the link's answer) when given; `answers` lists the buttons. The
 * action is relative, so that it stays under PUBLIC_URL's path.
 */
function answerForm(
  token: string,
  legend: string,
  answers: readonly RsvpAnswer[],
  preselected?: RsvpAnswer,
): string {
  const buttons = answers.map((answer) =>
    answer === preselected
      ? `<button type="submit" name="answer" value="${answer}" class="primary">Confirmer : ${ANSWER_LABELS[answer].fr.toLowerCase()}</button>`
      : `<button type="submit" name="answer" value="${answer}">${ANSWER_LABELS[answer].fr}</button>`,
  );
  return `<form method="post" action="rsvp">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<fieldset>
<legend>${escapeHtml(legend)}</legend>
${buttons.join('\n')}
</fieldset>
</form>`;
}

/**
 * GET: checks the link (same refusals as the POST) and shows the confirmation page, in a
 * read-only transaction: following the link records nothing.
 */
async function confirmationPage(services: AppServices, request: Request, response: Response) {
  const claims = checkToken(services, request.query.token);
  if (isRefusal(claims)) return refuse(response, claims);
  const invitation = await inSeparateSystemTransaction(services.dataSource, async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    return findInvitation(manager, claims);
  });
  if (isRefusal(invitation)) return refuse(response, invitation);
  const current = invitation.previous
    ? `<p>Votre réponse actuelle : « ${ANSWER_LABELS[invitation.previous].fr} ».</p>\n`
    : '';
  const others = RSVP_ANSWERS.filter((answer) => answer !== claims.answer);
  page(
    response,
    200,
    'Confirmer votre réponse',
    `${meetingLine(invitation)}
${current}${answerForm(request.query.token as string, 'Votre réponse', [claims.answer, ...others], claims.answer)}
<p>Rien n’est enregistré avant que vous ne cliquiez sur un bouton. Vous pouvez aussi répondre depuis le portail E-Pairs.</p>`,
  );
}

/**
 * Whether a browser says the POST comes from another site. The token in the body is the only
 * credential: no cookie or session is involved, so a form on another site carries no authority
 * of the member's browser, and could only submit a token its author already holds (and could as
 * well send itself). As a further guard, posts a browser marks as cross-site are refused
 * (Sec-Fetch-Site; else an Origin that is not ours). With it: the page cannot be framed (helmet's
 * frame-ancestors 'self' and X-Frame-Options), its form posts only here (form-action 'self'), and
 * it sends no Referer that would carry the token elsewhere (Referrer-Policy: no-referrer).
 */
function crossSite(request: Request, publicUrl: string): boolean {
  const site = request.get('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = request.get('origin');
  // Under Referrer-Policy: no-referrer, browsers send "Origin: null" even from this very page.
  if (origin === undefined || origin === 'null') return false;
  try {
    return origin !== new URL(publicUrl).origin && new URL(origin).host !== request.get('host');
  } catch {
    return true;
  }
}

/**
 * POST: records the answer (the `answer` field, else the token's), audited, in one system
 * transaction; the same answer again writes and audits nothing.
 */
async function recordAnswer(services: AppServices, request: Request, response: Response) {
  if (crossSite(request, services.config.publicUrl)) {
    return refuse(
      response,
      refusal(
        403,
        'Requête refusée',
        'Répondez depuis la page de confirmation d’E-Pairs ou depuis le portail.',
      ),
    );
  }
  const body = (request.body ?? {}) as { token?: unknown; answer?: unknown };
  const claims = checkToken(services, body.token);
  if (isRefusal(claims)) return refuse(response, claims);
  const answer = body.answer ?? claims.answer;
  if (typeof answer !== 'string' || !(RSVP_ANSWERS as readonly string[]).includes(answer)) {
    return refuse(response, refusal(400, 'Réponse invalide', 'Cette réponse n’existe pas.'));
  }
  const chosen = answer as RsvpAnswer;
  const requestId = request.headers['x-request-id'] as string;
  const invitation = await inSeparateSystemTransaction(services.dataSource, async (manager) => {
    const found = await findInvitation(manager, claims);
    if (isRefusal(found)) return found;
    const changed = await saveRsvp(
      manager,
      { ...claims, answer: chosen, societyId: found.society_id },
      { onlyIfChanged: true },
    );
    if (changed) {
      await manager.query(
        `INSERT INTO audit_event (society_id, actor_user_id, action, entity_type, entity_id, changed_fields, request_id)
         VALUES ($1, $2, 'meeting.rsvp', 'Meeting', $3, '{answer}', $4)`,
        [found.society_id, found.user_id, claims.meetingId, requestId],
      );
    }
    return found;
  });
  if (isRefusal(invitation)) return refuse(response, invitation);
  page(
    response,
    200,
    'Réponse enregistrée',
    `<p role="status">${RECORDED[chosen]}</p>
${meetingLine(invitation)}
${answerForm(
  body.token as string,
  'Changer d’avis',
  RSVP_ANSWERS.filter((other) => other !== chosen),
)}
<p>Vous pouvez aussi répondre depuis le portail E-Pairs.</p>`,
  );
}

/** The routes of the e-mailed RSVP links (mounted before the 404 handler). */
export function rsvpLinkRouter(services: AppServices): Router {
  const router = express.Router();
  const handle =
    (
      work: (services: AppServices, request: Request, response: Response) => Promise<void>,
      failure: string,
    ) =>
    (request: Request, response: Response) =>
      work(services, request, response).catch((error: unknown) => {
        services.logger.error(
          { err: error, requestId: request.headers['x-request-id'] },
          'rsvp link',
        );
        page(response, 500, 'Erreur', `<p role="alert">${failure} Réessayez plus tard.</p>`);
      });
  router.get('/rsvp', handle(confirmationPage, 'Cette page n’a pas pu être affichée.'));
  router.post(
    '/rsvp',
    express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 10 }),
    handle(recordAnswer, 'Votre réponse n’a pas pu être enregistrée.'),
  );
  return router;
}
