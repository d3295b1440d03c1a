import { randomUUID } from 'node:crypto';
import { RequestContext } from '../request-context';
import type { AppServices } from '../services';
import { RequestTransaction } from './request-transaction';

/**
 * Runs work as the person a signed download link was issued to, with that person's row-level
 * settings (and session: a revoked session's links stop working). Downloads of group content
 * (reports, archives) go through the database's policies exactly like the GraphQL request that
 * signed the link; nothing is written, so the transaction is rolled back.
 */
export async function asLinkUser<T>(
  services: AppServices,
  link: { userId: string; sessionId: string; address: string },
  work: (ctx: RequestContext) => Promise<T>,
): Promise<T> {
  const ctx = new RequestContext(
    services,
    new RequestTransaction(services.dataSource),
    randomUUID(),
    link.address,
    null,
    { userId: link.userId, sessionId: link.sessionId },
  );
  try {
    await ctx.requireAuth();
    return await work(ctx);
  } finally {
    await ctx.tx.finish(false);
  }
}
