import { TIME_ZONE } from '@epairs/shared';
import { sendEach } from '../../modules/meetings/invitations';
import type { RequestContext } from '../request-context';
import { memberByKey } from '../db/lookups';

export type Locale = 'fr' | 'en';

/** One notice, in the recipient's language. It names things and links; it never quotes content. */
export interface Notice {
  subject: string;
  lines: string[];
  link: string;
}

/** Whom to tell: accounts, members, the group's current members, its binôme, or the federation. */
export interface Audience {
  userIds?: string[];
  memberIds?: string[];
  membersOfGroupId?: string;
  binomeOfGroupId?: string;
  federationAdmins?: boolean;
}

const DAY = {
  fr: new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, dateStyle: 'long' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, dateStyle: 'long' }),
};

/** A day as the recipient reads it, in Paris time. */
export const dayIn = (locale: Locale, at: Date) => DAY[locale].format(at);

/**
 * E-mails the audience (active accounts, the person acting excepted) once the transaction has
 * committed, so a rolled-back request tells nobody. Addresses are read as system work: the
 * person acting may not read the others' accounts, and only addresses leave this function.
 */
export async function notify(
  ctx: RequestContext,
  audience: Audience,
  compose: (locale: Locale) => Notice,
  context: Record<string, unknown>,
): Promise<void> {
  const { user } = await ctx.requireAuth();
  const rows = (await ctx.asSystem((manager) =>
    manager.query(
      `SELECT DISTINCT u.email, u.locale FROM user_account u
        WHERE u.status = 'ACTIVE' AND u.id <> $5
          AND (u.id = ANY ($1)
               OR u.id IN (SELECT user_id FROM member WHERE id = ANY ($2) AND user_id IS NOT NULL)
               OR u.id IN (SELECT m.user_id FROM group_membership gm JOIN ${memberByKey('m', 'gm.member_id')}
                            WHERE gm.group_id = $3 AND gm.left_on IS NULL AND m.status = 'ACTIVE')
               OR u.id IN (SELECT b.user_id FROM binome_assignment b WHERE b.group_id = $4 AND b.ended_at IS NULL)
               OR ($6 AND u.id IN (SELECT g.user_id FROM role_grant g WHERE g.role = 'FEDERATION_ADMIN')))
        ORDER BY u.email`,
      [
        audience.userIds ?? [],
        audience.memberIds ?? [],
        audience.membersOfGroupId ?? null,
        audience.binomeOfGroupId ?? null,
        user.id,
        audience.federationAdmins ?? false,
      ],
    ),
  )) as { email: string; locale: Locale }[];
  if (rows.length === 0) return;
  const messages = rows.map((row) => {
    const notice = compose(row.locale === 'en' ? 'en' : 'fr');
    return {
      to: row.email,
      subject: notice.subject,
      text: [...notice.lines, '', notice.link, '', '--', 'E-Pairs'].join('\n'),
      link: notice.link,
    };
  });
  const details = { requestId: ctx.requestId, ...context };
  ctx.tx.afterCommit(async () => {
    await sendEach(ctx.services, messages, details);
  });
}
