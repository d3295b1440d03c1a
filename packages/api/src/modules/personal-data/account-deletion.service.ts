import { conflict, forbidden, notFound } from '../../common/errors';
import { notify } from '../../common/mail/notify';
import type { RequestContext } from '../../common/request-context';
import { InputCheck, isUuid } from '../../common/validation';
import { AccountDeletionRequest } from './account-deletion-request.entity';

async function audited(ctx: RequestContext, action: string, request: AccountDeletionRequest) {
  await ctx.audit({
    action,
    entityType: 'AccountDeletionRequest',
    entityId: request.id,
    societyId: request.societyId,
    changedFields: ['status'],
  });
}

export const accountDeletionService = {
  /** The person's latest request, whatever its status; null if they never asked. */
  async mine(ctx: RequestContext): Promise<AccountDeletionRequest | null> {
    const { user } = await ctx.requireAuth();
    const manager = await ctx.manager();
    return manager.getRepository(AccountDeletionRequest).findOne({
      where: { userId: user.id },
      order: { requestedAt: 'DESC', id: 'DESC' },
    });
  },

  /**
   * The person asks for their account to be deleted. Nothing is deleted now: attendance sheets
   * and attestations are kept for DPC audits, and the federation handles the request. One
   * pending request at a time (unique index → CONFLICT).
   */
  async request(ctx: RequestContext, reason?: string | null): Promise<AccountDeletionRequest> {
    const { user } = await ctx.requireAuth();
    const check = new InputCheck();
    const text = reason?.trim() ? check.text('reason', reason, 'Le motif', 1, 2000) : null;
    check.done();
    const manager = await ctx.manager();
    const repository = manager.getRepository(AccountDeletionRequest);
    const { identifiers } = await repository.insert({
      userId: user.id,
      societyId: user.societyId,
      reason: text,
      status: 'PENDING',
    });
    const request = await repository.findOneByOrFail({ id: identifiers[0]!.id as string });
    await audited(ctx, 'account.deletion-request', request);
    // The federation is told that a request waits, never who asked nor why.
    const link = `${ctx.services.config.publicUrl}/admin/`;
    await notify(
      ctx,
      { federationAdmins: true },
      (locale) =>
        locale === 'en'
          ? {
              subject: 'E-Pairs: an account deletion request',
              lines: [
                'A person asked for their E-Pairs account to be deleted.',
                `The request (reference ${request.id}) awaits handling in the administration console.`,
              ],
              link,
            }
          : {
              subject: 'E-Pairs : une demande de suppression de compte',
              lines: [
                'Une personne a demandé la suppression de son compte E-Pairs.',
                `La demande (référence ${request.id}) attend d’être traitée dans la console d’administration.`,
              ],
              link,
            },
      { accountDeletionRequestId: request.id },
    );
    return request;
  },

  /** The person withdraws their own request while it is still pending. */
  async cancel(ctx: RequestContext, id: string): Promise<AccountDeletionRequest> {
    const { user } = await ctx.requireAuth();
    const manager = await ctx.manager();
    const repository = manager.getRepository(AccountDeletionRequest);
    const request = isUuid(id) ? await repository.findOneBy({ id }) : null;
    if (!request) throw notFound('Demande de suppression');
    // Administrators may read their society's requests; only the person withdraws theirs.
    if (request.userId !== user.id)
      throw forbidden('Seule la personne qui a fait la demande peut la retirer.');
    const { affected } = await repository.update(
      { id: request.id, status: 'PENDING' },
      { status: 'CANCELLED', handledAt: () => 'now()', handledBy: user.id },
    );
    if (!affected)
      throw conflict('Cette demande n’est plus en attente : elle ne peut plus être retirée.', {
        field: 'id',
      });
    const cancelled = await repository.findOneByOrFail({ id: request.id });
    await audited(ctx, 'account.deletion-cancel', cancelled);
    return cancelled;
  },
};
